import type { ReadinessReport } from '../../shared/reports/report-schema';
import { reportSchemaVersion } from '../../shared/reports/report-schema';
import {
  reportEwsDeadlineOf,
  reportTenantOf,
  statusCounts,
  type TenantRunForReport,
} from '../../shared/reports/report-tenant';
import { estateFingerprint } from './estate-fingerprint';
import { maskSecrets } from './mask-report-secrets';

// `exready tenant check --report`: a readiness report with no Exchange server, only the tenant section(s).

export interface TenantReportInput {
  tenants: readonly TenantRunForReport[];
  runId: string | null;
  appVersion: string;
  operator: string;
  now: () => Date;
  knownSecrets?: Iterable<string>;
}

/** The report of tenant runs alone, through the same model and renderers as an estate's report. Secrets masked. */
export function buildTenantReport(input: TenantReportInput): ReadinessReport {
  const tenants = input.tenants.map(reportTenantOf);
  const generatedAt = input.now().toISOString();
  const deadline = reportEwsDeadlineOf(tenants, generatedAt);
  const readAt = input.tenants.map((run) => run.readAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const report: ReadinessReport = {
    schemaVersion: reportSchemaVersion,
    kind: 'exready.readiness-report',
    runId: input.runId,
    appVersion: input.appVersion,
    operator: input.operator,
    generatedAt,
    collectedAt: readAt ?? generatedAt,
    simulated: input.tenants.some((run) => run.simulated),
    estate: {
      fingerprint: estateFingerprint({ exchangeServers: [], syncServers: [], serviceAccount: null }),
      serviceAccount: null,
      exchangeServers: [],
      syncServers: [],
    },
    totals: statusCounts(tenants.flatMap((tenant) => tenant.checks.map((check) => check.status))),
    readiness: [],
    servers: [],
    acceptedRisks: [],
    tenants,
    ...(deadline === undefined ? {} : { exchangeOnlineMailDeadline: deadline }),
    fixesApplied: { from: null, to: readAt ?? generatedAt, entries: [] },
  };
  return maskSecrets(report, [...(input.knownSecrets ?? [])]);
}
