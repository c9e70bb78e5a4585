import type { RecordedResponse, RecordedResponses } from '../../../shared/tenant/recorded-responses';
import type { CheckResult } from '../../../shared/checks/check-result';
import type { EwsFacts } from '../../../shared/tenant/ews/ews-facts';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import type { EwsTarget } from './collect-ews-facts';
import { graphRequestKey } from '../graph-request-key';
import { runEwsProbe } from './ews-probe';
import type { EwsProbeOptions, ProbeClock } from './ews-probe-options';
import { ProbeResponseNotRecorded } from './probe-not-recorded';
import { ProbeSecret } from './probe-secret';
import { probeOptionsFor } from './probe-target';

const tokenPath = /\/oauth2\/v2\.0\/token$/i;
const ewsPath = /\/ews\/exchange\.asmx$/i;

/** The probe's answers in a recording: POSTs to a token endpoint or to EWS, in the order they were read. */
export function probeResponses(recording: RecordedResponses): RecordedResponse[] {
  return recording.responses.filter((response) => {
    if (response.method !== 'POST') return false;
    const path = new URL(response.url).pathname;
    return tokenPath.test(path) || ewsPath.test(path);
  });
}

/** Where the live probe sent its requests, so the replay asks for the same URLs (a stand-in's in tests). */
function endpointsOf(
  responses: readonly RecordedResponse[],
): Pick<EwsProbeOptions, 'loginBaseUrl' | 'ewsUrl'> {
  const token = responses.find((response) => tokenPath.test(new URL(response.url).pathname));
  const ews = responses.find((response) => ewsPath.test(new URL(response.url).pathname));
  return {
    ...(token === undefined ? {} : { loginBaseUrl: new URL(token.url).origin }),
    ...(ews === undefined ? {} : { ewsUrl: ews.url }),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

// The recording holds the token's claims, not the token: an unsigned JWT of them lets the probe decode as live.
function tokenFromClaims(claims: Readonly<Record<string, unknown>>): string {
  const payload: Record<string, unknown> = { ...claims };
  if (typeof payload.exp === 'string') payload.exp = Math.round(Date.parse(payload.exp) / 1000);
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(payload)}.`;
}

function bodyOf(response: RecordedResponse): string | null {
  const { body } = response;
  if (body === null || body === '') return null;
  if (typeof body === 'string') return body;
  if (
    response.claims !== undefined &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    'access_token' in body
  )
    return JSON.stringify({ ...body, access_token: tokenFromClaims(response.claims) });
  return JSON.stringify(body);
}

/**
 * A fetch and a clock that replay the probe's recorded answers: each request takes the next answer recorded for
 * it (a propagation retry consumes them in order), and time follows the recorded time line. Nothing is sent.
 */
export function probeReplayTransport(recording: RecordedResponses): {
  fetch: typeof fetch;
  clock: ProbeClock;
  endpoints: Pick<EwsProbeOptions, 'loginBaseUrl' | 'ewsUrl'>;
} {
  const responses = probeResponses(recording);
  const queues = new Map<string, RecordedResponse[]>();
  const asked = new Map<string, number>();
  for (const response of responses) {
    const key = graphRequestKey(response.method, response.url);
    queues.set(key, [...(queues.get(key) ?? []), response]);
  }
  const first = responses[0];
  const start =
    first?.receivedAt === undefined
      ? Date.parse(recording.recordedAt)
      : Date.parse(first.receivedAt) - (first.elapsedMs ?? 0);
  let now = start;
  const fetchReplay: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = graphRequestKey(method, url);
    const occurrence = (asked.get(key) ?? 0) + 1;
    asked.set(key, occurrence);
    const answer = queues.get(key)?.shift();
    if (answer === undefined) return Promise.reject(new ProbeResponseNotRecorded(method, url, occurrence));
    if (answer.elapsedMs !== undefined) now = Math.max(now, start + answer.elapsedMs);
    return Promise.resolve(
      new Response(bodyOf(answer), { status: answer.status, headers: answer.headers ?? {} }),
    );
  };
  return {
    fetch: fetchReplay,
    clock: {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    },
    endpoints: endpointsOf(responses),
  };
}

/**
 * What a replay needs of the probe's options: no secret (none was recorded), no network, no clock. The endpoints
 * default to the recorded ones (a token error leaves EWS's unrecorded: give it when the live run pointed elsewhere).
 */
export type ReplayProbeOptions = Omit<EwsProbeOptions, 'secret' | 'fetch' | 'clock' | 'timeoutMs'>;

/** Replays `ews.probe` from a recording: the same classification as the live run, said to be replayed. */
export async function replayEwsProbe(
  recording: RecordedResponses,
  options: ReplayProbeOptions,
): Promise<EwsProbeOutcome> {
  const transport = probeReplayTransport(recording);
  const outcome = await runEwsProbe({
    ...transport.endpoints,
    ...options,
    // Never sent: the replay's fetch answers from the file, and the recording never held the secret.
    secret: new ProbeSecret('(not recorded)'),
    fetch: transport.fetch,
    clock: transport.clock,
  });
  const note = `Replayed from the ${recording.simulated === true ? 'simulated ' : ''}recording of ${recording.recordedAt}: no request was sent.`;
  return {
    ...outcome,
    result: {
      ...outcome.result,
      summary: `${outcome.result.summary} (${note})`,
      evidence: { ...outcome.result.evidence, replayed: recording.recordedAt },
    },
  };
}

/** The ews.probe step of a replayed tenant check: the ERP target's probe, replayed as of the replayed Graph facts. */
export function replayedProbeStep(
  recording: RecordedResponses,
  target: EwsTarget,
): (facts: EwsFacts) => Promise<CheckResult> {
  return async (facts) =>
    (await replayEwsProbe(recording, probeOptionsFor(recording.tenant, target, facts))).result;
}
