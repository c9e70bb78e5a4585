import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { test } from './harness/app-fixture';

test('damaged user-data files are moved aside and the window says which, why and what was kept', async ({
  damagedApp: app,
}) => {
  const { page } = app;
  await page.getByText('Some saved files could not be read and were moved aside').waitFor();
  await page.getByText(/^inventory\.json could not be read \(it is not valid JSON/).waitFor();
  expect(
    await page
      .getByText(
        /moved aside to inventory\.json\.unreadable-\d{8}T\d{6}Z; ExReady started with an empty inventory/,
      )
      .count(),
  ).toBe(1);
  expect(
    await page.getByText(/^runs\/cut-short\.json could not be read .*there is no other saved run\.$/).count(),
  ).toBe(1);
  // The app goes on with what it kept: the empty inventory's call to action.
  await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
  expect(
    (await readdir(app.userDataDir)).filter((name) => name.startsWith('inventory.json.unreadable-')),
  ).toHaveLength(1);
  expect((await readdir(join(app.userDataDir, 'runs'))).every((name) => name.includes('.unreadable-'))).toBe(
    true,
  );

  await app.screenshot('startup-notices');
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
