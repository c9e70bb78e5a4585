import type { CheckStatus } from '../checks/check-result';
import type { Integration } from '../readiness/integration';
import type { ReadinessReport, ReportCheck } from './report-schema';

// What a change board reads after the grid: each check that needs attention once, with the servers it concerns.

/** One finding of a check, shared word for word by the servers listed. */
export interface AttentionFinding {
  status: CheckStatus;
  servers: string[];
  summary: string;
  remedy: string | null;
  fixId: string | null;
}

export interface AttentionCheck {
  checkId: string;
  title: string;
  integration: Integration;
  /** The worst status among its findings: the order of the list. */
  worst: CheckStatus;
  findings: AttentionFinding[];
  /** The references of the check, each once. */
  references: string[];
}

/** An accepted risk stated once, with every server that carries it. */
export interface GroupedRisk {
  checkId: string;
  title: string;
  exposes: string;
  saferAlternatives: string[];
  servers: string[];
}

/** A server nothing could be read from, stated once instead of once per check. */
export interface NotCheckedServer {
  server: string;
  message: string;
  remedy: string;
}

export interface CheckRow {
  checkId: string;
  title: string;
  integration: Integration;
}

export interface ReportAttention {
  /** Every check of the run, in catalogue order: the rows of the grid. */
  checks: CheckRow[];
  notChecked: NotCheckedServer[];
  attention: AttentionCheck[];
  acceptedRisks: GroupedRisk[];
}

const needsAttention: Partial<Record<CheckStatus, number>> = { fail: 0, unknown: 1, warn: 2 };

/** Groups values under a key, keeping the order each key was first seen in. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

interface Located {
  server: string;
  check: ReportCheck;
}

function attentionCheck(located: readonly Located[]): AttentionCheck | null {
  const first = located[0];
  if (first === undefined) return null;
  const findings = groupBy(located, ({ check }) =>
    JSON.stringify([check.status, check.summary, check.remedy, check.fixId]),
  ).map((group): AttentionFinding => {
    const { check } = group[0] ?? first;
    return {
      status: check.status,
      servers: group.map((item) => item.server),
      summary: check.summary,
      remedy: check.remedy,
      fixId: check.fixId,
    };
  });
  findings.sort((a, b) => (needsAttention[a.status] ?? 9) - (needsAttention[b.status] ?? 9));
  return {
    checkId: first.check.checkId,
    title: first.check.title,
    integration: first.check.integration,
    worst: findings[0]?.status ?? first.check.status,
    findings,
    references: [...new Set(located.flatMap(({ check }) => check.references))],
  };
}

/** The grid rows, the servers not read, the checks needing attention (worst first) and the accepted risks, grouped. */
export function reportAttention(report: ReadinessReport): ReportAttention {
  const rows = new Map<string, CheckRow>();
  for (const server of report.servers)
    for (const check of server.checks)
      if (!rows.has(check.checkId))
        rows.set(check.checkId, {
          checkId: check.checkId,
          title: check.title,
          integration: check.integration,
        });
  const order = [...rows.keys()];

  const notChecked = report.servers.flatMap((server) =>
    server.unreachable === null
      ? []
      : [{ server: server.fqdn, message: server.unreachable.message, remedy: server.unreachable.remedy }],
  );

  // An unreachable server's unknowns are its one banner above, never repeated per check.
  const flagged = report.servers
    .filter((server) => server.unreachable === null)
    .flatMap((server) =>
      server.checks
        .filter((check) => needsAttention[check.status] !== undefined)
        .map((check) => ({ server: server.fqdn, check })),
    );
  const attention = groupBy(flagged, ({ check }) => check.checkId)
    .map(attentionCheck)
    .filter((item): item is AttentionCheck => item !== null)
    .sort(
      (a, b) =>
        (needsAttention[a.worst] ?? 9) - (needsAttention[b.worst] ?? 9) ||
        order.indexOf(a.checkId) - order.indexOf(b.checkId),
    );

  const acceptedRisks = groupBy(report.acceptedRisks, (risk) =>
    JSON.stringify([risk.checkId, risk.exposes, risk.saferAlternatives]),
  ).flatMap((group): GroupedRisk[] => {
    const [risk] = group;
    if (risk === undefined) return [];
    return [
      {
        checkId: risk.checkId,
        title: risk.title,
        exposes: risk.exposes,
        saferAlternatives: risk.saferAlternatives,
        servers: group.map((item) => item.server),
      },
    ];
  });

  return { checks: [...rows.values()], notChecked, attention, acceptedRisks };
}
