import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoMfaSecrets } from '../../../electron/lab/demo-mfa';
import type { SavedRun } from '../../../shared/runs/run-records';
import { ProofHistory } from '../../../electron/storage/proof-history';
import { demoRun } from '../../helpers/demo-run';
import { demoKeptProof } from '../../helpers/kept-proofs';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const runOperation = '1a2b3c4d-0000-4000-8000-000000000001';
const secondOperation = '1a2b3c4d-0000-4000-8000-000000000002';

describe('check runs, history and reports through the router', () => {
  const tempDir = useTempDirs('check-runs');

  it('runs the demo lab, streams progress, saves the run and lists it as simulated', async () => {
    const { router, events } = createTestRouter(await tempDir());
    const result = await router.invoke('check:run', { operationId: runOperation, lab: 'demo' });
    expect(result).toMatchObject({ ok: true, value: { simulated: true, servers: 8 } });
    const summary = result.ok ? (result.value as { runId: string; totals: Record<string, number> }) : null;
    expect(summary?.totals.fail).toBeGreaterThan(0);
    const kinds = events.map((event) => (event.payload as { kind: string }).kind);
    expect(kinds[0]).toBe('started');
    expect(kinds.filter((kind) => kind === 'step').length).toBeGreaterThanOrEqual(8);
    expect(kinds.at(-1)).toBe('finished');
    await expect(router.invoke('runs:list', undefined)).resolves.toMatchObject({
      ok: true,
      value: [{ runId: summary?.runId, simulated: true }],
    });
  });

  it('re-checks one server into the newest run, keeping every other server, and refuses an unknown one', async () => {
    const { router, events } = createTestRouter(await tempDir());
    const first = await router.invoke('check:run', { operationId: runOperation, lab: 'demo' });
    const one = await router.invoke('check:run', {
      operationId: secondOperation,
      lab: 'demo',
      server: 'EXCH02.contoso.com',
    });
    expect(one).toMatchObject({ ok: true, value: { simulated: true, servers: 8 } });
    const id = (result: typeof first) => (result.ok ? (result.value as { runId: string }).runId : '');
    expect(id(one)).not.toBe(id(first));
    // Only exch02 was collected again: one server step for this operation.
    const steps = events.filter(
      (event) =>
        (event.payload as { operationId: string; kind: string }).operationId === secondOperation &&
        (event.payload as { kind: string }).kind === 'step',
    );
    const said = steps.map((event) => (event.payload as { message: string }).message).join('\n');
    expect(said).toMatch(/exch02\.contoso\.com/);
    expect(said).not.toMatch(/exch01/);
    await expect(router.invoke('runs:compare', { before: id(first), after: id(one) })).resolves.toMatchObject(
      { ok: true, value: { changes: [], serversAdded: [], serversRemoved: [] } },
    );
    await expect(
      router.invoke('check:run', { operationId: secondOperation, lab: 'demo', server: 'exch99.contoso.com' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { message: 'exch99.contoso.com is not an Exchange server of the demo estate' },
    });
  });

  it('sends a run to the window with the web.config secret values masked, the saved run untouched', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const checked = await router.invoke('check:run', { operationId: runOperation, lab: 'demo' });
    const runId = checked.ok ? (checked.value as { runId: string }).runId : '';
    const opened = await router.invoke('runs:open', { runId });
    expect(opened.ok).toBe(true);
    const run = (opened.ok ? opened.value : null) as SavedRun | null;
    const texts = (run?.savedFacts.servers ?? []).flatMap((server) =>
      server.status === 'collected' && server.mfa?.status === 'collected'
        ? server.mfa.value.apps.flatMap((app) =>
            app.webConfig.status === 'collected'
              ? [Buffer.from(app.webConfig.value.base64, 'base64').toString('utf8')]
              : [],
          )
        : [],
    );
    expect(texts.length).toBeGreaterThan(4);
    expect(JSON.stringify(run)).not.toContain('"sealed"');
    for (const text of texts) {
      expect(text).not.toContain(demoMfaSecrets.secret);
      expect(text).not.toContain(demoMfaSecrets.key);
    }
    // What the window's form starts from is still there, and the secrets' keys show as masked.
    expect(texts.join('\n')).toContain(
      '<add key="MONOSIGN_API_URL" value="https://mfa.contoso.com/monosign-api/" />',
    );
    expect(texts.join('\n')).toMatch(/<add key="MONOSIGN_API_SECRET" value="\*+" \/>/);
    // The run file keeps keyed hashes of the secrets, never the values: not as text, not inside any base64.
    const saved = await readFile(join(dir, 'runs', `${runId}.json`), 'utf8');
    const savedTexts = [...saved.matchAll(/"(?:base64|sealed)":"([^"]+)"/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
    );
    expect(savedTexts.length).toBeGreaterThan(8);
    for (const text of [saved, ...savedTexts]) {
      expect(text).not.toContain(demoMfaSecrets.secret);
      expect(text).not.toContain(demoMfaSecrets.key);
    }
    expect(savedTexts.join('\n')).toMatch(
      /key="MONOSIGN_API_SECRET" value="exready-hmac-sha256:[0-9a-f]{64}"/,
    );
  });

  it('refuses to check an empty inventory, saying what to do', async () => {
    const { router } = createTestRouter(await tempDir());
    await expect(router.invoke('check:run', { operationId: runOperation, lab: null })).resolves.toMatchObject(
      {
        ok: false,
        error: { code: 'failed', message: 'Add Exchange servers to the inventory first.' },
      },
    );
  });

  it('compares two runs and exports a report to the path main chose', async () => {
    const dir = await tempDir();
    const reportPath = join(dir, 'chosen', 'readiness.html');
    const { router } = createTestRouter(dir, {
      checkRuns: { chooseSaveFile: (name, format) => Promise.resolve(format === 'html' ? reportPath : null) },
    });
    const first = await router.invoke('check:run', { operationId: runOperation, lab: 'demo' });
    const second = await router.invoke('check:run', { operationId: secondOperation, lab: 'demo' });
    const id = (result: typeof first) => (result.ok ? (result.value as { runId: string }).runId : '');
    await expect(
      router.invoke('runs:compare', { before: id(first), after: id(second) }),
    ).resolves.toMatchObject({
      ok: true,
      value: { changes: [], serversAdded: [], serversRemoved: [] },
    });

    await expect(router.invoke('report:export', { runId: id(second), format: 'html' })).resolves.toEqual({
      ok: true,
      value: { saved: true, path: reportPath },
    });
    const html = await readFile(reportPath, 'utf8');
    expect(html).toContain('exch01.contoso.com');
    expect(html).toMatch(/simulated/i);
    // A lab run's export carries the demo tenant (no tenant run saved yet): its section after the grid.
    expect(html).toContain('Microsoft 365 tenant fabrikam');
    // The admin cancelled the dialog: nothing written, and the call says so.
    await expect(router.invoke('report:export', { runId: id(second), format: 'csv' })).resolves.toEqual({
      ok: true,
      value: { saved: false, path: null },
    });

    await expect(router.invoke('runs:delete', { runId: id(first) })).resolves.toMatchObject({ ok: true });
    await expect(router.invoke('runs:list', undefined)).resolves.toMatchObject({
      value: [{ runId: id(second) }],
    });
  });

  it('uses a kept proof in the window: ad.delegation judged by it, and the Proved column of the export', async () => {
    const dir = await tempDir();
    const reportPath = join(dir, 'readiness.html');
    const { savedFacts } = await demoRun();
    await new ProofHistory(dir).save(
      demoKeptProof(savedFacts, 'exch02.contoso.com', { at: new Date('2026-11-21T09:00:00Z'), auditId: 4 }),
    );
    const { router } = createTestRouter(dir, {
      checkRuns: { chooseSaveFile: () => Promise.resolve(reportPath) },
    });
    const checked = await router.invoke('check:run', { operationId: runOperation, lab: 'demo' });
    const runId = checked.ok ? (checked.value as { runId: string }).runId : '';
    const opened = await router.invoke('runs:open', { runId });
    const run = (opened.ok ? opened.value : null) as SavedRun | null;
    const delegation = run?.results
      .find((server) => server.fqdn === 'exch02.contoso.com')
      ?.results.find((result) => result.checkId === 'ad.delegation');
    expect(delegation).toMatchObject({ status: 'fail', evidence: { proved: { secondHop: 'denied' } } });
    await router.invoke('report:export', { runId, format: 'html' });
    const html = await readFile(reportPath, 'utf8');
    expect(html).toContain('Proof failed at exchange-endpoint: double-hop-denied (2026-11-21) (SIMULATED)');
    expect(html).toContain('<td class="proved-not-proved">Not proved</td>');
  });

  it('refuses run ids that could leave the history folder', async () => {
    const { router } = createTestRouter(await tempDir());
    for (const runId of ['../inventory', '..', 'a/../../b', '']) {
      await expect(router.invoke('runs:open', { runId })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
  });
});
