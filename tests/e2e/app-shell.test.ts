import { expect } from 'vitest';
import { test } from './harness/app-fixture';

test('the first screen shows the product, an empty inventory and a call to action', async ({ app }) => {
  const { page } = app;
  await expect.poll(() => page.getByRole('heading', { name: 'ExReady', level: 1 }).count()).toBe(1);
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  expect(await page.getByRole('button', { name: 'Add Exchange servers' }).isVisible()).toBe(true);
  // The version shown comes from main through the router, not from the bundle.
  await page.getByText('Version e2e').waitFor();

  await app.screenshot('app-shell-empty-inventory');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('adding servers makes a round trip through the router and persists in the user-data folder', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add Exchange servers' }).click();
  await page
    .getByLabel('Exchange server FQDNs, one per line')
    .fill('EXCH01.contoso.com\nexch02.contoso.com.');
  await page.getByRole('button', { name: 'Add', exact: true }).click();

  await page.getByRole('heading', { name: 'Exchange servers (2)' }).waitFor();
  expect(await page.getByRole('cell', { name: 'exch01.contoso.com', exact: true }).isVisible()).toBe(true);
  const addCall = app.calls.find((call) => call.channel === 'inventory:add-exchange-servers');
  expect(addCall?.request).toEqual({ fqdns: ['EXCH01.contoso.com', 'exch02.contoso.com.'] });
  expect(addCall?.result.ok).toBe(true);

  // A reload reads the inventory back from disk through main.
  await page.reload();
  await page.getByRole('heading', { name: 'Exchange servers (2)' }).waitFor();
  await app.screenshot('app-shell-two-servers');
  expect(app.consoleErrors).toEqual([]);
});

test('an invalid server name is refused by main and the form says which line is wrong', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add Exchange servers' }).click();
  await page.getByLabel('Exchange server FQDNs, one per line').fill('exch01.contoso.com\nexch02');
  await page.getByRole('button', { name: 'Add', exact: true }).click();

  await page.getByText('Line 2: "exch02" is not fully qualified').waitFor();
  const addCall = app.calls.find((call) => call.channel === 'inventory:add-exchange-servers');
  expect(addCall?.result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  // Nothing was half-added: the valid first line was not stored either.
  expect(await app.router.invoke('inventory:get', undefined)).toMatchObject({
    ok: true,
    value: { exchangeServers: [] },
  });
});

test('a call from a frame that is not the app page is refused', async ({ app }) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  // An injected iframe (srcdoc) tries to reach main through the binding.
  const result = await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>x</p>';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve));
    const invoke = (frame.contentWindow as Window).__exreadyInvoke;
    return invoke('inventory:get', undefined);
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
});
