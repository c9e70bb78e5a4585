import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPowerShellSource } from '../../../electron/powershell/syntax-check';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const op = (n: number) => `2b3c4d5e-0000-4000-8000-00000000000${n}`;
type Router = ReturnType<typeof createTestRouter>['router'];

async function statusOf(router: Router, server: string, checkId: string): Promise<string | undefined> {
  const listed = await router.invoke('runs:list', undefined);
  const newest = listed.ok ? (listed.value as { runId: string }[])[0] : undefined;
  const opened = await router.invoke('runs:open', { runId: newest?.runId ?? '' });
  if (!opened.ok) throw new Error(opened.error.message);
  const run = opened.value as { results: { fqdn: string; results: { checkId: string; status: string }[] }[] };
  return run.results.find((entry) => entry.fqdn === server)?.results.find((r) => r.checkId === checkId)
    ?.status;
}

// The window's fix flow against the session's demo lab: preview, confirm, re-check, undo, export.
describe('fixes through the router on the demo estate', () => {
  const tempDir = useTempDirs('fix-flow');

  it('previews, applies, re-checks green, and undoes back to the before-value', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await router.invoke('check:run', { operationId: op(1), lab: 'demo' });
    expect(await statusOf(router, 'exch02.contoso.com', 'winrm.service')).toBe('warn');
    // exch02's module DLL is older than the other servers': only a comparison with them can tell.
    expect(await statusOf(router, 'exch02.contoso.com', 'mfa.owa.bin')).toBe('warn');

    const preview = await router.invoke('fixes:preview', {
      fixId: 'winrm.service.start-automatic',
      server: 'exch02.contoso.com',
      parameters: {},
      lab: 'demo',
    });
    expect(preview).toMatchObject({
      ok: true,
      value: { checkId: 'winrm.service', risk: 'none', simulated: true },
    });
    const previewValue = preview.ok ? (preview.value as { previewId: string; scriptText: string }) : null;
    expect(previewValue?.scriptText).toContain('param([Parameter(Mandatory)][string]$ParametersBase64)');

    const applied = await router.invoke('fixes:apply', {
      previewId: previewValue?.previewId,
      confirmed: true,
      riskAccepted: false,
    });
    expect(applied).toMatchObject({
      ok: true,
      value: { outcome: 'succeeded', changed: true, recheckError: null },
    });
    expect(await statusOf(router, 'exch02.contoso.com', 'winrm.service')).toBe('pass');
    // The re-check is merged into the whole estate: the cross-server verdict still stands.
    expect(await statusOf(router, 'exch02.contoso.com', 'mfa.owa.bin')).toBe('warn');
    await expect(router.invoke('runs:list', undefined)).resolves.toMatchObject({
      value: [{ servers: 8 }, { servers: 8 }],
    });
    const auditId = applied.ok ? (applied.value as { auditId: number }).auditId : 0;
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"winrm.service.start-automatic"');
    expect(audit).toContain('"simulated":true');

    const undo = await router.invoke('fixes:undo-preview', { auditId, lab: 'demo' });
    const undoId = undo.ok ? (undo.value as { previewId: string }).previewId : '';
    await expect(
      router.invoke('fixes:apply', { previewId: undoId, confirmed: true, riskAccepted: false }),
    ).resolves.toMatchObject({ ok: true, value: { outcome: 'succeeded' } });
    expect(await statusOf(router, 'exch02.contoso.com', 'winrm.service')).toBe('warn');
  });

  it('refuses a fix that lowers security until the risk is accepted, changing nothing', async () => {
    const { router } = createTestRouter(await tempDir());
    await router.invoke('check:run', { operationId: op(2), lab: 'demo' });
    const before = await statusOf(router, 'exch02.contoso.com', 'winrm.auth.cbt');
    const preview = await router.invoke('fixes:preview', {
      fixId: 'winrm.auth.cbt.set-none',
      server: 'exch02.contoso.com',
      parameters: { level: 'None' },
      lab: 'demo',
    });
    expect(preview).toMatchObject({ ok: true, value: { risk: 'lowers-security' } });
    const previewId = preview.ok ? (preview.value as { previewId: string }).previewId : '';
    await expect(
      router.invoke('fixes:apply', { previewId, confirmed: true, riskAccepted: false }),
    ).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('accept the risk') } });
    expect(await statusOf(router, 'exch02.contoso.com', 'winrm.auth.cbt')).toBe(before);
  });

  it('exports the selected fixes as one script that parses clean, where main was told to save it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'plan.ps1');
    const { router } = createTestRouter(dir, { checkRuns: { chooseSaveFile: () => Promise.resolve(path) } });
    const fixes = [
      { fixId: 'winrm.service.start-automatic', server: 'exch02.contoso.com', parameters: {} },
      { fixId: 'winrm.auth.cbt.set-none', server: 'exch02.contoso.com', parameters: { level: 'None' } },
    ];
    // The same gate as applying: a fix that lowers security is exported only with the acceptance.
    await expect(router.invoke('fixes:export', { fixes })).resolves.toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining('winrm.auth.cbt.set-none on exch02.contoso.com lowers security'),
      },
    });
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
    await expect(router.invoke('fixes:export', { fixes, riskAccepted: true })).resolves.toEqual({
      ok: true,
      value: { saved: true, path },
    });
    expect(await checkPowerShellSource(await readFile(path, 'utf8'), path)).toEqual([]);
  });

  it.each([
    [
      'TrustedHosts "*.com"',
      'winrm.trustedhosts.add-server',
      { syncServer: 'sync01.contoso.com', hosts: ['*.com'] },
    ],
    [
      'TrustedHosts " *"',
      'winrm.trustedhosts.add-server',
      { syncServer: 'sync01.contoso.com', hosts: [' *'] },
    ],
    ['firewall ::/0', 'firewall.5986.allow', { remoteAddresses: ['::/0'] }],
    ['firewall Internet', 'firewall.5986.allow', { remoteAddresses: ['Internet'] }],
  ])(
    'previews %s as lowering security and applies it only with the acceptance',
    async (_name, fixId, parameters) => {
      const { router } = createTestRouter(await tempDir());
      const preview = await router.invoke('fixes:preview', {
        fixId,
        server: 'exch02.contoso.com',
        parameters,
        lab: 'demo',
      });
      expect(preview).toMatchObject({
        ok: true,
        value: { risk: 'lowers-security', exposes: expect.any(String) },
      });
      const previewId = preview.ok ? (preview.value as { previewId: string }).previewId : '';
      await expect(
        router.invoke('fixes:apply', { previewId, confirmed: true, riskAccepted: false }),
      ).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('accept the risk') } });
    },
  );

  it("resolves the firewall fix's sync server names to addresses in the preview", async () => {
    const { router } = createTestRouter(await tempDir(), {
      resolveHost: (name) => Promise.resolve(name === 'sync01.contoso.com' ? ['10.0.0.21'] : []),
    });
    const preview = await router.invoke('fixes:preview', {
      fixId: 'firewall.5986.allow',
      server: 'exch02.contoso.com',
      parameters: { remoteAddresses: ['sync01.contoso.com'] },
      lab: null,
    });
    expect(preview).toMatchObject({
      ok: true,
      value: { risk: 'none', parameters: { remoteAddresses: ['10.0.0.21'] } },
    });
  });
});
