import { expect } from 'vitest';
import { test } from './harness/app-fixture';

declare global {
  interface Window {
    __releaseExport?: () => void;
  }
}

// Issue 13, Why 3, 13, 14: the Export menu leaves the window visible, "Saved to …" keeps the toolbar on one row,
// and a second export while one is saving is refused aloud.
test('the export menu does not blank the window, the outcome keeps one toolbar row, a second export is refused', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Explore with a demo estate' }).click();
  // Readiness answers first: its server list is the page under the menu.
  const matrix = page.getByRole('table', { name: 'Readiness of 8 servers by integration' });
  await matrix.waitFor({ timeout: 30_000 });
  const row = async () => {
    const first = await page.getByRole('button', { name: 'Check again' }).boundingBox();
    const last = await page.getByRole('button', { name: 'Export report' }).boundingBox();
    return first !== null && last !== null && Math.abs(first.y - last.y) < 2;
  };
  expect(await row()).toBe(true);

  // The menu's layer paints nothing over the page: the matrix is still what is under its middle.
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: 'HTML' }).waitFor();
  // A point of the matrix inside the viewport, away from the menu (which opens under its button).
  const box = await matrix.boundingBox();
  const point = { x: (box?.x ?? 0) + 20, y: (box?.y ?? 0) + 60 };
  const hit = await matrix.evaluate((table, { x, y }) => {
    const element = document.elementFromPoint(x, y);
    return table.contains(element) ? 'matrix' : (element?.outerHTML.slice(0, 200) ?? 'nothing');
  }, point);
  expect(hit).toBe('matrix');
  await page.getByRole('menuitem', { name: 'HTML' }).click();
  await page
    .getByRole('status')
    .getByText(/^Saved to .*\.html$/)
    .waitFor();
  // The whole path is there (its tooltip), and the toolbar did not wrap onto a second row.
  expect(await row()).toBe(true);

  // A PDF export held in main (as a slow print would be): a second export is refused with a message.
  await page.evaluate(() => {
    const invoke = window.__exreadyInvoke;
    window.__exreadyInvoke = async (channel, request) => {
      if (channel === 'report:export')
        await new Promise<void>((resolve) => {
          window.__releaseExport = resolve;
        });
      return invoke(channel, request);
    };
  });
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: 'PDF' }).click();
  await page.getByText('Saving the PDF report…').waitFor();
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  await page
    .getByRole('status')
    .getByText('Saving the PDF report… An export is already running (the PDF report): wait for it to finish.')
    .waitFor();
  expect(await row()).toBe(true);
  // Only the first export reached main.
  expect(app.calls.filter((call) => call.channel === 'report:export').map((call) => call.request)).toEqual([
    expect.objectContaining({ format: 'html' }),
  ]);
  expect(app.consoleErrors).toEqual([]);
});
