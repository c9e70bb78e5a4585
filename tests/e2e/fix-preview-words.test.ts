import { expect } from 'vitest';
import { test, type AppHarness } from './harness/app-fixture';

// Issue 13 (Deliver 4; Why 3, 5, 12, 14): the fix preview says the change in words, and the dialog behaves as a dialog.

async function openServer(app: AppHarness, fqdn: string) {
  await app.page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await app.page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  await app.page.getByRole('button', { name: fqdn }).click();
  await app.page.getByRole('heading', { name: fqdn, level: 2 }).waitFor();
}

test('the CBT fix and its undo say what changes, from what to what; the result reads once', async ({
  app,
}) => {
  const { page } = app;
  await openServer(app, 'exch02.contoso.com');
  await page.getByRole('button', { name: 'Fix Channel binding (CbtHardeningLevel)' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
  await dialog.getByText('Sets CbtHardeningLevel on exch02.contoso.com from Relaxed to None').waitFor();
  // The script is there, collapsed: its text is not visible until the admin opens the disclosure.
  const script = dialog.getByLabel('Script', { exact: true });
  expect(await script.isVisible()).toBe(false);
  await dialog.getByText(/^Script \(/).click();
  expect(await script.isVisible()).toBe(true);
  // Parameters as typed values, not JSON.
  const parameters = dialog.getByRole('definition');
  expect(await parameters.allTextContents()).toContain('None');
  expect(await dialog.textContent()).not.toContain('"None"');

  await dialog.getByRole('checkbox', { name: 'I accept this risk' }).check();
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
  await dialog
    .getByText('Applied: Sets CbtHardeningLevel on exch02.contoso.com from Relaxed to None')
    .waitFor({ timeout: 30_000 });
  expect(await dialog.textContent()).not.toMatch(/Fix applied|Applied\.\s*$/);

  await dialog.getByRole('button', { name: 'Undo this fix…' }).click();
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
  await dialog.getByText('Sets CbtHardeningLevel on exch02.contoso.com from None back to Relaxed').waitFor();
  const undoText = (await dialog.textContent()) ?? '';
  expect(undoText).not.toContain('Turns green');
  expect(undoText).not.toContain('cannot be undone');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
  await dialog
    .getByText('Undone: Sets CbtHardeningLevel on exch02.contoso.com from None back to Relaxed')
    .waitFor({ timeout: 30_000 });
  expect(app.consoleErrors).toEqual([]);
});

test('the account parameter reads CONTOSO\\svc-sync with one backslash', async ({ app }) => {
  const { page } = app;
  await openServer(app, 'exch03.contoso.com');
  await page.getByRole('button', { name: 'Fix Sync service account access' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
  await dialog.getByText('Adds CONTOSO\\svc-sync to Remote Management Users on exch03.contoso.com').waitFor();
  expect(await dialog.getByRole('definition').allTextContents()).toContain('CONTOSO\\svc-sync');
  // The script itself is PowerShell (its own escapes); the sentence and the parameters are what the admin reads.
  expect(await dialog.getByRole('definition').allTextContents()).not.toContain('CONTOSO\\\\svc-sync');
});

test('Copy confirms, the page stays visible behind the dialog, and closing returns focus to the Fix button', async ({
  app,
}) => {
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openServer(app, 'exch02.contoso.com');
  const opener = page.getByRole('button', { name: 'Fix WinRM service' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });

  // A light backdrop: no ancestor of the dialog paints over the page (the portal's own node has the theme's colour but no size).
  const layers = await page.evaluate(() => {
    const painted: string[] = [];
    let node = document.querySelector('[role="dialog"]')?.parentElement ?? null;
    for (; node !== null && node !== document.body; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width * box.height > 0 && alphaOf(getComputedStyle(node).backgroundColor) > 0)
        painted.push(`${node.className} ${box.width}x${box.height}`);
    }
    const backdrop = document.querySelector('.fui-DialogSurface__backdrop');
    return { painted, backdrop: backdrop === null ? 1 : alphaOf(getComputedStyle(backdrop).backgroundColor) };
    function alphaOf(color: string): number {
      const parts = /rgba?\(([^)]+)\)/.exec(color)?.[1]?.split(',') ?? [];
      return parts.length === 4 ? Number(parts[3]) : parts.length === 3 ? 1 : 0;
    }
  });
  expect(layers.painted).toEqual([]);
  expect(layers.backdrop).toBeLessThanOrEqual(0.3);

  await dialog.getByText(/^Script \(/).click();
  await dialog.getByRole('button', { name: 'Copy script' }).click();
  await dialog.getByText('Copied the script to the clipboard').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('$ParametersBase64');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Fix WinRM service');
});
