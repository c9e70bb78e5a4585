import { join } from 'node:path';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import { AuditLog } from '../audit/audit-log';
import { currentOperator } from '../audit/operator';
import { evaluateDelegation } from '../checks/delegation-rule';
import { contextOf, evaluateSavedFacts } from '../checks/evaluate-estate';
import { assembleFacts } from '../facts/facts-assembler';
import type { LabEstate } from '../lab/lab-estate';
import { demoEstate } from '../lab/demo-estate';
import { defaultPowerShellCandidates, locateExecutable } from '../powershell/executable-locator';
import { locatePowerShellScripts } from '../resource-paths';
import { runCheck } from '../services/check-run-service';
import { connectionProofScript, runConnectionProof } from '../services/connection-proof-service';
import { labTarget, openLabCollection, simulatedAssembler } from '../services/lab-collection';
import { ProofHistory } from '../storage/proof-history';
import { RunHistory } from '../storage/run-history';
import { userDataDir } from '../user-data-dir';
import type { ProofContext, ProveCommandDeps } from './commands/prove-command';
import type { SecretSources } from './secret-input';

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

/** What `exready prove` runs on: the app's audit log and run history, real PowerShell, the demo lab. */
export function proveCommandDependencies(scriptDir: string, secretSources: SecretSources): ProveCommandDeps {
  const dataDir = userDataDir();
  return {
    audit: new AuditLog(join(dataDir, 'audit.jsonl')),
    proofs: new ProofHistory(dataDir),
    operator: currentOperator(),
    secretSources,
    labs: { demo: demoEstate },
    runProof: async (request, powershell) => {
      const candidates = powershell === null ? defaultPowerShellCandidates(process.platform) : [powershell];
      const executable = await locateExecutable(candidates);
      if (executable === null) throw new Error(`no PowerShell found (looked for ${candidates.join(', ')})`);
      return runConnectionProof(
        { executable },
        connectionProofScript(locatePowerShellScripts(scriptDir)),
        request,
        new AbortController().signal,
      );
    },
    context: async (server, lab, now) => {
      if (lab !== null) return labProofContext(lab, server, now);
      const history = new RunHistory(dataDir);
      for (const summary of await history.list()) {
        if (summary.simulated) continue;
        const found = proofContextOf((await history.open(summary.runId)).savedFacts, server, now);
        if (found !== null) return found;
      }
      return null;
    },
  };
}
