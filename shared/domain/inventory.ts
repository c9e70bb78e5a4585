import { z } from 'zod';
import { describeFqdnProblem, Fqdn } from './hostname';
import { quoteInput } from './quote-input';

/** Where a server entry came from, so the admin knows which list to correct. */
export const ServerSource = z.enum(['manual', 'csv', 'active-directory']);
export type ServerSource = z.infer<typeof ServerSource>;

export const ExchangeServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
  source: ServerSource.default('manual'),
  /** As Active Directory reports it (e.g. "Version 15.2 (Build 1544.4)"), when discovered. */
  version: z.string().nullable().default(null),
});
export type ExchangeServer = z.infer<typeof ExchangeServer>;

/** A machine the sync service connects from: TrustedHosts and TCP 5986 are checked there. */
export const SyncServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
  source: ServerSource.default('manual'),
});
export type SyncServer = z.infer<typeof SyncServer>;

// The Microsoft 365 fields' messages name the field and say what is expected: the window shows them beside the
// field and the CLI after its option, so an admin never reads zod's "Invalid input".
const tenantExpected = 'give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com';
const appIdExpected =
  "give the application (client) id of the IdP's app registration (Entra admin center, App registrations), a GUID such as 46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b";
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const initialDomainPattern = /^[a-z0-9][a-z0-9-]{0,62}\.onmicrosoft\.com$/i;

/** A string field whose message names it: missing or not text says what to give; a bad value is quoted with why. */
function namedField(field: string, expected: string, problemOf: (value: string) => string | null) {
  return z
    .string({ error: `${field}: ${expected}` })
    .trim()
    .superRefine((value, ctx) => {
      if (value === '') return void ctx.addIssue({ code: 'custom', message: `${field}: ${expected}` });
      const problem = problemOf(value);
      if (problem !== null)
        ctx.addIssue({ code: 'custom', message: `${field}: ${quoteInput(value)} ${problem}; ${expected}` });
    });
}

/** A host name field (lower-cased, no trailing dot), its messages naming the field and an example of its own. */
function namedHost(field: string, example: string, expected: string) {
  return z
    .string({ error: `${field}: ${expected}` })
    .trim()
    .superRefine((value, ctx) => {
      const problem = describeFqdnProblem(value, example);
      if (problem !== null)
        ctx.addIssue({
          code: 'custom',
          message: value === '' ? `${field}: ${expected}` : `${field}: ${quoteInput(value)} ${problem}`,
        });
    })
    .transform((value) => value.toLowerCase().replace(/\.$/, ''));
}

/** An Entra tenant as Microsoft accepts it: the tenant id (a GUID) or its initial *.onmicrosoft.com domain. */
export const TenantName = namedField('Tenant', tenantExpected, (value) =>
  guidPattern.test(value) || initialDomainPattern.test(value)
    ? null
    : 'is neither a tenant id nor an initial domain',
).transform((value) => value.toLowerCase());

/** The provisioning app's application (client) id, lower-cased. */
export const ProvisioningAppId = namedField("Provisioning app's client id", appIdExpected, (value) =>
  guidPattern.test(value) ? null : 'is not a GUID',
).transform((value) => value.toLowerCase());

/** A custom domain the IdP signs users in for. */
export const FederatedDomain = namedHost(
  'Federated custom domains',
  'contoso.com',
  'give each custom domain the IdP signs users in for, e.g. contoso.com',
);

/** The IdP's sign-in host. */
export const IdpSignInHost = namedHost(
  'IdP sign-in host',
  'login.idp.example',
  'give the host name the IdP signs users in on, e.g. login.idp.example, or leave it empty',
);

/** What the Microsoft 365 checks need to know about the tenant the IdP provisions into (issue #14). */
export const Microsoft365Inventory = z.object(
  {
    tenant: TenantName,
    /** The application (client) id of the IdP's provisioning app registration. */
    provisioningAppId: ProvisioningAppId,
    /** The custom domains the IdP signs users in for (federated). */
    federatedDomains: z
      .array(FederatedDomain, {
        error: 'Federated custom domains: give a list of host names, e.g. contoso.com',
      })
      .default([]),
    /** Host name the federation's issuerUri and passiveSignInUri must point at, e.g. login.idp.example. */
    idpSignInHost: IdpSignInHost.nullable().default(null),
  },
  { error: 'Microsoft 365 tenant: give the tenant, the provisioning app and the federated domains' },
);
export type Microsoft365Inventory = z.infer<typeof Microsoft365Inventory>;

/** The ERP's Exchange Online mail over OAuth (issue #15): its app, how it signs in, and the mailbox it reads. */
export const ExchangeOnlineMailInventory = z
  .object({
    /** The application (client) id of the ERP's app registration. */
    clientId: z.uuid().transform((value) => value.toLowerCase()),
    /** delegated: the ERP account's password (ROPC); app-only: the app's client secret. */
    flow: z.enum(['delegated', 'app-only']),
    /** The mailbox the ERP reads and sends from (primary SMTP address). */
    mailbox: z.email().transform((value) => value.toLowerCase()),
    /** Delegated only: the ERP account's user principal name. */
    account: z
      .email()
      .transform((value) => value.toLowerCase())
      .nullable()
      .default(null),
  })
  .refine((value) => value.flow !== 'delegated' || value.account !== null, {
    path: ['account'],
    message: 'the delegated flow signs in as an account: give its user principal name',
  });
export type ExchangeOnlineMailInventory = z.infer<typeof ExchangeOnlineMailInventory>;

/** The estate ExReady checks: Exchange servers, the sync servers that connect to them, and the account they use. */
export const Inventory = z.object({
  schemaVersion: z.literal(1),
  exchangeServers: z.array(ExchangeServer),
  syncServers: z.array(SyncServer),
  serviceAccount: z.string().nullable(),
  /** Optional: inventories written before the tenant checks have none. */
  microsoft365: Microsoft365Inventory.optional(),
  /** Optional: the ERP's Exchange Online mail (issue #15); older files have none. */
  exchangeOnlineMail: ExchangeOnlineMailInventory.optional(),
});
export type Inventory = z.infer<typeof Inventory>;

export const emptyInventory: Inventory = {
  schemaVersion: 1,
  exchangeServers: [],
  syncServers: [],
  serviceAccount: null,
};

/** A server to add, with its role; what the form, the CSV import and AD discovery produce. */
export const InventoryEntry = z.object({
  fqdn: Fqdn,
  role: z.enum(['exchange', 'sync']),
  version: z.string().nullable().default(null),
});
export type InventoryEntry = z.infer<typeof InventoryEntry>;
