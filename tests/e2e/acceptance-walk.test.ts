import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { test, type AppHarness } from './harness/app-fixture';
import { artifactsDir } from './harness/paths';

// Issue 13, acceptance: the window's main places at both sizes and in both themes, each screenshot and axe-clean.

const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const schemes = ['light', 'dark'] as const;

/** Holds the next check's answer in main (its progress events all delivered) until `release` is called. */
function holdNextCheck(app: AppHarness): { release: () => void; held: () => boolean } {
  const router = app.router;
  const original = router.invoke.bind(router);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  router.invoke = async (channel, request) => {
    const result = await original(channel, request);
    if (channel === 'check:run') {
      router.invoke = original;
      held = true;
      await gate;
    }
    return result;
  };
  return { release, held: () => held };
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** A viewport capture (a full-page one resizes the window) and axe's serious or critical findings. */
async function capture(app: AppHarness, name: string): Promise<void> {
  await settled(app.page);
  await app.page.screenshot({ path: join(artifactsDir, `${name}.png`) });
  expect(await app.seriousAccessibilityViolations(), name).toEqual([]);
}

async function go(page: Page, place: string): Promise<void> {
  await page.getByRole('navigation', { name: 'ExReady' }).getByRole('button', { name: place }).click();
}

const walks = sizes.flatMap((size) => schemes.map((colorScheme) => ({ size, colorScheme })));

for (const { size, colorScheme } of walks) {
  test(`the acceptance walk at ${size.width}×${size.height}, ${colorScheme}: inventory, readiness, matrix, fix, progress, report`, async ({
    app,
  }) => {
    const { page } = app;
    const tag = `${size.width}x${size.height}-${colorScheme}`;
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme });
    await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
    await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
    await go(page, 'Inventory');
    // The real inventory (empty here) with the demo estate one click away, and the way out of the demo.
    await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Explore with a demo estate' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Leave the demo estate' }).isVisible()).toBe(true);
    await capture(app, `walk-${tag}-inventory`);

    await go(page, 'Readiness');
    const estate = page.getByRole('list', { name: 'Estate readiness by integration' });
    expect(await estate.textContent()).toMatch(/Remote PowerShell: \d of 8 ready/);
    await page.getByRole('button', { name: 'exch05.contoso.com' }).click();
    await page.getByRole('heading', { name: 'exch05.contoso.com', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'exch02.contoso.com' }).click();
    await page.getByRole('heading', { name: 'exch02.contoso.com', level: 2 }).waitFor();
    await capture(app, `walk-${tag}-readiness`);

    await page.getByRole('button', { name: 'Matrix of every check' }).click();
    const matrix = page.getByRole('region', { name: 'Readiness matrix, scrollable' });
    await page.getByRole('table', { name: 'Readiness matrix: 8 servers by check' }).waitFor();
    await capture(app, `walk-${tag}-matrix`);
    // Every check fits across: the matrix never scrolls sideways, at 1366 px too.
    expect(await matrix.evaluate((el) => [el.scrollWidth, el.clientWidth] as const), tag).toSatisfy(
      ([scroll, client]) => scroll <= client,
    );
    // The servers' own Blocking column (the Microsoft 365 tenant's table above has one too).
    expect(await matrix.getByRole('columnheader', { name: 'Blocking' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Servers and details' }).click();

    await page.getByRole('button', { name: 'Fix WinRM service' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
    await capture(app, `walk-${tag}-fix-preview`);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    const hold = holdNextCheck(app);
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.locator('#run-progress-title').waitFor();
    await expect.poll(() => hold.held(), { timeout: 30_000 }).toBe(true);
    await capture(app, `walk-${tag}-progress`);
    hold.release();
    await page.getByRole('heading', { name: 'Readiness of 8 servers', level: 2 }).waitFor();

    await go(page, 'Reports');
    await page.getByRole('button', { name: 'Export report' }).click();
    await page.getByRole('menuitem', { name: 'PDF' }).waitFor();
    await capture(app, `walk-${tag}-report`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menuitem').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);
}

/** Presses Tab until the focused control is named `name`; fails when it is never reached. */
async function tabTo(page: Page, name: string | RegExp, limit = 80): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`"${String(name)}" was not reached with Tab in ${limit} presses`);
}

function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });
}

test('the main flow by keyboard alone: demo, check, a server, a fix preview closed, focus where it belongs', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  await tabTo(page, 'Explore with a demo estate');
  await page.keyboard.press('Enter');
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  // The check finished: focus is on the results' heading, not the page body.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('readiness-title');

  // The navigation answers the arrow keys.
  await page.getByRole('navigation', { name: 'ExReady' }).getByRole('button', { name: 'Readiness' }).focus();
  await page.keyboard.press('ArrowDown');
  expect(await focusedName(page)).toBe('Changes');
  await page.keyboard.press('ArrowUp');

  // Run the check again from the keyboard; focus comes back to the results.
  await tabTo(page, 'Check again');
  await page.keyboard.press('Enter');
  await expect.poll(() => app.calls.filter((call) => call.channel === 'check:run').length).toBe(2);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 })
    .toBe('readiness-title');

  // A sortable header sorts with Enter and says so (aria-sort).
  await tabTo(page, 'Server');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByRole('columnheader', { name: 'Server' }).getAttribute('aria-sort'))
    .toBe('ascending');

  // Open a server: focus lands on the details pane's heading.
  await tabTo(page, 'exch02.contoso.com');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('server-title');

  // Open its fix preview, close it with Escape: focus returns to the Fix button.
  await tabTo(page, 'Fix WinRM service');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm and apply' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => focusedName(page)).toBe('Fix WinRM service');
  expect(app.consoleErrors).toEqual([]);
}, 60_000);
