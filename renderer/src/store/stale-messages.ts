/** The parts of the state a successful action changes, which make an older run error stale. */
export interface MessageWatch {
  runError: string | null;
  inventory: unknown;
  run: unknown;
  showingHistory: boolean;
  mfa: unknown;
}

/**
 * A run error ("PowerShell not found") belongs to the check that failed: once the admin does something else that
 * succeeds (the inventory changed, a run or the history opened), it is stale and is cleared.
 */
export function runErrorIsStale(previous: MessageWatch, next: MessageWatch): boolean {
  if (next.runError === null || next.runError !== previous.runError) return false;
  return (
    next.inventory !== previous.inventory ||
    (next.run !== previous.run && next.run !== null) ||
    (next.showingHistory && !previous.showingHistory) ||
    (next.mfa !== previous.mfa && next.mfa !== null)
  );
}

/** Names the servers a run's warnings are about ("exch03.contoso.com: Access is denied."), each once, in order. */
export function serversInWarnings(warnings: readonly string[], servers: readonly string[]): string[] {
  const known = new Map(servers.map((server) => [server.toLowerCase(), server]));
  const named: string[] = [];
  for (const warning of warnings) {
    const prefix = /^([^\s:]+):\s/.exec(warning)?.[1]?.toLowerCase();
    const server = prefix === undefined ? undefined : known.get(prefix);
    if (server !== undefined && !named.includes(server)) named.push(server);
  }
  return named;
}
