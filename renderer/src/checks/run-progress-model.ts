// A running check as counts, elapsed time and one row per server: pure, so it is tested without waiting for time.

export type ServerProgressState = 'collected' | 'unreachable' | 'collecting' | 'waiting';

/** What the run slice knows of a running check (from its progress events). */
export interface ProgressInput {
  /** Date.now() when the check started. */
  startedAt: number;
  /** The Exchange servers the check works through, in order (empty until the started event). */
  items: readonly string[];
  /** How many are collected at once (the Invoke-Command throttle); null when not said. */
  concurrency: number | null;
  /** Per server, the latest thing said about it ("collected", "unreachable", a warning, …). */
  servers: Readonly<Record<string, string>>;
  total: number | null;
}

export interface ServerProgressRow {
  server: string;
  state: ServerProgressState;
}

export interface ProgressModel {
  total: number;
  done: number;
  failed: number;
  running: number;
  pending: number;
  elapsed: string;
  rows: ServerProgressRow[];
}

/** 0:07, 12:30, 1:02:03: minutes and seconds, hours once there are any. */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const two = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds % 60)}` : `${minutes}:${two(seconds % 60)}`;
}

const finished = (said: string | undefined): 'collected' | 'unreachable' | null =>
  said === 'collected' || said === 'unreachable' ? said : null;

/**
 * Counts and rows at `now`. Invoke-Command fans out to the first `concurrency` servers not yet answered, so those
 * are "collecting" and the rest "waiting"; a server with only a warning so far is still collecting.
 */
export function progressModel(check: ProgressInput, now: number): ProgressModel {
  const order =
    check.items.length > 0
      ? [...check.items]
      : Object.keys(check.servers).filter((server) => finished(check.servers[server]) !== null);
  const total = Math.max(check.total ?? 0, order.length);
  let slots = check.concurrency ?? total;
  const rows = order.map((server): ServerProgressRow => {
    const outcome = finished(check.servers[server]);
    if (outcome !== null) return { server, state: outcome };
    if (slots > 0) {
      slots -= 1;
      return { server, state: 'collecting' };
    }
    return { server, state: 'waiting' };
  });
  const count = (state: ServerProgressState) => rows.filter((row) => row.state === state).length;
  return {
    total,
    done: count('collected'),
    failed: count('unreachable'),
    running: count('collecting'),
    pending: count('waiting'),
    elapsed: formatElapsed(now - check.startedAt),
    rows,
  };
}
