import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 14, Deliver 1: the tenant entered in the Inventory place reaches inventory.json and the Readiness view.

test('the Microsoft 365 tenant form: field errors from main, saved, then sign-in offered for it in Readiness', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Set up sync servers and the service account' }).click();
  const form = page.getByRole('form', { name: 'Set the Microsoft 365 tenant' });
  const tenantField = form.getByLabel(/^Tenant \(tenant id or initial domain/);
  await tenantField.fill('contoso.com');
  await form.getByLabel(/^Provisioning app's client id/).fill('2B3C4D5E-0000-4000-8000-000000000002');
  await form.getByLabel(/^Federated custom domains/).fill('contoso.com, fabrikam\nlitware.com');
  await form.getByLabel(/^IdP sign-in host/).fill('login.idp.example');

  // Main refuses the tenant: the error shows beside that field, the text stays, nothing is stored.
  await form.getByRole('button', { name: 'Save tenant' }).click();
  // The shared schema's words: the field and what it expects, not zod's "Invalid input".
  await form
    .getByText(
      'Tenant: "contoso.com" is neither a tenant id nor an initial domain; give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com',
    )
    .waitFor();
  await form
    .getByText('Federated custom domains: "fabrikam" is not fully qualified (expected e.g. contoso.com)')
    .waitFor();
  expect(await form.getByText(/Invalid input/).count()).toBe(0);
  expect(await tenantField.getAttribute('aria-invalid')).toBe('true');
  expect(await tenantField.inputValue()).toBe('contoso.com');
  expect(
    await page.getByText('No Microsoft 365 tenant set yet: the tenant checks need one.').isVisible(),
  ).toBe(true);
  expect(app.calls.find((call) => call.channel === 'inventory:set-microsoft365')?.result).toMatchObject({
    ok: false,
    error: {
      code: 'invalid-request',
      issues: [{ path: 'microsoft365.tenant' }, { path: 'microsoft365.federatedDomains.1' }],
    },
  });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // By keyboard: fix the fields and submit with Enter.
  await form.getByLabel(/^Federated custom domains/).fill('contoso.com, fabrikam.com\nlitware.com');
  await tenantField.fill('contoso.onmicrosoft.com');
  await tenantField.press('Enter');
  await page.getByRole('status').getByText('The tenant checks read contoso.onmicrosoft.com.').waitFor();
  expect(await tenantField.getAttribute('aria-invalid')).not.toBe('true');
  const stored = JSON.parse(await readFile(join(app.userDataDir, 'inventory.json'), 'utf8')) as {
    microsoft365?: unknown;
  };
  expect(stored.microsoft365).toEqual({
    tenant: 'contoso.onmicrosoft.com',
    provisioningAppId: '2b3c4d5e-0000-4000-8000-000000000002',
    federatedDomains: ['contoso.com', 'fabrikam.com', 'litware.com'],
    idpSignInHost: 'login.idp.example',
  });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // After a run, the Readiness view's Microsoft 365 section offers sign-in to that tenant.
  await page.getByRole('button', { name: 'Load demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  const summary = page.getByRole('group', { name: 'Microsoft 365 tenant' });
  await summary.getByRole('button', { name: 'Microsoft 365 details' }).click();
  const details = page.getByRole('region', { name: 'Microsoft 365 details' });
  const signIn = details.getByRole('button', { name: 'Sign in to contoso.onmicrosoft.com' });
  await signIn.waitFor();
  expect(await signIn.isEnabled()).toBe(true);
  expect(
    await details.getByText('The inventory names no Microsoft 365 tenant yet', { exact: false }).count(),
  ).toBe(0);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
});
