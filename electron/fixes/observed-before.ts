import type { z } from 'zod';
import type { Collected } from '../../shared/facts/collected';
import type { CollectedServerFacts, ServerFacts } from '../../shared/facts/server-facts';
import type { FixDefinition } from '../../shared/fixes/fix-catalogue';
import { portsInclude } from '../checks/firewall-port-rule';
import type { LatestSyncServerFacts } from './latest-server-facts';

type Json = z.infer<ReturnType<typeof z.json>>;

/**
 * The value a fix is about to change, as the newest run collected it: written into the audit intent before
 * anything runs, so the log holds a before-value even when the change dies half-way. The script still reads
 * the live value on the server; that one goes into the outcome and is what an undo restores.
 */
export interface ObservedBefore {
  observed: 'last-collected';
  collectedAt: string;
  /** The facts part the fix changes, e.g. "serviceAuth" for CbtHardeningLevel. */
  part: string;
  value: Json;
}

export interface NotObserved {
  observed: 'not-collected';
  reason: string;
}

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

// Only the rules that decide TCP 5986: a server's full rule list would make every firewall intent line huge.
function firewallPart(facts: CollectedServerFacts): Collected<unknown> {
  const rules = facts.firewallRules;
  if (rules.status !== 'collected') return rules;
  return { status: 'collected', value: rules.value.filter((rule) => portsInclude(rule.localPorts, 5986)) };
}

const exchangeParts: Record<string, { part: string; read: (facts: CollectedServerFacts) => unknown }> = {
  'winrm.service': { part: 'winrmService', read: (facts) => facts.winrmService },
  'winrm.listener.https': { part: 'listeners', read: (facts) => facts.listeners },
  'winrm.listener.cert': { part: 'listeners', read: (facts) => facts.listeners },
  'winrm.auth.cbt': { part: 'serviceAuth', read: (facts) => facts.serviceAuth },
  'psremoting.sessionconfig': { part: 'sessionConfigurations', read: (facts) => facts.sessionConfigurations },
  'psremoting.serviceaccount': {
    part: 'localGroups.remoteManagementUsers',
    read: (facts) => facts.localGroups.remoteManagementUsers,
  },
  'ad.delegation': { part: 'adComputer', read: (facts) => facts.adComputer },
  'firewall.5986': { part: 'firewallRules (TCP 5986)', read: firewallPart },
};

/** What the intent records as the before-value of a fix on a server, from the newest collected facts. */
export function observedBefore(
  fix: FixDefinition,
  server: string,
  facts: { exchange?: ServerFacts | null; sync?: LatestSyncServerFacts | null },
): ObservedBefore | NotObserved {
  if (fix.target === 'sync-server') {
    const sync = facts.sync ?? null;
    if (sync === null)
      return { observed: 'not-collected', reason: `no saved run has read ${server} as a sync server` };
    return {
      observed: 'last-collected',
      collectedAt: sync.collectedAt,
      part: 'trustedHosts',
      value: asJson(sync.facts.trustedHosts),
    };
  }
  const exchange = facts.exchange ?? null;
  if (exchange === null) return { observed: 'not-collected', reason: `no saved run has collected ${server}` };
  if (exchange.status !== 'collected')
    return { observed: 'not-collected', reason: `the newest run could not reach ${server}` };
  const reader = exchangeParts[fix.checkId];
  if (reader === undefined)
    return { observed: 'not-collected', reason: `no collected fact holds what ${fix.id} changes` };
  return {
    observed: 'last-collected',
    collectedAt: exchange.collectedAt,
    part: reader.part,
    value: asJson(reader.read(exchange)),
  };
}
