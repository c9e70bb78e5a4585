import { describe, expect, it } from 'vitest';
import {
  formatElapsed,
  progressModel,
  type ProgressInput,
} from '../../../renderer/src/checks/run-progress-model';

const servers = Array.from({ length: 8 }, (_, index) => `exch0${index + 1}.contoso.com`);
const started = Date.UTC(2026, 10, 22, 10, 0, 0);
const base: ProgressInput = { startedAt: started, items: servers, concurrency: 3, servers: {}, total: 8 };

describe('progressModel', () => {
  it('counts done, failed, running (up to the throttle) and pending, in the servers’ order', () => {
    const model = progressModel(
      {
        ...base,
        servers: {
          'exch01.contoso.com': 'collected',
          'exch02.contoso.com': 'unreachable',
          'exch03.contoso.com': 'collected',
          // A warning is said while the server is still being read.
          'exch04.contoso.com': 'warning: slow answer',
          'sync01.contoso.com': 'sync server read',
        },
      },
      started + 42_000,
    );
    expect(model).toMatchObject({ total: 8, done: 2, failed: 1, running: 3, pending: 2, elapsed: '0:42' });
    expect(model.rows.map((row) => row.state)).toEqual([
      'collected',
      'unreachable',
      'collected',
      'collecting',
      'collecting',
      'collecting',
      'waiting',
      'waiting',
    ]);
    // Sync servers are not among the Exchange servers counted.
    expect(model.rows.map((row) => row.server)).not.toContain('sync01.contoso.com');
  });

  it('before the started event names the servers, lists those that answered', () => {
    const model = progressModel(
      { ...base, items: [], total: null, servers: { 'exch02.contoso.com': 'collected' } },
      started,
    );
    expect(model).toMatchObject({ total: 1, done: 1, running: 0, pending: 0, elapsed: '0:00' });
  });

  it('without a throttle every server not answered is running', () => {
    const model = progressModel({ ...base, concurrency: null }, started + 1_000);
    expect(model).toMatchObject({ running: 8, pending: 0 });
  });
});

describe('formatElapsed', () => {
  it('writes minutes and seconds, hours once there are any, never negative', () => {
    expect(formatElapsed(7_999)).toBe('0:07');
    expect(formatElapsed(750_000)).toBe('12:30');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
