import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 13, Why 1, 2, 6, 8, 11: readiness first, search and sort, one banner for an unreachable server, the demo
// estate reachable from the inventory at any time and left again.

test('readiness answers first: estate lines, a searchable sortable list, and not checked never as healthy', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  const list = page.getByRole('table', { name: 'Readiness of 8 servers by integration' });
  await list.waitFor({ timeout: 30_000 });
  await expect
    .poll(() =>
      page
        .getByRole('list', { name: 'Estate readiness by integration' })
        .getByRole('listitem')
        .allTextContents()
        // Each line starts with its shape (aria-hidden), then the shared words.
        .then((lines) => lines.map((line) => line.slice(1))),
    )
    .toEqual([
      'Remote PowerShell: 2 of 8 ready (1 with accepted risks), 3 not ready, 3 not checked',
      'MFA module: 2 of 8 ready, 3 not ready, 3 not checked',
      // The demo tenant's line, read after the servers' (tests/e2e/tenant-readiness.test.ts).
      'Microsoft 365: Ready with 1 accepted risk',
      // The demo ERP's mail, not probed yet (tests/e2e/exchange-online-mail.test.ts).
      'Exchange Online mail: Not ready: 1 blocking (1 not read)',
    ]);
  expect(await page.getByRole('list', { name: 'Status legend' }).textContent()).toContain(
    'Unknown= could not be read',
  );

  // Worst first by default: the unreachable servers sit between not ready and ready, never below a ready one.
  const serverOrder = () => list.getByRole('row').locator('button').allTextContents();
  const order = await serverOrder();
  expect(order.slice(-2).sort()).toEqual(['exch01.contoso.com', 'exch02.contoso.com']);
  const exch05 = list.getByRole('row', { name: /exch05\.contoso\.com/ });
  expect(await exch05.textContent()).toContain(
    'Not checked: unreachable: Kerberos authentication failed (kerberos)',
  );

  // Sort by a column header says so with aria-sort; a second press reverses it.
  const serverHeader = page.getByRole('columnheader', { name: 'Server' });
  await serverHeader.click();
  expect(await serverHeader.getAttribute('aria-sort')).toBe('ascending');
  expect((await serverOrder())[0]).toBe('exch01.contoso.com');
  await serverHeader.click();
  expect(await serverHeader.getAttribute('aria-sort')).toBe('descending');
  expect((await serverOrder())[0]).toBe('exch08.contoso.com');

  // Search by name, and the verdict filter: Ready never lists a server that was not checked.
  await page.getByLabel('Search servers by name').fill('EXCH0');
  await page.getByRole('status').getByText('8 of 8 servers shown').waitFor();
  await page.getByLabel('Search servers by name').fill('exch05');
  await expect.poll(serverOrder).toEqual(['exch05.contoso.com']);
  await page.getByLabel('Search servers by name').fill('');
  await page.getByLabel('Show').selectOption('ready');
  await expect.poll(serverOrder).toEqual(['exch02.contoso.com', 'exch01.contoso.com']);
  await page.getByLabel('Show').selectOption('not-checked');
  await expect.poll(serverOrder).toEqual(['exch07.contoso.com', 'exch06.contoso.com', 'exch05.contoso.com']);
  await page.getByLabel('Show').selectOption('all');

  // An unreachable server: its cause once, in one banner; its unread checks named, never repeated as cards.
  await page.getByRole('button', { name: 'exch05.contoso.com' }).click();
  const details = page.getByRole('region', { name: 'Server details' });
  await details.getByRole('heading', { name: 'exch05.contoso.com', level: 2 }).waitFor();
  expect(await details.getByText(/could not be reached/).count()).toBe(1);
  expect(await details.getByText(/^PowerShell said: /).count()).toBe(1);
  expect(await details.getByRole('button', { name: /^Copy evidence of / }).count()).toBe(0);
  expect(await details.getByRole('region', { name: 'Remote PowerShell' }).textContent()).toMatch(
    /checks could not be read:.*WinRM service/,
  );
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('the demo estate is one click away from an inventory that holds servers, and leaving it goes back', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add Exchange servers' }).click();
  await page.getByLabel('Exchange server FQDNs, one per line').fill('exch01.fabrikam.com');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('heading', { name: 'Exchange servers (1)' }).waitFor();

  await page.getByRole('button', { name: 'Load demo estate' }).click();
  await page
    .getByRole('table', { name: 'Readiness of 8 servers by integration' })
    .waitFor({ timeout: 30_000 });
  const nav = page.getByRole('navigation', { name: 'ExReady' });
  expect(await nav.getByRole('button', { name: 'Readiness' }).getAttribute('aria-current')).toBe('page');

  // Changes and Reports are places of their own for the run on show.
  await nav.getByRole('button', { name: 'Changes' }).click();
  await page.getByRole('heading', { name: 'Changes', level: 2 }).waitFor();
  expect(
    await page.getByRole('button', { name: 'MFA module web.config on exch04.contoso.com' }).isVisible(),
  ).toBe(true);
  await nav.getByRole('button', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  expect(await page.getByRole('button', { name: 'Export report' }).isVisible()).toBe(true);

  // Leaving the demo shows the real inventory again, and the demo's run is no longer on show.
  await page.getByRole('button', { name: 'Leave the demo estate' }).click();
  await page.getByRole('heading', { name: 'Exchange servers (1)' }).waitFor();
  expect(await page.getByText('Simulated (demo estate)').count()).toBe(0);
  await nav.getByRole('button', { name: 'Readiness' }).click();
  await page.getByRole('heading', { name: 'Readiness: no check has run yet' }).waitFor();
  expect(app.consoleErrors).toEqual([]);
});
