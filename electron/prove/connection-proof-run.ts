import type { CheckResult } from '../../shared/checks/check-result';
import type { AdComputerFacts } from '../../shared/facts/ad-computer-facts';
import {
  delegationProof,
  proofAgainstChecks,
  proofOutcome,
  type DelegationProof,
  type ProofCheckNote,
  type ProofOutcome,
} from '../../shared/prove/proof-findings';
import type { ProofScriptResult, SecondHopTarget } from '../../shared/prove/proof-result';
import { keptRemoteProofOf } from '../../shared/prove/kept-proof';
import type { AuditLog } from '../audit/audit-log';
import type { ProvedDelegation } from '../checks/evaluation-context';
import { simulateProof } from '../lab/demo-proof';
import type { LabEstate } from '../lab/lab-estate';
import type { ConnectionProofRequest } from '../services/connection-proof-service';
import type { ProofHistory } from '../storage/proof-history';

// One audited Remote PowerShell proof, shared by `exready prove` and the window's Prove button.

/** What the proof of one server knows from the newest check run (or the lab): its checks and its computer object. */
export interface ProofContext {
  checks: readonly CheckResult[];
  /** ad.delegation's verdict with a proof as its input; null when the server's facts were not collected. */
  reevaluateDelegation: ((proved: ProvedDelegation) => CheckResult) | null;
  adComputer: AdComputerFacts | null;
  syncServers: readonly string[];
  serviceAccount: string | null;
}

export interface ConnectionProofRunRequest {
  exchangeServer: string;
  syncServer: string;
  serviceAccount: string;
  secondHop: SecondHopTarget;
  /** A lab's failure class to show instead of the server's own story (lab only). */
  simulate: string | null;
  /** The lab proved instead of real servers; null: a real proof. */
  lab: { name: string; estate: LabEstate } | null;
  /** Held in memory for this call only; never audited. Null for a lab proof (none is asked for). */
  password: string | null;
}

export interface ConnectionProofRunDeps {
  audit: AuditLog;
  operator: string;
  now: () => Date;
  /** The real proof (Test-ExreadyConnectionPath.ps1 on the jump host). */
  runProof(request: ConnectionProofRequest): Promise<ProofScriptResult>;
  /** The server's checks from the newest check run (a lab's from the lab); null when none read it. */
  context: ProofContext | null;
  /** Masks the password in an error's text before it is audited or answered. */
  clean?: (text: string) => string;
  /** Where a proof that ran is kept; a refused one is not. */
  proofs?: Pick<ProofHistory, 'save'>;
  /** The operator's Cancel: the proof's process is killed, the entry completed as cancelled, the cancel rethrown. */
  signal?: AbortSignal;
}

export interface ProvedPath {
  proof: ProofOutcome;
  delegation: DelegationProof;
  /** ad.delegation judged again with this proof; null when the second hop was not reached or no facts. */
  delegationVerdict: CheckResult | null;
  notes: ProofCheckNote[];
}

export type ConnectionProofRun =
  | ({ kind: 'proved'; auditId: number } & ProvedPath)
  | { kind: 'refused'; auditId: number; refused: string }
  | { kind: 'not-in-lab'; auditId: number }
  | { kind: 'could-not-run'; auditId: number; error: string };

/** Audits the intent first (no secret), runs the proof, classifies each hop and audits the outcome. */
export async function runAuditedConnectionProof(
  request: ConnectionProofRunRequest,
  deps: ConnectionProofRunDeps,
): Promise<ConnectionProofRun> {
  const { syncServer, serviceAccount, secondHop, lab } = request;
  const clean = deps.clean ?? ((text: string) => text);
  // Written before anything is contacted: a proof that never ends still shows it started.
  const auditId = await deps.audit.intend({
    operator: deps.operator,
    server: request.exchangeServer,
    action: 'prove.remote-powershell',
    parameters: { syncServer, serviceAccount, ...secondHop, simulate: request.simulate },
    before: null,
    undoes: null,
    simulated: lab !== null,
    lab: lab?.name ?? null,
  });
  let result: ProofScriptResult | null;
  try {
    result =
      lab === null
        ? await deps.runProof({
            syncServer,
            exchangeServer: request.exchangeServer,
            serviceAccount,
            password: request.password ?? '',
            secondHop,
          })
        : simulateProof(lab.estate, {
            syncServer,
            serviceAccount,
            exchangeServer: request.exchangeServer,
            secondHop,
            simulate: request.simulate,
          });
  } catch (error) {
    if (deps.signal?.aborted === true) {
      await deps.audit.complete(auditId, {
        before: null,
        after: null,
        outcome: 'cancelled',
        error: 'the proof was cancelled by the operator',
      });
      deps.signal.throwIfAborted();
    }
    const why = clean(error instanceof Error ? error.message : String(error));
    await deps.audit.complete(auditId, { before: null, after: null, outcome: 'failed', error: why });
    return { kind: 'could-not-run', auditId, error: why };
  }
  if (result === null) {
    await deps.audit.complete(auditId, {
      before: null,
      after: null,
      outcome: 'refused',
      error: 'not a server or sync server of the lab',
    });
    return { kind: 'not-in-lab', auditId };
  }
  const context = deps.context;
  const proof = proofOutcome(result, lab !== null);
  const delegation = delegationProof(request.exchangeServer, context?.adComputer ?? null, proof.hops);
  const notes = proofAgainstChecks(proof.hops, context?.checks ?? []);
  const delegationVerdict =
    delegation.secondHop === 'untested' || context?.reevaluateDelegation == null
      ? null
      : context.reevaluateDelegation({
          ...delegation,
          at: deps.now().toISOString(),
          syncServer,
          simulated: lab !== null,
        });
  const firstFailure = proof.hops.find((hop) => hop.outcome === 'failed');
  await deps.audit.complete(auditId, {
    before: null,
    after: {
      hops: proof.hops.map((hop) => ({
        hop: hop.hop,
        outcome: hop.outcome,
        durationMs: hop.durationMs,
        failure: hop.failure?.id ?? null,
        fullyQualifiedErrorId: hop.error?.fullyQualifiedErrorId ?? null,
        transportErrorCode: hop.error?.transportErrorCode ?? null,
      })),
      delegation: delegation.secondHop,
    },
    outcome: result.refused !== null ? 'refused' : proof.outcome,
    error:
      result.refused ??
      (firstFailure === undefined
        ? null
        : `${firstFailure.hop}: ${firstFailure.failure?.id ?? 'unrecognised'}`),
  });
  if (result.refused !== null) return { kind: 'refused', auditId, refused: result.refused };
  // Kept for later checks and reports (storage/proof-history.ts), the password masked should it appear anywhere.
  await deps.proofs?.save(
    keptRemoteProofOf(proof, delegation, { auditId, at: deps.now(), lab: lab?.name ?? null }),
    request.password === null ? [] : [request.password],
  );
  return { kind: 'proved', auditId, proof, delegation, delegationVerdict, notes };
}
