import type { CheckResult, CheckStatus } from '../checks/check-result';
import { estateReadiness } from '../readiness/estate-summary';
import { integrationVerdict } from '../readiness/readiness-verdict';
import { reportCheckOf } from './report-check';
import type { ReportTenant, StatusCounts } from './report-schema';

// The tenant section of a report, from one tenant run: the verdict and estate line in the words of shared/readiness.

/** What a report needs of a tenant run: a saved one (shared/runs/tenant-run-records) or the demo tenant, unsaved. */
export interface TenantRunForReport {
  runId: string | null;
  tenant: string;
  caseName: string | null;
  readAt: string;
  simulated: boolean;
  provisioningAppId: string;
  federatedDomains: readonly string[];
  idpSignInHost: string | null;
  results: readonly CheckResult[];
}

export function statusCounts(statuses: readonly CheckStatus[]): StatusCounts {
  const out: StatusCounts = { pass: 0, warn: 0, fail: 0, unknown: 0, 'n/a': 0 };
  for (const status of statuses) out[status] += 1;
  return out;
}

export function reportTenantOf(run: TenantRunForReport): ReportTenant {
  const checks = run.results.map(reportCheckOf);
  const verdict = integrationVerdict('Microsoft 365', {
    fqdn: run.tenant,
    collection: 'collected',
    results: run.results,
  });
  return {
    runId: run.runId,
    tenant: run.tenant,
    caseName: run.caseName,
    readAt: run.readAt,
    simulated: run.simulated,
    provisioningAppId: run.provisioningAppId,
    federatedDomains: [...run.federatedDomains],
    idpSignInHost: run.idpSignInHost,
    verdict,
    readiness: estateReadiness('Microsoft 365', [verdict]),
    counts: statusCounts(checks.map((check) => check.status)),
    checks,
    acceptedRisks: checks.flatMap((check) =>
      check.acceptedRisk === null
        ? []
        : [{ checkId: check.checkId, title: check.title, status: check.status, ...check.acceptedRisk }],
    ),
  };
}
