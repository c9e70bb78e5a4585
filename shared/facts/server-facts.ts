import { z } from 'zod';
import { Fqdn } from '../domain/hostname';
import { AdComputerFacts } from './ad-computer-facts';
import { CertificateFacts } from './certificate-facts';
import { collected } from './collected';
import { ConnectionFailure } from './connection-failure';
import { FirewallProfileStateFacts, FirewallRuleFacts } from './firewall-facts';
import { LocalGroupMemberFacts } from './local-group-facts';
import { MfaFacts } from './mfa-facts';
import { ReachabilityFacts } from './reachability-facts';
import { SessionConfigurationFacts } from './session-configuration-facts';
import {
  TrustedHostsFacts,
  WinrmListenerFacts,
  WinrmServiceAuthFacts,
  WinrmServiceFacts,
} from './winrm-facts';

export const factsSchemaVersion = 1;

/** Members of the two local groups that may open a remote PowerShell session, domain groups expanded from the jump host. */
export const LocalGroupsFacts = z.object({
  administrators: collected(z.array(LocalGroupMemberFacts)),
  remoteManagementUsers: collected(z.array(LocalGroupMemberFacts)),
});
export type LocalGroupsFacts = z.infer<typeof LocalGroupsFacts>;

/**
 * Everything one collector round trip learned about an Exchange server. Where each part comes from:
 * - winrmService: Get-Service WinRM (Status, StartType)
 * - listeners: Get-WSManInstance winrm/config/listener -Enumerate (Source is "GPO" for policy listeners)
 * - serviceAuth: Get-Item WSMan:\localhost\Service\Auth\CbtHardeningLevel (Value, SourceOfValue)
 * - sessionConfigurations: Get-PSSessionConfiguration (Name, Permission, SecurityDescriptorSddl, Enabled)
 * - localGroups: Get-LocalGroupMember (direct members), domain groups expanded from the jump host by SID (via = the chain of groups)
 * - certificates: Get-ChildItem Cert:\LocalMachine\My (DnsNameList, EnhancedKeyUsageList OIDs, HasPrivateKey)
 * - firewallRules: Get-NetFirewallRule -Direction Inbound -PolicyStore ActiveStore with its port, address, application, service and interface filters
 * - firewallProfiles: Get-NetFirewallProfile -PolicyStore ActiveStore (Name, Enabled, DefaultInboundAction)
 * - adComputer: Get-ADComputer userAccountControl, msDS-AllowedToDelegateTo, msDS-AllowedToActOnBehalfOfOtherIdentity, on the jump host
 * - reachability: TCP connects to 5986 and 5985 run on each sync server and on the jump host
 * - mfa: the MFA module's files, web.config bytes, backups, log lines and API reachability (Get-ExreadyMfaFacts.ps1)
 * - trustedHosts: Get-Item WSMan:\localhost\Client\TrustedHosts on the server itself (Value, SourceOfValue)
 * Each part is collected or not-collected with its error, so one failing cmdlet costs one check, not the server.
 */
export const CollectedServerFacts = z.object({
  schemaVersion: z.literal(factsSchemaVersion),
  fqdn: Fqdn,
  collectedAt: z.iso.datetime({ offset: true }),
  status: z.literal('collected'),
  winrmService: collected(WinrmServiceFacts),
  listeners: collected(z.array(WinrmListenerFacts)),
  serviceAuth: collected(WinrmServiceAuthFacts),
  sessionConfigurations: collected(z.array(SessionConfigurationFacts)),
  localGroups: LocalGroupsFacts,
  certificates: collected(z.array(CertificateFacts)),
  firewallRules: collected(z.array(FirewallRuleFacts)),
  /** Optional so facts saved before ExReady read the profiles stay valid. */
  firewallProfiles: collected(z.array(FirewallProfileStateFacts)).optional(),
  adComputer: collected(AdComputerFacts),
  /** TCP attempts to this server from each sync server and from the jump host. */
  reachability: z.array(ReachabilityFacts),
  /** Optional so facts saved before the MFA area stay valid; absent when the run did not ask for it. */
  mfa: collected(MfaFacts).optional(),
  /** The server's own WinRM client TrustedHosts; optional so facts saved before ExReady read it stay valid. */
  trustedHosts: collected(TrustedHostsFacts).optional(),
});
export type CollectedServerFacts = z.infer<typeof CollectedServerFacts>;

/** A server the collector could not reach: every check on it is unknown, with this cause. */
export const UnreachableServerFacts = z.object({
  schemaVersion: z.literal(factsSchemaVersion),
  fqdn: Fqdn,
  collectedAt: z.iso.datetime({ offset: true }),
  status: z.literal('unreachable'),
  failure: ConnectionFailure,
});
export type UnreachableServerFacts = z.infer<typeof UnreachableServerFacts>;

export const ServerFacts = z.discriminatedUnion('status', [CollectedServerFacts, UnreachableServerFacts]);
export type ServerFacts = z.infer<typeof ServerFacts>;

/** The client side of a sync server: Get-Item WSMan:\localhost\Client\TrustedHosts (Value, SourceOfValue). */
export const SyncServerFacts = z.object({
  fqdn: Fqdn,
  trustedHosts: collected(TrustedHostsFacts),
});
export type SyncServerFacts = z.infer<typeof SyncServerFacts>;
