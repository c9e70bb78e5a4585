import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';
import { ConfigEncodingError, decodeConfig } from './config-encoding';
import {
  planIntegrationBytes,
  WebConfigInputError,
  type IntegrationRequest,
  type PlannedBytes,
} from './integration-plan';
import { backupFileName, newestBackupName, preRollbackFileName } from './webconfig-backups';
import { readWebConfig } from './webconfig-reader';
import { lockWebConfig } from './webconfig-lock';
import { replaceFileKeepingMode, sweepStaleTemps, type ReplaceStep } from './webconfig-replace';
import { WebConfigRefusal } from './webconfig-refusal';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

async function readExisting(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WebConfigInputError(`${what} not found: ${path}`);
    if (code === 'EISDIR') throw new WebConfigInputError(`${what} path is a folder, not a file: ${path}`);
    throw error;
  }
}

async function readIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes atomically, then reads back and compares SHA-256, so a torn or redirected write is caught. */
async function writeVerified(path: string, bytes: Uint8Array): Promise<string> {
  await writeFileAtomic(path, bytes);
  return verify(path, bytes);
}

/** Reads the file back: only the planned hash counts as written. */
async function verify(path: string, bytes: Uint8Array): Promise<string> {
  const expected = sha256(bytes);
  const actual = sha256(await readFile(path));
  if (actual !== expected) {
    throw new WebConfigRefusal(
      'verification-failed',
      `${path} reads back with SHA-256 ${actual}, expected ${expected}`,
    );
  }
  return expected;
}

/**
 * A copy that never overwrites a different file of the same name (two runs in one second); it holds the
 * same secrets as the file, so it gets the file's mode, created owner-only first.
 */
async function writeBackup(path: string, bytes: Uint8Array, mode: number): Promise<void> {
  const existing = await readIfPresent(path);
  if (existing !== null) {
    if (sameBytes(existing, bytes)) return;
    throw new WebConfigRefusal(
      'backup-conflict',
      `${path} already exists with other content; try again in a second`,
    );
  }
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.chmod(mode);
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await verify(path, bytes);
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o7777;

export interface FilePlan extends PlannedBytes {
  path: string;
}

export async function planFile(path: string, request: IntegrationRequest): Promise<FilePlan> {
  const bytes = await readExisting(path, 'web.config');
  return { path, ...planIntegrationBytes(bytes, request, basename(path)) };
}

export type ApplyOutcome = { kind: 'unchanged' } | { kind: 'applied'; backupPath: string; sha256: string };

/** Where an apply is, for a test that stops the process there; the apply never waits on it otherwise. */
export type ApplyStep = 'locked' | 'backup-written' | ReplaceStep;

export interface ApplyOptions {
  /** Named in the lock file, so a refused apply can say who holds the file. */
  runId?: string;
  onStep?: (step: ApplyStep) => Promise<void>;
}

/**
 * Writes a planned edit under the file's lock: sweep temp files a killed apply left, refuse if the file
 * changed since it was planned (checked under the lock, so a concurrent apply cannot slip in between),
 * write the backup beside the file, then replace it atomically, keeping its mode, verified by SHA-256.
 */
export async function applyFilePlan(
  planned: FilePlan,
  now: () => Date,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  if (planned.plan.edit.changes.length === 0) return { kind: 'unchanged' };
  const step = options.onStep ?? (() => Promise.resolve());
  await readExisting(planned.path, 'web.config');
  const unlock = await lockWebConfig(planned.path, options.runId ?? randomUUID());
  try {
    await step('locked');
    await sweepStaleTemps(planned.path);
    const current = await readExisting(planned.path, 'web.config');
    if (!sameBytes(current, planned.before)) {
      throw new WebConfigRefusal(
        'changed-on-disk',
        `${planned.path} changed since it was planned; plan again`,
      );
    }
    const backupPath = join(dirname(planned.path), backupFileName(basename(planned.path), now()));
    await writeBackup(backupPath, planned.before, await modeOf(planned.path));
    await step('backup-written');
    await replaceFileKeepingMode(planned.path, planned.after, step);
    return { kind: 'applied', backupPath, sha256: await verify(planned.path, planned.after) };
  } finally {
    await unlock();
  }
}

export type RollbackOutcome =
  | { kind: 'unchanged'; backupPath: string }
  | { kind: 'restored'; backupPath: string; preRollbackPath: string | null; sha256: string };

/**
 * Restores the newest apply backup (or the one named). The current file is kept first as a
 * pre-rollback copy, because nothing is written without a backup.
 */
export async function rollbackFile(
  path: string,
  options: { backupPath?: string },
  now: () => Date,
): Promise<RollbackOutcome> {
  const folder = dirname(path);
  let backupPath = options.backupPath;
  if (backupPath === undefined) {
    const newest = newestBackupName(basename(path), await readdir(folder).catch(() => []));
    if (newest === null) {
      throw new WebConfigRefusal('unsupported', `no ExReady backup of ${basename(path)} found in ${folder}`);
    }
    backupPath = join(folder, newest);
  }
  const restored = await readExisting(backupPath, 'backup');
  try {
    readWebConfig(decodeConfig(restored).text);
  } catch (error) {
    if (!(error instanceof WebConfigRefusal) && !(error instanceof ConfigEncodingError)) throw error;
    throw new WebConfigRefusal(
      'malformed',
      `the backup ${backupPath} is not a readable web.config: ${error.message}`,
    );
  }
  const current = await readIfPresent(path);
  if (current !== null && sameBytes(current, restored)) return { kind: 'unchanged', backupPath };
  if (current === null)
    return {
      kind: 'restored',
      backupPath,
      preRollbackPath: null,
      sha256: await writeVerified(path, restored),
    };
  // As an apply: under the lock, the file's mode kept, no temp copy left behind.
  const unlock = await lockWebConfig(path, randomUUID());
  try {
    await sweepStaleTemps(path);
    const preRollbackPath = join(folder, preRollbackFileName(basename(path), now()));
    await writeBackup(preRollbackPath, current, await modeOf(path));
    await replaceFileKeepingMode(path, restored);
    return { kind: 'restored', backupPath, preRollbackPath, sha256: await verify(path, restored) };
  } finally {
    await unlock();
  }
}
