import type { ExchangeOnlineMailTarget } from '../../shared/runs/tenant-run-records';
import type { TenantRunForReport } from '../../shared/reports/report-tenant';
import { demoTenantCases, type DemoTenantCase } from '../lab/demo-tenant';
import { demoEwsCases, type DemoEwsCase } from '../lab/demo-tenant-ews';
import { TenantRunHistory } from '../storage/tenant-run-history';
import type { EwsTarget } from '../tenant/ews/collect-ews-facts';
import { replayTenantCheck } from '../tenant/tenant-check-run';

// Which tenant run goes with a run's report: the newest of the same kind; for a lab run without one, the demo tenant.

/**
 * The demo case a lab report shows when no simulated tenant run was saved: the ready IdP tenant (fabrikam) with its
 * ERP's Exchange Online mail (the federated delegated account), so the demo report shows the ews.* checks too.
 */
export const reportDemoCase: DemoTenantCase | DemoEwsCase | undefined =
  demoEwsCases.find((entry) => entry.name === 'fabrikam-erp-delegated-federated') ?? demoTenantCases[0];

/** What a saved run keeps of the ERP judged: ids and names, never its password or secret. */
export function exchangeOnlineMailTargetOf(ews: EwsTarget): ExchangeOnlineMailTarget {
  return {
    clientId: ews.clientId,
    flow: ews.flow,
    mailbox: ews.mailbox,
    account: ews.account,
    exchangeOnlineSettings: ews.exo?.state === 'read' ? ews.exo.source : null,
  };
}

/** A demo case replayed as of its recording, unsaved (runId null), labelled simulated. */
export async function demoTenantRunForReport(
  entry: DemoTenantCase | DemoEwsCase | undefined = reportDemoCase,
): Promise<TenantRunForReport | null> {
  if (entry === undefined) return null;
  const ews = 'ews' in entry ? entry.ews : undefined;
  const outcome = await replayTenantCheck(entry.recording, entry.target, ews);
  return {
    runId: null,
    tenant: entry.recording.tenant,
    caseName: entry.name,
    readAt: outcome.evaluatedAt,
    simulated: true,
    provisioningAppId: entry.target?.provisioningAppId ?? '',
    federatedDomains: [...(entry.target?.federatedDomains ?? [])],
    idpSignInHost: entry.target?.idpSignInHost ?? null,
    ...(ews === undefined ? {} : { exchangeOnlineMail: exchangeOnlineMailTargetOf(ews) }),
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
