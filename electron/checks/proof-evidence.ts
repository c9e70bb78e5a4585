import type { CheckResult } from '../../shared/checks/check-result';
import {
  isFreshProof,
  newestProofFirst,
  type KeptProof,
  type KeptRemoteProof,
} from '../../shared/prove/kept-proof';
import { classifyHops, proofAgainstChecks } from '../../shared/prove/proof-findings';
import type { ProvedDelegation } from './evaluation-context';
import { canonicalHostName } from './host-name-match';

// What the proof history means for a check run: the proofs that still stand, and the notes they put on checks.

/** The Remote PowerShell proofs that stand for a run evaluated at `now`: fresh, and of its kind (lab or real). */
export function standingProofs(
  proofs: readonly KeptProof[],
  now: Date,
  simulated: boolean,
): KeptRemoteProof[] {
  return proofs
    .filter((proof): proof is KeptRemoteProof => proof.kind === 'remote-powershell')
    .filter((proof) => proof.simulated === simulated && isFreshProof(proof, now))
    .sort(newestProofFirst);
}

/** What ad.delegation takes from the proofs: each one's verdict on the second hop. */
export function provedDelegationsOf(proofs: readonly KeptRemoteProof[]): ProvedDelegation[] {
  return proofs.map((proof) => ({
    ...proof.delegation,
    exchangeServer: proof.exchangeServer,
    at: proof.at,
    syncServer: proof.syncServer,
    simulated: proof.simulated,
  }));
}

/** The newest standing proof of one server, or undefined. */
export function newestProofOf(
  proofs: readonly KeptRemoteProof[],
  server: string,
): KeptRemoteProof | undefined {
  const wanted = canonicalHostName(server);
  return proofs.find((proof) => canonicalHostName(proof.exchangeServer) === wanted);
}

/** Each check the proof confirms or contradicts carries it in its evidence; a contradicted one says so in its summary. */
export function withProofNotes(results: readonly CheckResult[], proof: KeptRemoteProof): CheckResult[] {
  const notes = proofAgainstChecks(classifyHops(proof.hops), results);
  const cited = `the proof of ${proof.at} from ${proof.syncServer} (audit entry ${proof.auditId}${proof.simulated ? ', SIMULATED' : ''})`;
  return results.map((result) => {
    const mine = notes.filter((note) => note.checkId === result.checkId);
    if (mine.length === 0) return result;
    const contradicted = mine.filter((note) => note.relation === 'contradicts');
    const proofEvidence = {
      at: proof.at,
      syncServer: proof.syncServer,
      auditId: proof.auditId,
      simulated: proof.simulated,
      relation: contradicted.length > 0 ? 'contradicts' : 'confirms',
      notes: mine.map((note) => note.text),
    };
    return {
      ...result,
      summary:
        contradicted.length === 0
          ? result.summary
          : `${result.summary} Contradicted by ${cited}: ${contradicted.map((note) => note.text).join(' ')}`,
      evidence: { ...result.evidence, proof: proofEvidence },
    };
  });
}
