import { z } from 'zod';
import { classifyHops } from '../prove/proof-findings';
import { newestProofFirst, type KeptProof, type KeptRemoteProof } from '../prove/kept-proof';

// The Proved column of the report's server table: the newest Remote PowerShell proof of each server.

export const ReportProof = z.object({
  /** not-proved: the history holds no proof of this server (of this kind: real, or the lab's). */
  outcome: z.enum(['succeeded', 'failed', 'not-proved']),
  /** "Proved 2026-12-01: both hops worked", "Proof failed at winrm-https: tls-name-mismatch", "Not proved". */
  text: z.string().min(1),
  at: z.iso.datetime({ offset: true }).nullable(),
  syncServer: z.string().nullable(),
  /** The first hop that failed and its failure class; null when none failed. */
  failedHop: z.string().nullable(),
  failure: z.string().nullable(),
  auditId: z.number().int().positive().nullable(),
  simulated: z.boolean(),
});
export type ReportProof = z.infer<typeof ReportProof>;

const notProved: ReportProof = {
  outcome: 'not-proved',
  text: 'Not proved',
  at: null,
  syncServer: null,
  failedHop: null,
  failure: null,
  auditId: null,
  simulated: false,
};

/** The cell of one proof: what worked, or the first hop that failed and why. */
export function reportProofOf(proof: KeptRemoteProof): ReportProof {
  const hops = classifyHops(proof.hops);
  const failed = hops.find((hop) => hop.outcome === 'failed');
  const label = proof.simulated ? ' (SIMULATED)' : '';
  const failure = failed === undefined ? null : (failed.failure?.id ?? 'unrecognised');
  const text =
    proof.outcome === 'succeeded'
      ? `Proved ${proof.at.slice(0, 10)}: both hops worked${label}`
      : failed === undefined
        ? `Proof failed ${proof.at.slice(0, 10)}: not every hop ran${label}`
        : `Proof failed at ${failed.hop}: ${failure ?? 'unrecognised'} (${proof.at.slice(0, 10)})${label}`;
  return {
    outcome: proof.outcome,
    text,
    at: proof.at,
    syncServer: proof.syncServer,
    failedHop: failed?.hop ?? null,
    failure,
    auditId: proof.auditId,
    simulated: proof.simulated,
  };
}

/** The newest Remote PowerShell proof of the server, up to `until`, of the same kind (lab or real) as the report. */
export function proofForServer(
  proofs: readonly KeptProof[],
  server: string,
  simulated: boolean,
  until: Date,
): ReportProof {
  const wanted = server.toLowerCase();
  const newest = proofs
    .filter((proof): proof is KeptRemoteProof => proof.kind === 'remote-powershell')
    .filter((proof) => proof.exchangeServer.toLowerCase() === wanted && proof.simulated === simulated)
    .filter((proof) => Date.parse(proof.at) <= until.getTime())
    .sort(newestProofFirst)[0];
  return newest === undefined ? notProved : reportProofOf(newest);
}
