import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { reportCsvColumns } from '../../electron/reports/report-csv';
import { simulatedNotice } from '../../electron/reports/report-html';
import { test, type AppHarness } from './harness/app-fixture';

/** The run ids the page's check runs answered, oldest first. */
function checkedRunIds(app: AppHarness): string[] {
  return app.calls
    .filter((call) => call.channel === 'check:run' && call.result.ok)
    .map((call) => (call.result.ok ? (call.result.value as { runId: string }).runId : ''));
}

// Issue 7: the report leaves the matrix through main's Save dialog; saved runs are opened, compared, deleted.
test('the report is exported from the matrix, and saved runs are opened, compared and deleted', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  const matrix = page.getByRole('table', { name: /Readiness of 8 servers/ });
  await matrix.waitFor({ timeout: 30_000 });
  const [firstRun = ''] = checkedRunIds(app);

  // HTML through the menu; Fluent's menu open must not trip axe (its focus trap adds hidden tab stops).
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: 'HTML' }).waitFor();
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  await page.getByRole('menuitem', { name: 'HTML' }).click();
  const htmlPath = join(app.savedDir, `ExReady-readiness-${firstRun}.html`);
  await page.getByRole('status').getByText(`Saved to ${htmlPath}`, { exact: true }).waitFor();
  const html = await readFile(htmlPath, 'utf8');
  expect(html).toContain('exch02.contoso.com');
  expect(html).toContain(simulatedNotice);

  // CSV by keyboard alone: the menu opens with Enter, the arrows reach CSV.
  await page.getByRole('button', { name: 'Export report' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'CSV' }).waitFor();
  await page.keyboard.press('End');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('CSV');
  await page.keyboard.press('Enter');
  const csvPath = join(app.savedDir, `ExReady-readiness-${firstRun}.csv`);
  await page.getByText(`Saved to ${csvPath}`, { exact: true }).waitFor();
  const csv = await readFile(csvPath, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(reportCsvColumns.join(','));
  expect(csv).toMatch(/^exch02\.contoso\.com,winrm\.service,WinRM service,warn,/m);
  expect(app.calls.filter((call) => call.channel === 'report:export').map((call) => call.request)).toEqual([
    { runId: firstRun, format: 'html' },
    { runId: firstRun, format: 'csv' },
  ]);

  // A second run of the same estate: nothing changed between the two.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect.poll(() => checkedRunIds(app).length, { timeout: 30_000 }).toBe(2);
  await matrix.waitFor({ timeout: 30_000 });
  // Another run on screen does not carry the first run's export outcome (the matrix above may still be the first
  // run's until the second one's results arrive: wait for that state, not for a time).
  await expect.poll(() => page.getByText(/^Saved to /).count(), { timeout: 30_000 }).toBe(0);
  await page.getByRole('button', { name: 'Run history' }).click();
  const runs = page.getByRole('table', { name: 'Saved runs, newest first' });
  await runs.waitFor();
  await expect.poll(() => runs.getByRole('row').count()).toBe(3);
  expect(await runs.getByRole('row', { name: /^Run 2 \(in the matrix\)/ }).textContent()).toContain(
    'Simulated',
  );
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('status').getByText('No check changed between Run 1 and Run 2.').waitFor();

  // A fix between runs (its re-check saves Run 3): the comparison names the check and both statuses in words.
  const preview = await app.router.invoke('fixes:preview', {
    fixId: 'winrm.service.start-automatic',
    server: 'exch02.contoso.com',
    parameters: {},
    lab: 'demo',
  });
  if (!preview.ok) throw new Error(preview.error.message);
  const { previewId } = preview.value as { previewId: string };
  const applied = await app.router.invoke('fixes:apply', { previewId, confirmed: true, riskAccepted: false });
  expect(applied.ok).toBe(true);
  await page.getByRole('button', { name: 'Back to the matrix' }).click();
  await matrix.waitFor();
  await page.getByRole('button', { name: 'Run history' }).click();
  await expect.poll(() => runs.getByRole('row').count()).toBe(4);
  await page.getByLabel('Before').selectOption(firstRun);
  await page.getByRole('button', { name: 'Compare' }).click();
  await page
    .getByRole('status')
    .getByText(/changed from Run 1 to Run 3\.$/)
    .waitFor();
  expect(await page.getByRole('list', { name: 'Changed checks' }).textContent()).toContain(
    'exch02.contoso.com · WinRM service: Warning → Pass',
  );

  // Opening Run 1 puts it in Readiness; its matrix shows the Warning.
  await page.getByRole('button', { name: 'Open Run 1' }).click();
  await matrix.waitFor();
  await page.getByRole('button', { name: 'Matrix of every check' }).click();
  const exch02Service = page
    .getByRole('table', { name: 'Readiness matrix: 8 servers by check' })
    .getByRole('row', { name: /exch02\.contoso\.com/ })
    .getByRole('cell')
    .nth(1);
  await expect.poll(() => exch02Service.textContent()).toContain('Warn');

  // Delete asks inline; Keep (focused first) keeps it, and the keyboard lands back on Delete.
  await page.getByRole('button', { name: 'Run history' }).click();
  await page.getByRole('button', { name: 'Delete Run 2' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm deleting Run 2' });
  expect(await confirm.textContent()).toContain('Delete Run 2?');
  await expect
    .poll(() => confirm.getByRole('button', { name: 'Keep' }).evaluate((b) => b === document.activeElement))
    .toBe(true);
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page.getByRole('button', { name: 'Delete Run 2' }).evaluate((b) => b === document.activeElement),
    )
    .toBe(true);
  await expect.poll(() => runs.getByRole('row').count()).toBe(4);
  await page.getByRole('button', { name: 'Delete Run 2' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('status').getByText('Run 2 deleted.').waitFor();
  await expect.poll(() => runs.getByRole('row').count()).toBe(3);
  expect(await runs.getByRole('row', { name: /^Run 2\b/ }).count()).toBe(0);
  const listed = await app.router.invoke('runs:list', undefined);
  expect(listed.ok && (listed.value as { sequence: number }[]).map((run) => run.sequence)).toEqual([3, 1]);
  // No modal was involved: the app is still there for assistive technology.
  expect(await page.locator('#root[aria-hidden="true"]').count()).toBe(0);
  // The pickers start from the newest run and the one before it, now Run 1.
  await page.getByRole('button', { name: 'Compare' }).click();
  await page
    .getByRole('list', { name: 'Changed checks' })
    .getByText(/Warning → Pass/)
    .first()
    .waitFor();

  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  await app.screenshot('history');

  // The inventory offers the history too, while runs are saved (the demo estate left first).
  await page.getByRole('button', { name: 'Back to the matrix' }).click();
  await page.getByRole('button', { name: 'Leave the demo estate' }).click();
  await page.getByRole('button', { name: 'Run history' }).click();
  await page.getByRole('button', { name: 'Back to inventory' }).waitFor();
  // The list loads after the screen shows: wait for its rows, never count before they are there.
  await expect.poll(() => runs.getByRole('row').count()).toBe(3);
  expect(app.consoleErrors).toEqual([]);
});
