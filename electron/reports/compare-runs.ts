import type { CheckStatus } from '../../shared/checks/check-result';
import type { CheckChange, RunComparison, SavedRun } from '../../shared/runs/run-records';

function statusesOf(run: SavedRun): Map<string, Map<string, CheckStatus>> {
  return new Map(
    run.results.map((server) => [
      server.fqdn,
      new Map(server.results.map((result) => [result.checkId, result.status])),
    ]),
  );
}

/** What changed from `before` to `after`, per server and check (servers present in both). */
export function compareRuns(before: SavedRun, after: SavedRun): RunComparison {
  const old = statusesOf(before);
  const now = statusesOf(after);
  const changes: CheckChange[] = [];
  for (const [server, checks] of now) {
    const previous = old.get(server);
    if (previous === undefined) continue;
    for (const checkId of new Set([...previous.keys(), ...checks.keys()])) {
      const was = previous.get(checkId) ?? null;
      const is = checks.get(checkId) ?? null;
      if (was !== is) changes.push({ server, checkId, before: was, after: is });
    }
  }
  return {
    before: before.runId,
    after: after.runId,
    serversAdded: [...now.keys()].filter((server) => !old.has(server)),
    serversRemoved: [...old.keys()].filter((server) => !now.has(server)),
    changes,
  };
}
