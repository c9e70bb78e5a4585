import type { AcceptedRisk, CheckEvidence, CheckResult, CheckStatus } from '../../shared/checks/check-result';
import type { RemotingCheckId } from '../../shared/checks/remoting-catalogue';
import { checkReferences } from './references';

export interface ResultDetails {
  evidence: CheckEvidence;
  remedy?: string;
  fixId?: string;
  acceptedRisk?: AcceptedRisk;
}

/** A result with the check's Microsoft references attached; optional fields are left out, not undefined. */
export function checkResult(
  checkId: RemotingCheckId,
  status: CheckStatus,
  summary: string,
  details: ResultDetails,
): CheckResult {
  const result: CheckResult = {
    checkId,
    status,
    summary,
    evidence: details.evidence,
    references: [...checkReferences[checkId]],
  };
  if (details.remedy !== undefined) result.remedy = details.remedy;
  if (details.fixId !== undefined) result.fixId = details.fixId;
  if (details.acceptedRisk !== undefined) result.acceptedRisk = details.acceptedRisk;
  return result;
}

/** The answer when the facts a rule needs could not be collected: unknown, with the collector's error. */
export function notCollectedResult(checkId: RemotingCheckId, what: string, error: string): CheckResult {
  return checkResult(checkId, 'unknown', `Could not read ${what}: ${error}`, {
    evidence: { notCollected: what, error },
    remedy:
      'Run the collection again; if the error repeats, run the collector on the server by hand to see it.',
  });
}
