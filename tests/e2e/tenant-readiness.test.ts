import { join } from 'node:path';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';
import { artifactsDir } from './harness/paths';

// Issue 14, Deliver 6: the Microsoft 365 section beside the Exchange servers, with the demo tenant (SIMULATED),
// the scopes and consent before sign-in, the checks by area, and the SSPR attestation shown as attested.

test('the demo tenant in the readiness view: verdict words, scopes before sign-in, SSPR attested, axe clean', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  const estate = page.getByRole('list', { name: 'Estate readiness by integration' });
  await estate.getByText('Microsoft 365: Ready with 1 accepted risk').waitFor();

  const summary = page.getByRole('group', { name: 'Microsoft 365 tenant' });
  expect(await summary.getByRole('heading').textContent()).toBe(
    'Microsoft 365: fabrikam.onmicrosoft.com (SIMULATED)',
  );
  await summary.getByRole('button', { name: 'Microsoft 365 details' }).click();
  const details = page.getByRole('region', { name: 'Microsoft 365 details' });
  await details.getByRole('heading', { name: 'Microsoft 365: fabrikam.onmicrosoft.com', level: 2 }).waitFor();
  expect(await details.getByText('SIMULATED', { exact: true }).isVisible()).toBe(true);
  // Before sign-in: not signed in, every scope it will ask for and why, and what consent means.
  expect(await details.getByText('Not signed in').isVisible()).toBe(true);
  const scopes = details.getByRole('list', { name: 'Permissions ExReady asks for' });
  expect(await scopes.getByRole('listitem').allTextContents()).toEqual([
    expect.stringMatching(/^Application\.Read\.All: Read the provisioning app/),
    expect.stringMatching(/^Directory\.Read\.All: /),
    expect.stringMatching(/^Policy\.Read\.All: /),
    expect.stringMatching(/^Domain\.Read\.All: /),
    expect.stringMatching(/^AuditLog\.Read\.All: /),
  ]);
  expect(await details.textContent()).toContain('every one is read-only');
  // The checks by area, as the server details show them.
  for (const area of ['Provisioning app', 'MFA and password reset', 'Federated domain'])
    await details.getByRole('heading', { name: area, level: 3 }).waitFor();
  expect(await details.getByRole('table', { name: 'Evidence of Security defaults' }).isVisible()).toBe(true);

  // The case Graph could not read: SSPR is unknown with the cause, and the form records an attestation.
  await details.getByLabel('Demo case').selectOption('wingtip-unreadable');
  await details.getByRole('heading', { name: 'Microsoft 365: wingtip.onmicrosoft.com', level: 2 }).waitFor();
  await estate.getByText('Microsoft 365: Not checked: none of its 10 checks could be read').waitFor();
  const sspr = details.getByRole('group', { name: 'Self-service password reset' });
  expect(await sspr.textContent()).toContain('Microsoft Graph does not expose the users');
  const form = details.getByRole('form', { name: 'Attest Self-service password reset' });
  expect(await form.getByLabel('Who looked in the portal').inputValue()).not.toBe('');
  expect(await form.getByLabel('When').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  // Nothing observed: refused beside the field, nothing stored.
  await form.getByRole('button', { name: 'Record attestation' }).click();
  await form.getByText('what the portal showed is required').waitFor();
  await form
    .getByLabel(/What the portal showed/)
    .fill('Protection > Password reset > Properties: Self service password reset enabled = None');
  await form.getByRole('button', { name: 'Record attestation' }).click();
  await form.getByText('Attestation of Self-service password reset recorded').waitFor();
  await sspr.getByText('Attested (not read)').waitFor();
  expect(await sspr.textContent()).toContain('Attested, not read:');
  expect(await sspr.getByText('Pass', { exact: true }).count()).toBe(0);
  expect(app.calls.some((call) => call.channel === 'tenant:attest')).toBe(true);

  // The capture shows the section from its heading: the verdict, the case and what was checked.
  await details.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: join(artifactsDir, 'tenant-readiness-1366.png') });
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
});
