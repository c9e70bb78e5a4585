import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// A web.config holds secrets: its replacement keeps the file's mode, and no temp copy outlives the apply.

/** The marker in every temp file name, so a later apply can sweep what a killed one left. */
export const tempMarker = '.exready-tmp-';

const tempPrefix = (path: string) => `.${basename(path)}${tempMarker}`;

/** Removes temp files a killed apply left beside `path` (call under the file's lock); answers how many. */
export async function sweepStaleTemps(path: string): Promise<number> {
  const prefix = tempPrefix(path);
  const stale = (await readdir(dirname(path))).filter((name) => name.startsWith(prefix));
  await Promise.all(stale.map((name) => rm(join(dirname(path), name), { force: true })));
  return stale.length;
}

/** The points of a replace a test may stop the process at (kill -9 at each must leave no torn file). */
export type ReplaceStep = 'temp-written' | 'renamed';

/**
 * Replaces `path` by `bytes` atomically: a temp file in the same folder with an unguessable name and the
 * target's mode (0600 stays 0600, umask or not), fsynced, renamed over; the temp file is gone on every exit path.
 */
export async function replaceFileKeepingMode(
  path: string,
  bytes: Uint8Array,
  onStep: (step: ReplaceStep) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const mode = (await stat(path)).mode & 0o7777;
  const temp = join(dirname(path), `${tempPrefix(path)}${randomBytes(16).toString('hex')}`);
  try {
    // Created owner-only, then given the target's mode: never readable by others, even for a moment.
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await onStep('temp-written');
    await rename(temp, path);
    await onStep('renamed');
  } finally {
    await rm(temp, { force: true });
  }
}
