import { z } from 'zod';
import type { DelegationProof, ProofOutcome } from './proof-findings';
import { HopReport } from './proof-result';
import { WebProbeResult } from './web-probe-result';

// A proof as the history keeps it (userData/proofs/<proofId>.json): what later checks and reports use. No secret.

export const keptProofSchemaVersion = 1;

/** How long a proof stands as evidence for later checks: older ones stay in the history, not in verdicts. */
export const proofFreshnessDays = 30;

const DelegationRecord = z.object({
  exchangeServer: z.string(),
  kind: z.enum(['unconstrained', 'constrained', 'resource-based', 'none', 'unknown']),
  coversExchangeEndpoint: z.boolean().nullable(),
  secondHop: z.enum(['works', 'denied', 'untested']),
  text: z.string(),
});

const common = {
  schemaVersion: z.literal(keptProofSchemaVersion),
  proofId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
  /** Order of saving, for proofs of the same instant. */
  sequence: z.number().int().nonnegative(),
  /** When the proof ran. */
  at: z.iso.datetime({ offset: true }),
  /** The audit entry that records it as an action. */
  auditId: z.number().int().positive(),
  simulated: z.boolean(),
  lab: z.string().nullable(),
  exchangeServer: z.string().min(1),
  outcome: z.enum(['succeeded', 'failed']),
};

/** The sync service's path, sync server × Exchange server: every hop as the script reported it. */
export const KeptRemoteProof = z.object({
  ...common,
  kind: z.literal('remote-powershell'),
  syncServer: z.string().min(1),
  serviceAccount: z.string(),
  secondHop: z.object({ uri: z.string(), configurationName: z.string(), authentication: z.string() }),
  hops: z.array(HopReport),
  exchangeServerSeen: z
    .object({ name: z.string(), fqdn: z.string().nullable(), version: z.string().nullable() })
    .nullable(),
  delegation: DelegationRecord,
});
export type KeptRemoteProof = z.infer<typeof KeptRemoteProof>;

/** The OWA/ECP probe from the jump host. */
export const KeptWebProof = z.object({
  ...common,
  kind: z.literal('web'),
  trigger: z.string(),
  result: WebProbeResult,
});
export type KeptWebProof = z.infer<typeof KeptWebProof>;

export const KeptProof = z.discriminatedUnion('kind', [KeptRemoteProof, KeptWebProof]);
export type KeptProof = z.infer<typeof KeptProof>;

/** A proof before the history numbers it. */
export type NewKeptProof =
  Omit<KeptRemoteProof, 'sequence' | 'proofId'> | Omit<KeptWebProof, 'sequence' | 'proofId'>;

/** The record of a Remote PowerShell proof; the password is never part of what the script returns. */
export function keptRemoteProofOf(
  proof: ProofOutcome,
  delegation: DelegationProof,
  meta: { auditId: number; at: Date; lab: string | null },
): Omit<KeptRemoteProof, 'sequence' | 'proofId'> {
  const { result } = proof;
  return {
    schemaVersion: keptProofSchemaVersion,
    kind: 'remote-powershell',
    at: meta.at.toISOString(),
    auditId: meta.auditId,
    simulated: proof.simulated,
    lab: meta.lab,
    exchangeServer: result.exchangeServer.toLowerCase(),
    syncServer: result.syncServer.toLowerCase(),
    serviceAccount: result.serviceAccount,
    outcome: proof.outcome,
    secondHop: result.secondHop ?? { uri: '', configurationName: '', authentication: '' },
    hops: result.hops,
    exchangeServerSeen: result.exchangeServerSeen,
    delegation,
  };
}

/** The record of an OWA/ECP probe. */
export function keptWebProofOf(
  result: WebProbeResult,
  meta: { auditId: number; lab: string | null; trigger: string },
): Omit<KeptWebProof, 'sequence' | 'proofId'> {
  return {
    schemaVersion: keptProofSchemaVersion,
    kind: 'web',
    at: result.at,
    auditId: meta.auditId,
    simulated: result.simulated,
    lab: meta.lab,
    exchangeServer: result.server.toLowerCase(),
    outcome: result.status === 'pass' ? 'succeeded' : 'failed',
    trigger: meta.trigger,
    result,
  };
}

const dayMs = 24 * 60 * 60 * 1000;

/** Whether a proof is recent enough to stand for a check evaluated at `now` (and not from its future). */
export function isFreshProof(proof: Pick<KeptProof, 'at'>, now: Date): boolean {
  const age = now.getTime() - Date.parse(proof.at);
  return age >= 0 && age <= proofFreshnessDays * dayMs;
}

/** Newest first: by when it ran, then by the order of saving. */
export function newestProofFirst(a: KeptProof, b: KeptProof): number {
  return Date.parse(b.at) - Date.parse(a.at) || b.sequence - a.sequence;
}
