import type { CheckResult } from '../../shared/checks/check-result';
import type { LabEstate } from '../lab/lab-estate';
import type { ServerEvaluation } from '../checks/evaluate-estate';
import { assembleFacts } from '../facts/facts-assembler';
import { runCheck, type CheckRunOutcome } from '../services/check-run-service';
import { labTarget, openLabCollection, simulatedAssembler } from '../services/lab-collection';

/** Collects and evaluates a lab estate as `exready check --lab` does (remoting checks only). */
export async function collectLabEstate(estate: LabEstate, now: Date): Promise<CheckRunOutcome> {
  const lab = openLabCollection(estate, () => now);
  try {
    return await runCheck(
      { ...labTarget(estate), mfa: null },
      { source: lab.source, assemble: simulatedAssembler(assembleFacts), now: () => now },
      { signal: new AbortController().signal },
    );
  } finally {
    await lab.close();
  }
}

export async function checkLabEstate(estate: LabEstate, now: Date): Promise<ServerEvaluation[]> {
  return (await collectLabEstate(estate, now)).results;
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
