import type { CheckResult } from '../checks/check-result';
import { integrationOf } from '../readiness/integration';
import { checkTitle } from './check-title';
import type { ReportCheck } from './report-schema';

/** A check result as every report format shows it: its catalogue title, integration and nulls for what is absent. */
export function reportCheckOf(result: CheckResult): ReportCheck {
  return {
    checkId: result.checkId,
    title: checkTitle(result.checkId),
    integration: integrationOf(result.checkId),
    status: result.status,
    summary: result.summary,
    evidence: result.evidence,
    remedy: result.remedy ?? null,
    fixId: result.fixId ?? null,
    references: result.references,
    acceptedRisk: result.acceptedRisk ?? null,
  };
}
