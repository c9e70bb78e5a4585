import { createHash } from 'node:crypto';
import type { FactsContext } from '../../shared/facts/saved-facts';

/**
 * Identifies the estate a report is about, so two reports can be told apart or matched.
 * Covers: the Exchange server FQDNs (lower case, sorted, unique), the sync server FQDNs (same)
 * and the service account (lower case, or empty when none). Not covered: any fact or result.
 */
export function estateFingerprint(context: FactsContext): string {
  const canonical = (names: readonly string[]) => [...new Set(names.map((n) => n.toLowerCase()))].sort();
  const document = JSON.stringify({
    exchangeServers: canonical(context.exchangeServers),
    syncServers: canonical(context.syncServers.map((sync) => sync.fqdn)),
    serviceAccount: context.serviceAccount?.toLowerCase() ?? '',
  });
  return createHash('sha256').update(document, 'utf8').digest('hex');
}
