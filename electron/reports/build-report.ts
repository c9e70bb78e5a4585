import type { AuditEntry } from '../../shared/audit/audit-entry';
import type { CheckResult } from '../../shared/checks/check-result';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import {
  type ReadinessReport,
  reportSchemaVersion,
  type ReportFix,
  type ReportServer,
} from '../../shared/reports/report-schema';
import { onPremisesIntegrations } from '../../shared/readiness/integration';
import { runReadiness, serverOutcome } from '../../shared/readiness/run-readiness';
import { reportCheckOf } from '../../shared/reports/report-check';
import { proofForServer } from '../../shared/reports/report-proof';
import type { KeptProof } from '../../shared/prove/kept-proof';
import {
  reportEwsDeadlineOf,
  reportTenantOf,
  statusCounts as counts,
  type TenantRunForReport,
} from '../../shared/reports/report-tenant';
import { estateFingerprint } from './estate-fingerprint';
import { maskSecrets } from './mask-report-secrets';

export interface ReportInput {
  savedFacts: SavedFacts;
  /** The results of the run, per server, as evaluated when the run was made (or re-evaluated from the facts). */
  results: readonly { fqdn: string; results: readonly CheckResult[] }[];
  auditEntries: readonly AuditEntry[];
  /** Fixes applied in this period are listed: after `from` (null: since the log began) up to and including `to`. */
  period: { from: Date | null; to: Date };
  runId: string | null;
  appVersion: string;
  operator: string;
  now: () => Date;
  /** Secret values to mask wherever they appear (API keys, passwords the app holds). */
  knownSecrets?: Iterable<string>;
  /** The tenant run(s) that go with the report: its Microsoft 365 section; none when absent. */
  tenants?: readonly TenantRunForReport[];
  /** The proof history (storage/proof-history.ts): each server's newest proof fills its Proved column. */
  proofs?: readonly KeptProof[];
}

function fixOf(entry: AuditEntry): ReportFix {
  return {
    auditId: entry.id,
    at: entry.at,
    operator: entry.operator,
    server: entry.server,
    action: entry.action,
    outcome: entry.outcome,
    error: entry.error,
    undoes: entry.undoes,
    simulated: entry.simulated,
  };
}

/** The report model, from saved facts, their results and the audit log only: no server is contacted. Secrets masked. */
export function buildReport(input: ReportInput): ReadinessReport {
  const { savedFacts } = input;
  const resultsByServer = new Map(input.results.map((server) => [server.fqdn, server.results]));
  const resultsOf = (fqdn: string) => resultsByServer.get(fqdn) ?? [];
  // The verdicts of shared/readiness: the same words as the window and the CLI.
  const readiness = runReadiness(
    savedFacts.servers.map((server) => serverOutcome(server, server.fqdn, resultsOf(server.fqdn))),
    onPremisesIntegrations,
  );
  const generatedAt = input.now();
  const servers: ReportServer[] = savedFacts.servers.map((server, index) => {
    const checks = resultsOf(server.fqdn).map(reportCheckOf);
    return {
      fqdn: server.fqdn,
      collection: server.status,
      unreachable: server.status === 'unreachable' ? server.failure : null,
      readiness: readiness.servers[index]?.verdicts ?? [],
      proved: proofForServer(input.proofs ?? [], server.fqdn, savedFacts.simulated === true, generatedAt),
      counts: counts(checks.map((check) => check.status)),
      checks,
    };
  });
  const allChecks = servers.flatMap((server) => server.checks);
  const tenants = (input.tenants ?? []).map(reportTenantOf);
  const deadline = reportEwsDeadlineOf(tenants, generatedAt.toISOString());
  const from = input.period.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = input.period.to.getTime();
  const report: ReadinessReport = {
    schemaVersion: reportSchemaVersion,
    kind: 'exready.readiness-report',
    runId: input.runId,
    appVersion: input.appVersion,
    operator: input.operator,
    generatedAt: generatedAt.toISOString(),
    collectedAt: savedFacts.collectedAt,
    simulated: savedFacts.simulated === true,
    estate: {
      fingerprint: estateFingerprint(savedFacts.context),
      serviceAccount: savedFacts.context.serviceAccount,
      exchangeServers: savedFacts.context.exchangeServers,
      syncServers: savedFacts.context.syncServers.map((sync) => sync.fqdn),
    },
    totals: counts(allChecks.map((check) => check.status)),
    readiness: readiness.estate,
    servers,
    acceptedRisks: servers.flatMap((server) =>
      server.checks.flatMap((check) =>
        check.acceptedRisk === null
          ? []
          : [
              {
                server: server.fqdn,
                checkId: check.checkId,
                title: check.title,
                status: check.status,
                ...check.acceptedRisk,
              },
            ],
      ),
    ),
    ...(tenants.length === 0 ? {} : { tenants }),
    ...(deadline === undefined ? {} : { exchangeOnlineMailDeadline: deadline }),
    fixesApplied: {
      from: input.period.from?.toISOString() ?? null,
      to: input.period.to.toISOString(),
      entries: input.auditEntries
        .filter((entry) => {
          const at = Date.parse(entry.at);
          return at > from && at <= to;
        })
        .map(fixOf),
    },
  };
  return maskSecrets(report, [...(input.knownSecrets ?? [])]);
}
