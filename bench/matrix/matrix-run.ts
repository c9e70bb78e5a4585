import { columnsOf } from '../../renderer/src/checks/check-columns';
import { SavedRun } from '../../shared/runs/run-records';
import { repeatedDemoEstate } from '../repeated-demo-estate';
import type { MatrixBenchRequest } from './matrix-bench-api';

// The demo lab's facts and results (every status, both areas) repeated to 200 servers of 20 checks each,
// parsed by the SavedRun schema so the page gets what the history would hand it.

export const serverCount = 200;
export const checkCount = 20;
const now = new Date('2026-11-22T10:00:00Z');

async function demoRun200(): Promise<SavedRun> {
  const estate = await repeatedDemoEstate(serverCount, now);
  const checkIds = new Set(estate.results[0]?.results.slice(0, checkCount).map((result) => result.checkId));
  const results = estate.results.map((server) => ({
    ...server,
    results: server.results.filter((result) => checkIds.has(result.checkId)),
  }));
  if (results.some((server) => server.results.length !== checkCount)) {
    throw new Error(`the demo lab no longer gives every server the same ${checkCount} checks`);
  }
  return SavedRun.parse({
    schemaVersion: 1,
    runId: 'bench-matrix',
    savedAt: now.toISOString(),
    evaluatedAt: estate.evaluatedAt.toISOString(),
    savedFacts: estate.savedFacts,
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
