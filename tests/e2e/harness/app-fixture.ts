import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { test as base } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { createEventSink } from '../../../electron/ipc/event-sink';
import { createIpcRouter, type IpcRouter } from '../../../electron/ipc/router';
import { createTrustedUrlCheck } from '../../../electron/security/trusted-sender';
import { createInvokeHandlers, type AppServicesConfig } from '../../../electron/services/app-services';
import type { CheckRunsConfig } from '../../../electron/services/check-runs-handlers';
import { setAsideUnreadableUserData } from '../../../electron/startup/user-data-recovery';
import { chromiumArgs, findBrowserExecutable } from './browser-executable';
import { gatedCollection, seedDemoInventory } from './gated-collection';
import { artifactsDir, harnessBridgeScript, rendererDir, repoRoot } from './paths';
import { serveDirectory } from './static-server';

export interface RecordedCall {
  channel: unknown;
  request: unknown;
  result: IpcResult;
}

export interface AppHarness {
  page: Page;
  router: IpcRouter;
  userDataDir: string;
  /** Where the stand-in for main's Save dialog puts exported files (under userDataDir). */
  savedDir: string;
  /** Every call the page made through the router, in order. */
  calls: RecordedCall[];
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  screenshot(name: string): Promise<string>;
  seriousAccessibilityViolations(): Promise<string[]>;
}

/**
 * Tabster's focus sentinels (Fluent's arrow-key groups, e.g. a MenuList) are aria-hidden on purpose and hand focus
 * on at once: a known axe false positive (microsoft/tabster#288), suppressed the same narrow way as Accessibility
 * Insights does (microsoft/accessibility-insights-web#7605). Painted over by an opaque layer they were not seen.
 */
function isTabsterSentinel(rule: string, html: string): boolean {
  return rule === 'aria-hidden-focus' && html.includes('data-tabster-dummy');
}

const silentLogger = { warn: () => undefined, error: () => undefined };

/** Opens the built renderer in Chromium wired to the real router, with a fresh user-data folder. */
async function openApp(
  context: BrowserContext,
  userDataDir: string,
  serverUrl: string,
  checkRuns: Partial<CheckRunsConfig> = {},
  services: Partial<AppServicesConfig> = {},
): Promise<AppHarness> {
  const page = context.pages()[0] ?? (await context.newPage());
  const calls: RecordedCall[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  // The Save dialog's stand-in: every export is really written, into one folder the test can read.
  const savedDir = join(userDataDir, 'saved');
  // As main does at start-up: unreadable user-data files are moved aside and the window is told.
  const startupNotices = await setAsideUnreadableUserData(userDataDir, new Date());
  const router = createIpcRouter({
    handlers: createInvokeHandlers({
      userDataDir,
      logDirectory: join(userDataDir, 'logs'),
      version: 'e2e',
      platform: process.platform,
      startupNotices,
      scriptsDir: join(repoRoot, 'resources', 'powershell'),
      powershellCandidates: ['pwsh'],
      ...services,
      checkRuns: {
        chooseSaveFile: async (suggestedName) => {
          await mkdir(savedDir, { recursive: true });
          return join(savedDir, suggestedName);
        },
        ...checkRuns,
      },
    }),
    events: createEventSink((channel: EventChannel, payload: unknown) => {
      void page
        .evaluate(([c, p]) => window.__exreadyDispatch(c, p), [channel, payload] as const)
        .catch(() => undefined);
    }),
    logger: silentLogger,
  });
  const isTrustedUrl = createTrustedUrlCheck(serverUrl);
  await page.exposeBinding('__exreadyInvoke', async (source, channel: unknown, request: unknown) => {
    // The same sender check the Electron binding makes: our page's main frame only.
    const result: IpcResult =
      source.frame === page.mainFrame() && isTrustedUrl(source.frame.url())
        ? await router.invoke(channel, request)
        : { ok: false, error: { code: 'untrusted-sender', message: 'untrusted frame' } };
    calls.push({ channel, request, result });
    return result;
  });
  await page.addInitScript({ path: harnessBridgeScript });
  await page.goto(serverUrl);

  return {
    page,
    router,
    userDataDir,
    savedDir,
    calls,
    consoleErrors,
    async screenshot(name) {
      await mkdir(artifactsDir, { recursive: true });
      const path = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async seriousAccessibilityViolations() {
      const results = await new AxeBuilder({ page }).analyze();
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          ...violation,
          nodes: violation.nodes.filter((node) => !isTabsterSentinel(violation.id, node.html)),
        }))
        .filter((violation) => violation.nodes.length > 0)
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    },
  };
}

/** Runs a test against the app over a fresh user-data folder, seeded before the app starts. */
async function withApp(
  seed: (userDataDir: string) => Promise<void>,
  use: (app: AppHarness) => Promise<void>,
  checkRuns: Partial<CheckRunsConfig> = {},
  services: Partial<AppServicesConfig> = {},
) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'exready-e2e-'));
  const server = await serveDirectory(rendererDir);
  const context = await chromium.launchPersistentContext(join(userDataDir, 'chromium'), {
    executablePath: findBrowserExecutable(),
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  try {
    await seed(userDataDir);
    await use(await openApp(context, userDataDir, server.url, checkRuns, services));
  } finally {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** A user-data folder as a crash can leave it: inventory.json and one run file cut short. */
export const damagedUserData: Record<string, string> = {
  'inventory.json': '{"schemaVersion":1,"exchangeServers":[{"fqdn":"exch01.con',
  'runs/cut-short.json': '{"schemaVersion":1,"runId":"cut-short","seq',
};

async function seedFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

export const test = base.extend<{
  app: AppHarness;
  damagedApp: AppHarness;
  gatedApp: AppHarness;
  gatedProofApp: AppHarness;
}>({
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies as a pattern
  app: async ({}, use) => withApp(() => Promise.resolve(), use),
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies as a pattern
  damagedApp: async ({}, use) => withApp((dir) => seedFiles(dir, damagedUserData), use),
  // The demo servers as a real inventory, collected by a stand-in that answers 5 of 8 and then waits for Cancel.
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies as a pattern
  gatedApp: async ({}, use) => withApp(seedDemoInventory, use, { openCollection: gatedCollection(5) }),
  // As gatedApp, and a proof whose PowerShell never answers: it ends only when the operator cancels it.
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies as a pattern
  gatedProofApp: async ({}, use) =>
    withApp(
      seedDemoInventory,
      use,
      { openCollection: gatedCollection(5) },
      {
        proofProcess: () =>
          Promise.resolve({
            executable: 'pwsh',
            runScript: (run) =>
              new Promise((_resolve, reject) => {
                run.signal.addEventListener('abort', () => reject(run.signal.reason as Error), {
                  once: true,
                });
              }),
          }),
      },
    ),
});
