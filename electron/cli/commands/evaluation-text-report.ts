import { CheckResult, type CheckStatus } from '../../../shared/checks/check-result';
import type { SavedFacts } from '../../../shared/facts/saved-facts';
import type { CliIo } from '../cli-io';
import { runReadiness, serverOutcome, type RunReadiness } from '../../../shared/readiness/run-readiness';
import { countStatuses, type ServerEvaluation, type StatusTotals } from '../../checks/evaluate-estate';

// Words, not colour: the checklist must read the same in a plain console, a log file and a screen reader.
const statusWord: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  unknown: 'UNKNOWN',
  'n/a': 'N/A',
};

const statusColumn = 9;
// The longest check id (winrm.trustedhosts.exchange) and two spaces.
const idColumn = 29;
const detailIndent = ' '.repeat(2 + statusColumn + idColumn);

function describeTotals(totals: StatusTotals): string {
  return (Object.keys(statusWord) as CheckStatus[])
    .filter((status) => totals[status] > 0)
    .map((status) => `${totals[status]} ${status}`)
    .join(', ');
}

function resultLines(result: CheckResult): string[] {
  const lines = [
    `  ${statusWord[result.status].padEnd(statusColumn)}${result.checkId.padEnd(idColumn)}${result.summary}`,
  ];
  // An unreachable server's summary already ends with its remedy: do not print it twice.
  if (result.remedy !== undefined && result.status !== 'pass' && !result.summary.includes(result.remedy)) {
    lines.push(`${detailIndent}Remedy: ${result.remedy}`);
  }
  if (result.fixId !== undefined && result.status !== 'pass')
    lines.push(`${detailIndent}Fix: ${result.fixId}`);
  if (result.acceptedRisk !== undefined) {
    lines.push(`${detailIndent}Accepted risk: ${result.acceptedRisk.exposes}`);
    lines.push(`${detailIndent}Safer: ${result.acceptedRisk.saferAlternatives.join(' | ')}`);
  }
  return lines;
}

export interface TextReportHeader {
  file: string;
  collectedAt: string;
  evaluatedAt: string;
  serviceAccount: string | null;
  syncServers: readonly string[];
  /** Lab facts: the checklist says so on its first line. */
  simulated: boolean;
}

/** Every server's verdicts and the estate lines, from the facts (unreachable or not) and the results. */
export function evaluationReadiness(saved: SavedFacts, servers: readonly ServerEvaluation[]): RunReadiness {
  return runReadiness(
    servers.map((server) =>
      serverOutcome(
        saved.servers.find((facts) => facts.fqdn.toLowerCase() === server.fqdn.toLowerCase()),
        server.fqdn,
        server.results,
      ),
    ),
  );
}

/** The readiness block: one line per server (each integration's verdict), then one estate line per integration. */
export function readinessLines(readiness: RunReadiness): string[] {
  const width = Math.max(0, ...readiness.servers.map((server) => server.fqdn.length)) + 2;
  return [
    'Readiness:',
    ...readiness.servers.map(
      (server) =>
        `  ${server.fqdn.padEnd(width)}${server.verdicts.map((verdict) => `${verdict.integration}: ${verdict.text}`).join('; ')}`,
    ),
    'Estate:',
    ...readiness.estate.map((line) => `  ${line.text}`),
  ];
}

/** The readable checklist `exready evaluate` prints: one block per server, one line per check. */
export function formatEvaluationText(
  header: TextReportHeader,
  servers: readonly ServerEvaluation[],
  readiness?: RunReadiness,
): string {
  const lines = [
    ...(header.simulated ? ['SIMULATED: lab facts, not collected from real servers'] : []),
    `Remote PowerShell readiness: ${header.file}`,
    `Facts collected ${header.collectedAt}, evaluated ${header.evaluatedAt}`,
    `Service account: ${header.serviceAccount ?? '(not set)'}`,
    `Sync servers: ${header.syncServers.length === 0 ? '(none)' : header.syncServers.join(', ')}`,
  ];
  for (const server of servers) {
    lines.push('', `${server.fqdn}: ${describeTotals(countStatuses(server.results))}`);
    for (const result of server.results) lines.push(...resultLines(result));
  }
  if (readiness !== undefined) lines.push('', ...readinessLines(readiness));
  const all = servers.flatMap((server) => server.results);
  const totals = countStatuses(all);
  lines.push(
    '',
    `Total: ${servers.length} server${servers.length === 1 ? '' : 's'}, ${all.length} checks: ${describeTotals(totals) || 'none'}`,
  );
  lines.push(
    totals.fail > 0
      ? `Result: FAIL (${totals.fail} check${totals.fail === 1 ? '' : 's'} failed)`
      : 'Result: nothing failed',
  );
  return `${lines.join('\n')}\n`;
}

/** Prints an evaluation as the checklist or, with --json, as one document (`extra` adds command-specific fields). */
export function printEvaluation(
  io: CliIo,
  options: { json: boolean; source: string; extra: Record<string, unknown> },
  saved: SavedFacts,
  evaluatedAt: Date,
  servers: readonly ServerEvaluation[],
): void {
  const simulated = saved.simulated === true;
  const readiness = evaluationReadiness(saved, servers);
  if (options.json) {
    const document = {
      schemaVersion: 1,
      ...options.extra,
      collectedAt: saved.collectedAt,
      evaluatedAt: evaluatedAt.toISOString(),
      simulated,
      totals: countStatuses(servers.flatMap((server) => server.results)),
      servers: servers.map((server) => ({
        fqdn: server.fqdn,
        results: server.results.map((result) => CheckResult.parse(result)),
      })),
      readiness: {
        servers: readiness.servers.map((server) => ({ fqdn: server.fqdn, verdicts: server.verdicts })),
        estate: readiness.estate,
      },
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const header: TextReportHeader = {
    file: options.source,
    collectedAt: saved.collectedAt,
    evaluatedAt: evaluatedAt.toISOString(),
    serviceAccount: saved.context.serviceAccount,
    syncServers: saved.context.syncServers.map((sync) => sync.fqdn),
    simulated,
  };
  io.stdout(formatEvaluationText(header, servers, readiness));
}
