import type { ServerFacts, SyncServerFacts } from '../../shared/facts/server-facts';
import type { RunHistory } from '../storage/run-history';

/** The server's facts from the newest saved run that collected it (lab runs for lab fixes only); null when none did. */
export async function latestServerFacts(
  history: RunHistory,
  server: string,
  simulated: boolean,
): Promise<ServerFacts | null> {
  const wanted = server.toLowerCase();
  for (const summary of await history.list()) {
    if (summary.simulated !== simulated) continue;
    const run = await history.open(summary.runId);
    const facts = run.savedFacts.servers.find((item) => item.fqdn.toLowerCase() === wanted);
    if (facts !== undefined) return facts;
  }
  return null;
}

/** A sync server's client side as the newest run read it, with when. */
export interface LatestSyncServerFacts {
  facts: SyncServerFacts;
  collectedAt: string;
}

/** The sync server's facts from the newest saved run that read it; null when none did. */
export async function latestSyncServerFacts(
  history: RunHistory,
  server: string,
  simulated: boolean,
): Promise<LatestSyncServerFacts | null> {
  const wanted = server.toLowerCase();
  for (const summary of await history.list()) {
    if (summary.simulated !== simulated) continue;
    const run = await history.open(summary.runId);
    const facts = run.savedFacts.context.syncServers.find((item) => item.fqdn.toLowerCase() === wanted);
    if (facts !== undefined) return { facts, collectedAt: run.savedFacts.collectedAt };
  }
  return null;
}

/** A check's evidence for a server in the newest real run that judged it; null when none did. */
export async function latestCheckEvidence(
  history: RunHistory,
  server: string,
  checkId: string,
): Promise<Readonly<Record<string, unknown>> | null> {
  const wanted = server.toLowerCase();
  for (const summary of await history.list()) {
    if (summary.simulated) continue;
    const run = await history.open(summary.runId);
    const results = run.results.find((item) => item.fqdn.toLowerCase() === wanted)?.results;
    const found = results?.find((result) => result.checkId === checkId);
    if (found !== undefined) return found.evidence;
  }
  return null;
}
