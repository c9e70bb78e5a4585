import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptOutput, ScriptRun } from '../../../electron/powershell/script-process';
import type { TenantEwsConfig } from '../../../electron/services/tenant-ews-handlers';
import { readExoSettingsLive } from '../../../electron/tenant/ews/read-exo-settings-live';
import type { IpcResult } from '../../../shared/ipc/result';
import { ExoLiveReadOutcome, TenantEwsCheckOutcome } from '../../../shared/tenant/ews/ews-window-contract';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter, repoRoot } from '../../helpers/test-router';

// Issue 15, the window's "Read with ExchangeOnlineManagement": tenant:read-exo-settings through the real router,
// the live read on a stand-in process (what Get-ExoEwsSettings.ps1 prints), its output fed to tenant:check-ews.

const erp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const mail = { clientId: erp, flow: 'app-only', mailbox: 'erp@adatum.example' } as const;
const tempDir = useTempDirs('exo-read-ipc');

function answer<T>(result: IpcResult, schema: { parse: (value: unknown) => T }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return schema.parse(result.value);
}

/** The engine's live read, its process a stand-in that prints `stdout` with `exitCode` (or waits to be cancelled). */
function liveRead(print: (run: ScriptRun) => Promise<ScriptOutput>) {
  const runs: ScriptRun[] = [];
  const readExoLive: NonNullable<TenantEwsConfig['readExoLive']> = (request) =>
    readExoSettingsLive({
      ...request,
      executable: '/usr/bin/pwsh',
      scriptsDir: join(repoRoot, 'resources', 'powershell'),
      runScript: (run) => {
        runs.push(run);
        return print(run);
      },
    });
  return { readExoLive, runs };
}

const fixtureText = (appId: string = erp, mailbox: string = mail.mailbox) =>
  readFile(join(repoRoot, 'tests/fixtures/ews-rules/exo-settings-adatum.json'), 'utf8').then((text) =>
    text.replaceAll(erp, appId).replaceAll('erp@adatum.example', mailbox),
  );

describe('tenant:read-exo-settings through the router', () => {
  it('runs the snippet for the ERP named and answers its output as an import', async () => {
    const json = await fixtureText();
    const { readExoLive, runs } = liveRead(() => Promise.resolve({ exitCode: 0, stdout: json, stderr: '' }));
    const { router } = createTestRouter(await tempDir(), { tenant: { readExoLive } });
    const read = answer(
      await router.invoke('tenant:read-exo-settings', { source: 'live', exchangeOnlineMail: mail }),
      ExoLiveReadOutcome,
    );
    expect(read.state).toBe('read');
    if (read.state !== 'read') return;
    expect(read.imported.origin).toBe('Get-ExoEwsSettings.ps1 run here with ExchangeOnlineManagement');
    expect(JSON.parse(read.imported.text)).toMatchObject({
      appId: erp,
      organization: { EwsEnabled: true, EwsAllowedAppIDs: [erp] },
    });
    expect(runs[0]?.parameters).toEqual({ appId: erp, mailbox: mail.mailbox });
  });

  it('feeds what it read to the re-check as an import is fed', async () => {
    const { router: probe } = createTestRouter(await tempDir());
    const demo = answer(
      await probe.invoke('tenant:check-ews', { source: 'lab', lab: 'demo' }),
      TenantEwsCheckOutcome,
    );
    const json = await fixtureText(demo.clientId, demo.mailbox);
    const { readExoLive } = liveRead(() => Promise.resolve({ exitCode: 0, stdout: json, stderr: '' }));
    const { router } = createTestRouter(await tempDir(), { tenant: { readExoLive } });
    const read = answer(
      await router.invoke('tenant:read-exo-settings', {
        source: 'live',
        exchangeOnlineMail: { clientId: demo.clientId, flow: 'app-only', mailbox: demo.mailbox },
      }),
      ExoLiveReadOutcome,
    );
    if (read.state !== 'read') throw new Error(read.message);
    const judged = answer(
      await router.invoke('tenant:check-ews', { source: 'lab', lab: 'demo', exoSettings: read.imported }),
      TenantEwsCheckOutcome,
    );
    expect(judged.exo).toEqual({
      state: 'read',
      source: 'imported from Get-ExoEwsSettings.ps1 run here with ExchangeOnlineManagement',
    });
  });

  it('answers module-missing from the snippet coded answer, and a failed sign-in by its first error line', async () => {
    const missing = liveRead(() =>
      Promise.resolve({
        exitCode: 3,
        stdout:
          '{"format":"exready-exo-error/1","code":"module-missing","message":"The ExchangeOnlineManagement module is not installed on this machine: Install-Module ExchangeOnlineManagement -Scope CurrentUser, or run this script where it is."}\r\n',
        stderr: '',
      }),
    );
    const { router } = createTestRouter(await tempDir(), { tenant: { readExoLive: missing.readExoLive } });
    const request = { source: 'live', exchangeOnlineMail: mail };
    expect(
      answer(await router.invoke('tenant:read-exo-settings', request), ExoLiveReadOutcome),
    ).toMatchObject({
      state: 'failed',
      code: 'module-missing',
      message: expect.stringContaining('Install-Module'),
    });
    const signIn = liveRead(() =>
      Promise.resolve({
        exitCode: 1,
        stdout: '',
        stderr: 'Connect-ExchangeOnline: User canceled authentication.\n',
      }),
    );
    const { router: other } = createTestRouter(await tempDir(), {
      tenant: { readExoLive: signIn.readExoLive },
    });
    expect(answer(await other.invoke('tenant:read-exo-settings', request), ExoLiveReadOutcome)).toEqual({
      state: 'failed',
      code: 'failed',
      message:
        'Get-ExoEwsSettings.ps1 failed (exit code 1): Connect-ExchangeOnline: User canceled authentication.',
    });
  });

  it('stops the read (and its sign-in) on operation:cancel', async () => {
    let started: (run: ScriptRun) => void = () => undefined;
    const running = new Promise<ScriptRun>((resolve) => (started = resolve));
    const { readExoLive } = liveRead(
      (run) =>
        new Promise<ScriptOutput>((_resolve, reject) => {
          run.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
          started(run);
        }),
    );
    const { router } = createTestRouter(await tempDir(), { tenant: { readExoLive } });
    const operationId = '2b3c4d5e-0000-4000-8000-0000000000e5';
    const pending = router.invoke('tenant:read-exo-settings', {
      source: 'live',
      exchangeOnlineMail: mail,
      operationId,
    });
    await running;
    await router.invoke('operation:cancel', { operationId });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('refuses the demo lab (its cases carry their own settings) and a bad mailbox by its field', async () => {
    const { readExoLive, runs } = liveRead(() => Promise.reject(new Error('must not run')));
    const { router } = createTestRouter(await tempDir(), { tenant: { readExoLive } });
    expect(await router.invoke('tenant:read-exo-settings', { source: 'lab', lab: 'demo' })).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/demo lab reads nothing from Exchange Online/),
      },
    });
    const bad = await router.invoke('tenant:read-exo-settings', {
      source: 'live',
      exchangeOnlineMail: { ...mail, mailbox: "x'; Remove-Item C:\\" },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('exchangeOnlineMail.mailbox');
    expect(runs).toHaveLength(0);
  });
});
