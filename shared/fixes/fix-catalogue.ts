import { z } from 'zod';
import { remotingFixIds } from '../checks/remoting-fix-ids';
import { FixRisk, firewallScopeRisk, noRisk, trustedHostsRisk, type RiskAssessment } from './fix-risk';
import {
  CbtLevelParameters,
  CertificateReplaceParameters,
  FirewallParameters,
  ListenerCreateParameters,
  NoParameters,
  ServiceAccountParameters,
  TrustedHostsParameters,
} from './fix-parameters';

export { FixRisk } from './fix-risk';

/** What a fix is, as data the preview, the audit and the export share. */
export const FixDescriptor = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** The check this fix should turn green. */
  checkId: z.string().min(1),
  /** resources/powershell/fixes/<script>. */
  script: z.string().regex(/^[A-Za-z-]+\.ps1$/),
  risk: FixRisk,
  /** For risk acceptance: what the change exposes, and what is safer. */
  exposes: z.string().nullable(),
  saferAlternatives: z.array(z.string()),
  secretParameters: z.array(z.string()),
  undoable: z.boolean(),
  /** Where the change is made: the Exchange server, a sync server, or AD from the jump host. */
  target: z.enum(['exchange-server', 'sync-server', 'active-directory']),
});
export type FixDescriptor = z.infer<typeof FixDescriptor>;

export interface FixDefinition extends FixDescriptor {
  parameters: z.ZodType<Record<string, unknown>>;
  /** The risk of these (parsed) parameter values and what they expose: a fix may lower security only with some. */
  riskOf: (parameters: Record<string, unknown>) => RiskAssessment;
}

const cbtExposes =
  'With CbtHardeningLevel None WinRM ignores channel binding tokens, so a relayed or intercepted NTLM authentication can be replayed to this server.';
const delegationExposes =
  'Unconstrained delegation: every user who authenticates to this server leaves a forwardable TGT on it; whoever controls the server can impersonate them anywhere in the forest.';
const wildcardExposes =
  'TrustedHosts "*" or "*.com" lets the sync server send credentials to any host without authenticating it.';
const scopeExposes =
  'A scope wider than the sync servers (Any, 0.0.0.0/0, Internet, LocalSubnet, a subnet or range) lets anyone there try credentials on TCP 5986.';

const always = (exposes: string) => (): RiskAssessment => ({ risk: 'lowers-security', exposes });
const never = (): RiskAssessment => noRisk;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const definitions: FixDefinition[] = [
  {
    id: remotingFixIds.winrmServiceStart,
    title: 'Start WinRM and set it to start automatically',
    checkId: 'winrm.service',
    script: 'Set-ExreadyWinrmService.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: NoParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.httpsListenerCreate,
    title: 'Create the WinRM HTTPS listener on 5986',
    checkId: 'winrm.listener.https',
    script: 'New-ExreadyHttpsListener.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: ListenerCreateParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.httpsListenerEnable,
    title: 'Enable the WinRM HTTPS listener on 5986',
    checkId: 'winrm.listener.https',
    script: 'Enable-ExreadyHttpsListener.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: NoParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.listenerCertificateReplace,
    title: 'Rebind the HTTPS listener to another certificate',
    checkId: 'winrm.listener.cert',
    script: 'Set-ExreadyListenerCertificate.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: CertificateReplaceParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.cbtHardeningNone,
    title: 'Set the WinRM CbtHardeningLevel',
    checkId: 'winrm.auth.cbt',
    script: 'Set-ExreadyCbtHardening.ps1',
    risk: 'lowers-security',
    exposes: cbtExposes,
    saferAlternatives: ['Relaxed (the Windows default)', 'Strict once every client sends tokens'],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: CbtLevelParameters,
    riskOf: (parameters) =>
      parameters.level === 'None' ? { risk: 'lowers-security', exposes: cbtExposes } : noRisk,
  },
  {
    id: remotingFixIds.sessionConfigurationReset,
    title: 'Enable-PSRemoting -SkipNetworkProfileCheck (default session permissions)',
    checkId: 'psremoting.sessionconfig',
    script: 'Enable-ExreadyRemoting.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    // Enable-PSRemoting rewrites several settings at once: there is no single before-value to put back.
    undoable: false,
    target: 'exchange-server',
    parameters: NoParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
    title: 'Add the sync account to Remote Management Users',
    checkId: 'psremoting.serviceaccount',
    script: 'Add-ExreadyRemoteManagementUser.ps1',
    risk: 'none',
    exposes: null,
    saferAlternatives: [],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: ServiceAccountParameters,
    riskOf: never,
  },
  {
    id: remotingFixIds.trustedForDelegation,
    title: 'Trust the computer for delegation (Set-ADAccountControl -TrustedForDelegation)',
    checkId: 'ad.delegation',
    script: 'Set-ExreadyTrustedForDelegation.ps1',
    risk: 'lowers-security',
    exposes: delegationExposes,
    saferAlternatives: [
      'Constrained delegation: Set-ADComputer <server> -Add @{"msDS-AllowedToDelegateTo"="<service>/<host>"}',
      'Resource-based constrained delegation set on the target service',
    ],
    secretParameters: [],
    undoable: true,
    target: 'active-directory',
    parameters: NoParameters,
    riskOf: always(delegationExposes),
  },
  {
    id: remotingFixIds.firewallAllow5986,
    title: 'Allow inbound TCP 5986 from the sync servers',
    checkId: 'firewall.5986',
    script: 'New-ExreadyFirewallRule.ps1',
    // None with the sync servers' own addresses; a wider scope lowers security (see riskOf).
    risk: 'none',
    exposes: scopeExposes,
    saferAlternatives: ["List exactly the sync servers' addresses"],
    secretParameters: [],
    undoable: true,
    target: 'exchange-server',
    parameters: FirewallParameters,
    riskOf: (parameters) => firewallScopeRisk(strings(parameters.remoteAddresses)),
  },
  {
    id: remotingFixIds.trustedHostsAddServer,
    title: 'Add the Exchange servers to TrustedHosts on a sync server',
    checkId: 'winrm.trustedhosts',
    script: 'Add-ExreadyTrustedHosts.ps1',
    risk: 'none',
    exposes: wildcardExposes,
    saferAlternatives: ['List exactly the Exchange servers'],
    secretParameters: [],
    undoable: true,
    target: 'sync-server',
    parameters: TrustedHostsParameters,
    riskOf: (parameters) => trustedHostsRisk(strings(parameters.hosts)),
  },
];

// The descriptors are data: checked once so a typo in the table fails the first test that loads it.
for (const definition of definitions) FixDescriptor.parse(definition);

export const fixCatalogue: readonly FixDefinition[] = definitions;

export function findFix(id: string): FixDefinition | undefined {
  return fixCatalogue.find((fix) => fix.id === id);
}

export function findFixByScript(fileName: string): FixDefinition | undefined {
  return fixCatalogue.find((fix) => fix.script.toLowerCase() === fileName.toLowerCase());
}
