import { expect } from 'vitest';
import type { Inventory } from '../../shared/domain/inventory';
import { test, type AppHarness } from './harness/app-fixture';

// Issue item 1: the inventory — servers by role (typed, CSV, Active Directory) and the service account.

/** The inventory as main stored it, read through the router as the app reads it. */
async function storedInventory(app: AppHarness): Promise<Inventory> {
  const result = await app.router.invoke('inventory:get', undefined);
  if (!result.ok) throw new Error(`inventory:get failed: ${result.error.message}`);
  return result.value as Inventory;
}

const fqdnsOf = (servers: readonly { fqdn: string }[]) => servers.map((server) => server.fqdn);

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

test('servers of both roles and the service account are set, and every refusal keeps what was typed', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add Exchange servers' }).click();

  // A bad line refuses the whole paste; the form names the line and keeps the text to fix.
  const exchangeField = page.getByLabel('Exchange server FQDNs, one per line');
  await exchangeField.fill('exch01.contoso.com\nexch02\nEXCH03.contoso.com');
  const exchangeForm = page.getByRole('form', { name: 'Add Exchange servers' });
  await exchangeForm.getByRole('button', { name: 'Add', exact: true }).click();
  await exchangeForm.getByText('Line 2: "exch02" is not fully qualified').waitFor();
  expect(await exchangeField.inputValue()).toBe('exch01.contoso.com\nexch02\nEXCH03.contoso.com');
  expect(fqdnsOf((await storedInventory(app)).exchangeServers)).toEqual([]);

  await exchangeField.fill('exch01.contoso.com\nexch02.contoso.com\nEXCH03.contoso.com');
  await exchangeForm.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('heading', { name: 'Exchange servers (3)' }).waitFor();
  expect(await exchangeForm.count()).toBe(0);

  // Sync servers by keyboard only: the form takes focus when it opens, Tab reaches Add.
  await page.getByRole('button', { name: 'Add sync servers' }).click();
  const syncForm = page.getByRole('form', { name: 'Add sync servers' });
  await page.keyboard.type('sync01');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await syncForm.getByText('Line 1: "sync01" is not fully qualified').waitFor();
  const syncField = page.getByLabel('Sync server FQDNs, one per line');
  expect(await syncField.inputValue()).toBe('sync01');
  await syncField.fill('sync01.contoso.com');
  await syncForm.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('heading', { name: 'Sync servers (1)' }).waitFor();
  const syncTable = page.getByRole('table', { name: 'Sync servers (1)' });
  expect(await syncTable.getByRole('cell', { name: 'sync01.contoso.com', exact: true }).isVisible()).toBe(
    true,
  );

  // The service account: main's field error shows on the field and the text stays.
  const accountField = page.getByLabel('Service account (DOMAIN\\name or name@domain)');
  await accountField.fill('contoso svc-sync');
  await page.getByRole('button', { name: 'Save service account' }).click();
  await page.getByText('"contoso svc-sync" is not DOMAIN\\name or name@domain').waitFor();
  expect(await accountField.getAttribute('aria-invalid')).toBe('true');
  expect(await accountField.inputValue()).toBe('contoso svc-sync');
  const refused = app.calls.find((call) => call.channel === 'inventory:set-service-account');
  expect(refused?.result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  expect(await page.getByText('No service account set yet.').isVisible()).toBe(true);

  await accountField.fill('CONTOSO\\svc-sync');
  await page.getByRole('button', { name: 'Save service account' }).click();
  await page.getByRole('status').getByText('The sync service connects as CONTOSO\\svc-sync.').waitFor();
  expect(await accountField.getAttribute('aria-invalid')).not.toBe('true');

  // Remove names the server and its list, and asks first (issue 13, Why 14): Keep changes nothing.
  const remove = page.getByRole('button', { name: 'Remove exch02.contoso.com from Exchange servers' });
  await remove.click();
  const confirm = page.getByRole('group', { name: 'Confirm removing exch02.contoso.com' });
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Remove exch02.contoso.com from Exchange servers');
  expect(app.calls.filter((call) => call.channel === 'inventory:remove-exchange-server')).toEqual([]);
  expect(await page.getByRole('heading', { name: 'Exchange servers (3)' }).isVisible()).toBe(true);
  await remove.click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('heading', { name: 'Exchange servers (2)' }).waitFor();

  const stored = await storedInventory(app);
  expect(fqdnsOf(stored.exchangeServers)).toEqual(['exch01.contoso.com', 'exch03.contoso.com']);
  expect(stored.syncServers).toMatchObject([{ fqdn: 'sync01.contoso.com', source: 'manual' }]);
  expect(stored.serviceAccount).toBe('CONTOSO\\svc-sync');

  // A reload reads it all back from main: the inventory screen, not the empty state.
  await page.reload();
  await page.getByRole('heading', { name: 'Sync servers (1)' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Exchange servers (2)' }).isVisible()).toBe(true);
  expect(await page.getByText('The sync service connects as CONTOSO\\svc-sync.').isVisible()).toBe(true);
  expect(await accountField.inputValue()).toBe('CONTOSO\\svc-sync');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('a CSV with bad lines imports nothing and names each line; a good one adds servers by role', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();

  // From the empty state, by keyboard: the button opens the file chooser.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV' }).focus();
  await page.keyboard.press('Enter');
  await (
    await chooser
  ).setFiles(
    csvFile(
      'bad.csv',
      'fqdn,role\nexch01.contoso.com,exchange\nexch02,exchange\nsync01.contoso.com,backup\n',
    ),
  );
  await page.getByText('Nothing was imported from bad.csv').waitFor();
  const problems = page.getByRole('list', { name: 'Problems in bad.csv' }).getByRole('listitem');
  expect(await problems.allTextContents()).toEqual([
    'bad.csv:3: "exch02" is not fully qualified (expected e.g. exch01.contoso.com)',
    'bad.csv:4: role "backup" is not exchange or sync',
  ]);
  const afterBad = await storedInventory(app);
  expect(afterBad.exchangeServers).toEqual([]);
  expect(afterBad.syncServers).toEqual([]);
  expect(await page.getByRole('heading', { name: 'Exchange servers (0)' }).isVisible()).toBe(true);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // A semicolon export with a BOM and role words of its own.
  const good =
    '\uFEFFServer;Role\r\nexch01.contoso.com;Exchange\r\nEXCH02.contoso.com;Mailbox\r\nsync01.contoso.com;Sync\r\n';
  await page.getByLabel('CSV file to import').setInputFiles(csvFile('estate.csv', good));
  await page.getByText('Added 2 Exchange servers and 1 sync server.').waitFor();
  const importCall = app.calls.findLast((call) => call.channel === 'inventory:import-csv');
  // The file's text goes to main as read (the browser's UTF-8 decoding drops the BOM).
  expect(importCall?.request).toEqual({ fileName: 'estate.csv', text: good.slice(1) });
  await page.getByRole('heading', { name: 'Exchange servers (2)' }).waitFor();
  await page.getByRole('heading', { name: 'Sync servers (1)' }).waitFor();
  const exchangeTable = page.getByRole('table', { name: 'Exchange servers (2)' });
  expect(await exchangeTable.getByRole('row', { name: /exch02\.contoso\.com/ }).textContent()).toContain(
    'CSV import',
  );

  const stored = await storedInventory(app);
  expect(fqdnsOf(stored.exchangeServers)).toEqual(['exch01.contoso.com', 'exch02.contoso.com']);
  expect(fqdnsOf(stored.syncServers)).toEqual(['sync01.contoso.com']);
  expect(stored.exchangeServers.every((server) => server.source === 'csv')).toBe(true);
  await app.screenshot('inventory');

  // The same file again adds nothing new, and says so rather than claiming three more.
  await page.getByLabel('CSV file to import').setInputFiles(csvFile('estate.csv', good));
  await page
    .getByText('Added 0 Exchange servers and 0 sync servers. 3 entries were already in the inventory.')
    .waitFor();
  expect(fqdnsOf((await storedInventory(app)).exchangeServers)).toHaveLength(2);

  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('discovery without PowerShell or AD says why in plain text and leaves the inventory as it was', async ({
  app,
}) => {
  const { page } = app;
  await app.router.invoke('inventory:add-exchange-servers', { fqdns: ['exch01.contoso.com'] });
  await app.router.invoke('inventory:add-sync-servers', { fqdns: ['sync01.contoso.com'] });
  const before = await storedInventory(app);
  await page.reload();
  await page.getByRole('heading', { name: 'Exchange servers (1)' }).waitFor();

  const discover = page.getByRole('button', { name: 'Discover from Active Directory' });
  await discover.click();
  await page.getByText('Discovery failed; the inventory is unchanged').waitFor({ timeout: 30_000 });
  const call = app.calls.find((c) => c.channel === 'inventory:discover-exchange-servers');
  expect(call?.result.ok).toBe(false);
  const message = call?.result.ok === false ? call.result.error.message : '';
  expect(message).not.toBe('');
  // The error reads as words in a titled error bar, not a colour: main's message, verbatim.
  const bar = page.getByRole('group', { name: 'Discovery failed; the inventory is unchanged' });
  expect(await bar.textContent()).toContain(message);

  expect(await storedInventory(app)).toEqual(before);
  expect(await page.getByRole('heading', { name: 'Exchange servers (1)' }).isVisible()).toBe(true);
  expect(await page.getByRole('heading', { name: 'Sync servers (1)' }).isVisible()).toBe(true);
  // It can be tried again.
  expect(await discover.isEnabled()).toBe(true);
  expect(await discover.getAttribute('aria-disabled')).not.toBe('true');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('discovery started from the empty state shows its outcome on the inventory screen', async ({ app }) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  await page.getByRole('button', { name: 'Discover from Active Directory' }).click();
  await page.getByText('Discovery failed; the inventory is unchanged').waitFor({ timeout: 30_000 });
  expect(await page.getByRole('heading', { name: 'Exchange servers (0)' }).isVisible()).toBe(true);
  expect((await storedInventory(app)).exchangeServers).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('the empty state leads to sync servers and the service account, and stays away once something is set', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Set up sync servers and the service account' }).click();
  // The keyboard lands on the inventory, not on a button that has gone.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Inventory');
  await page.getByLabel('Service account (DOMAIN\\name or name@domain)').fill('svc-sync@contoso.com');
  await page.keyboard.press('Enter');
  await page.getByText('The sync service connects as svc-sync@contoso.com.').waitFor();

  // After a reload it opens on the inventory; cleared, it stays there instead of swapping back to the invitation.
  await page.reload();
  await page.getByText('The sync service connects as svc-sync@contoso.com.').waitFor();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByText('No service account set yet.').waitFor();
  expect(await page.getByLabel('Service account (DOMAIN\\name or name@domain)').inputValue()).toBe('');
  expect(await page.getByRole('heading', { name: 'No Exchange servers yet' }).count()).toBe(0);
  expect((await storedInventory(app)).serviceAccount).toBeNull();
  expect(app.consoleErrors).toEqual([]);
});
