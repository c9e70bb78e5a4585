import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';

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

type LockState = { state: 'free' } | { state: 'held' } | { state: 'stale'; text: string };

async function lockState(path: string, options: Required<AuditLockOptions>): Promise<LockState> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    if (Date.now() - info.mtimeMs > options.staleMs) return { state: 'stale', text };
    const pid = Number((JSON.parse(text) as { pid?: unknown }).pid);
    const gone = Number.isInteger(pid) && pid > 0 && pid !== process.pid && !options.isRunning(pid);
    return gone ? { state: 'stale', text } : { state: 'held' };
  } catch (error) {
    // Gone already (free: try again, never rename what may be a new holder's lock), or half-written by a live holder.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { state: 'free' } : { state: 'held' };
  }
}

/** Takes over a stale lock (exported for its test): moved aside first, and put back when what was moved is not the lock judged stale. */
export async function takeOver(path: string, stale: string, aside: string): Promise<void> {
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => stale);
  // Another process took the stale lock over first and this rename moved its live lock: give it back.
  if (moved !== stale) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
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
    const current = await lockState(path, settings);
    if (current.state === 'free') continue;
    if (current.state === 'stale') {
      await takeOver(path, current.text, `${path}.stale-${process.pid}-${attempt}`);
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
