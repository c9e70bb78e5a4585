import { open, readFile, rm } from 'node:fs/promises';
import { WebConfigRefusal } from './webconfig-refusal';

// One apply at a time per web.config: an O_EXCL lock file beside it names the run and process holding it.

export const lockSuffix = '.exready-lock';

interface LockOwner {
  runId: string;
  pid: number;
  at: string;
}

/** A lock whose process is gone (killed mid-apply) is stale: it may be taken over. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.runId === 'string'
      ? { runId: parsed.runId, pid: parsed.pid, at: String(parsed.at) }
      : null;
  } catch {
    return null;
  }
}

/** Takes the lock beside `configPath` for this run, or refuses naming who holds it; answers the release. */
export async function lockWebConfig(configPath: string, runId: string): Promise<() => Promise<void>> {
  const path = `${configPath}${lockSuffix}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ runId, pid: process.pid, at: new Date().toISOString() }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(path);
      // A lock being written has no owner yet: only a readable owner whose process is gone is stale.
      if (owner !== null && !isAlive(owner.pid) && attempt === 0) {
        await rm(path, { force: true });
        continue;
      }
      throw new WebConfigRefusal(
        'locked',
        owner === null
          ? `${configPath} is being changed by another ExReady apply (${path}); try again when it is done`
          : `${configPath} is being changed by run ${owner.runId} (process ${owner.pid}, since ${owner.at}); try again when it is done`,
      );
    }
  }
  throw new WebConfigRefusal('locked', `${configPath} is locked by another ExReady apply (${path})`);
}
