import { expect } from 'vitest';
import { test } from './harness/app-fixture';

// Issue 13, Deliver 5 and Why 9: progress in a panel that leaves the window usable; Cancel keeps what was collected.
test('progress counts the servers in a panel beside the inventory, and Cancel keeps the 5 of 8 collected', async ({
  gatedApp: app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Check all' }).click();
  const panel = page.getByRole('region', { name: /Checking 8 Exchange servers/ });
  await panel.waitFor({ timeout: 30_000 });
  // The stand-in answered 5 servers and holds the other 3: they are being collected (throttle 16).
  const status = panel.getByRole('status');
  await expect
    .poll(() => status.textContent(), { timeout: 30_000 })
    .toMatch(/^\d done · 3 running · 0 pending · \d failed$/);
  const counts = /^(\d) done · 3 running · 0 pending · (\d) failed$/.exec((await status.textContent()) ?? '');
  expect(Number(counts?.[1]) + Number(counts?.[2])).toBe(5);
  expect(await panel.getByRole('list', { name: 'Servers' }).getByRole('listitem').count()).toBe(8);
  expect(await panel.getByText(/: Collecting$/).count()).toBe(3);
  expect(await panel.getByRole('timer').textContent()).toMatch(/^\d+:\d\d elapsed$/);

  // The rest of the window is still there and usable: the inventory's lists are on screen, not hidden.
  const inventory = page.getByRole('heading', { name: /Exchange servers/ }).first();
  expect(await inventory.isVisible()).toBe(true);
  const box = await panel.boundingBox();
  const viewport = page.viewportSize();
  expect(box !== null && viewport !== null && box.height < viewport.height / 2).toBe(true);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  await app.screenshot('run-progress');

  await panel.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText(/^Cancelled: 5 of 8 collected\./).waitFor({ timeout: 30_000 });
  // The run was saved and is on screen: the collected servers, the others not collected (cancelled).
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  const run = app.calls.find((call) => call.channel === 'check:run');
  expect(run?.result).toMatchObject({ ok: true, value: { cancelled: { collected: 5, total: 8 } } });
  expect(await page.getByText('The check was cancelled; nothing was saved.').count()).toBe(0);
  expect(app.consoleErrors).toEqual([]);
});

// Issue 13, Why 13: "N servers could not be fully read" names them.
test('the servers a run could not fully read are named in its banner', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  await page.getByRole('table', { name: /Readiness of 8 servers/ }).waitFor({ timeout: 30_000 });
  const run = app.calls.find((call) => call.channel === 'check:run');
  const warnings = (
    run?.result.ok === true ? (run.result.value as { warnings: string[] }).warnings : []
  ).filter((warning) => /^exch\d+\.contoso\.com: /.test(warning));
  const named = [...new Set(warnings.map((warning) => warning.split(':')[0] ?? ''))];
  expect(named.length).toBeGreaterThan(0);
  const title = page.getByText(new RegExp(`^${named.length} servers? could not be fully read$`));
  await title.waitFor();
  const banner = (await page.getByText(/their checks show Unknown/).textContent()) ?? '';
  for (const server of named) expect(banner).toContain(server);
});
