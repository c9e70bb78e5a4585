import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import type { CheckColumn } from './check-columns';

export interface MatrixRow {
  fqdn: string;
  /** Per visible column, the result (undefined when the server has no result for that check). */
  cells: (CheckResult | undefined)[];
  failures: number;
  warnings: number;
  /** Failed checks plus checks that could not be read: an unreachable server is never "0". */
  blocking: number;
}

/** A row on screen: with its readiness verdict (the blocking cell's tooltip) and, for the tenant, its own label. */
export type MatrixTableRow = MatrixRow & { verdict: string; label?: string };

export interface MatrixQuery {
  statusFilter: readonly CheckStatus[];
  areaFilter: readonly string[];
  sort: 'server' | 'failures';
  /** Per server, its readiness sort key (worst first); "failures" sorts by it so not checked never ranks as healthy. */
  rank?: ReadonlyMap<string, number>;
}

/** The visible columns and rows of the matrix: pure, so it can be measured on its own. */
export function buildMatrix(
  results: readonly { fqdn: string; results: readonly CheckResult[] }[],
  columns: readonly CheckColumn[],
  query: MatrixQuery,
): { columns: CheckColumn[]; rows: MatrixRow[] } {
  const visible = columns.filter(
    (column) => query.areaFilter.length === 0 || query.areaFilter.includes(column.area),
  );
  const statuses = new Set(query.statusFilter);
  const rows: MatrixRow[] = [];
  for (const server of results) {
    const byId = new Map(server.results.map((result) => [result.checkId, result]));
    const cells = visible.map((column) => byId.get(column.id));
    if (statuses.size > 0 && !cells.some((cell) => cell !== undefined && statuses.has(cell.status))) continue;
    rows.push({
      fqdn: server.fqdn,
      cells,
      failures: cells.filter((cell) => cell?.status === 'fail').length,
      warnings: cells.filter((cell) => cell?.status === 'warn').length,
      blocking: cells.filter((cell) => cell?.status === 'fail' || cell?.status === 'unknown').length,
    });
  }
  const rank = (fqdn: string) => query.rank?.get(fqdn) ?? 0;
  rows.sort((a, b) =>
    query.sort === 'failures'
      ? rank(a.fqdn) - rank(b.fqdn) ||
        b.blocking - a.blocking ||
        b.warnings - a.warnings ||
        a.fqdn.localeCompare(b.fqdn)
      : a.fqdn.localeCompare(b.fqdn),
  );
  return { columns: visible, rows };
}

/** Consecutive columns of one area, for the grouped header row. */
export function areaGroups(columns: readonly CheckColumn[]): { area: string; span: number }[] {
  const groups: { area: string; span: number }[] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last !== undefined && last.area === column.area) last.span += 1;
    else groups.push({ area: column.area, span: 1 });
  }
  return groups;
}
