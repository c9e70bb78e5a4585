import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { demoMfaSecrets } from '../../electron/lab/demo-mfa';
import { test } from './harness/app-fixture';

// Issue 6, item 5: the MFA module's web.config flow on the demo estate: settings, plan, diff, apply, backups, rollback.
test('the MFA web.config flow plans a masked diff, applies it to the lab and rolls it back', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'exch04.contoso.com' }).click();
  await page.getByRole('button', { name: 'MFA module web.config' }).click();
  await page.getByRole('heading', { name: 'MFA module web.config on exch04.contoso.com' }).waitFor();
  expect(await page.getByText('Simulated (demo estate)').first().isVisible()).toBe(true);

  // owa holds the API key twice: the plan is refused with the reason, and the typed values stay.
  const url = page.getByRole('textbox', { name: /MONOSIGN_API_URL/ });
  expect(await url.inputValue()).toBe('https://mfa.contoso.com/monosign-api/');
  // The fields are named as the profile names them, the key beside the label.
  expect(await page.getByRole('textbox', { name: 'API address (MONOSIGN_API_URL)' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Plan the change' }).click();
  await page.getByText(/MONOSIGN_API_KEY is added 2 times/).waitFor();
  expect(await url.inputValue()).toBe('https://mfa.contoso.com/monosign-api/');
  // Issue 13, Why 4: the refusal is next to the button, announced and focused, inside the viewport.
  const refusal = page.getByRole('alert').filter({ hasText: 'MONOSIGN_API_KEY is added 2 times' });
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null))
    .toBe('alert');
  const box = await refusal.boundingBox();
  const viewport = page.viewportSize();
  expect(box !== null && viewport !== null && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
  const button = await page.getByRole('button', { name: 'Plan the change' }).boundingBox();
  expect(box !== null && button !== null && box.y - (button.y + button.height)).toBeLessThan(40);

  // ecp: MONOSIGN_DEBUG_MODE is "yes"; the form refuses it before asking main, then plans "false".
  await page.getByRole('radio', { name: /Exchange admin center/ }).check();
  const status = page.getByRole('status', { name: 'ecp MFA checks' });
  expect(await status.textContent({ timeout: 5_000 })).toMatch(/appsettings: .*Fail/);
  // The debug setting is a Switch, not a true/false text box; the file's "yes" is named.
  const debug = page.getByRole('switch', { name: /MONOSIGN_DEBUG_MODE/ });
  expect(await debug.isChecked()).toBe(false);
  await page.getByText('The file holds "yes", which is neither: choose On or Off.').waitFor();
  const plans = () => app.calls.filter((call) => call.channel === 'mfa:plan').length;
  const planned = plans();
  await page.getByRole('button', { name: 'Plan the change' }).click();
  await page.getByText('Detailed logging (debug mode) must be true or false').waitFor();
  expect(plans()).toBe(planned);
  await debug.check();
  await debug.uncheck();
  // The profile's admin-named key: a name without a value is refused in the form, both together are planned.
  await page.getByRole('textbox', { name: /User source: key name/ }).fill('MONOSIGN_USER_SOURCE');
  await page.getByRole('button', { name: 'Plan the change' }).click();
  await page.getByText('User source: give both the key name and the value, or neither').waitFor();
  expect(plans()).toBe(planned);
  await page.getByRole('textbox', { name: /User source: value/ }).fill('contoso-ad');
  await page.getByRole('button', { name: 'Plan the change' }).click();

  // The diff screen: changes in words, the unified diff, secrets masked, the hashes.
  await page.getByRole('heading', { name: /Planned change to .*\\ecp\\web\.config/ }).waitFor();
  expect(await page.getByRole('list', { name: 'Changes' }).textContent()).toContain(
    'Changes MONOSIGN_DEBUG_MODE from yes to false',
  );
  expect(await page.getByRole('list', { name: 'Changes' }).textContent()).toContain(
    'Adds MONOSIGN_USER_SOURCE = contoso-ad',
  );
  const diff = await page.locator('pre').textContent();
  expect(diff).toContain('+    <add key="MONOSIGN_DEBUG_MODE" value="false" />');
  expect(diff).toContain('-    <add key="MONOSIGN_DEBUG_MODE" value="yes" />');
  expect(await page.content()).not.toContain(demoMfaSecrets.secret);
  await app.screenshot('webconfig-diff');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);

  // Apply waits for the review checkbox, then writes, audits and re-checks.
  const apply = page.getByRole('button', { name: 'Apply' });
  expect(await apply.isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: /I reviewed this change/ }).check();
  await apply.click();
  await page.getByText('web.config written').waitFor({ timeout: 30_000 });
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('web.config written');
  await expect.poll(() => status.textContent({ timeout: 5_000 })).toMatch(/appsettings: .*Pass/);
  // IIS loads the change once the pool recycles: asked inline, then healthy (the lab answers at once).
  await page.getByRole('button', { name: 'Recycle MSExchangeECPAppPool…' }).click();
  await page
    .getByRole('group', { name: 'Confirm the recycle' })
    .getByRole('button', { name: 'Recycle', exact: true })
    .click();
  await page.getByText('MSExchangeECPAppPool recycled and healthy').waitFor({ timeout: 30_000 });
  expect(app.calls.find((call) => call.channel === 'mfa:recycle')?.request).toMatchObject({
    server: 'exch04.contoso.com',
    app: 'ecp',
    confirmed: true,
    lab: 'demo',
  });
  const audit = await readFile(join(app.userDataDir, 'audit.jsonl'), 'utf8');
  expect(audit).toContain('webconfig.mfa.ecp.apply');
  expect(audit).toContain('iis.apppool.ecp.recycle');
  expect(audit).not.toContain(demoMfaSecrets.secret);

  // The backup it wrote is listed first; rolling back to it needs a confirmation, then the check fails again.
  const rollBacks = page.getByRole('button', {
    name: /^Roll back to web\.config\.exready-\d{8}-\d{6}\.bak$/,
  });
  await expect.poll(() => rollBacks.count()).toBe(2);
  const names = await rollBacks.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  expect(names[1]).toBe('Roll back to web.config.exready-20250214-093000.bak');
  await rollBacks.first().click({ timeout: 10_000 });
  const confirm = page.getByRole('group', { name: 'Confirm the rollback' });
  expect(await confirm.textContent()).toContain('the current file is kept as a pre-rollback backup');
  await confirm.getByRole('button', { name: 'Roll back', exact: true }).click({ timeout: 10_000 });
  await page.getByText('Rolled back', { exact: true }).waitFor({ timeout: 30_000 });
  await expect.poll(() => status.textContent({ timeout: 5_000 })).toMatch(/appsettings: .*Fail/);
  // Issue 13, Why 13: the success banners of the change rolled back are gone; the settings form is back.
  expect(await page.getByText('web.config written').count()).toBe(0);
  expect(await page.getByText('MSExchangeECPAppPool recycled and healthy').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Plan the change' }).count()).toBe(1);
  expect(app.calls.find((call) => call.channel === 'mfa:rollback')?.request).toMatchObject({
    confirmed: true,
    app: 'ecp',
  });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
