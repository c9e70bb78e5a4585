import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 16, Deliver 5: the Prove button of a server in the details pane, on the demo estate (SIMULATED).
test('proves a demo server from the details pane: each hop, the delegation, the notes on the checks, and OWA/ECP', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'exch02.contoso.com' }).click();
  await page.getByRole('heading', { name: 'exch02.contoso.com', level: 2 }).waitFor();

  // The form: the run's first sync server and account by default, the second hop's default endpoint.
  const prove = page.getByRole('button', { name: 'Prove', exact: true });
  await prove.click();
  const form = page.getByRole('form', { name: 'Prove the Remote PowerShell path to exch02.contoso.com' });
  expect(await form.getByRole('combobox', { name: /Sync server/ }).inputValue()).toBe('sync01.contoso.com');
  expect(await form.getByRole('textbox', { name: /Service account$/ }).inputValue()).toBe(
    'CONTOSO\\svc-sync',
  );
  expect(await form.getByRole('textbox', { name: /Second hop's endpoint/ }).inputValue()).toBe(
    'http://exch02.contoso.com/PowerShell',
  );
  await form.getByRole('button', { name: 'Run the proof' }).click();

  const hops = page.getByRole('table', { name: 'Hops of the proof of exch02.contoso.com' });
  await hops.waitFor();
  expect(await hops.getByRole('row', { name: /Hop 1: WinRM HTTPS 5986/ }).textContent()).toMatch(
    /Succeeded655 ms/,
  );
  const hop2 = await hops.getByRole('row', { name: /Hop 2: Exchange endpoint/ }).textContent();
  expect(hop2).toContain('[double-hop-denied]');
  expect(hop2).toContain('Remedy:');
  expect(await hops.getByRole('row', { name: /Get-ExchangeServer/ }).textContent()).toContain('Not run');
  expect(await page.getByText('SIMULATED', { exact: true }).first().isVisible()).toBe(true);
  await page.getByText(/Delegation: .*does not list HTTP\/exch02\.contoso\.com/).waitFor();
  // The live region says the outcome; focus is back on the Prove button.
  expect(await page.getByRole('status', { name: 'Proof of exch02.contoso.com' }).textContent()).toContain(
    'Proof failed (simulated): Hop 2: Exchange endpoint (Kerberos) failed',
  );
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Prove');
  // The check card in view carries what the proof showed of it.
  const delegation = page.getByRole('group', { name: /delegation/i }).first();
  await delegation.getByText('The proof confirms this check').waitFor();
  const call = app.calls.find((item) => item.channel === 'prove:connection');
  expect(call?.request).toMatchObject({ lab: 'demo', password: '', syncServer: 'sync01.contoso.com' });
  await app.screenshot('prove-exch02');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // OWA/ECP on demand: each app's class, simulated.
  await page.getByRole('button', { name: 'Prove OWA/ECP' }).click();
  const web = page.getByRole('table', { name: 'OWA/ECP probe of exch02.contoso.com' });
  await web.waitFor();
  const owa = await web.getByRole('row', { name: /^owa https/ }).textContent();
  expect(owa).toMatch(/owa.*(pass|warn|fail|Pass|Warn|Fail)/i);
  expect(await web.getByRole('row').count()).toBeGreaterThanOrEqual(3);
  const summary = await page
    .getByRole('status', { name: 'OWA/ECP probe of exch02.contoso.com' })
    .textContent();
  expect(summary).toMatch(/owa: [a-z0-9-]+ \(\w+\); ecp: [a-z0-9-]+ \(\w+\)/);
  await app.screenshot('prove-web-exch02');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // exch08: hop 1 works though network.5986 failed, so the proof contradicts that check, on its card too.
  await page.getByRole('button', { name: 'exch08.contoso.com' }).click();
  await page.getByRole('heading', { name: 'exch08.contoso.com', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  await page.getByRole('button', { name: 'Run the proof' }).click();
  const notes = page.getByRole('list', { name: 'Checks this proof confirms or contradicts' });
  await notes.getByText(/network\.5986, fail\): CONTRADICTED/).waitFor();
  await page.getByText('The proof contradicts this check').first().waitFor();
  await app.screenshot('prove-contradicts-exch08');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
