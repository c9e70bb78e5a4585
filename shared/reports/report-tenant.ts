import type { CheckResult, CheckStatus } from '../checks/check-result';
import { estateReadiness } from '../readiness/estate-summary';
import { integrationOf } from '../readiness/integration';
import { integrationVerdict } from '../readiness/readiness-verdict';
import type { ExchangeOnlineMailTarget } from '../runs/tenant-run-records';
import { ewsDeadlineNotice } from '../tenant/ews/ews-retirement';
import { reportCheckOf } from './report-check';
import type { ReportEwsDeadline, ReportTenant, ReportTenantMail, StatusCounts } from './report-schema';

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
  /** The ERP the ews.* checks were about; absent for a run without them or saved before it was kept. */
  exchangeOnlineMail?: ExchangeOnlineMailTarget | undefined;
  results: readonly CheckResult[];
}

export function statusCounts(statuses: readonly CheckStatus[]): StatusCounts {
  const out: StatusCounts = { pass: 0, warn: 0, fail: 0, unknown: 0, 'n/a': 0 };
  for (const status of statuses) out[status] += 1;
  return out;
}

const isMail = (checkId: string) => integrationOf(checkId) === 'Exchange Online mail';

/** The ERP's part of a tenant section: present when the run holds an ews.* check. */
function tenantMailOf(run: TenantRunForReport): ReportTenantMail | undefined {
  if (!run.results.some((result) => isMail(result.checkId))) return undefined;
  const server = { fqdn: run.tenant, collection: 'collected' as const, results: run.results };
  const verdict = integrationVerdict('Exchange Online mail', server);
  return {
    target: run.exchangeOnlineMail ?? null,
    verdict,
    readiness: estateReadiness('Exchange Online mail', [verdict]),
  };
}

/**
 * The first page's EWS deadline, counted from the report's day: only when a tenant section holds an ews.* check.
 * The allow-list command names the ERP apps the sections judged.
 */
export function reportEwsDeadlineOf(
  tenants: readonly ReportTenant[],
  generatedAt: string,
): ReportEwsDeadline | undefined {
  const mail = tenants.flatMap((tenant) =>
    tenant.exchangeOnlineMail === undefined ? [] : [tenant.exchangeOnlineMail],
  );
  if (mail.length === 0) return undefined;
  const clientIds = [
    ...new Set(mail.flatMap((entry) => (entry.target === null ? [] : [entry.target.clientId]))),
  ];
  return ewsDeadlineNotice(new Date(generatedAt), clientIds);
}

export function reportTenantOf(run: TenantRunForReport): ReportTenant {
  const checks = run.results.map(reportCheckOf);
  const verdict = integrationVerdict('Microsoft 365', {
    fqdn: run.tenant,
    collection: 'collected',
    results: run.results,
  });
  const exchangeOnlineMail = tenantMailOf(run);
  return {
    runId: run.runId,
    tenant: run.tenant,
    caseName: run.caseName,
    readAt: run.readAt,
    simulated: run.simulated,
    provisioningAppId: run.provisioningAppId,
    federatedDomains: [...run.federatedDomains],
    idpSignInHost: run.idpSignInHost,
    ...(exchangeOnlineMail === undefined ? {} : { exchangeOnlineMail }),
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
