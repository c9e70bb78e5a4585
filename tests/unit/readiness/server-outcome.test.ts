import { describe, expect, it } from 'vitest';
import { serverOutcome } from '../../../shared/readiness/run-readiness';
import { ServerFacts } from '../../../shared/facts/server-facts';

const unreachable = (cause: string) =>
  ServerFacts.parse({
    schemaVersion: 1,
    fqdn: 'exch07.contoso.com',
    collectedAt: '2026-11-22T10:00:00Z',
    status: 'unreachable',
    failure: { cause, message: 'ExReady received nothing', remedy: 'Collect again.' },
  });

describe('serverOutcome for an unreachable server', () => {
  it('reads as "unreachable: <why> (<cause>)", the unknown cause included', () => {
    expect(serverOutcome(unreachable('tcp-timeout'), 'exch07.contoso.com', []).unreachableReason).toBe(
      'unreachable: the TCP connection timed out (tcp-timeout)',
    );
    expect(serverOutcome(unreachable('unknown'), 'exch07.contoso.com', []).unreachableReason).toBe(
      'unreachable: an unrecognised error (unknown)',
    );
  });
});
