import { describe, expect, it } from 'vitest';
import { cancelledBeforeAnswer } from '../../../electron/services/check-run-service';
import type { SavedRun } from '../../../shared/runs/run-records';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const operationId = '1a2b3c4d-0000-4000-8000-0000000000c1';

// Issue 13, Deliver 5: Cancel keeps what was collected; the run is saved, the rest marked not collected.
describe('cancelling a check run', () => {
  const tempDir = useTempDirs('check-cancel');

  it('saves the servers collected before the cancel and answers how many of how many', async () => {
    const { router, events } = createTestRouter(await tempDir());
    let servers = 0;
    // The admin presses Cancel as the fifth server's progress arrives.
    const push = events.push.bind(events);
    events.push = (...items) => {
      for (const item of items) {
        const payload = item.payload as { kind: string; message?: string };
        if (
          payload.kind === 'step' &&
          /: (collected|unreachable) \(\d+\/\d+\)$/.test(payload.message ?? '')
        ) {
          servers += 1;
          if (servers === 5) void router.invoke('operation:cancel', { operationId });
        }
      }
      return push(...items);
    };
    const result = await router.invoke('check:run', { operationId, lab: 'demo' });
    expect(result).toMatchObject({ ok: true, value: { cancelled: { collected: 5, total: 8 }, servers: 8 } });
    const runId = result.ok ? (result.value as { runId: string }).runId : '';
    expect(events.at(-1)?.payload).toEqual({ kind: 'cancelled', operationId });

    const opened = await router.invoke('runs:open', { runId });
    const run = opened.ok ? (opened.value as SavedRun) : null;
    const notCollected = run?.savedFacts.servers.filter(
      (server) => server.status === 'unreachable' && server.failure.message === cancelledBeforeAnswer,
    );
    expect(notCollected).toHaveLength(3);
    expect(run?.savedFacts.servers.filter((server) => server.status === 'collected').length).toBeGreaterThan(
      0,
    );
  });
});
