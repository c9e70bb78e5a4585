import { z } from 'zod';

// What the window and the CLI may pass to sign-in: both end up in the authority URL, so nothing else gets through.

/** A tenant as Entra names it in an authority: its GUID, or a domain (contoso.onmicrosoft.com, contoso.com). */
export const TenantName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/,
    'a tenant id (GUID) or a domain such as contoso.onmicrosoft.com',
  );

/** An app registration's client (application) id. */
export const ClientId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a client id (GUID)');

export const SignInState = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  z.object({
    signedIn: z.literal(true),
    /** The account's user principal name, as the id token names it. */
    username: z.string(),
    tenantId: z.string(),
    /** The delegated permissions the tenant granted, as the token response lists them. */
    scopes: z.array(z.string()),
  }),
]);
export type SignInState = z.infer<typeof SignInState>;
