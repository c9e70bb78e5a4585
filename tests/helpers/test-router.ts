import { join } from 'node:path';
import type { EventChannel } from '../../shared/ipc/contract';
import { createEventSink } from '../../electron/ipc/event-sink';
import { createIpcRouter, type IpcRouter } from '../../electron/ipc/router';
import { createInvokeHandlers, type AppServicesConfig } from '../../electron/services/app-services';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface TestRouter {
  router: IpcRouter;
  events: { channel: EventChannel; payload: unknown }[];
  warnings: string[];
}

/** The real router over the real services, in a given user-data folder, recording events and warnings. */
export function createTestRouter(
  userDataDir: string,
  overrides: Partial<AppServicesConfig> = {},
): TestRouter {
  const events: TestRouter['events'] = [];
  const warnings: string[] = [];
  const router = createIpcRouter({
    handlers: createInvokeHandlers({
      userDataDir,
      logDirectory: join(userDataDir, 'logs'),
      version: '9.9.9-test',
      platform: 'win32',
      scriptsDir: join(repoRoot, 'resources', 'powershell'),
      powershellCandidates: ['pwsh'],
      now: () => new Date('2026-11-22T10:00:00Z'),
      ...overrides,
    }),
    events: createEventSink((channel, payload) => events.push({ channel, payload })),
    logger: { warn: (message) => warnings.push(message), error: (message) => warnings.push(message) },
  });
  return { router, events, warnings };
}
