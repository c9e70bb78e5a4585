import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { test, type AppHarness } from './harness/app-fixture';

async function openDemoMatrix(app: AppHarness) {
  await app.page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await app.page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
}

// Issue 6, item 4: "Fix all safe" across servers, and export of the selected fixes as one script.
test('Fix all safe previews the risk-free fixes across servers, exports them, applies them and re-checks', async ({
  app,
}) => {
  const { page } = app;
  await openDemoMatrix(app);
  await page.getByRole('button', { name: 'Fix all safe…' }).click();
  const table = page.getByRole('table', { name: 'Fix all safe' });
  await table.waitFor();
  const rows = table.getByRole('row');
  // A header and one row per risk-free fix: CBT None and the certificate choices are never offered.
  await expect.poll(() => rows.count()).toBe(5);
  expect(await table.textContent()).not.toContain('Channel binding');
  const sessionConfig = page.getByRole('checkbox', { name: /on exch04\.contoso\.com/ });
  await sessionConfig.uncheck();
  await page.getByRole('button', { name: 'Preview 3 selected' }).click();
  await page.getByRole('button', { name: 'Confirm and apply 3 fixes' }).waitFor({ timeout: 30_000 });
  await expect.poll(() => table.getByText('Preview ready').count()).toBe(3);
  await expect.poll(() => table.getByText('Left out').count()).toBe(1);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // Export: one script of the three selected fixes, saved where the (stand-in) save dialog said.
  await page.getByRole('button', { name: 'Export selected as a script' }).click();
  await page.getByText(/^Saved to .*\.ps1$/).waitFor();
  const [script] = await readdir(app.savedDir);
  const text = await readFile(join(app.savedDir, script ?? ''), 'utf8');
  expect(text).toContain(': 3 fix(es).');
  expect(text).toContain('on exch02.contoso.com (turns winrm.service green)');
  expect(text).toContain('on exch03.contoso.com (turns psremoting.serviceaccount green)');
  expect(text).not.toContain('on exch04.contoso.com');

  await page.getByRole('button', { name: 'Confirm and apply 3 fixes' }).click();
  await page.getByText('3 of 3 fixes applied', { exact: false }).waitFor({ timeout: 60_000 });
  // Focus lands on the outcome, not back at the top of the page.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('3 of 3 fixes applied');
  const exch02 = table.getByRole('row', { name: /exch02\.contoso\.com/ });
  expect(await exch02.textContent()).toMatch(/Applied.*Pass/);
  // Issue 13, Deliver 4: the list stays, each row with its change in words (from before it was applied).
  expect(await exch02.textContent()).toMatch(
    /Sets the WinRM service on exch02\.contoso\.com from Running \(start type Manual\) to Running \(start type Automatic\)/,
  );
  expect(await rows.count()).toBe(5);
  const applies = app.calls.filter((call) => call.channel === 'fixes:apply');
  expect(applies).toHaveLength(3);
  for (const call of applies) expect(call.request).toMatchObject({ confirmed: true, riskAccepted: false });
  await app.screenshot('fix-all-safe');

  // The matrix shows the re-checked estate; the fix left out is still failing.
  await page.getByRole('button', { name: 'Back to the matrix' }).click();
  await page.getByRole('button', { name: 'Matrix of every check' }).click();
  const matrix = page.getByRole('table', { name: 'Readiness matrix: 8 servers by check' });
  await matrix.waitFor();
  expect(
    await matrix
      .getByRole('row', { name: /exch02\.contoso\.com/ })
      .getByRole('cell')
      .nth(1)
      .textContent(),
  ).toContain('Pass');
  const auditPath = join(app.userDataDir, 'audit.jsonl');
  const audit = await readFile(auditPath, 'utf8');
  // Each change is an intent line written before it and an outcome line after: three changes, an intact chain.
  const entries = await new AuditLog(auditPath).entries();
  expect(entries.map((entry) => entry.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  expect((await new AuditLog(auditPath).inspect()).problems).toEqual([]);
  expect(audit).not.toContain('psremoting.sessionconfig.reset');
  expect(app.consoleErrors).toEqual([]);
});

// Issue 6, item 4: a fix can be undone from where it was applied, through its own preview and confirmation.
test('a fix applied from the detail can be undone there, and the check goes back to its old status', async ({
  app,
}) => {
  const { page } = app;
  await openDemoMatrix(app);
  await page.getByRole('button', { name: 'exch02.contoso.com' }).click();
  await page.getByRole('button', { name: 'Fix WinRM service' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
  await dialog.getByText(/^Applied: /).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Undo this fix…' }).click();
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
  expect(await dialog.locator('pre').textContent()).toContain('$ParametersBase64');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
  await dialog.getByText(/^Undone: /).waitFor({ timeout: 30_000 });
  expect(await dialog.getByRole('status').textContent()).toMatch(/is now: .*Warning/);
  const undo = app.calls.find((call) => call.channel === 'fixes:undo-preview');
  expect(undo?.request).toMatchObject({ auditId: 1, lab: 'demo' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect
    .poll(() =>
      page.getByRole('group', { name: 'WinRM service' }).getByText('Warning', { exact: true }).count(),
    )
    .toBe(1);

  // Item 2: one server checked again on its own; its detail stays on screen with the fresh verdict.
  await page.getByRole('button', { name: 'Check this server again' }).click();
  const checks = () => app.calls.filter((call) => call.channel === 'check:run');
  await expect.poll(() => checks().length, { timeout: 30_000 }).toBe(2);
  await page.getByRole('heading', { name: 'exch02.contoso.com', level: 2 }).waitFor({ timeout: 30_000 });
  const single = checks().at(-1);
  expect(single?.request).toMatchObject({ lab: 'demo', server: 'exch02.contoso.com' });
  expect(single?.result).toMatchObject({ ok: true, value: { servers: 8 } });
  expect(
    await page.getByRole('group', { name: 'WinRM service' }).getByText('Warning', { exact: true }).count(),
  ).toBe(1);
  expect(app.consoleErrors).toEqual([]);
});
