import { describe, expect, it } from 'vitest';
import { runEwsProbe } from '../../../electron/tenant/ews/ews-probe';
import { systemClock, type EwsProbeOptions } from '../../../electron/tenant/ews/ews-probe-options';
import { ProbeSecret } from '../../../electron/tenant/ews/probe-secret';
import { ewsStatusAnswer, tokenSuccessAnswer, type StandinAnswer } from '../../helpers/ews-standin';

// Issue 16: Cancel stops the probe, in its request and in its propagation wait; a cancelled probe is unknown.

const secret = 'Q~cancel-me-typed-secret';
const appOnlyClaims = { aud: 'https://outlook.office365.com', roles: ['full_access_as_app'] };

const response = (answer: StandinAnswer) =>
  new Response(answer.body, { status: answer.status, headers: answer.headers ?? {} });

function options(extra: Partial<EwsProbeOptions>): EwsProbeOptions {
  return {
    tenant: 'contoso.onmicrosoft.com',
    clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
    flow: 'app-only',
    mailbox: 'erp@contoso.com',
    secret: new ProbeSecret(secret),
    // Right after consent: a 401 is retried for propagation, so the probe waits.
    changedWithinLastHour: true,
    ...extra,
  };
}

describe('runEwsProbe cancelled', () => {
  it('stops its propagation wait on abort, even with a clock whose sleep never ends: unknown, never pass', async () => {
    const cancel = new AbortController();
    const seen: string[] = [];
    let sleeping: (() => void) | null = null;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const probe = runEwsProbe(
      options({
        signal: cancel.signal,
        fetch: (url) => {
          const asked = url instanceof Request ? url.url : url.toString();
          seen.push(asked);
          return Promise.resolve(
            response(asked.includes('/oauth2/') ? tokenSuccessAnswer(appOnlyClaims) : ewsStatusAnswer(401)),
          );
        },
        clock: {
          now: () => 1_000_000,
          // Never resolves: only the abort can end the wait.
          sleep: () => {
            sleeping?.();
            return new Promise<void>(() => undefined);
          },
        },
      }),
    );
    await asleep;
    cancel.abort();
    const outcome = await probe;
    expect(outcome.result).toMatchObject({ checkId: 'ews.probe', status: 'unknown' });
    expect(outcome.result.summary).toMatch(/cancelled by the operator/);
    expect(outcome.result.evidence).toMatchObject({ cancelled: true, attempts: 1 });
    expect(outcome.failure).toMatchObject({ stage: 'cancelled', code: 'CANCELLED' });
    expect(outcome.classification).toBe('failed');
    // One attempt (token + EWS), no other after the cancel.
    expect(seen).toHaveLength(2);
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('aborts the request in flight: the fetch gets the signal and the outcome is cancelled, not a network failure', async () => {
    const cancel = new AbortController();
    let asked: (() => void) | null = null;
    const inFlight = new Promise<void>((resolve) => (asked = resolve));
    const probe = runEwsProbe(
      options({
        signal: cancel.signal,
        // Holds the answer until the request's signal aborts, as fetch does.
        fetch: (_url, init) =>
          new Promise<Response>((_resolve, reject) => {
            const signal = init?.signal;
            signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
            asked?.();
          }),
      }),
    );
    await inFlight;
    cancel.abort();
    const outcome = await probe;
    expect(outcome.result.status).toBe('unknown');
    expect(outcome.result.summary).toMatch(/^The probe was cancelled by the operator/);
    expect(outcome.result.evidence).not.toHaveProperty('networkError');
    expect(outcome.attempts).toBe(1);
  });

  it('does not start when already cancelled', async () => {
    const cancel = new AbortController();
    cancel.abort();
    let fetched = 0;
    const outcome = await runEwsProbe(
      options({
        signal: cancel.signal,
        fetch: () => {
          fetched += 1;
          return Promise.reject(new Error('not expected'));
        },
      }),
    );
    expect(outcome.result.status).toBe('unknown');
    expect(fetched).toBe(0);
  });

  it("the system clock's sleep ends when its signal aborts, not after its delay", async () => {
    const cancel = new AbortController();
    const sleep = systemClock.sleep(15 * 60_000, cancel.signal);
    cancel.abort();
    await expect(sleep).resolves.toBeUndefined();
  });
});
