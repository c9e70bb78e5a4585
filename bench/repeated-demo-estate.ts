import { assembleFacts } from '../electron/facts/facts-assembler';
import { runCheck } from '../electron/services/check-run-service';
import { functionCollectionSource } from '../electron/services/collection-source';
import { demoEstate } from '../electron/lab/demo-estate';
import { simulateCollection } from '../electron/lab/simulate-collection';

/**
 * The demo lab checked in-process (every status, evidence, accepted risks), its servers repeated and renamed
 * exch0000… to `count`: the estate the report and matrix benches measure.
 */
export async function repeatedDemoEstate(count: number, now: Date) {
  const outcome = await runCheck(
    {
      exchangeServers: demoEstate.exchangeServers.map((server) => server.fqdn),
      syncServers: demoEstate.syncServers.map((server) => server.fqdn),
      serviceAccount: demoEstate.serviceAccount,
    },
    {
      source: functionCollectionSource((request) => simulateCollection(demoEstate, request, now)),
      assemble: (input) => ({ ...assembleFacts(input), simulated: true }),
      now: () => now,
    },
    { signal: new AbortController().signal },
  );
  const name = (index: number) => `exch${String(index).padStart(4, '0')}.contoso.com`;
  const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
  const indexes = Array.from({ length: count }, (_, index) => index);
  const servers = indexes.map((index) => ({ ...pick(outcome.savedFacts.servers, index), fqdn: name(index) }));
  return {
    evaluatedAt: outcome.evaluatedAt,
    savedFacts: {
      ...outcome.savedFacts,
      context: { ...outcome.savedFacts.context, exchangeServers: servers.map((server) => server.fqdn) },
      servers,
    },
    results: indexes.map((index) => ({ fqdn: name(index), results: pick(outcome.results, index).results })),
  };
}
