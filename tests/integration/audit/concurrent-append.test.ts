import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { repoRoot } from '../../helpers/test-router';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('audit-concurrent');

function writer(
  path: string,
  count: number,
): { child: ChildProcessByStdio<Writable, Readable, null>; ready: Promise<unknown> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/helpers/audit-writer.ts', path, String(count)],
    {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  return { child, ready: once(lines, 'line') };
}

describe('two ExReady processes appending to one audit log at once', () => {
  it('give every change its own id and keep the chain intact', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const count = 40;
    const writers = [writer(path, count), writer(path, count)];
    // Both are loaded and waiting before either writes: the appends overlap.
    await Promise.all(writers.map((item) => item.ready));
    const exits = writers.map(
      (item) => new Promise<number | null>((resolve) => item.child.once('exit', (code) => resolve(code))),
    );
    for (const item of writers) item.child.stdin.end('go\n');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    const log = new AuditLog(path);
    const ids = (await log.entries()).map((entry) => entry.id);
    expect(ids).toHaveLength(2 * count);
    expect(new Set(ids).size).toBe(2 * count);
    expect((await log.inspect()).problems).toEqual([]);
  }, 60_000);
});
