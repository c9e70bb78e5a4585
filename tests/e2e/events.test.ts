import { expect } from 'vitest';
import type { OperationProgress } from '../../shared/domain/operation';
import { test } from './harness/app-fixture';

test('events from main reach a subscriber in the page until it unsubscribes', async ({ app }) => {
  const { page } = app;
  await page.getByRole('heading', { name: 'ExReady', level: 1 }).waitFor();

  const seen = await page.evaluate(async () => {
    const bridge = window.exready;
    if (bridge === undefined) throw new Error('no bridge');
    const received: OperationProgress[] = [];
    const unsubscribe = bridge.onOperationProgress((event) => received.push(event));
    const first = await bridge.probePowerShell({ operationId: '0b0e5a2e-54c9-4a5e-bb0a-6d4f2a6e0c01' });
    // Let the last event arrive (events travel separately from the answer).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const beforeUnsubscribe = received.length;
    unsubscribe();
    await bridge.probePowerShell({ operationId: '0b0e5a2e-54c9-4a5e-bb0a-6d4f2a6e0c02' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { first, received, beforeUnsubscribe };
  });

  expect(seen.first.ok).toBe(true);
  expect(seen.received[0]).toEqual({
    kind: 'started',
    operationId: '0b0e5a2e-54c9-4a5e-bb0a-6d4f2a6e0c01',
    title: 'Looking for PowerShell',
  });
  expect(seen.received.at(-1)?.kind).toMatch(/finished|failed/);
  // Nothing arrived for the second operation: the listener was removed.
  expect(seen.received).toHaveLength(seen.beforeUnsubscribe);
  expect(seen.received.every((e) => e.operationId.endsWith('c01'))).toBe(true);
});
