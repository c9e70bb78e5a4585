import { open, readFile, rename, stat, unlink } from 'node:fs/promises';

// One writer at a time across processes: an O_EXCL lock file beside the log, holding the writer's pid.

export interface AuditLockOptions {
  /** A lock older than this is stale whoever holds it (a hung writer). */
  staleMs?: number;
  /** How long to keep trying before giving up. */
  timeoutMs?: number;
  /** Whether a process still runs; a lock whose holder is gone is stale at once. */
  isRunning?: (pid: number) => boolean;
}

export class AuditLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditLockError';
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isStale(path: string, options: Required<AuditLockOptions>): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    if (Date.now() - info.mtimeMs > options.staleMs) return true;
    const pid = Number((JSON.parse(text) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !options.isRunning(pid);
  } catch (error) {
    // Gone already (free), or half-written by a holder that is still writing it (not stale).
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Runs `body` holding the lock; a stale lock (its process gone, or too old) is taken over. */
export async function withAuditLock<T>(
  path: string,
  body: () => Promise<T>,
  options: AuditLockOptions = {},
): Promise<T> {
  const settings = { staleMs: 60_000, timeoutMs: 15_000, isRunning: processRuns, ...options };
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path, settings)) {
      // Moved aside first: of two processes taking over the same stale lock, only one rename finds it.
      const aside = `${path}.stale-${process.pid}-${attempt}`;
      await rename(path, aside).then(
        () => unlink(aside),
        () => undefined,
      );
      continue;
    }
    if (Date.now() - started > settings.timeoutMs)
      throw new AuditLockError(`${path} is held by another ExReady process (remove it only if none runs)`);
    await pause(Math.min(5 + attempt * 5, 50));
  }
  try {
    return await body();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
