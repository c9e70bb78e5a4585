import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeOver } from '../../../electron/audit/audit-lock';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('audit-lock-takeover');

describe('taking over a stale audit lock', () => {
  it('removes the lock it judged stale', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'audit.jsonl.lock');
    const stale = JSON.stringify({ pid: 999_999, at: '2026-01-01T00:00:00.000Z' });
    await writeFile(lock, stale);
    await takeOver(lock, stale, `${lock}.stale-1-0`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives back a live lock that another process created after the stale one was judged', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'audit.jsonl.lock');
    const stale = JSON.stringify({ pid: 999_999, at: '2026-01-01T00:00:00.000Z' });
    const live = JSON.stringify({ pid: process.pid, at: '2026-12-02T13:53:14.585Z' });
    // Between the judgement and the rename, another process took over and now holds a fresh lock.
    await writeFile(lock, live);
    await takeOver(lock, stale, `${lock}.stale-1-0`);
    expect(await readFile(lock, 'utf8')).toBe(live);
    expect(await readdir(dir)).toEqual(['audit.jsonl.lock']);
  });
});
