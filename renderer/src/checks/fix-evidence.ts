import type { SavedRun } from '../../../shared/runs/run-records';

/** The evidence of one check on one server in a run: what a fix's sentence reads the current value from. */
export function checkEvidence(
  run: SavedRun | null,
  server: string,
  checkId: string,
): Record<string, unknown> | null {
  const result = run?.results
    .find((entry) => entry.fqdn.toLowerCase() === server.toLowerCase())
    ?.results.find((item) => item.checkId === checkId);
  return result === undefined ? null : result.evidence;
}
