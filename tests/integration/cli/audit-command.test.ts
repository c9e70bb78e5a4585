import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { runCli } from '../../../electron/cli/run-cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('audit-cli');

const change = {
  operator: 'CONTOSO\\admin',
  server: 'exch01.contoso.com',
  action: 'winrm.service.start-automatic',
  parameters: {},
  before: { status: 'Stopped' },
  after: { status: 'Running' },
  outcome: 'succeeded' as const,
  error: null,
  undoes: null,
};

async function verify(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['audit', ...args], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function logWith(count: number, legacy = 0) {
  const path = join(await tempDir(), 'audit.jsonl');
  const old = Array.from({ length: legacy }, (_, index) =>
    JSON.stringify({
      schemaVersion: 1,
      id: index + 1,
      at: '2026-11-01T10:00:00.000Z',
      ...change,
      simulated: false,
    }),
  );
  if (legacy > 0) await writeFile(path, `${old.join('\n')}\n`);
  const log = new AuditLog(path);
  for (let index = 0; index < count; index += 1) await log.append(change);
  return path;
}

describe('exready audit verify', () => {
  it('prints OK and exits 0 for an intact log, counting unchained legacy lines', async () => {
    const path = await logWith(2, 1);
    const run = await verify('verify', '--audit', path);
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      `OK: ${path}: 3 entries, chain intact; 1 unchained legacy line(s) from before chaining, accepted but not verifiable\n`,
    );
  });

  it('names each problem with its line and exits 1', async () => {
    const path = await logWith(3);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    lines[1] = (lines[1] ?? '').replace('Running', 'Stopped');
    // Line 2 edited, the last entry (lines 5-6) removed, a garbage line written where it was.
    await writeFile(path, `${[...lines.slice(0, 4), 'garbage'].join('\n')}\n`);
    const run = await verify('verify', '--audit', path);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${path}:3: does not follow line 2`);
    expect(run.out).toContain(`${path}:5: is not valid JSON`);
    expect(run.out).toContain(`${path}:5: the log ends at line 5 but ExReady wrote up to line 6`);
    expect(run.out).toMatch(/\d problem\(s\) in /);
  });

  it('says OK for a log that does not exist yet, and exits 2 on a bad subcommand', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    expect((await verify('verify', '--audit', path)).code).toBe(0);
    const bad = await verify('rewrite');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown audit subcommand 'rewrite'");
  });
});
