import { z } from 'zod';
import { collected } from './collected';

export const TcpOutcome = z.enum(['reachable', 'refused', 'timed-out', 'dns-failure']);
export type TcpOutcome = z.infer<typeof TcpOutcome>;

/** One Test-NetConnection-like TCP attempt to the Exchange server. */
export const TcpProbeFacts = z.object({
  port: z.number().int().min(1).max(65535),
  outcome: TcpOutcome,
  /** The raw error text when the attempt failed. */
  message: z.string().nullable(),
});
export type TcpProbeFacts = z.infer<typeof TcpProbeFacts>;

export const ProbeOrigin = z.enum(['sync-server', 'jump-host']);
export type ProbeOrigin = z.infer<typeof ProbeOrigin>;

/** The TCP attempts made from one machine; not collected when that machine could not run them. */
export const ReachabilityFacts = z.object({
  from: z.string().min(1),
  origin: ProbeOrigin,
  probes: collected(z.array(TcpProbeFacts)),
});
export type ReachabilityFacts = z.infer<typeof ReachabilityFacts>;
