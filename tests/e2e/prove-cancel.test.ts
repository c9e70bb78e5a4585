import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 16: a running proof has a Cancel; the pane then says Cancelled and the audit entry says so too.
test('Cancel the proof appears while a proof runs and stops it: Cancelled, audited as cancelled', async ({
  gatedProofApp: app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Check all' }).click();
  const panel = page.getByRole('region', { name: /Checking 8 Exchange servers/ });
  await panel.waitFor({ timeout: 30_000 });
  await expect
    .poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 })
    .toMatch(/^\d done · 3 running · 0 pending · \d failed$/);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });

  await page.getByRole('button', { name: 'exch01.contoso.com' }).click();
  await page.getByRole('heading', { name: 'exch01.contoso.com', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  const form = page.getByRole('form', { name: 'Prove the Remote PowerShell path to exch01.contoso.com' });
  await form.getByLabel(/Service account's password/).fill('Sp1ng-2026-e2e');
  await form.getByRole('button', { name: 'Run the proof' }).click();
  const cancel = form.getByRole('button', { name: 'Cancel the proof' });
  await cancel.waitFor({ timeout: 30_000 });
  await cancel.click();
  const status = page.getByRole('status', { name: 'Proof of exch01.contoso.com' });
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Cancelled:/);
  await cancel.waitFor({ state: 'detached' });

  const call = app.calls.find((item) => item.channel === 'prove:connection');
  expect(call?.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  const audit = await readFile(join(app.userDataDir, 'audit.jsonl'), 'utf8');
  expect(audit).toContain('"outcome":"cancelled"');
  expect(audit).not.toContain('Sp1ng-2026-e2e');
  expect(app.consoleErrors).toEqual([]);
});
