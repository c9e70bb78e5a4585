import { z } from 'zod';

// The MFA module checks: four per app of the profile (owa, ecp), then the API and the logs of the server.

export const mfaArea = 'MFA module' as const;

export const MfaAppCheckKind = z.enum(['bin', 'appsettings', 'module', 'backup']);
export type MfaAppCheckKind = z.infer<typeof MfaAppCheckKind>;

export const MfaCheckMetadata = z.object({
  id: z.string().regex(/^mfa\.[a-z0-9.-]+$/),
  title: z.string(),
  area: z.literal(mfaArea),
  description: z.string(),
});
export type MfaCheckMetadata = z.infer<typeof MfaCheckMetadata>;

export function mfaAppCheckId(app: string, kind: MfaAppCheckKind): string {
  return `mfa.${app}.${kind}`;
}

const appEntries: Record<MfaAppCheckKind, (app: string) => Omit<MfaCheckMetadata, 'id' | 'area'>> = {
  bin: (app) => ({
    title: `${app}: module DLL`,
    description: `The module's DLL is in the ${app} bin folder, at the same version on every server, signed by its vendor.`,
  }),
  appsettings: (app) => ({
    title: `${app}: appSettings`,
    description: `The ${app} web.config carries every key the module needs, each once, with valid values that match the other servers.`,
  }),
  module: (app) => ({
    title: `${app}: IIS module entry`,
    description: `The module is registered last in the ${app} system.webServer/modules, as its vendor asks.`,
  }),
  backup: (app) => ({
    title: `${app}: web.config backup`,
    description: `A web.config backup taken by ExReady sits beside the ${app} web.config, so a change can be rolled back.`,
  }),
};

/** The MFA checks for a profile's apps, in the order they are shown and reported. */
export function mfaCatalogue(apps: readonly string[]): MfaCheckMetadata[] {
  return [
    ...apps.flatMap((app) =>
      MfaAppCheckKind.options.map((kind) => ({
        id: mfaAppCheckId(app, kind),
        area: mfaArea,
        ...appEntries[kind](app),
      })),
    ),
    {
      id: 'mfa.api',
      title: 'MFA API reachable from the server',
      area: mfaArea,
      description:
        'The Exchange server opens the MONOSIGN_API_URL address (DNS, TCP, TLS certificate, HTTP).',
    },
    {
      id: 'mfa.logs',
      title: 'MFA module log',
      area: mfaArea,
      description: "The module's newest log lines show none of the failures its vendor documents.",
    },
  ];
}
