import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fakePowerShell } from '../../helpers/fake-powershell';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(path: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`${path} never appeared`);
}

describe('cancellable operations', () => {
  const tempDir = useTempDirs('cancel');
  const operationId = '4f6b7a56-8f5e-4a43-9a39-0d9b0b8f3a11';

  it('cancel stops the running PowerShell process and the call answers "cancelled"', async () => {
    const dir = await tempDir();
    const executable = await fakePowerShell(dir, 'sleep 30');
    const { router, events } = createTestRouter(dir, { powershellCandidates: [executable] });

    const started = Date.now();
    const call = router.invoke('environment:probe-powershell', { operationId });
    const pid = Number(await waitFor(join(dir, 'pid')));
    expect(isRunning(pid)).toBe(true);

    await expect(router.invoke('operation:cancel', { operationId })).resolves.toEqual({
      ok: true,
      value: { cancelled: true },
    });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    await sleep(100);
    expect(isRunning(pid)).toBe(false);
    expect(events.map((e) => (e.payload as { kind: string }).kind)).toEqual(['started', 'step', 'cancelled']);
    expect(router.operations.size).toBe(0);
  });

  it('cancelling an operation that is not running says so', async () => {
    const { router } = createTestRouter(await tempDir());
    await expect(router.invoke('operation:cancel', { operationId })).resolves.toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('a PowerShell that hangs is killed at the timeout and reported, not waited on', async () => {
    const dir = await tempDir();
    const executable = await fakePowerShell(dir, 'sleep 30');
    const { router } = createTestRouter(dir, {
      powershellCandidates: [executable],
      powershellTimeoutMs: 300,
    });
    const result = await router.invoke('environment:probe-powershell', { operationId });
    expect(result).toMatchObject({
      ok: true,
      value: { available: false, reason: expect.stringContaining('did not answer within 300 ms') },
    });
    expect(isRunning(Number(await readFile(join(dir, 'pid'), 'utf8')))).toBe(false);
  });

  it('reads what PowerShell reports about itself, passing the collector script by path', async () => {
    const dir = await tempDir();
    const executable = await fakePowerShell(
      dir,
      `echo "$@" > "${dir}/args"\necho 'WARNING: noise first'\necho '{"version":"5.1.17763.1","edition":"Desktop","os":"Microsoft Windows 10.0.17763","hasActiveDirectoryModule":true}'`,
    );
    const { router, events } = createTestRouter(dir, { powershellCandidates: [executable] });
    await expect(router.invoke('environment:probe-powershell', { operationId })).resolves.toEqual({
      ok: true,
      value: {
        available: true,
        executable,
        version: '5.1.17763.1',
        edition: 'Desktop',
        os: 'Microsoft Windows 10.0.17763',
        hasActiveDirectoryModule: true,
      },
    });
    const args = await readFile(join(dir, 'args'), 'utf8');
    expect(args).toContain('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File');
    expect(args).toContain(join('environment', 'Get-ExreadyHostInfo.ps1'));
    expect(events.at(-1)?.payload).toEqual({ kind: 'finished', operationId });
  });

  it('says what to do when no PowerShell is installed', async () => {
    const { router } = createTestRouter(await tempDir(), { powershellCandidates: ['/nonexistent/pwsh'] });
    await expect(router.invoke('environment:probe-powershell', { operationId })).resolves.toMatchObject({
      ok: true,
      value: { available: false, executable: null, remedy: expect.stringContaining('PowerShell 7') },
    });
  });
});
