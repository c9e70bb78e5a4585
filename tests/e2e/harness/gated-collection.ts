import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoEstate } from '../../../electron/lab/demo-estate';
import { simulateCollection } from '../../../electron/lab/simulate-collection';
import { functionCollectionSource } from '../../../electron/services/collection-source';
import type { CheckRunsConfig } from '../../../electron/services/check-runs-handlers';

// A stand-in for the PowerShell collection: the demo lab's protocol lines (the same lines the real collector
// prints), released up to a number of Exchange servers' answers, then held until the run is cancelled.

/** The demo estate as a real inventory, so "Check all" goes through the (stand-in) PowerShell collection. */
export async function seedDemoInventory(userDataDir: string): Promise<void> {
  const addedAt = '2026-11-22T09:00:00.000Z';
  await writeFile(
    join(userDataDir, 'inventory.json'),
    JSON.stringify({
      schemaVersion: 1,
      exchangeServers: demoEstate.exchangeServers.map((server) => ({
        fqdn: server.fqdn,
        addedAt,
        source: 'manual',
        version: null,
      })),
      syncServers: demoEstate.syncServers.map((server) => ({ fqdn: server.fqdn, addedAt, source: 'manual' })),
      serviceAccount: demoEstate.serviceAccount,
    }),
  );
}

/** Answers `answers` Exchange servers, then waits for the cancel; never ends by itself. */
export function gatedCollection(answers: number): CheckRunsConfig['openCollection'] {
  return () =>
    Promise.resolve({
      source: functionCollectionSource(async function* (request, signal) {
        const servers = new Set(request.exchangeServers);
        let answered = 0;
        for (const line of simulateCollection(demoEstate, request, new Date())) {
          const isAnswer =
            (line.kind === 'server-facts' || line.kind === 'server-error') &&
            servers.has((line.server ?? '').toLowerCase());
          if (isAnswer && answered === answers) break;
          if (isAnswer) answered += 1;
          yield line;
        }
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }),
      close: () => Promise.resolve(),
    });
}
