import { onPremisesIntegrations, type Integration } from '../../../shared/readiness/integration';
import { readinessRank, type ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import {
  runReadiness,
  serverOutcome,
  type RunReadiness,
  type ServerReadiness,
} from '../../../shared/readiness/run-readiness';
import type { SavedRun } from '../../../shared/runs/run-records';

/** The run's verdicts as the CLI and the reports word them: computed from its results and facts status. */
export function verdictsOfRun(run: SavedRun): RunReadiness {
  const facts = new Map(run.savedFacts.servers.map((server) => [server.fqdn, server]));
  return runReadiness(
    run.results.map((entry) => serverOutcome(facts.get(entry.fqdn), entry.fqdn, entry.results)),
    onPremisesIntegrations,
  );
}

export type ReadinessSortKey = 'server' | 'overall' | Integration;
export type ReadinessFilter = 'all' | 'not-ready' | 'not-checked' | 'ready';

export interface ReadinessQuery {
  search: string;
  filter: ReadinessFilter;
  sort: { key: ReadinessSortKey; direction: 'ascending' | 'descending' };
}

function verdictFor(server: ServerReadiness, key: Exclude<ReadinessSortKey, 'server'>): ReadinessVerdict {
  if (key === 'overall') return server.overall;
  return server.verdicts.find((verdict) => verdict.integration === key) ?? server.overall;
}

// Ready with risks is ready; not checked is its own answer and never counts as ready.
function matches(server: ServerReadiness, filter: ReadinessFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'ready':
      return server.overall.kind === 'ready' || server.overall.kind === 'ready-with-risks';
    default:
      return server.overall.kind === filter;
  }
}

/** The rows of the readiness list: searched by name, filtered by verdict, sorted by a column (worst first ascending). */
export function readinessRows(servers: readonly ServerReadiness[], query: ReadinessQuery): ServerReadiness[] {
  const needle = query.search.trim().toLowerCase();
  const sign = query.sort.direction === 'ascending' ? 1 : -1;
  const { key } = query.sort;
  return servers
    .filter((server) => needle === '' || server.fqdn.toLowerCase().includes(needle))
    .filter((server) => matches(server, query.filter))
    .sort((a, b) => {
      const byName = a.fqdn.localeCompare(b.fqdn);
      if (key === 'server') return sign * byName;
      return sign * (readinessRank(verdictFor(a, key)) - readinessRank(verdictFor(b, key))) || byName;
    });
}
