import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckStatus } from '../../shared/checks/check-result';
import { SavedRun, type NewSavedRun, type RunSummary } from '../../shared/runs/run-records';
import { processRunKey, protectRunSecrets, type RunKeySource } from '../webconfig/run-webconfig-protection';
import { writeFileAtomic } from './atomic-file';
import { StoredFileError } from './json-store';

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

// A run id becomes a file name: nothing that could climb out of the folder.
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

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
    if (!runIdPattern.test(runId) || runId.includes('..')) throw new RunNotFoundError(runId);
    return join(this.folder, `${runId}.json`);
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
    const path = this.pathOf(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RunNotFoundError(runId);
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StoredFileError(path, 'is not valid JSON');
    }
    const parsed = SavedRun.safeParse(json);
    if (!parsed.success) throw new StoredFileError(path, 'is not a saved run');
    return parsed.data;
  }

  /** Every saved run, newest first, with its totals; a file that is not a run is skipped, not fatal. */
  async list(): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const summaries: RunSummary[] = [];
    for (const name of names.filter((file) => file.endsWith('.json') && !file.startsWith('.'))) {
      try {
        summaries.push(summaryOf(await this.open(name.slice(0, -'.json'.length))));
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
