import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventSink } from '../electron/ipc/event-sink';
import { createIpcRouter } from '../electron/ipc/router';
import { createInvokeHandlers } from '../electron/services/app-services';
import type { BenchFigure, BenchSuite } from './bench-result';

// What every renderer call pays in main: channel check, zod validation, dispatch, response check.
export const ipcRouterBench: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'exready-bench-'));
  try {
    const router = createIpcRouter({
      handlers: createInvokeHandlers({
        userDataDir: dir,
        logDirectory: join(dir, 'logs'),
        version: 'bench',
        platform: process.platform,
        scriptsDir: dir,
        powershellCandidates: [],
      }),
      events: createEventSink(() => undefined),
      logger: { warn: () => undefined, error: () => undefined },
    });
    const calls = 20_000;
    for (let i = 0; i < 1_000; i += 1) await router.invoke('app:get-info', undefined);
    let started = performance.now();
    for (let i = 0; i < calls; i += 1) await router.invoke('app:get-info', undefined);
    const perSecond = calls / ((performance.now() - started) / 1000);

    const fqdns = Array.from({ length: 5_000 }, (_, i) => `exch${i}.eu.contoso.com`);
    started = performance.now();
    const result = await router.invoke('inventory:add-exchange-servers', { fqdns });
    const addMs = performance.now() - started;
    if (!result.ok) throw new Error(result.error.message);

    const figures: BenchFigure[] = [
      { name: 'IPC router round trip (app:get-info)', value: perSecond, unit: 'ops/s' },
      { name: 'add 5,000 servers: validate, persist atomically, answer', value: addMs, unit: 'ms' },
    ];
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
