import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingGraphReader } from '../../../electron/tenant/graph-recorder';
import type { GraphReader } from '../../../electron/tenant/graph-reader';
import { runEwsProbe } from '../../../electron/tenant/ews/ews-probe';
import type { EwsProbeOptions } from '../../../electron/tenant/ews/ews-probe-options';
import { ProbeSecret } from '../../../electron/tenant/ews/probe-secret';
import { replayEwsProbe, type ReplayProbeOptions } from '../../../electron/tenant/ews/replay-ews-probe';
import {
  parseRecordedResponses,
  readRecordedResponses,
} from '../../../electron/tenant/recorded-responses-file';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import { recordedResponsesFormat, type RecordedResponses } from '../../../shared/tenant/recorded-responses';
import {
  ewsResponseCodeAnswer,
  ewsStatusAnswer,
  ewsSuccessAnswer,
  fakeJwt,
  fetchTrusting,
  getFolderSuccessXml,
  startEwsStandin,
  tokenErrorAnswer,
  tokenSuccessAnswer,
  type EwsStandin,
  type StandinHandler,
} from '../../helpers/ews-standin';
import { useTempDirs } from '../../helpers/temp-dir';

// Record the probe against the HTTPS stand-in, write the file, read it back, replay it: same verdict, no request.

const tenant = 'contoso.onmicrosoft.com';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const clientId = '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f';
const password = 'Erp-Pa55word!only-in-memory';
const clientSecret = 'Q~7yS8Q~client-secret-value-abc123';
const appOnlyClaims = {
  aud: 'https://outlook.office365.com',
  tid: tenantId,
  appid: clientId,
  roles: ['full_access_as_app'],
  exp: 1_795_000_000,
};
const delegatedClaims = {
  aud: 'https://outlook.office365.com',
  tid: tenantId,
  appid: clientId,
  scp: 'EWS.AccessAsUser.All',
  upn: 'erp@contoso.com',
};

let certDir = '';
let standin: EwsStandin;
const tempDir = useTempDirs('ews-probe-replay');

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'exready-ews-replay-standin-'));
  standin = await startEwsStandin(certDir);
});

afterAll(async () => {
  await standin.close();
  await rm(certDir, { recursive: true, force: true });
});

beforeEach(() => {
  standin.tokenRequests.length = 0;
  standin.ewsRequests.length = 0;
});

/** A clock whose sleep advances time at once, as the probe's own tests use. */
function fakeClock() {
  let now = Date.parse('2026-12-02T10:00:00Z');
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

type Flow = 'delegated' | 'app-only';
type Judged = Partial<Pick<EwsProbeOptions, 'changedWithinLastHour' | 'appChangedAt' | 'propagation'>>;

function about(flow: Flow, judged: Judged): ReplayProbeOptions {
  return {
    tenant,
    // Where the live run pointed: a token error leaves no EWS answer to tell the replay.
    ewsUrl: standin.ewsUrl,
    clientId,
    flow,
    mailbox: 'erp@contoso.com',
    ...(flow === 'delegated' ? { account: 'erp@contoso.com' } : {}),
    ...judged,
  };
}

const noGraph: GraphReader = {
  get: () => Promise.reject(new Error('no Graph read in this test')),
  getAll: () => Promise.reject(new Error('no Graph read in this test')),
  batch: () => Promise.reject(new Error('no Graph read in this test')),
};

/** The live probe against the stand-in, its exchanges written by the recorder to a file, and the file read back. */
async function recordLive(
  flow: Flow,
  handlers: { token: StandinHandler; ews?: StandinHandler },
  judged: Judged = {},
): Promise<{ live: EwsProbeOutcome; path: string; text: string; recording: RecordedResponses }> {
  standin.onToken(handlers.token);
  standin.onEws(handlers.ews ?? (() => ({ status: 500, body: 'not asked' })));
  const clock = fakeClock();
  const live = await runEwsProbe({
    ...about(flow, judged),
    secret: new ProbeSecret(flow === 'delegated' ? password : clientSecret),
    loginBaseUrl: standin.loginBaseUrl,
    ewsUrl: standin.ewsUrl,
    fetch: fetchTrusting(standin.ca),
    clock,
  });
  const path = join(await tempDir(), 'recorded.json');
  const recorder = recordingGraphReader(noGraph, {
    path,
    tenant,
    now: () => new Date('2026-12-02T10:30:00Z'),
  });
  recorder.append(live.recorded);
  await recorder.save();
  return { live, path, text: await readFile(path, 'utf8'), recording: await readRecordedResponses(path) };
}

/** Replays with no network: the stand-in must not see one more request. */
async function replayOffline(recording: RecordedResponses, options: ReplayProbeOptions) {
  const seen = standin.tokenRequests.length + standin.ewsRequests.length;
  const replayed = await replayEwsProbe(recording, options);
  expect(standin.tokenRequests.length + standin.ewsRequests.length).toBe(seen);
  return replayed;
}

const timing = ['propagationWaitedMs'];
const withoutTiming = (evidence: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(evidence).filter(([name]) => !timing.includes(name)));

/** Same status, classification, failure, attempts and evidence (but timing); the replay says it was replayed. */
function expectSameVerdict(live: EwsProbeOutcome, replayed: EwsProbeOutcome): void {
  expect(replayed.result.status).toBe(live.result.status);
  expect(replayed.classification).toBe(live.classification);
  expect(replayed.failure).toEqual(live.failure);
  expect(replayed.attempts).toBe(live.attempts);
  expect(replayed.result.remedy).toBe(live.result.remedy);
  const { replayed: marker, ...evidence } = replayed.result.evidence;
  expect(marker).toBe('2026-12-02T10:30:00.000Z');
  expect(withoutTiming(evidence)).toEqual(withoutTiming(live.result.evidence));
  expect(replayed.result.summary).toBe(
    `${live.result.summary} (Replayed from the recording of 2026-12-02T10:30:00.000Z: no request was sent.)`,
  );
}

describe('the probe recorded against the stand-in replays to the same ews.probe verdict', () => {
  it('app-only success: the token is masked, its claims are kept and shown again on replay', async () => {
    const { live, text, recording } = await recordLive('app-only', {
      token: () => tokenSuccessAnswer(appOnlyClaims),
      ews: () => ewsSuccessAnswer(),
    });
    expect(live.result.status).toBe('pass');
    expect(recording.responses.map((r) => [r.method, r.status])).toEqual([
      ['POST', 200],
      ['POST', 200],
    ]);
    const [token, ews] = recording.responses;
    expect(token?.url).toBe(`${standin.loginBaseUrl}/${tenant}/oauth2/v2.0/token`);
    expect(token?.body).toMatchObject({ token_type: 'Bearer', access_token: '(masked)' });
    expect(token?.claims).toEqual({ ...(live.result.evidence.claims as object) });
    expect(ews?.body).toBe(getFolderSuccessXml);
    expect(ews?.headers).toMatchObject({ 'request-id': 'b1f0e5a2-1111-4c3d-9e8f-000000000001' });
    expect(text).not.toContain(fakeJwt(appOnlyClaims));

    const replayed = await replayOffline(recording, about('app-only', {}));
    expectSameVerdict(live, replayed);
    expect(replayed.result.evidence.claims).toMatchObject({ roles: ['full_access_as_app'], tid: tenantId });
  });

  it('delegated success: scp and upn replayed from the recorded claims', async () => {
    const { live, recording } = await recordLive('delegated', {
      token: () => tokenSuccessAnswer(delegatedClaims),
      ews: () => ewsSuccessAnswer(),
    });
    const replayed = await replayOffline(recording, about('delegated', {}));
    expectSameVerdict(live, replayed);
    expect(replayed.result.evidence.claims).toMatchObject({
      scp: 'EWS.AccessAsUser.All',
      upn: 'erp@contoso.com',
    });
  });

  it('AADSTS7000215 (wrong secret): the error JSON is kept whole, with its codes and ids', async () => {
    const { live, recording } = await recordLive('app-only', { token: () => tokenErrorAnswer(7000215) });
    expect(live.failure).toMatchObject({ stage: 'token', kind: 'aadsts', code: '7000215' });
    expect(recording.responses).toHaveLength(1);
    expect(recording.responses[0]?.body).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
      trace_id: 'trace-7000215',
      correlation_id: 'correlation-7000215',
    });
    expect(recording.responses[0]?.claims).toBeUndefined();
    expectSameVerdict(live, await replayOffline(recording, about('app-only', {})));
  });

  it('EWS ErrorAccessDenied: the SOAP body is kept as text and classified again on replay', async () => {
    const { live, recording } = await recordLive('app-only', {
      token: () => tokenSuccessAnswer(appOnlyClaims),
      ews: () => ewsResponseCodeAnswer('ErrorAccessDenied'),
    });
    expect(live.failure).toMatchObject({
      stage: 'ews',
      kind: 'ews-response-code',
      code: 'ErrorAccessDenied',
    });
    expect(recording.responses[1]?.body).toContain('<m:ResponseCode>ErrorAccessDenied</m:ResponseCode>');
    expectSameVerdict(live, await replayOffline(recording, about('app-only', {})));
  });

  it('x-ms-diagnostics on a 401: the header the classification reads is recorded and replayed', async () => {
    const { live, recording } = await recordLive('app-only', {
      token: () => tokenSuccessAnswer(appOnlyClaims),
      ews: () => ewsStatusAnswer(401, '2000003;reason="stand-in";error_category="invalid_resource"'),
    });
    expect(recording.responses[1]?.headers?.['x-ms-diagnostics']).toContain('2000003');
    expect(live.failure).toMatchObject({ kind: 'x-ms-diagnostics', code: '2000003' });
    expectSameVerdict(live, await replayOffline(recording, about('app-only', {})));
  });

  it('propagation: each attempt is recorded in order and the replay consumes them in order', async () => {
    const judged = { appChangedAt: new Date(Date.parse('2026-12-02T10:00:00Z') - 20 * 60_000) };
    const { live, recording } = await recordLive(
      'app-only',
      {
        token: () => tokenSuccessAnswer(appOnlyClaims),
        ews: (_request, count) => (count <= 2 ? ewsStatusAnswer(403) : ewsSuccessAnswer()),
      },
      judged,
    );
    expect(live.classification).toBe('propagation');
    expect(recording.responses.map((r) => `${new URL(r.url).pathname} ${r.status}`)).toEqual([
      `/${tenant}/oauth2/v2.0/token 200`,
      '/EWS/Exchange.asmx 403',
      `/${tenant}/oauth2/v2.0/token 200`,
      '/EWS/Exchange.asmx 403',
      `/${tenant}/oauth2/v2.0/token 200`,
      '/EWS/Exchange.asmx 200',
    ]);
    // The recorded time line: the retries waited 10 s, then 20 s.
    expect(recording.responses.map((r) => r.elapsedMs)).toEqual([0, 0, 10_000, 10_000, 30_000, 30_000]);

    const replayed = await replayOffline(recording, about('app-only', judged));
    expectSameVerdict(live, replayed);
    expect(replayed.result.evidence).toMatchObject({
      attempts: 3,
      propagation: true,
      propagationWaitedMs: 30_000,
    });
  });

  it('propagation that gives up: the replay stops after the same attempts, on the same 401', async () => {
    const judged = {
      changedWithinLastHour: true,
      propagation: { firstDelayMs: 1_000, maxDelayMs: 4_000, budgetMs: 15_000 },
    };
    const { live, recording } = await recordLive(
      'app-only',
      { token: () => tokenSuccessAnswer(appOnlyClaims), ews: () => ewsStatusAnswer(401) },
      judged,
    );
    expect(live.attempts).toBe(6);
    expect(recording.responses).toHaveLength(12);
    expectSameVerdict(live, await replayOffline(recording, about('app-only', judged)));
  });
});

describe('a recording without the probe’s answers', () => {
  it('a Graph-only file: ews.probe is unknown and names the token request it lacks', async () => {
    const recording = parseRecordedResponses(
      JSON.stringify({
        format: recordedResponsesFormat,
        tenant,
        recordedAt: '2026-12-01T10:00:00Z',
        responses: [
          {
            method: 'GET',
            url: 'https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy',
            status: 200,
            body: { isEnabled: false },
          },
        ],
      }),
      'graph-only.json',
    );
    const replayed = await replayEwsProbe(recording, about('app-only', {}));
    expect(replayed.result.status).toBe('unknown');
    expect(replayed.failure).toMatchObject({
      stage: 'not-recorded',
      code: 'NOT_RECORDED',
      check: 'ews.probe',
    });
    expect(replayed.result.summary).toContain(
      `The recording holds no response for POST https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    );
    expect(replayed.result.evidence.notRecorded).toBe(
      `POST https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    );
    expect(replayed.result.remedy).toContain('--probe --record FILE');
  });

  it('a propagation cut short: the replay names the EWS request and the attempt it lacks', async () => {
    const { recording } = await recordLive(
      'app-only',
      {
        token: () => tokenSuccessAnswer(appOnlyClaims),
        ews: (_request, count) => (count <= 1 ? ewsStatusAnswer(403) : ewsSuccessAnswer()),
      },
      { changedWithinLastHour: true },
    );
    const cut = { ...recording, responses: recording.responses.slice(0, 3) };
    const replayed = await replayOffline(cut, about('app-only', { changedWithinLastHour: true }));
    expect(replayed.result.status).toBe('unknown');
    expect(replayed.result.summary).toContain(
      `The recording holds no response for POST ${standin.ewsUrl} (attempt 2)`,
    );
  });

  it('a hand-written file with a masked token and no claims: the replay says the token was masked', () => {
    const recording = parseRecordedResponses(
      JSON.stringify({
        format: recordedResponsesFormat,
        tenant,
        recordedAt: '2026-12-01T10:00:00Z',
        responses: [
          {
            method: 'POST',
            url: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
            status: 200,
            body: { token_type: 'Bearer', expires_in: 3599, access_token: '(masked)' },
          },
          {
            method: 'POST',
            url: 'https://outlook.office365.com/EWS/Exchange.asmx',
            status: 200,
            body: getFolderSuccessXml,
          },
        ],
      }),
      'hand-written.json',
    );
    // The recorded endpoints (Microsoft's), not the stand-in's.
    const { ewsUrl: _standin, ...recordedEndpoints } = about('app-only', {});
    return replayEwsProbe(recording, recordedEndpoints).then((replayed) => {
      expect(replayed.result.status).toBe('pass');
      expect(replayed.result.evidence.claims).toBe(
        'masked in the recording, and its claims were not recorded',
      );
      expect(replayed.result.evidence.inbox).toMatchObject({ displayName: 'Inbox' });
    });
  });
});

describe('a recorded probe never holds the secret, the token, a request body or an Authorization header', () => {
  it('neither for a success nor for an error that echoes the secret, in either flow', async () => {
    const texts: string[] = [];
    for (const [flow, claims] of [
      ['delegated', delegatedClaims],
      ['app-only', appOnlyClaims],
    ] as const) {
      const secret = flow === 'delegated' ? password : clientSecret;
      texts.push(
        (
          await recordLive(flow, {
            token: () => tokenErrorAnswer(50126, ` Echo: ${secret}`),
          })
        ).text,
      );
      // Entra echoing the token in an extra field: masked there too.
      const token = fakeJwt(claims);
      texts.push(
        (
          await recordLive(flow, {
            token: () => ({
              ...tokenSuccessAnswer(claims),
              body: JSON.stringify({
                token_type: 'Bearer',
                access_token: token,
                refresh_token: 'refresh-token-value-0123456789',
                id_token: token,
                note: `issued ${token}`,
              }),
            }),
            ews: () => ewsSuccessAnswer(),
          })
        ).text,
      );
    }
    // The stand-in did receive both secrets: the test would catch a leak, not an absent secret.
    const sent = standin.tokenRequests.map((r) => new URLSearchParams(r.body));
    expect(sent.some((form) => form.get('password') === password)).toBe(true);
    expect(sent.some((form) => form.get('client_secret') === clientSecret)).toBe(true);
    const all = texts.join('\n');
    const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
    for (const leak of [
      password,
      clientSecret,
      formEncoded(password),
      formEncoded(clientSecret),
      fakeJwt(appOnlyClaims),
      fakeJwt(delegatedClaims),
      'refresh-token-value-0123456789',
      'eyJ',
      'grant_type',
      'client_secret=',
      'Bearer ey',
    ])
      expect(all).not.toContain(leak);
    expect(all.toLowerCase()).not.toContain('"authorization"');
    expect(all).toContain('AADSTS50126');
  });
});
