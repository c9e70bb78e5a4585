import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 6, item 2: an unreachable server says why and what to do, once, above its unknown checks.
test('an unreachable server states the cause and the remedy, and offers no change it cannot make', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'exch05.contoso.com' }).click();
  await page.getByRole('heading', { name: 'exch05.contoso.com', level: 2 }).waitFor();
  const banner = page.getByText('exch05.contoso.com could not be reached (kerberos)');
  expect(await banner.isVisible()).toBe(true);
  expect(await page.getByText(/^What to do: .*HTTP\/<fqdn>/).isVisible()).toBe(true);
  expect(await page.getByText(/^PowerShell said: .*0x80090322/).isVisible()).toBe(true);
  // No MFA facts were collected: the web.config flow is not offered, and the page says why.
  expect(await page.getByRole('button', { name: 'MFA module web.config' }).isDisabled()).toBe(true);
  expect(await page.getByText('The MFA facts of this server were not collected').isVisible()).toBe(true);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
