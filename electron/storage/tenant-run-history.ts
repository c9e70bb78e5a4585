import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CheckStatus } from '../../shared/checks/check-result';
import {
  SavedTenantRun,
  type NewSavedTenantRun,
  type TenantRunSummary,
} from '../../shared/runs/tenant-run-records';
import { maskSecrets } from '../reports/mask-report-secrets';
import { writeFileAtomic } from './atomic-file';
import { StoredFileError } from './json-store';
import { readRunFile, runFilePath, runIdsIn } from './run-folder';

// Every tenant check kept in userData/tenant-runs/<runId>.json, beside runs/ (whose files stay as they are).

export { SavedTenantRun, type TenantRunSummary } from '../../shared/runs/tenant-run-records';

export class TenantRunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(runId === 'latest' ? 'no tenant run has been saved yet' : `no saved tenant run "${runId}"`);
    this.name = 'TenantRunNotFoundError';
  }
}

function summaryOf(run: SavedTenantRun): TenantRunSummary {
  const totals = Object.fromEntries(CheckStatus.options.map((status) => [status, 0])) as Record<
    CheckStatus,
    number
  >;
  for (const result of run.results) totals[result.status] += 1;
  return {
    runId: run.runId,
    sequence: run.sequence,
    savedAt: run.savedAt,
    readAt: run.readAt,
    tenant: run.tenant,
    source: run.source,
    caseName: run.caseName,
    simulated: run.simulated,
    totals,
  };
}

// Newest first: by when the tenant was read, then by the order of saving.
const newestFirst = (a: TenantRunSummary, b: TenantRunSummary) =>
  Date.parse(b.readAt) - Date.parse(a.readAt) ||
  Date.parse(b.savedAt) - Date.parse(a.savedAt) ||
  b.sequence - a.sequence;

/** A new tenant run id: the time it was saved and a random tail, safe as a file name. */
export function newTenantRunId(now: Date): string {
  return `tenant-${now.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
}

export class TenantRunHistory {
  readonly folder: string;

  constructor(userDataDir: string) {
    this.folder = join(userDataDir, 'tenant-runs');
  }

  private pathOf(runId: string): string {
    return runFilePath(this.folder, runId, (id) => new TenantRunNotFoundError(id));
  }

  /** Saves a tenant run as the newest; its evidence passes the report masking first (knownSecrets and secret names). */
  async save(run: NewSavedTenantRun, knownSecrets: readonly string[] = []): Promise<TenantRunSummary> {
    const sequence = Math.max(0, ...(await this.list()).map((summary) => summary.sequence)) + 1;
    const checked = SavedTenantRun.parse(maskSecrets({ ...run, sequence }, knownSecrets));
    await writeFileAtomic(this.pathOf(checked.runId), `${JSON.stringify(checked)}\n`);
    return summaryOf(checked);
  }

  /** The tenant run with this id, or the newest one for "latest". */
  async open(runId: string): Promise<SavedTenantRun> {
    const id = runId === 'latest' ? (await this.list())[0]?.runId : runId;
    if (id === undefined) throw new TenantRunNotFoundError(runId);
    return readRunFile(
      this.pathOf(id),
      SavedTenantRun,
      'a saved tenant run',
      () => new TenantRunNotFoundError(runId),
    );
  }

  /** Every saved tenant run, newest first; a file that is not one is skipped, not fatal. */
  async list(): Promise<TenantRunSummary[]> {
    const summaries: TenantRunSummary[] = [];
    for (const runId of await runIdsIn(this.folder)) {
      try {
        summaries.push(summaryOf(await this.open(runId)));
      } catch (error) {
        if (!(error instanceof StoredFileError) && !(error instanceof TenantRunNotFoundError)) throw error;
      }
    }
    return summaries.sort(newestFirst);
  }

  /** The newest tenant run of this kind (simulated or real), or null: what a run's report carries. */
  async newest(simulated: boolean): Promise<SavedTenantRun | null> {
    const summary = (await this.list()).find((entry) => entry.simulated === simulated);
    return summary === undefined ? null : this.open(summary.runId);
  }
}
