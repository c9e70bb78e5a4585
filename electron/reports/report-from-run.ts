import type { AuditEntry } from '../../shared/audit/audit-entry';
import type { KeptProof } from '../../shared/prove/kept-proof';
import type { ReadinessReport } from '../../shared/reports/report-schema';
import type { TenantRunForReport } from '../../shared/reports/report-tenant';
import type { RunSummary, SavedRun } from '../storage/run-history';
import { buildReport } from './build-report';

export interface ReportContext {
  appVersion: string;
  operator: string;
  now: () => Date;
  knownSecrets?: Iterable<string>;
  /** The proof history: the Proved column of the server table. */
  proofs?: readonly KeptProof[];
}

/**
 * The report of a saved run. Its period of fixes runs from the previous run's collection (exclusive; the start of the
 * log when there is none) to this run's: the fixes that explain what changed since the last run. The tenant run, when
 * given (report-tenant-run.ts picks it), becomes its Microsoft 365 section.
 */
export function reportFromRun(
  run: SavedRun,
  history: readonly RunSummary[],
  auditEntries: readonly AuditEntry[],
  context: ReportContext,
  tenant: TenantRunForReport | null = null,
): ReadinessReport {
  const collectedAt = Date.parse(run.savedFacts.collectedAt);
  const previous = history
    .map((summary) => Date.parse(summary.collectedAt))
    .filter((at) => at < collectedAt)
    .sort((a, b) => b - a)[0];
  return buildReport({
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries,
    period: { from: previous === undefined ? null : new Date(previous), to: new Date(collectedAt) },
    runId: run.runId,
    ...context,
    tenants: tenant === null ? [] : [tenant],
  });
}
