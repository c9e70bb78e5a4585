import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckStatus } from '../../shared/checks/check-result';
import { SavedRun, type NewSavedRun, type RunSummary } from '../../shared/runs/run-records';
import { processRunKey, protectRunSecrets, type RunKeySource } from '../webconfig/run-webconfig-protection';
import { writeFileAtomic } from './atomic-file';
import { StoredFileError } from './json-store';
import { readRunFile, runFilePath, runIdsIn } from './run-folder';

// Every check run kept in userData/runs/<runId>.json: the facts and their results, so any report can be rebuilt.

export { SavedRun, type RunSummary } from '../../shared/runs/run-records';

/** The history record of a finished check run. */
export function savedRunOf(
  outcome: {
    request: { runId: string };
    evaluatedAt: Date;
    savedFacts: SavedRun['savedFacts'];
    results: SavedRun['results'];
  },
  savedAt: Date,
): SavedRun {
  return {
    schemaVersion: 1,
    runId: outcome.request.runId,
    sequence: 0,
    savedAt: savedAt.toISOString(),
    evaluatedAt: outcome.evaluatedAt.toISOString(),
    savedFacts: outcome.savedFacts,
    results: outcome.results,
  };
}

export class RunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(runId === 'latest' ? 'no run has been saved yet' : `no saved run "${runId}"`);
    this.name = 'RunNotFoundError';
  }
}

function summaryOf(run: SavedRun): RunSummary {
  const totals = Object.fromEntries(CheckStatus.options.map((status) => [status, 0])) as Record<
    CheckStatus,
    number
  >;
  for (const server of run.results) for (const result of server.results) totals[result.status] += 1;
  return {
    runId: run.runId,
    sequence: run.sequence,
    collectedAt: run.savedFacts.collectedAt,
    savedAt: run.savedAt,
    simulated: run.savedFacts.simulated === true,
    servers: run.savedFacts.servers.length,
    totals,
  };
}

// Newest first: by collection time, then by when it was saved.
const newestFirst = (a: RunSummary, b: RunSummary) =>
  Date.parse(b.collectedAt) - Date.parse(a.collectedAt) ||
  Date.parse(b.savedAt) - Date.parse(a.savedAt) ||
  b.sequence - a.sequence;

export class RunHistory {
  readonly folder: string;

  /** keySource: the install key web.config secrets are hashed and sealed with before a run reaches the disk. */
  constructor(
    userDataDir: string,
    readonly keySource: RunKeySource = processRunKey,
  ) {
    this.folder = join(userDataDir, 'runs');
  }

  private pathOf(runId: string): string {
    return runFilePath(this.folder, runId, (id) => new RunNotFoundError(id));
  }

  /** Saves a run as the newest of the history and answers its line of the list. */
  async save(run: NewSavedRun): Promise<RunSummary> {
    const sequence = Math.max(0, ...(await this.list()).map((summary) => summary.sequence)) + 1;
    const checked = SavedRun.parse(protectRunSecrets({ ...run, sequence }, await this.keySource()));
    await writeFileAtomic(this.pathOf(checked.runId), `${JSON.stringify(checked)}\n`);
    return summaryOf(checked);
  }

  /** The run with this id, or the newest one for "latest". */
  async open(runId: string): Promise<SavedRun> {
    const id = runId === 'latest' ? (await this.list())[0]?.runId : runId;
    if (id === undefined) throw new RunNotFoundError(runId);
    return readRunFile(this.pathOf(id), SavedRun, 'a saved run', () => new RunNotFoundError(runId));
  }

  /** Every saved run, newest first, with its totals; a file that is not a run is skipped, not fatal. */
  async list(): Promise<RunSummary[]> {
    const summaries: RunSummary[] = [];
    for (const runId of await runIdsIn(this.folder)) {
      try {
        summaries.push(summaryOf(await this.open(runId)));
      } catch (error) {
        // A file whose name is no run id (copied in by hand) is not a run either.
        if (!(error instanceof StoredFileError) && !(error instanceof RunNotFoundError)) throw error;
      }
    }
    return summaries.sort(newestFirst);
  }

  async delete(runId: string): Promise<void> {
    await rm(this.pathOf(runId), { force: false });
  }
}
