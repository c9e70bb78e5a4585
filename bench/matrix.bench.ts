import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findBrowserExecutable } from '../electron/reports/browser-executable';
import { serveDirectory, type StaticServer } from '../tests/e2e/harness/static-server';
import type { BenchFigure, BenchSuite } from './bench-result';
import { buildMatrixPage } from './matrix/build-matrix-page';
import type { MatrixBenchGlobal, MatrixBenchRequest, MatrixTimings } from './matrix/matrix-bench-api';
import { checkCount, matrixRequest, serverCount } from './matrix/matrix-run';

// The readiness matrix as shipped (production React, Fluent UI, the app's store and CSP) timed in real
// Chromium: mounting 200 servers × 20 checks, and applying a filter to it.

const repetitions = 9;
const target = { value: 200, better: 'lower' } as const;
const size = `${serverCount} servers × ${checkCount} checks`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function spread(values: number[]): string {
  return `median of ${values.length}, min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}`;
}

async function measureInChromium(): Promise<{
  timings: MatrixTimings;
  browser: string;
  failing: string;
  area: string;
}> {
  const request = await matrixRequest(repetitions);
  const dir = await mkdtemp(join(tmpdir(), 'exready-matrix-bench-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    await buildMatrixPage(dir);
    server = await serveDirectory(dir);
    // --expose-gc: the page collects garbage before each timed step, so no step pays for the one before.
    browser = await chromium.launch({
      executablePath: findBrowserExecutable(),
      args: [...chromiumArgs, '--js-flags=--expose-gc'],
    });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => '__matrixBench' in globalThis);
    // Sent as JSON: Playwright's typing of a SavedRun-deep argument exceeds TypeScript's depth limit.
    const timings = await page.evaluate(
      (json) =>
        (globalThis as unknown as MatrixBenchGlobal).__matrixBench.measure(
          JSON.parse(json) as MatrixBenchRequest,
        ),
      JSON.stringify(request),
    );
    if (pageErrors.length > 0) throw new Error(`the matrix page failed: ${pageErrors.join('; ')}`);
    return {
      timings,
      browser: `Chromium ${browser.version()}`,
      failing: `${request.failing.rows} of ${serverCount} servers have a Fail`,
      area: `"${request.area.name}" keeps ${request.area.columns} of ${checkCount} checks`,
    };
  } finally {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const matrixBench: BenchSuite = async () => {
  const { timings, browser, failing, area } = await measureInChromium();
  const figures: BenchFigure[] = [
    {
      name: `matrix render, ${size} (mount to layout)`,
      value: median(timings.render),
      unit: 'ms',
      target,
      note: `${spread(timings.render)}, first (cold) ${timings.render[0]?.toFixed(1)}; to first paint median ${median(timings.renderToFrame).toFixed(1)}; ${browser}`,
    },
    {
      name: `matrix status filter Fail, ${size}`,
      value: median(timings.statusFilter),
      unit: 'ms',
      target,
      note: `${spread(timings.statusFilter)}; clearing it median ${median(timings.clearFilter).toFixed(1)}; ${failing}`,
    },
    {
      name: `matrix area filter, ${size}`,
      value: median(timings.areaFilter),
      unit: 'ms',
      target,
      note: `${spread(timings.areaFilter)}; ${area}`,
    },
  ];
  return figures;
};
