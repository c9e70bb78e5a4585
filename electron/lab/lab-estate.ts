import { z } from 'zod';
import { ErrorRecordData } from '../../shared/facts/collection-protocol';
import { FirewallProfileStateFacts, FirewallRuleFacts } from '../../shared/facts/firewall-facts';
import { LocalGroupMemberFacts } from '../../shared/facts/local-group-facts';
import { MfaApiProbeFacts, MfaLogFacts, MfaModuleBinary, MfaPathSource } from '../../shared/facts/mfa-facts';
import { TcpOutcome } from '../../shared/facts/reachability-facts';
import { CbtHardeningLevel, WinrmListenerFacts, WinrmServiceFacts } from '../../shared/facts/winrm-facts';
import { SessionConfigurationFacts } from '../../shared/facts/session-configuration-facts';

// A lab estate: the state of made-up servers, from which a simulated collection prints what the real scripts would.

/** A certificate whose validity is given in days relative to the simulation's `now`, so the lab never ages. */
export const LabCertificate = z.object({
  thumbprint: z.string().min(1),
  subject: z.string(),
  dnsNames: z.array(z.string()),
  notBeforeDays: z.number(),
  notAfterDays: z.number(),
  hasPrivateKey: z.boolean(),
  enhancedKeyUsages: z.array(z.string()),
});
export type LabCertificate = z.infer<typeof LabCertificate>;

/** The collector parts a lab server can make fail, as a cmdlet error would. */
export const LabPart = z.enum([
  'winrmService',
  'listeners',
  'serviceAuth',
  'sessionConfigurations',
  'administrators',
  'remoteManagementUsers',
  'certificates',
  'firewallRules',
  'adComputer',
]);
export type LabPart = z.infer<typeof LabPart>;

/** The server's computer object in AD; the delegation flags are derived from userAccountControl like the script does. */
export const LabAdComputer = z.object({
  distinguishedName: z.string(),
  userAccountControl: z.number().int(),
  allowedToDelegateTo: z.array(z.string()).default([]),
  allowedToActOnBehalfOfOtherIdentityPresent: z.boolean().default(false),
});
export type LabAdComputer = z.infer<typeof LabAdComputer>;

/** One app (owa, ecp) of a lab server's MFA module: its web.config text and what sits beside it. */
export const LabMfaApp = z.object({
  app: z.string().min(1),
  physicalPath: z.string().min(1),
  pathSource: MfaPathSource.default('applicationHost.config'),
  /** The file's text; null when the file cannot be read (the error the script would print). */
  webConfig: z.string().nullable(),
  /** Written with a UTF-8 byte order mark, as the Exchange setup writes them. */
  bom: z.boolean().default(true),
  binaries: z.array(MfaModuleBinary).default([]),
  backups: z.array(z.string()).default([]),
});
export type LabMfaApp = z.infer<typeof LabMfaApp>;

export const LabMfa = z.object({
  apps: z.array(LabMfaApp),
  api: MfaApiProbeFacts,
  /** null: the log folder does not exist on the server. */
  logs: MfaLogFacts.nullable(),
});
export type LabMfa = z.infer<typeof LabMfa>;

export const LabExchangeServer = z.object({
  fqdn: z.string().min(1),
  /** What a real Exchange server would print; absent when the server is unreachable. */
  unreachable: ErrorRecordData.nullable().default(null),
  /** The server answers nothing at all (the run ends before it does). */
  silent: z.boolean().default(false),
  winrmService: WinrmServiceFacts,
  listeners: z.array(WinrmListenerFacts),
  cbt: z.object({ level: CbtHardeningLevel, source: z.string().nullable() }),
  sessionConfigurations: z.array(SessionConfigurationFacts),
  administrators: z.array(LocalGroupMemberFacts),
  remoteManagementUsers: z.array(LocalGroupMemberFacts),
  certificates: z.array(LabCertificate),
  firewallRules: z.array(FirewallRuleFacts),
  /** Each profile's state; by default the firewall is on everywhere and blocks what no rule allows. */
  firewallProfiles: z.array(FirewallProfileStateFacts).default(
    (['Domain', 'Private', 'Public'] as const).map((name) => ({
      name,
      enabled: true,
      defaultInboundAction: 'Block' as const,
    })),
  ),
  adComputer: LabAdComputer.nullable(),
  /** TCP 5986 outcome from every sync server and the jump host unless overridden per client. */
  tcp5986: TcpOutcome.default('reachable'),
  tcp5986From: z.record(z.string(), TcpOutcome).default({}),
  /** Parts whose cmdlet fails on this server, with the error text it prints. */
  failingParts: z.partialRecord(LabPart, z.string()).default({}),
  /** The MFA module's state; absent: the area fails as on a server without IIS. */
  mfa: LabMfa.optional(),
  /** The server's own WinRM client TrustedHosts (empty on a fresh server). */
  trustedHosts: z
    .object({ value: z.string(), source: z.string().nullable() })
    .default({ value: '', source: null }),
});
export type LabExchangeServer = z.infer<typeof LabExchangeServer>;
export type LabExchangeServerInput = z.input<typeof LabExchangeServer>;

export const LabSyncServer = z.object({
  fqdn: z.string().min(1),
  trustedHosts: z.object({ value: z.string(), source: z.string().nullable() }),
  unreachable: ErrorRecordData.nullable().default(null),
});
export type LabSyncServer = z.infer<typeof LabSyncServer>;

export const LabEstate = z.object({
  name: z.string().min(1),
  serviceAccount: z.string().min(1).nullable(),
  /** What the jump host translates the service account to; null: the lab cannot translate it. */
  serviceAccountSid: z.string().min(1).nullable().default(null),
  jumpHost: z.string().min(1),
  syncServers: z.array(LabSyncServer),
  exchangeServers: z.array(LabExchangeServer).min(1),
  /** Warning records the run prints (e.g. a deprecated setting). */
  warnings: z.array(z.object({ server: z.string().nullable(), message: z.string() })).default([]),
});
export type LabEstate = z.infer<typeof LabEstate>;
export type LabEstateInput = z.input<typeof LabEstate>;
