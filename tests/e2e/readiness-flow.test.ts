import { join } from 'node:path';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';
import { artifactsDir } from './harness/paths';

// Issue 6: demo estate → check all → matrix → a failing server → preview its fix → confirm → the check passes.
test('the demo estate is checked, shown as a matrix, and a fix turns its check green', async ({ app }) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();

  // Check all finishes and Readiness shows, labelled as simulated; the matrix is one click away.
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Matrix of every check' }).click();
  const matrix = page.getByRole('table', { name: 'Readiness matrix: 8 servers by check' });
  await matrix.waitFor();
  expect(await page.getByText('Simulated (demo estate)').isVisible()).toBe(true);
  const checkRun = app.calls.find((call) => call.channel === 'check:run');
  expect(checkRun?.request).toMatchObject({ lab: 'demo' });
  const exch02 = matrix.getByRole('row', { name: /exch02\.contoso\.com/ });
  // Cells: the blocking count, then the checks; WinRM service is the first check column.
  const serviceCell = exch02.getByRole('cell').nth(1);
  expect(await serviceCell.textContent()).toContain('Warn');
  await app.screenshot('matrix');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // Filtering by Fail keeps only servers with a failing check (exch01 passes everything).
  await page.getByRole('checkbox', { name: 'Fail' }).check();
  await expect.poll(() => page.getByRole('row', { name: /exch01\.contoso\.com/ }).count()).toBe(0);
  await page.getByRole('checkbox', { name: 'Fail' }).uncheck();

  // Keyboard: the server's button opens its detail with Enter.
  await exch02.getByRole('button', { name: 'exch02.contoso.com' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'exch02.contoso.com', level: 2 }).waitFor();
  const service = page.getByRole('group', { name: 'WinRM service' });
  expect(await service.getByText('Warning', { exact: true }).isVisible()).toBe(true);
  // Evidence reads as a key/value table; Copy confirms; the raw JSON is one click away.
  const evidence = service.getByRole('table', { name: 'Evidence of WinRM service' });
  expect(await evidence.getByRole('row', { name: /startType/ }).textContent()).toBe('startTypeManual');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await service.getByRole('button', { name: 'Copy evidence of WinRM service' }).click();
  await service.getByRole('button', { name: 'Copy evidence of WinRM service' }).getByText('Copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'status: Running\nstartType: Manual',
  );
  expect(await service.locator('pre', { hasText: '"startType": "Manual"' }).count()).toBe(0);
  await service.getByText('Raw JSON').click();
  await service.locator('pre', { hasText: '"startType": "Manual"' }).waitFor();
  // Grouped by integration, each with its verdict in the shared words.
  expect(await page.getByRole('region', { name: 'Remote PowerShell' }).textContent()).toContain(
    'Ready (6 warnings)',
  );
  expect(await page.getByText('Simulated (demo estate)').isVisible()).toBe(true);
  await app.screenshot('detail');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // Fix → preview: the exact script, the check it turns green, no risk.
  await page.getByRole('button', { name: 'Fix WinRM service' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor();
  expect(await dialog.getByText('Should turn green:').textContent()).toContain('WinRM service');
  expect(await dialog.locator('pre').textContent()).toContain(
    'param([Parameter(Mandatory)][string]$ParametersBase64)',
  );
  // Let the dialog's entrance animation finish: axe measures contrast on what is painted.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  // The viewport only: a full-page capture resizes the window, and Fluent's focus trap then hides the dialog.
  await page.screenshot({ path: join(artifactsDir, 'fix-preview.png') });
  expect(await dialog.getByRole('button', { name: 'Confirm and apply' }).isVisible()).toBe(true);

  // Confirm → the result and the re-checked status.
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
  await dialog.getByText(/^Applied: /).waitFor({ timeout: 30_000 });
  expect(await dialog.getByRole('status').textContent()).toMatch(/is now: .*Pass/);
  const apply = app.calls.find((call) => call.channel === 'fixes:apply');
  expect(apply?.request).toMatchObject({ confirmed: true, riskAccepted: false });
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Closing the modal gives the app back to assistive technology.
  await expect.poll(() => page.locator('#root[aria-hidden="true"]').count()).toBe(0);
  await expect
    .poll(() => page.getByRole('group', { name: 'WinRM service' }).getByText('Pass', { exact: true }).count())
    .toBe(1);

  // Back in the matrix, the cell says so too.
  await page.getByRole('button', { name: 'Matrix of every check' }).click();
  await matrix.waitFor();
  expect(await serviceCell.textContent()).toContain('Pass');
  expect(app.consoleErrors).toEqual([]);
});
