import { spawnSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, AuditWriteError } from '../../../electron/audit/audit-log';
import { lineHash } from '../../../electron/audit/audit-chain';
import { currentOperator } from '../../../electron/audit/operator';
import { useTempDirs } from '../../helpers/temp-dir';

const change = {
  operator: 'CONTOSO\\admin',
  server: 'exch01.contoso.com',
  action: 'winrm.trustedhosts.append',
  parameters: { hosts: ['exch01.contoso.com'], apiSecret: 'top-secret-value' },
  before: { trustedHosts: '' },
  after: { trustedHosts: 'exch01.contoso.com' },
  outcome: 'succeeded' as const,
  error: null,
  undoes: null,
};

const { after: _after, outcome: _outcome, error: _error, ...intent } = change;

const linesOf = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');

describe('AuditLog', () => {
  const tempDir = useTempDirs('audit');

  async function logWith(count: number) {
    const path = join(await tempDir(), 'audit.jsonl');
    const log = new AuditLog(path, () => new Date('2026-11-22T10:00:00Z'));
    for (let index = 0; index < count; index += 1) await log.append(change);
    return { path, log };
  }

  it('appends an intent and an outcome per change with sequential ids and the time, masking secret parameters', async () => {
    const path = join(await tempDir(), 'audit', 'audit.jsonl');
    const log = new AuditLog(path, () => new Date('2026-11-22T10:00:00Z'));
    const first = await log.append(change);
    const second = await log.append({ ...change, parameters: { token: 'abc', level: 'None' } }, ['level']);
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(first.at).toBe('2026-11-22T10:00:00.000Z');
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('top-secret-value');
    expect(text).not.toContain('abc');
    expect((await linesOf(path)).map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual([
      'intent',
      'outcome',
      'intent',
      'outcome',
    ]);
    expect(second.parameters).toEqual({ token: '********', level: '********' });
    await expect(log.find(1)).resolves.toMatchObject({
      action: 'winrm.trustedhosts.append',
      before: { trustedHosts: '' },
      after: { trustedHosts: 'exch01.contoso.com' },
      outcome: 'succeeded',
    });
    expect((await log.inspect()).problems).toEqual([]);
  });

  it('writes the intent before the outcome; an intent alone reads as failed, saying no outcome was recorded', async () => {
    const { path, log } = await logWith(0);
    const id = await log.intend(intent);
    expect(await linesOf(path)).toHaveLength(1);
    await expect(log.find(id)).resolves.toMatchObject({
      outcome: 'failed',
      error: /no outcome was recorded/,
    });
    await log.complete(id, { before: change.before, after: change.after, outcome: 'succeeded', error: null });
    await expect(log.find(id)).resolves.toMatchObject({ outcome: 'succeeded', after: change.after });
  });

  it('never gives two changes the same id when they are written together', async () => {
    const { log } = await logWith(0);
    const entries = await Promise.all(Array.from({ length: 12 }, () => log.append(change)));
    expect(new Set(entries.map((e) => e.id)).size).toBe(12);
    expect((await log.inspect()).problems).toEqual([]);
  });

  it('names a garbage line with its number, skips it for readers, and still appends after it', async () => {
    const { path, log } = await logWith(1);
    await appendFile(path, 'this is not JSON\n');
    const read = await log.inspect();
    expect(read.entries.map((entry) => entry.id)).toEqual([1]);
    expect(read.problems).toContainEqual(
      expect.objectContaining({ line: 3, detail: expect.stringContaining('not valid JSON') }),
    );
    await expect(log.append(change)).resolves.toMatchObject({ id: 2 });
    expect((await log.entries()).map((entry) => entry.id)).toEqual([1, 2]);
    expect((await log.inspect()).problems.map((problem) => problem.line)).toContain(3);
  });

  it('names a partial last line (a write cut by a full disk) and starts the next entry on a line of its own', async () => {
    const { path, log } = await logWith(1);
    await appendFile(path, '{"schemaVersion":2,"kind":"intent","id":2,"at":"2026-11-22T1');
    expect((await log.inspect()).problems).toContainEqual(
      expect.objectContaining({ line: 3, detail: expect.stringContaining('interrupted write') }),
    );
    await expect(log.append(change)).resolves.toMatchObject({ id: 2 });
    const lines = await linesOf(path);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ kind: 'outcome', intent: 2 });
    expect((await log.inspect()).problems.map((problem) => problem.line)).toContain(3);
  });

  it('detects an edited line and names it', async () => {
    const { path, log } = await logWith(2);
    const lines = await linesOf(path);
    lines[1] = (lines[1] ?? '').replace('"succeeded"', '"failed"');
    await writeFile(path, `${lines.join('\n')}\n`);
    const problems = (await log.inspect()).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        lines: [2, 3],
        detail: expect.stringContaining('line 2 was edited'),
      }),
    );
  });

  it('detects an edited last line against the head beside the log', async () => {
    const { path, log } = await logWith(1);
    const lines = await linesOf(path);
    lines[1] = (lines[1] ?? '').replace('"succeeded"', '"failed"');
    await writeFile(path, `${lines.join('\n')}\n`);
    expect((await log.inspect()).problems).toContainEqual(
      expect.objectContaining({
        line: 2,
        detail: expect.stringContaining('not the line ExReady wrote last'),
      }),
    );
  });

  it('detects a cut end (the last entry deleted) and never gives its id again', async () => {
    const { path, log } = await logWith(2);
    const lines = await linesOf(path);
    await writeFile(path, `${lines.slice(0, 2).join('\n')}\n`);
    expect((await log.inspect()).problems).toContainEqual(
      expect.objectContaining({ detail: expect.stringContaining('lines were removed from the end') }),
    );
    const next = await log.append(change);
    expect(next.id).toBe(3);
    // The cut stays on record: a break line says what was found.
    const after = await log.inspect();
    expect(after.problems).toContainEqual(
      expect.objectContaining({ line: 3, detail: expect.stringContaining('removed from the end') }),
    );
    expect(after.entries.map((entry) => entry.id)).toEqual([1, 3]);
  });

  it('detects a forged line appended with a correct hash, because the head does not know it', async () => {
    const { path, log } = await logWith(1);
    const lines = await linesOf(path);
    const forged = JSON.stringify({
      schemaVersion: 2,
      kind: 'intent',
      id: 2,
      at: '2026-11-22T10:00:00.000Z',
      operator: 'CONTOSO\\mallory',
      server: 'exch01.contoso.com',
      action: 'winrm.service.start-automatic',
      parameters: {},
      before: null,
      undoes: null,
      simulated: false,
      lab: null,
      previous: lineHash(lines.at(-1) ?? ''),
    });
    await appendFile(path, `${forged}\n`);
    const read = await log.inspect();
    expect(read.problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        lines: [3],
        detail: expect.stringContaining('not written by ExReady'),
      }),
    );
    expect(read.linesOf.get(2)).toEqual([3]);
  });

  it('names a damaged head file, and still appends', async () => {
    const { log } = await logWith(1);
    await writeFile(log.headPath, '{"line":');
    expect((await log.inspect()).problems).toContainEqual(
      expect.objectContaining({
        line: 0,
        detail: expect.stringContaining('head file ExReady keeps beside the log is damaged'),
      }),
    );
    await expect(log.append(change)).resolves.toMatchObject({ id: 2 });
  });

  it('reads a log written before chaining as unchained legacy lines, and chains what follows', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const legacy = { schemaVersion: 1, id: 1, at: '2026-11-01T10:00:00.000Z', ...change, simulated: false };
    await writeFile(path, `${JSON.stringify(legacy)}\n`);
    const log = new AuditLog(path);
    expect(await log.inspect()).toMatchObject({ legacyLines: 1, problems: [] });
    await expect(log.append(change)).resolves.toMatchObject({ id: 2 });
    const read = await log.inspect();
    expect(read).toMatchObject({ legacyLines: 1, problems: [] });
    expect(read.entries.map((entry) => entry.id)).toEqual([1, 2]);
  });

  it('refuses to record on a log it cannot write, saying where and why', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const readOnly = () =>
      Promise.reject(
        Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }),
      );
    const log = new AuditLog(path, () => new Date(), { appendDurably: readOnly });
    const error: unknown = await log.intend(intent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('EACCES');
  });

  it('refuses to record where no log can be created (its folder is a file)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'not-a-folder'), '');
    const log = new AuditLog(join(dir, 'not-a-folder', 'audit.jsonl'));
    await expect(log.intend(intent)).rejects.toBeInstanceOf(AuditWriteError);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const { path, log } = await logWith(0);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: Number(gone.stdout), at: new Date().toISOString() }),
    );
    await expect(log.append(change)).resolves.toMatchObject({ id: 1 });
  });

  it('names the operator DOMAIN\\user on Windows', () => {
    expect(currentOperator({ USERDOMAIN: 'CONTOSO', USERNAME: 'admin' })).toBe('CONTOSO\\admin');
  });
});
