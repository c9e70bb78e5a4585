import type { TenantRunForReport } from '../../shared/reports/report-tenant';
import { demoTenantCases, type DemoTenantCase } from '../lab/demo-tenant';
import { TenantRunHistory } from '../storage/tenant-run-history';
import { replayTenantCheck } from '../tenant/tenant-check-run';

// Which tenant run goes with a run's report: the newest of the same kind; for a lab run without one, the demo tenant.

/** The demo case a lab report shows when no simulated tenant run was saved: the first (every check ready). */
export const reportDemoCase: DemoTenantCase | undefined = demoTenantCases[0];

/** A demo case replayed as of its recording, unsaved (runId null), labelled simulated. */
export async function demoTenantRunForReport(
  entry: DemoTenantCase | undefined = reportDemoCase,
): Promise<TenantRunForReport | null> {
  if (entry === undefined) return null;
  const outcome = await replayTenantCheck(entry.recording, entry.target);
  return {
    runId: null,
    tenant: entry.target.tenant,
    caseName: entry.name,
    readAt: outcome.evaluatedAt,
    simulated: true,
    provisioningAppId: entry.target.provisioningAppId,
    federatedDomains: [...entry.target.federatedDomains],
    idpSignInHost: entry.target.idpSignInHost,
    results: outcome.results,
  };
}

/** The tenant section's run for a report of a run that is simulated or not; none when neither exists. */
export async function tenantRunForReport(
  userDataDir: string,
  simulated: boolean,
): Promise<TenantRunForReport | null> {
  const saved = await new TenantRunHistory(userDataDir).newest(simulated);
  if (saved !== null) return saved;
  return simulated ? demoTenantRunForReport() : null;
}
