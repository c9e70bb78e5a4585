import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';

/** Presses Tab until the focused control's text is `name`; fails when it is never reached. */
async function tabTo(page: Page, name: string, limit = 60): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab in ${limit} presses`);
}

// Issue 14, Deliver 6: the Microsoft 365 tenant in the matrix beside the servers: its own table (a tenant, not a
// server), its m365.* checks and verdict, SIMULATED for the demo; reachable by keyboard, axe clean.
test('the demo tenant in the readiness matrix: its checks, its verdict, SIMULATED, opened by keyboard, axe clean', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Matrix of every check' }).click();

  const section = page.getByRole('region', { name: 'Microsoft 365 tenant', exact: true });
  await section.getByText('Microsoft 365: Ready with 1 accepted risk').waitFor();
  expect(await section.getByText('SIMULATED', { exact: true }).isVisible()).toBe(true);
  const tenant = section.getByRole('table', {
    name: 'Microsoft 365 tenant by check: fabrikam.onmicrosoft.com (SIMULATED)',
  });
  await tenant.waitFor();
  // The first column says Tenant, not Server; the servers keep their own table.
  const headers = await tenant.getByRole('columnheader').allTextContents();
  expect(headers.slice(0, 5)).toEqual([
    'Provisioning app',
    'MFA and password reset',
    'Federated domain',
    'Tenant',
    'Blocking',
  ]);
  expect(await tenant.getByRole('columnheader', { name: 'Server' }).count()).toBe(0);
  expect(await page.getByRole('table', { name: 'Readiness matrix: 8 servers by check' }).isVisible()).toBe(
    true,
  );
  // Every m365 check of the contract is a column under the tenant's areas; each cell names its check.
  expect(headers.slice(5)).toEqual([
    'App',
    'Permissions',
    'Consent',
    'Secret',
    'Sec. defaults',
    'Per-user MFA',
    'CA MFA',
    'SSPR',
    'Registration',
    'Federation',
  ]);
  const row = tenant.getByRole('row', { name: /fabrikam\.onmicrosoft\.com \(SIMULATED\)/ });
  const cells = row.getByRole('cell');
  expect(await cells.count()).toBe(11);
  expect(await cells.first().getAttribute('title')).toBe('Ready with 1 accepted risk');
  expect(await cells.first().textContent()).toBe('0');
  expect(await row.getByRole('cell', { name: 'Pass', exact: true }).count()).toBe(10);
  expect(await cells.nth(5).getAttribute('title')).toMatch(/^Security defaults: Pass\. /);

  // A case with a failing check: the row and the verdict follow the tenant the window holds.
  await page.getByRole('button', { name: 'Servers and details' }).click();
  await page.getByRole('group', { name: 'Microsoft 365 tenant' }).getByRole('button').click();
  await page.getByLabel('Demo case').selectOption('northwind-not-ready');
  await page.getByRole('heading', { name: 'Microsoft 365: northwind.onmicrosoft.com', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Matrix of every check' }).click();
  await section.getByText('Microsoft 365: Not ready: 8 blocking').waitFor();
  const northwind = section.getByRole('table', { name: /northwind\.onmicrosoft\.com \(SIMULATED\)/ });
  const northwindCells = northwind
    .getByRole('row', { name: /northwind\.onmicrosoft\.com \(SIMULATED\)/ })
    .getByRole('cell');
  expect(await northwindCells.first().textContent()).toBe('8');
  expect(await northwind.getByRole('cell', { name: 'Fail', exact: true }).count()).toBe(8);
  expect(await northwind.getByRole('cell', { name: 'Warn', exact: true }).count()).toBe(1);

  // The filters narrow the tenant's row as they narrow the servers': no N/A check, then only its domain.
  await page.getByRole('checkbox', { name: 'N/A' }).check();
  await section.getByText('No check of the tenant matches the filters.').waitFor();
  await page.getByRole('checkbox', { name: 'N/A' }).uncheck();
  await page.getByRole('checkbox', { name: 'Federated domain' }).check();
  await expect
    .poll(() => northwind.getByRole('columnheader').allTextContents())
    .toEqual(['Federated domain', 'Tenant', 'Blocking', 'Federation']);
  await page.getByRole('checkbox', { name: 'Federated domain' }).uncheck();
  await expect.poll(() => northwindCells.count()).toBe(11);
  // The capture starts at the tenant's heading: its row, its verdict, and the servers' matrix below it.
  await section
    .getByRole('heading', { name: 'Microsoft 365 tenant' })
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await app.screenshot('tenant-matrix-1366');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // Keyboard: Tab reaches the tenant's button; Enter opens its details with focus on their heading.
  await page.getByRole('checkbox', { name: 'Federated domain' }).focus();
  await tabTo(page, 'northwind.onmicrosoft.com (SIMULATED)');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'Microsoft 365: northwind.onmicrosoft.com', level: 2 });
  await heading.waitFor();
  await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});
