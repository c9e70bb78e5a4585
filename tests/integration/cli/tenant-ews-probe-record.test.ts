import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTenantCommand, type TenantCommandDeps } from '../../../electron/cli/commands/tenant-command';
import { runEwsProbe } from '../../../electron/tenant/ews/ews-probe';
import { recordingGraphReader } from '../../../electron/tenant/graph-recorder';
import { readRecordedResponses } from '../../../electron/tenant/recorded-responses-file';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import {
  ewsStatusAnswer,
  ewsSuccessAnswer,
  fakeJwt,
  fetchTrusting,
  startEwsStandin,
  tokenErrorAnswer,
  tokenSuccessAnswer,
  type EwsStandin,
  type StandinHandler,
} from '../../helpers/ews-standin';
import { useTempDirs } from '../../helpers/temp-dir';

// `--tenant … --ews --probe --record FILE` against the HTTPS stand-in, then `--recorded FILE --ews --probe`.

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/ews-rules/${name}`, import.meta.url));
const tempDir = useTempDirs('tenant-ews-probe-record');
const erp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const clientSecret = 'Q~7yS8Q~client-secret-value-abc123';
const claims = {
  aud: 'https://outlook.office365.com',
  tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appid: erp,
  roles: ['full_access_as_app'],
};
const ewsArgs = [
  '--ews',
  '--ews-app-id',
  erp,
  '--ews-flow',
  'app-only',
  '--ews-mailbox',
  'erp@adatum.example',
];

let certDir = '';
let standin: EwsStandin;

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'exready-ews-record-standin-'));
  standin = await startEwsStandin(certDir);
});

afterAll(async () => {
  await standin.close();
  await rm(certDir, { recursive: true, force: true });
});

interface Result {
  checkId: string;
  status: string;
  summary: string;
  evidence: Record<string, unknown>;
}

function probeOf(stdout: string): Result | undefined {
  const document = JSON.parse(stdout) as { cases: { results: Result[] }[] };
  return document.cases[0]?.results.find((result) => result.checkId === 'ews.probe');
}

async function command(args: string[], deps: Partial<TenantCommandDeps>) {
  let stdout = '';
  let stderr = '';
  const code = await runTenantCommand(
    [...args, '--history', await tempDir()],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    {
      labs: {},
      openLive: () => Promise.reject(new Error('no live sign-in here')),
      now: () => new Date('2026-02-01T08:30:00Z'),
      ...deps,
    },
  );
  return { code, stdout, stderr };
}

/** The live run: Graph reads from the hand-written tenant (recorded), the probe against the stand-in. */
async function recordLive(token: StandinHandler, ews: StandinHandler, startAt: string) {
  standin.tokenRequests.length = 0;
  standin.ewsRequests.length = 0;
  standin.onToken(token);
  standin.onEws(ews);
  const file = join(await tempDir(), 'recorded.json');
  const graph = new ReplayGraphReader(await readRecordedResponses(fixture('hand-written-erp-tenant.json')));
  let now = Date.parse(startAt);
  const live = await command(
    [
      'check',
      '--tenant',
      'adatum.onmicrosoft.com',
      '--app-id',
      '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
      '--domain',
      'adatum.example',
      ...ewsArgs,
      '--probe',
      '--record',
      file,
      '--json',
    ],
    {
      secretSources: { env: { EXREADY_SECRET_EWS_SECRET: clientSecret }, prompt: null },
      openLive: (options) => {
        const reader = recordingGraphReader(graph, {
          path: options.recordTo ?? '',
          tenant: options.tenant,
          now: () => new Date('2026-02-01T08:31:00Z'),
        });
        return Promise.resolve({
          reader,
          record: (responses) => reader.append(responses),
          close: () => reader.save(),
        });
      },
      runProbe: (options) =>
        runEwsProbe({
          ...options,
          loginBaseUrl: standin.loginBaseUrl,
          ewsUrl: standin.ewsUrl,
          fetch: fetchTrusting(standin.ca),
          clock: {
            now: () => now,
            sleep: (ms) => {
              now += ms;
              return Promise.resolve();
            },
          },
        }),
    },
  );
  return { live, file };
}

/** The replay: no secret source at all, and a probe that fails the test if it is called. */
async function replay(file: string, json = true) {
  const seen = standin.tokenRequests.length + standin.ewsRequests.length;
  const result = await command(
    ['check', '--recorded', file, ...ewsArgs, '--probe', ...(json ? ['--json'] : [])],
    {
      secretSources: { env: {}, prompt: null },
      runProbe: () => Promise.reject(new Error('the replay must not run the live probe')),
    },
  );
  expect(standin.tokenRequests.length + standin.ewsRequests.length).toBe(seen);
  return result;
}

const withoutTiming = ({ propagationWaitedMs: _t, replayed: _r, ...rest }: Record<string, unknown>) => rest;

describe('exready tenant check --ews --probe --record FILE, then --recorded FILE --ews --probe', () => {
  it('a success: the file holds Graph and the probe answers, the replay gives the same ews.probe verdict', async () => {
    const { live, file } = await recordLive(
      () => tokenSuccessAnswer(claims),
      () => ewsSuccessAnswer(),
      '2026-02-01T09:30:00Z',
    );
    expect(live.stderr).toBe('');
    const liveProbe = probeOf(live.stdout);
    expect(liveProbe?.status).toBe('pass');

    const text = await readFile(file, 'utf8');
    const recording = await readRecordedResponses(file);
    expect(recording.responses.filter((r) => r.method === 'GET').length).toBeGreaterThan(0);
    expect(
      recording.responses.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname),
    ).toEqual(['/adatum.onmicrosoft.com/oauth2/v2.0/token', '/EWS/Exchange.asmx']);
    for (const leak of [clientSecret, fakeJwt(claims), 'grant_type']) expect(text).not.toContain(leak);

    const replayed = await replay(file);
    expect(replayed.stderr).toBe('');
    const replayedProbe = probeOf(replayed.stdout);
    expect(replayedProbe?.status).toBe(liveProbe?.status);
    expect(withoutTiming(replayedProbe?.evidence ?? {})).toEqual(withoutTiming(liveProbe?.evidence ?? {}));
    expect(replayedProbe?.evidence.replayed).toBe('2026-02-01T08:31:00.000Z');
    expect(replayedProbe?.summary).toContain('Replayed from the recording');

    const asText = await replay(file, false);
    expect(asText.stdout).toContain(
      'EWS probe replayed from the recording: no request sent, no secret asked',
    );
  });

  it('propagation right after the app changed: the retries are recorded and replayed in order', async () => {
    // The hand-written app was created 2026-02-01T08:00Z: a probe at 08:20 retries a 403.
    const { live, file } = await recordLive(
      () => tokenSuccessAnswer(claims),
      (_request, count) => (count <= 2 ? ewsStatusAnswer(403) : ewsSuccessAnswer()),
      '2026-02-01T08:20:00Z',
    );
    const liveProbe = probeOf(live.stdout);
    expect(liveProbe?.evidence).toMatchObject({ propagation: true, attempts: 3 });
    const recording = await readRecordedResponses(file);
    expect(recording.responses.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      200, 403, 200, 403, 200, 200,
    ]);
    const replayedProbe = probeOf((await replay(file)).stdout);
    expect(replayedProbe?.status).toBe('pass');
    expect(withoutTiming(replayedProbe?.evidence ?? {})).toEqual(withoutTiming(liveProbe?.evidence ?? {}));
  });

  it('a wrong secret (AADSTS7000215): the same fail and remedy on replay, exit 1 both times', async () => {
    const { live, file } = await recordLive(
      () => tokenErrorAnswer(7000215),
      () => ewsSuccessAnswer(),
      '2026-02-01T09:30:00Z',
    );
    const liveProbe = probeOf(live.stdout);
    expect(liveProbe?.status).toBe('fail');
    expect(live.code).toBe(1);
    const replayed = await replay(file);
    const replayedProbe = probeOf(replayed.stdout);
    expect(replayed.code).toBe(1);
    expect(replayedProbe?.status).toBe('fail');
    expect(replayedProbe?.evidence).toMatchObject({ code: '7000215', traceId: 'trace-7000215' });
  });

  it('refuses --secret-from-file with --recorded: the replay asks for no secret', async () => {
    const { code, stderr } = await command(
      [
        'check',
        '--recorded',
        fixture('hand-written-erp-tenant.json'),
        ...ewsArgs,
        '--probe',
        '--secret-from-file',
        'x',
      ],
      {},
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--secret-from-file does not go with --recorded');
  });

  it('a recording without the probe: ews.probe is unknown naming the token request, no secret asked', async () => {
    const replayed = await replay(fixture('hand-written-erp-tenant.json'));
    expect(replayed.stderr).toBe('');
    const probe = probeOf(replayed.stdout);
    expect(probe?.status).toBe('unknown');
    expect(probe?.summary).toContain(
      'The recording holds no response for POST https://login.microsoftonline.com/adatum.onmicrosoft.com/oauth2/v2.0/token',
    );
  });
});
