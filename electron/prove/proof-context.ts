import type { SavedFacts } from '../../shared/facts/saved-facts';
import { evaluateDelegation } from '../checks/delegation-rule';
import { contextOf, evaluateSavedFacts } from '../checks/evaluate-estate';
import { assembleFacts } from '../facts/facts-assembler';
import type { LabEstate } from '../lab/lab-estate';
import { runCheck } from '../services/check-run-service';
import { labTarget, openLabCollection, simulatedAssembler } from '../services/lab-collection';
import { RunHistory } from '../storage/run-history';
import type { ProofContext } from './connection-proof-run';
import { mfaViewOf, type MfaView } from './mfa-view';

// What a proof compares with: the server's checks in the newest run (or the lab checked in-process).

/** The proof's view of one server in a run's facts: its checks, its computer object, the run's sync servers and account. */
export function proofContextOf(saved: SavedFacts, server: string, now: Date): ProofContext | null {
  const wanted = server.toLowerCase();
  const facts = saved.servers.find((item) => item.fqdn.toLowerCase() === wanted);
  if (facts === undefined) return null;
  const checks =
    evaluateSavedFacts(saved, now).find((item) => item.fqdn.toLowerCase() === wanted)?.results ?? [];
  return {
    checks,
    // ad.delegation judged again with the proof as its input (the rule's optional proof context).
    reevaluateDelegation:
      facts.status === 'collected'
        ? (proved) => evaluateDelegation(facts, { ...contextOf(saved, now), provedDelegation: [proved] })
        : null,
    adComputer:
      facts.status === 'collected' && facts.adComputer.status === 'collected' ? facts.adComputer.value : null,
    syncServers: saved.context.syncServers.map((item) => item.fqdn),
    serviceAccount: saved.context.serviceAccount,
  };
}

/** A lab checked in-process, as `exready check --lab` does, for the proof to compare with. */
export async function labProofContext(
  lab: LabEstate,
  server: string,
  now: Date,
): Promise<ProofContext | null> {
  const collection = openLabCollection(lab, () => now);
  const outcome = await runCheck(
    labTarget(lab),
    { source: collection.source, assemble: simulatedAssembler(assembleFacts), now: () => now },
    { signal: new AbortController().signal },
  );
  return proofContextOf(outcome.savedFacts, server, now);
}

/** The newest real (not simulated) run that read the server; null when none did. */
export async function latestProofContext(
  userDataDir: string,
  server: string,
  now: Date,
): Promise<ProofContext | null> {
  const history = new RunHistory(userDataDir);
  for (const summary of await history.list()) {
    if (summary.simulated) continue;
    const found = proofContextOf((await history.open(summary.runId)).savedFacts, server, now);
    if (found !== null) return found;
  }
  return null;
}

/** The newest run's view of the server for the OWA/ECP probe: the MFA API's host and whether the module is registered. */
export async function latestMfaView(
  history: RunHistory,
  server: string,
  simulated: boolean,
): Promise<MfaView> {
  for (const summary of await history.list()) {
    if (summary.simulated !== simulated) continue;
    const run = await history.open(summary.runId);
    const results = run.results.find((item) => item.fqdn.toLowerCase() === server)?.results;
    if (results !== undefined) return mfaViewOf(results);
  }
  return { idpHost: null, expectModule: null };
}
