import { z } from 'zod';
import { AdComputerFacts } from './ad-computer-facts';
import { collected } from './collected';
import { DirectLocalGroupMemberData, DomainGroupExpansionData } from './local-group-facts';
import { TcpProbeFacts } from './reachability-facts';
import { CollectedServerFacts } from './server-facts';
import { TrustedHostsFacts } from './winrm-facts';

// The `data` of each CollectionLine kind, as the collection scripts print it (before the facts are assembled).

/** The two local groups as the Exchange server lists them: direct members only (the jump host expands domain groups). */
export const LocalGroupsData = z.object({
  administrators: collected(z.array(DirectLocalGroupMemberData)),
  remoteManagementUsers: collected(z.array(DirectLocalGroupMemberData)),
});
export type LocalGroupsData = z.infer<typeof LocalGroupsData>;

/** server-facts: what the one round trip on an Exchange server gathered; the jump host adds AD and reachability. */
export const ServerFactsData = CollectedServerFacts.pick({
  collectedAt: true,
  winrmService: true,
  listeners: true,
  serviceAuth: true,
  sessionConfigurations: true,
  certificates: true,
  firewallRules: true,
  firewallProfiles: true,
  mfa: true,
  trustedHosts: true,
}).extend({ localGroups: LocalGroupsData });
export type ServerFactsData = z.infer<typeof ServerFactsData>;

/** The TCP attempts one machine made to one Exchange server. */
export const TcpTargetData = z.object({
  target: z.string().min(1),
  probes: collected(z.array(TcpProbeFacts)),
});
export type TcpTargetData = z.infer<typeof TcpTargetData>;

/** sync-facts: a sync server's TrustedHosts and its TCP attempts to every Exchange server. */
export const SyncFactsData = z.object({
  trustedHosts: collected(TrustedHostsFacts),
  reachability: z.array(TcpTargetData),
});
export type SyncFactsData = z.infer<typeof SyncFactsData>;

/**
 * jumphost-facts: what the jump host read once for all servers (the AD computer objects, the domain principals of the
 * local groups by SID, the service account's SID) and its own TCP attempts. The two group fields are optional so a
 * collector without them still reads: its domain groups are then unexpanded and the account is matched by name.
 */
export const JumpHostFactsData = z.object({
  host: z.string().min(1),
  adComputers: z.array(z.object({ server: z.string().min(1), adComputer: collected(AdComputerFacts) })),
  reachability: z.array(TcpTargetData),
  domainGroups: collected(z.array(DomainGroupExpansionData)).optional(),
  /** null when the request named no service account. */
  serviceAccountSid: collected(z.string().min(1)).nullable().optional(),
});
export type JumpHostFactsData = z.infer<typeof JumpHostFactsData>;

/** done: what the run sent, so a reader can tell a complete run from a cut-off one. */
export const DoneData = z.object({
  serverFacts: z.number().int().min(0),
  syncFacts: z.number().int().min(0),
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
});
export type DoneData = z.infer<typeof DoneData>;
