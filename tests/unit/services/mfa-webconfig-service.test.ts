import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import type { PowerShellHost, PowerShellRunOptions } from '../../../electron/powershell/powershell-host';
import {
  applyMfaWebConfig,
  MfaPlanError,
  planMfaWebConfig,
  type MfaWebConfigPlan,
} from '../../../electron/services/mfa-webconfig-service';
import { resolveDesiredSettings, type DesiredSetting } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { demoWebConfig } from '../../../electron/lab/demo-mfa';
import { buildScriptCommand, decodeScriptParameters } from '../../../electron/powershell/script-command';
import { mfaApp, mfaFacts, serverWithMfa } from '../../helpers/mfa-facts';
import { useTempDirs } from '../../helpers/temp-dir';

const apiKey = 'key-0123456789abcdef';
const apiSecret = 'secret-fedcba9876543210';

function settings(): DesiredSetting[] {
  const resolved = resolveDesiredSettings(monosignProfile, [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/api/' },
    { key: 'MONOSIGN_API_KEY', value: apiKey },
    { key: 'MONOSIGN_API_SECRET', value: apiSecret },
  ]);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return resolved.settings;
}

const facts = () =>
  serverWithMfa(
    'exch01.contoso.com',
    mfaFacts({ apps: [mfaApp('owa', { webConfig: demoWebConfig('owa') }), mfaApp('ecp')] }),
  );

interface FakeCall {
  scriptPath: string;
  parameters: Record<string, unknown>;
}

// Stands in for PowerShell: answers each call with the JSON line the write script would print.
function fakeHost(answer: (parameters: Record<string, unknown>) => string | Error): {
  host: PowerShellHost;
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const host: PowerShellHost = {
    run(scriptPath: string, parameters: Record<string, unknown>, options: PowerShellRunOptions) {
      calls.push({ scriptPath, parameters });
      const reply = answer(parameters);
      if (reply instanceof Error) return Promise.reject(reply);
      options.onLine(reply);
      return Promise.resolve({ errors: [], warnings: [], durationMs: 5 });
    },
    dispose: () => Promise.resolve(),
  };
  return { host, calls };
}

const sha = (base64: unknown) =>
  createHash('sha256')
    .update(Buffer.from(String(base64), 'base64'))
    .digest('hex')
    .toUpperCase();

// What the script writes: the bytes of the file the command names (or, in a test's stand-in, base64 given).
const plannedBase64 = (parameters: Record<string, unknown>) =>
  typeof parameters.contentBase64 === 'string'
    ? parameters.contentBase64
    : readFileSync(String(parameters.contentPath)).toString('base64');

const written = (parameters: Record<string, unknown>) =>
  JSON.stringify({
    exreadyResult: 1,
    status: 'written',
    before: parameters.expectedSha256,
    after: sha(plannedBase64(parameters)),
    backup: `C:\\x\\owa\\${String(parameters.backupName)}`,
    error: null,
  });

describe('MFA web.config service', () => {
  const tempDir = useTempDirs('mfa-webconfig');
  const now = () => new Date('2026-11-22T10:00:00Z');

  async function deps(host: PowerShellHost) {
    const path = join(await tempDir(), 'audit.jsonl');
    const rechecked: string[] = [];
    return {
      path,
      rechecked,
      deps: {
        host,
        audit: new AuditLog(path, now),
        writeScriptPath: 'resources/powershell/webconfig/Write-ExreadyWebConfig.ps1',
        now,
        operator: 'CONTOSO\\admin',
        recheck: (server: string) => {
          rechecked.push(server);
          return Promise.resolve();
        },
      },
    };
  }

  const confirm = (plan: MfaWebConfigPlan) => ({
    confirmed: true as const,
    beforeSha256: plan.preview.beforeSha256,
  });

  it('sends the planned web.config as a file: the command text holds no secret, the file is gone afterwards', async () => {
    const seen: { command: string; path: string; mode: number; bytes: string }[] = [];
    const { host } = fakeHost((parameters) => {
      const path = String(parameters.contentPath);
      seen.push({
        // The exact text the pool would send to the shell for this call.
        command: buildScriptCommand('C:\\ExReady\\Write-ExreadyWebConfig.ps1', parameters),
        path,
        mode: statSync(path).mode & 0o777,
        bytes: readFileSync(path).toString('utf8'),
      });
      return written(parameters);
    });
    const { deps: d } = await deps(host);
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    expect((await applyMfaWebConfig(plan, confirm(plan), d)).outcome).toBe('succeeded');
    const [call] = seen;
    if (call === undefined) throw new Error('the write script was not run');
    const encoded = /-ParametersBase64 '([^']+)'/.exec(call.command)?.[1] ?? '';
    for (const text of [call.command, JSON.stringify(decodeScriptParameters(encoded))]) {
      expect(text).not.toContain(apiSecret);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(Buffer.from(apiSecret).toString('base64').slice(0, 16));
    }
    expect(decodeScriptParameters(encoded)).not.toHaveProperty('contentBase64');
    // The script read the planned bytes from a file only this user can read, removed once the script ended.
    expect(call.bytes).toContain(`value="${apiSecret}"`);
    if (process.platform !== 'win32') expect(call.mode).toBe(0o600);
    expect(existsSync(call.path)).toBe(false);
  });

  it('previews a masked diff and the semantic changes, never the secrets', () => {
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    expect(plan.preview.path).toBe('C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\web.config');
    expect(plan.preview.diff).toContain(
      '+    <add key="MONOSIGN_API_URL" value="https://mfa.contoso.com/api/" />',
    );
    expect(plan.preview.diff).toContain('MonoSignExchange');
    expect(plan.preview.changes.map((c) => c.kind)).toContain('module-added');
    const shown = JSON.stringify(plan.preview);
    expect(shown).not.toContain(apiKey);
    expect(shown).not.toContain(apiSecret);
    expect(plan.maskedSettings.MONOSIGN_API_KEY).toBe('********');
  });

  it('writes through the host, audits hashes with masked parameters, then re-checks the server', async () => {
    const { host, calls } = fakeHost(written);
    const { deps: d, path, rechecked } = await deps(host);
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    const outcome = await applyMfaWebConfig(plan, confirm(plan), d);
    expect(outcome).toMatchObject({ outcome: 'succeeded', auditId: 1, after: plan.preview.afterSha256 });
    expect(calls[0]?.parameters).toMatchObject({
      server: 'exch01.contoso.com',
      expectedSha256: plan.preview.beforeSha256,
      backupName: 'web.config.exready-20261122-100000.bak',
    });
    expect(rechecked).toEqual(['exch01.contoso.com']);
    const audit = await readFile(path, 'utf8');
    expect(audit).not.toContain(apiKey);
    expect(audit).not.toContain(apiSecret);
    const [entry] = await d.audit.entries();
    expect(entry).toMatchObject({
      outcome: 'succeeded',
      action: 'webconfig.mfa.owa.apply',
      server: 'exch01.contoso.com',
    });
    expect(entry?.before).toEqual({ sha256: plan.preview.beforeSha256 });
  });

  it('writes nothing to the server when the audit log cannot be written, and says why', async () => {
    const { host, calls } = fakeHost(written);
    const { deps: d, path } = await deps(host);
    const full = () =>
      Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    const applying = applyMfaWebConfig(plan, confirm(plan), {
      ...d,
      audit: new AuditLog(path, now, { appendDurably: full }),
    });
    await expect(applying).rejects.toThrow(/audit log .*could not be written \(ENOSPC/);
    expect(calls).toEqual([]);
  });

  it('audits a refusal (file changed since read) and does not re-check', async () => {
    const { host } = fakeHost(() =>
      JSON.stringify({
        exreadyResult: 1,
        status: 'refused',
        before: 'AB'.repeat(32),
        after: null,
        backup: null,
        error: 'web.config changed since ExReady read it: collect again and plan again.',
      }),
    );
    const { deps: d, rechecked } = await deps(host);
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    const outcome = await applyMfaWebConfig(plan, confirm(plan), d);
    expect(outcome).toMatchObject({ outcome: 'refused', error: expect.stringContaining('changed since') });
    expect(rechecked).toEqual([]);
    expect((await d.audit.entries())[0]?.outcome).toBe('refused');
  });

  it('reports a host failure or a wrong hash after writing as failed, audited, never done', async () => {
    for (const answer of [
      () => new Error('WinRM cannot complete the operation'),
      (p: Record<string, unknown>) =>
        written({ ...p, contentBase64: Buffer.from('other').toString('base64') }),
      () => 'not json at all',
    ]) {
      const { host } = fakeHost(answer);
      const { deps: d, rechecked } = await deps(host);
      const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
      const outcome = await applyMfaWebConfig(plan, confirm(plan), d);
      expect(outcome.outcome).toBe('failed');
      expect(rechecked).toEqual([]);
      expect((await d.audit.entries())[0]?.outcome).toBe('failed');
    }
  });

  it('runs nothing without a matching confirmation, or when nothing changes', async () => {
    const { host, calls } = fakeHost(written);
    const { deps: d } = await deps(host);
    const plan = planMfaWebConfig(facts(), 'owa', monosignProfile, settings());
    await expect(applyMfaWebConfig(plan, { confirmed: true, beforeSha256: '00' }, d)).rejects.toBeInstanceOf(
      MfaPlanError,
    );
    const already = planMfaWebConfig(facts(), 'ecp', monosignProfile, []);
    expect(already.preview.unchanged).toBe(true);
    expect(await applyMfaWebConfig(already, confirm(already), d)).toEqual({ outcome: 'unchanged' });
    expect(calls).toEqual([]);
  });

  it('refuses to plan without collected MFA facts', () => {
    expect(() =>
      planMfaWebConfig(
        serverWithMfa('exch01.contoso.com', 'IIS missing'),
        'owa',
        monosignProfile,
        settings(),
      ),
    ).toThrow(MfaPlanError);
  });
});
