import { z } from 'zod';
import { AdComputerFacts } from './ad-computer-facts';
import { collected } from './collected';
import { TcpProbeFacts } from './reachability-facts';
import { CollectedServerFacts } from './server-facts';
import { TrustedHostsFacts } from './winrm-facts';

// The `data` of each CollectionLine kind, as the collection scripts print it (before the facts are assembled).

/** server-facts: what the one round trip on an Exchange server gathered; the jump host adds AD and reachability. */
export const ServerFactsData = CollectedServerFacts.pick({
  collectedAt: true,
  winrmService: true,
  listeners: true,
  serviceAuth: true,
  sessionConfigurations: true,
  localGroups: true,
  certificates: true,
  firewallRules: true,
  mfa: true,
  trustedHosts: true,
});
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

/** jumphost-facts: the AD computer objects read once from the jump host, and its own TCP attempts. */
export const JumpHostFactsData = z.object({
  host: z.string().min(1),
  adComputers: z.array(z.object({ server: z.string().min(1), adComputer: collected(AdComputerFacts) })),
  reachability: z.array(TcpTargetData),
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
