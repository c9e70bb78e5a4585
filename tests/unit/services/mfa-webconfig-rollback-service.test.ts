import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import type { PowerShellHost } from '../../../electron/powershell/powershell-host';
import {
  listWebConfigBackups,
  rollbackMfaWebConfig,
} from '../../../electron/services/mfa-webconfig-rollback-service';
import { MfaPlanError } from '../../../electron/services/mfa-webconfig-service';
import { fakeHost } from '../../helpers/fake-host';
import { mfaApp, mfaFacts, serverWithMfa } from '../../helpers/mfa-facts';
import { useTempDirs } from '../../helpers/temp-dir';

const current = 'AB'.repeat(32);
const restored = 'CD'.repeat(32);
const older = 'web.config.exready-20250101-080000.bak';
const newer = 'web.config.exready-20250214-093000.bak';

const facts = () =>
  serverWithMfa(
    'exch01.contoso.com',
    mfaFacts({
      apps: [
        mfaApp('owa', {
          backups: [older, newer, 'web.config.exready-20250301-100000.pre-rollback.bak', 'web.config.old'],
        }),
        mfaApp('ecp'),
      ],
    }),
  );

const written = (parameters: Record<string, unknown>, after = restored) =>
  JSON.stringify({
    exreadyResult: 1,
    status: 'written',
    before: parameters.expectedSha256,
    after,
    backup: `C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\${String(parameters.preRollbackName)}`,
    backupSha256: restored,
    error: null,
  });

describe('MFA web.config rollback service', () => {
  const tempDir = useTempDirs('mfa-rollback');
  const now = () => new Date('2026-11-22T10:00:00Z');

  async function deps(host: PowerShellHost) {
    const rechecked: string[] = [];
    return {
      rechecked,
      deps: {
        host,
        audit: new AuditLog(join(await tempDir(), 'audit.jsonl'), now),
        restoreScriptPath: 'resources/powershell/webconfig/Restore-ExreadyWebConfig.ps1',
        now,
        operator: 'CONTOSO\\admin',
        recheck: (server: string) => {
          rechecked.push(server);
          return Promise.resolve();
        },
      },
    };
  }

  const request = (backup: string) => ({ server: facts(), appId: 'owa', backup, currentSha256: current });

  it('lists only the ExReady apply backups of the app, newest first', () => {
    expect(listWebConfigBackups(facts(), 'owa').map((b) => b.name)).toEqual([newer, older]);
    expect(() => listWebConfigBackups(serverWithMfa('exch01.contoso.com', 'IIS missing'), 'owa')).toThrow(
      MfaPlanError,
    );
  });

  it('restores a listed backup through the host, audits both hashes, then re-checks the server', async () => {
    const { host, calls } = fakeHost((p) => written(p));
    const { deps: d, rechecked } = await deps(host);
    const outcome = await rollbackMfaWebConfig(request(older), { confirmed: true }, d);
    expect(outcome).toMatchObject({ outcome: 'succeeded', auditId: 1, before: current, after: restored });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.scriptPath).toBe(d.restoreScriptPath);
    expect(calls[0]?.parameters).toEqual({
      server: 'exch01.contoso.com',
      path: 'C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\web.config',
      expectedSha256: current,
      backupName: older,
      preRollbackName: 'web.config.exready-20261122-100000.pre-rollback.bak',
    });
    expect(rechecked).toEqual(['exch01.contoso.com']);
    const [entry] = await d.audit.entries();
    expect(entry).toMatchObject({
      outcome: 'succeeded',
      action: 'webconfig.mfa.owa.rollback',
      server: 'exch01.contoso.com',
      before: { sha256: current },
      after: { sha256: restored, backupSha256: restored },
      error: null,
    });
  });

  it('refuses an unlisted backup or a path traversal without running anything, and audits the refusal', async () => {
    for (const backup of [
      'web.config.exready-20991231-235959.bak',
      '..\\..\\web.config.exready-20250214-093000.bak',
      '../web.config.exready-20250214-093000.bak',
      'C:\\Windows\\web.config.exready-20250214-093000.bak',
      'web.config.exready-20250301-100000.pre-rollback.bak',
      'web.config.old',
    ]) {
      const { host, calls } = fakeHost((p) => written(p));
      const { deps: d, rechecked } = await deps(host);
      const outcome = await rollbackMfaWebConfig(request(backup), { confirmed: true }, d);
      expect(outcome.outcome).toBe('refused');
      expect(calls).toEqual([]);
      expect(rechecked).toEqual([]);
      expect((await d.audit.entries())[0]).toMatchObject({ outcome: 'refused', after: { sha256: null } });
    }
  });

  it('audits a host failure as failed and does not re-check', async () => {
    const { host } = fakeHost(() => new Error('WinRM cannot complete the operation'));
    const { deps: d, rechecked } = await deps(host);
    const outcome = await rollbackMfaWebConfig(request(newer), { confirmed: true }, d);
    expect(outcome).toMatchObject({ outcome: 'failed', error: 'WinRM cannot complete the operation' });
    expect(rechecked).toEqual([]);
    expect((await d.audit.entries())[0]?.outcome).toBe('failed');
  });

  it('reports a written file without the backup hash, or no result line, as failed: never done', async () => {
    for (const answer of [
      (p: Record<string, unknown>) => written(p, 'EF'.repeat(32)),
      () => 'WARNING only',
    ]) {
      const { host } = fakeHost(answer);
      const { deps: d, rechecked } = await deps(host);
      const outcome = await rollbackMfaWebConfig(request(newer), { confirmed: true }, d);
      expect(outcome.outcome).toBe('failed');
      expect(outcome.error).not.toBeNull();
      expect(rechecked).toEqual([]);
      expect((await d.audit.entries())[0]?.outcome).toBe('failed');
    }
  });

  it('passes on a refusal by the server (file changed since read) and runs nothing unconfirmed', async () => {
    const { host, calls } = fakeHost(() =>
      JSON.stringify({
        exreadyResult: 1,
        status: 'refused',
        before: 'EF'.repeat(32),
        after: null,
        backup: null,
        backupSha256: null,
        error: 'web.config changed since ExReady read it: collect again first.',
      }),
    );
    const { deps: d, rechecked } = await deps(host);
    await expect(rollbackMfaWebConfig(request(newer), { confirmed: false }, d)).rejects.toBeInstanceOf(
      MfaPlanError,
    );
    expect(calls).toEqual([]);
    const outcome = await rollbackMfaWebConfig(request(newer), { confirmed: true }, d);
    expect(outcome).toMatchObject({ outcome: 'refused', error: expect.stringContaining('changed since') });
    expect(rechecked).toEqual([]);
  });
});
