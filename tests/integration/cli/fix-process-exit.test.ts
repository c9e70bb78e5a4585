import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import { standInPwsh } from '../../helpers/standin-pwsh';
import { repoRoot } from '../../helpers/test-router';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fix-exit');
const server = 'exch01.contoso.com';

const applied = JSON.stringify({
  exreadyResult: 1,
  status: 'applied',
  changed: true,
  before: { status: 'Stopped', startType: 'Disabled' },
  after: { status: 'Running', startType: 'Automatic' },
  message: 'WinRM runs and starts automatically.',
  error: null,
});

// The real entry point in its own process, on a stand-in PowerShell that never exits by itself.
function exready(userData: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, EXREADY_USER_DATA: userData },
    // A bound, not a wait: the command finishes in a few seconds or never (the pool kept it alive).
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function startedShellsGone(dir: string) {
  const pids = (await readFile(join(dir, 'starts'), 'utf8')).trim().split('\n').map(Number);
  expect(pids.length).toBeGreaterThan(0);
  return pids.filter(running);
}

describe('exready fix and undo on real (stand-in) PowerShell', () => {
  it('fix exits once done, having stopped its PowerShell', async () => {
    const dir = await tempDir();
    const pwsh = await standInPwsh(dir, applied);
    const run = exready(
      dir,
      'fix',
      '--server',
      server,
      '--fix',
      remotingFixIds.winrmServiceStart,
      '--yes',
      '--powershell',
      pwsh,
    );
    expect(run.signal).toBeNull();
    expect(run.stdout).toMatch(/Done \(audit entry 1\)/);
    expect(run.status).toBe(0);
    expect(await startedShellsGone(dir)).toEqual([]);
    await expect(new AuditLog(join(dir, 'audit.jsonl')).find(1)).resolves.toMatchObject({
      outcome: 'succeeded',
    });
  }, 90_000);

  it('undo exits once done, having stopped its PowerShell', async () => {
    const dir = await tempDir();
    await new AuditLog(join(dir, 'audit.jsonl')).append({
      operator: 'CONTOSO\\admin',
      server,
      action: remotingFixIds.winrmServiceStart,
      parameters: { server },
      before: { status: 'Stopped', startType: 'Disabled' },
      after: { status: 'Running', startType: 'Automatic' },
      outcome: 'succeeded',
      error: null,
      undoes: null,
    });
    const undone = JSON.stringify({
      exreadyResult: 1,
      status: 'applied',
      changed: true,
      before: { status: 'Running', startType: 'Automatic' },
      after: { status: 'Stopped', startType: 'Disabled' },
      message: 'WinRM is back as it was.',
      error: null,
    });
    const pwsh = await standInPwsh(dir, undone);
    const run = exready(dir, 'undo', '--audit-id', '1', '--yes', '--powershell', pwsh);
    expect(run.signal).toBeNull();
    expect(run.stdout).toMatch(/Done \(audit entry 2\)/);
    expect(run.status).toBe(0);
    expect(await startedShellsGone(dir)).toEqual([]);
  }, 90_000);
});
