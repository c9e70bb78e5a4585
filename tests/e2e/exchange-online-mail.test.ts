import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ewsCheckTitles } from '../../shared/tenant/ews/ews-references';
import { test } from './harness/app-fixture';
import { artifactsDir, repoRoot } from './harness/paths';

// Issue 15, the window: the ERP's Exchange Online mail beside the Microsoft 365 section with the demo ERP cases
// (SIMULATED): every ews.* check, the cross-integration line, the snippet, its import (a bad file named), the probe.

const secret = 'Q~7yS8Q~typed-in-the-window-only';
const jsonFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text, 'utf8'),
});

test('the demo ERP in the readiness view: checks, cross-integration, snippet, import refused then accepted, probe, axe clean', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  const estate = page.getByRole('list', { name: 'Estate readiness by integration' });
  // Not probed yet: ews.probe is unknown, so the ready case still names one check not read.
  await estate.getByText(/^Exchange Online mail: Not ready: 1 blocking \(1 not read\)$/).waitFor();

  const summary = page.getByRole('group', { name: 'Exchange Online mail' });
  expect(await summary.getByRole('heading').textContent()).toBe(
    'Exchange Online mail: contoso.onmicrosoft.com (SIMULATED)',
  );
  await summary.getByRole('button', { name: 'Exchange Online mail details' }).click();
  const details = page.getByRole('region', { name: 'Exchange Online mail details' });
  await details
    .getByRole('heading', { name: 'Exchange Online mail: contoso.onmicrosoft.com', level: 2 })
    .waitFor();
  expect(await details.getByText('SIMULATED', { exact: true }).isVisible()).toBe(true);
  // Every ews.* check on its card, with status, evidence and (where it has one) its remedy.
  for (const title of Object.values(ewsCheckTitles))
    await details.getByRole('group', { name: title }).waitFor();
  const probeCard = details.getByRole('group', { name: ewsCheckTitles['ews.probe'] });
  expect(await probeCard.textContent()).toContain('Run the probe in the window');

  // The federated delegated case: the cross-integration line, once.
  await details.getByLabel('Demo ERP case').selectOption('fabrikam-erp-delegated-federated');
  await details.getByText('ERP account erp@fabrikam.example').waitFor();
  const cross = details.getByRole('list', { name: 'Cross-integration' }).getByRole('listitem');
  expect(await cross.allTextContents()).toEqual([
    expect.stringMatching(/^Cross-integration: fabrikam\.example is federated to the IdP \(Microsoft 365\)/),
  ]);

  // A case whose Exchange Online settings were not imported: unknown, with the snippet for this app and mailbox.
  await details.getByLabel('Demo ERP case').selectOption('contoso-erp-wrong-client-id');
  await details.getByText('Exchange Online settings: not read yet.').waitFor();
  const command = await details.getByLabel('Read-only snippet command').textContent();
  expect(command).toMatch(/Get-ExoEwsSettings\.ps1 -ParametersBase64 \S+$/);
  const enabled = details.getByRole('group', { name: ewsCheckTitles['ews.enabled'] });
  expect(await enabled.getByText('Unknown', { exact: true }).count()).toBe(1);
  await details.getByRole('button', { name: 'Copy command' }).click();
  await details.getByText(/Copied the snippet command|Could not copy the snippet command/).waitFor();

  // Reading with ExchangeOnlineManagement is refused in the demo lab: its cases carry their own settings.
  await details.getByRole('button', { name: 'Read with ExchangeOnlineManagement' }).click();
  await details.getByText(/demo lab reads nothing from Exchange Online/).waitFor();

  // A bad file is refused with its line and column; nothing is re-judged.
  await details
    .getByLabel('Snippet output file to import')
    .setInputFiles(jsonFile('exo-bad.json', '{\n  "format": "exready-exo-settings/1",\n  "readAt": \n}'));
  await details.getByText(/^exo-bad\.json:4:1: is not valid JSON/).waitFor();
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // The snippet's real output (the CLI's fixture, for this case's app and mailbox), pasted: the checks are re-judged.
  const output = (await readFile(join(repoRoot, 'tests/fixtures/ews-rules/exo-settings-adatum.json'), 'utf8'))
    .replaceAll('6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '00000005-00e1-4000-8000-000000000009')
    .replaceAll('erp@adatum.example', 'erp-mail@contoso.example');
  await details.getByLabel(/^The snippet's JSON output/).fill(output);
  await details.getByRole('button', { name: 'Import pasted output' }).click();
  await details.getByText(/Exchange Online settings: imported from pasted output\./).waitFor();
  await enabled.getByText('Pass', { exact: true }).waitFor();

  // The probe, simulated: the secret goes to main once, the field is cleared, and the page never shows it.
  const secretField = details.getByLabel('Client secret of the ERP app (its value, not its id)');
  expect(await secretField.getAttribute('type')).toBe('password');
  await secretField.fill(secret);
  await details.getByRole('button', { name: 'Run the probe' }).click();
  await details.getByText(/^The probe ran \(simulated\)/).waitFor();
  expect(await secretField.inputValue()).toBe('');
  expect(await probeCard.textContent()).toContain('AADSTS700016');
  expect(await page.content()).not.toContain(secret);
  const probeCall = app.calls.filter((call) => call.channel === 'tenant:check-ews').at(-1);
  expect(probeCall?.request).toMatchObject({ probe: { secret }, exoSettings: { origin: 'pasted output' } });
  expect(JSON.stringify(probeCall?.result)).not.toContain(secret);

  await details.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: join(artifactsDir, 'exchange-online-mail-1366.png') });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
});

test('the ERP form in Inventory: main refuses a delegated ERP without its account beside the field, then keeps it', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Set up sync servers and the service account' }).click();
  const form = page.getByRole('form', { name: "Set the ERP's Exchange Online mail" });
  await form.getByLabel(/^ERP app's client id/).fill('3F1B6C2E-8D4A-4E7B-9C1D-5A6B7C8D9E0F');
  await form.getByLabel(/^Delegated/).check();
  await form.getByLabel(/^Test mailbox/).fill('erp@contoso.com');
  await form.getByRole('button', { name: 'Save ERP' }).click();
  const accountField = form.getByLabel(/^ERP account/);
  await form.getByText('the delegated flow signs in as an account: give its user principal name').waitFor();
  expect(await accountField.getAttribute('aria-invalid')).toBe('true');
  expect(
    app.calls.find((call) => call.channel === 'inventory:set-exchange-online-mail')?.result,
  ).toMatchObject({
    ok: false,
    error: { code: 'invalid-request', issues: [{ path: 'exchangeOnlineMail.account' }] },
  });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  await accountField.fill('ERP@contoso.com');
  await form.getByRole('button', { name: 'Save ERP' }).click();
  await page
    .getByText(
      'The Exchange Online mail checks read the ERP app 3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f (delegated), mailbox erp@contoso.com.',
    )
    .waitFor();
  const stored = JSON.parse(await readFile(join(app.userDataDir, 'inventory.json'), 'utf8')) as {
    exchangeOnlineMail?: unknown;
  };
  expect(stored.exchangeOnlineMail).toEqual({
    clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
    flow: 'delegated',
    mailbox: 'erp@contoso.com',
    account: 'erp@contoso.com',
  });
});
