import type { CheckResult } from '../../shared/checks/check-result';
import type { LabEstate } from '../lab/lab-estate';
import type { ServerEvaluation } from '../checks/evaluate-estate';
import { assembleFacts } from '../facts/facts-assembler';
import { runCheck } from '../services/check-run-service';
import { labTarget, openLabCollection, simulatedAssembler } from '../services/lab-collection';

/** Collects and evaluates a lab estate as `exready check --lab` does (remoting checks only). */
export async function checkLabEstate(estate: LabEstate, now: Date): Promise<ServerEvaluation[]> {
  const lab = openLabCollection(estate, () => now);
  try {
    const outcome = await runCheck(
      { ...labTarget(estate), mfa: null },
      { source: lab.source, assemble: simulatedAssembler(assembleFacts), now: () => now },
      { signal: new AbortController().signal },
    );
    return outcome.results;
  } finally {
    await lab.close();
  }
}

/** One check of one server from an evaluation; null when the server or check is not there. */
export function findCheck(
  evaluations: readonly ServerEvaluation[],
  server: string,
  checkId: string,
): CheckResult | null {
  const found = evaluations.find((item) => item.fqdn.toLowerCase() === server.toLowerCase());
  return found?.results.find((result) => result.checkId === checkId) ?? null;
}
