import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../electron/cli/cli-io';
import { parseTenantArguments } from '../../../electron/cli/commands/tenant-command';
import {
  ScriptTimeoutError,
  type ScriptOutput,
  type ScriptRun,
} from '../../../electron/powershell/script-process';
import {
  ExoLiveReadError,
  readExoSettingsLive,
  readExoSettingsLiveOrUnknown,
} from '../../../electron/tenant/ews/read-exo-settings-live';

// How the live read classifies what Get-ExoEwsSettings.ps1 answered, without a process (a stand-in runScript).

const erp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const fixture = fileURLToPath(new URL('../../fixtures/ews-rules/exo-settings-adatum.json', import.meta.url));

function reading(answer: (run: ScriptRun) => Promise<ScriptOutput>, signal = new AbortController().signal) {
  const runs: ScriptRun[] = [];
  const request = {
    executable: '/usr/bin/pwsh',
    scriptsDir: '/app/resources/powershell',
    appId: erp,
    mailbox: 'erp@adatum.example',
    signal,
    runScript: (run: ScriptRun) => {
      runs.push(run);
      return answer(run);
    },
  };
  return { request, runs };
}

async function failure(promise: Promise<unknown>): Promise<ExoLiveReadError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExoLiveReadError);
  return error as ExoLiveReadError;
}

describe('readExoSettingsLive', () => {
  it('runs the snippet with its parameters as data and a minutes-long timeout, and parses what follows a warning', async () => {
    const json = await readFile(fixture, 'utf8');
    const { request, runs } = reading(() =>
      Promise.resolve({
        exitCode: 0,
        stdout: `WARNING: Your connection has been established.\n${json}`,
        stderr: '',
      }),
    );
    const read = await readExoSettingsLive(request);
    expect(read).toMatchObject({
      state: 'read',
      source: 'read with ExchangeOnlineManagement at 2026-12-01T09:50:00Z',
    });
    expect(runs[0]?.scriptPath).toMatch(/[\\/]exo[\\/]Get-ExoEwsSettings\.ps1$/);
    expect(runs[0]?.parameters).toEqual({ appId: erp, mailbox: 'erp@adatum.example' });
    expect(runs[0]?.timeoutMs).toBe(300_000);
  });

  it('tells module-missing from the coded answer even with exit code 3', async () => {
    const { request } = reading(() =>
      Promise.resolve({
        exitCode: 3,
        stdout:
          '{"format":"exready-exo-error/1","code":"module-missing","message":"not installed: Install-Module ExchangeOnlineManagement"}\n',
        stderr: '',
      }),
    );
    const error = await failure(readExoSettingsLive(request));
    expect(error.code).toBe('module-missing');
    expect(error.message).toBe('not installed: Install-Module ExchangeOnlineManagement');
  });

  it('names a failed sign-in from the first lines of standard error, with the exit code', async () => {
    const { request } = reading(() =>
      Promise.resolve({
        exitCode: 1,
        stdout: '',
        stderr: '\nConnect-ExchangeOnline: User canceled authentication.\n',
      }),
    );
    const error = await failure(readExoSettingsLive(request));
    expect(error.code).toBe('failed');
    expect(error.message).toBe(
      'Get-ExoEwsSettings.ps1 failed (exit code 1): Connect-ExchangeOnline: User canceled authentication.',
    );
  });

  it('says timeout, cancelled, no PowerShell and bad output apart', async () => {
    const timedOut = reading(() => Promise.reject(new ScriptTimeoutError(300_000)));
    expect((await failure(readExoSettingsLive(timedOut.request))).code).toBe('timeout');
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the operator'));
    const cancelled = reading(
      () => Promise.reject(new Error('cancelled by the operator')),
      controller.signal,
    );
    expect((await failure(readExoSettingsLive(cancelled.request))).code).toBe('cancelled');
    const none = reading(() => Promise.reject(new Error('not started')));
    expect((await failure(readExoSettingsLive({ ...none.request, executable: null }))).code).toBe(
      'no-powershell',
    );
    expect(none.runs).toHaveLength(0);
    const bad = reading(() =>
      Promise.resolve({
        exitCode: 0,
        stdout: '{"format":"exready-exo-settings/1"}',
        stderr: '',
      }),
    );
    const badError = await failure(readExoSettingsLive(bad.request));
    expect(badError.code).toBe('bad-output');
    expect(badError.message).toContain('the output of Get-ExoEwsSettings.ps1: $.readAt');
  });

  it('leaves the checks unknown with the failure as the cause and the snippet command to run by hand', async () => {
    const { request } = reading(() => Promise.reject(new ScriptTimeoutError(300_000)));
    const read = await readExoSettingsLiveOrUnknown(request, 'powershell -File Get-ExoEwsSettings.ps1 ...');
    expect(read).toEqual({
      state: 'unknown',
      cause:
        'Reading the Exchange Online settings with ExchangeOnlineManagement failed (timeout): Get-ExoEwsSettings.ps1 did not finish within 300 s (sign-in included) and was stopped',
      command: 'powershell -File Get-ExoEwsSettings.ps1 ...',
    });
  });
});

describe('exready tenant check --exo-run', () => {
  const ews = ['--ews', '--ews-app-id', erp, '--ews-flow', 'app-only', '--ews-mailbox', 'erp@adatum.example'];
  const parse = (...args: string[]) => parseTenantArguments(['check', ...args]);

  it('goes with --ews on a recording or a live tenant', () => {
    const options = parse('--recorded', 'tenant.json', ...ews, '--exo-run');
    expect(options !== 'help' && options.ews?.exoRun).toBe(true);
    const without = parse('--recorded', 'tenant.json', ...ews);
    expect(without !== 'help' && without.ews?.exoRun).toBe(false);
  });

  it('is refused with --exo-settings, with --lab and without --ews', () => {
    expect(() => parse('--recorded', 't.json', ...ews, '--exo-run', '--exo-settings', 'exo.json')).toThrow(
      new CliUsageError(
        '--exo-run does not go with --exo-settings (run the snippet here, or import what it printed: one of them)',
      ),
    );
    expect(() => parse('--lab', 'demo', '--ews', '--exo-run')).toThrow(/--exo-run do not go with --lab/);
    expect(() => parse('--recorded', 't.json', '--exo-run')).toThrow(/--exo-run only go with --ews/);
  });
});
