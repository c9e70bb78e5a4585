import { assembleFacts } from '../../electron/facts/facts-assembler';
import { runCheck } from '../../electron/services/check-run-service';
import { functionCollectionSource } from '../../electron/services/collection-source';
import { columnsOf } from '../../renderer/src/checks/check-columns';
import { demoEstate } from '../../shared/lab/demo-estate';
import { simulateCollection } from '../../shared/lab/simulate-collection';
import { SavedRun } from '../../shared/runs/run-records';
import type { MatrixBenchRequest } from './matrix-bench-api';

// The demo lab's facts and results (every status, both areas) repeated to 200 servers of 20 checks each,
// parsed by the SavedRun schema so the page gets what the history would hand it.

export const serverCount = 200;
export const checkCount = 20;
const now = new Date('2026-11-22T10:00:00Z');

async function demoRun200(): Promise<SavedRun> {
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
  const checkIds = new Set(outcome.results[0]?.results.slice(0, checkCount).map((result) => result.checkId));
  const name = (index: number) => `exch${String(index).padStart(4, '0')}.contoso.com`;
  const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
  const indexes = Array.from({ length: serverCount }, (_, index) => index);
  const servers = indexes.map((index) => ({ ...pick(outcome.savedFacts.servers, index), fqdn: name(index) }));
  const results = indexes.map((index) => ({
    fqdn: name(index),
    results: pick(outcome.results, index).results.filter((result) => checkIds.has(result.checkId)),
  }));
  if (results.some((server) => server.results.length !== checkCount)) {
    throw new Error(`the demo lab no longer gives every server the same ${checkCount} checks`);
  }
  return SavedRun.parse({
    schemaVersion: 1,
    runId: 'bench-matrix',
    savedAt: now.toISOString(),
    evaluatedAt: outcome.evaluatedAt.toISOString(),
    savedFacts: {
      ...outcome.savedFacts,
      context: { ...outcome.savedFacts.context, exchangeServers: servers.map((server) => server.fqdn) },
      servers,
    },
    results,
  });
}

/** The run and the table shape the page must show after each step. */
export async function matrixRequest(repetitions: number): Promise<MatrixBenchRequest> {
  const run = await demoRun200();
  const columns = columnsOf(run.results);
  const areas = [...new Set(columns.map((column) => column.area))];
  // The area with the most checks, so the filter keeps a sizeable table.
  const area = areas
    .map((name) => ({ name, columns: columns.filter((column) => column.area === name).length }))
    .sort((a, b) => b.columns - a.columns)[0];
  if (area === undefined || areas.length < 2) throw new Error('the matrix needs two areas to filter on one');
  const failing = run.results.filter((server) => server.results.some((result) => result.status === 'fail'));
  return {
    run,
    repetitions,
    all: { rows: serverCount, columns: checkCount },
    failing: { rows: failing.length, columns: checkCount },
    area: { name: area.name, rows: serverCount, columns: area.columns },
  };
}
