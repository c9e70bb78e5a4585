import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aadstsCodes,
  ewsDiagnosticsCodes,
  ewsHttpStatuses,
  ewsResponseCodes,
} from '../../../shared/tenant/ews/ews-probe-codes';
import { isSecretFieldName } from '../../../shared/security/secrets';
import { RecordedResponses, recordedResponsesFormat } from '../../../shared/tenant/recorded-responses';
import { runEwsProbe } from '../../../electron/tenant/ews/ews-probe';
import type { EwsProbeOptions } from '../../../electron/tenant/ews/ews-probe-options';
import { ProbeSecret } from '../../../electron/tenant/ews/probe-secret';
import {
  ewsResponseCodeAnswer,
  ewsStatusAnswer,
  ewsSuccessAnswer,
  fetchTrusting,
  startEwsStandin,
  tokenErrorAnswer,
  tokenSuccessAnswer,
  type EwsStandin,
} from '../../helpers/ews-standin';

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

let dir = '';
let standin: EwsStandin;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exready-ews-standin-'));
  standin = await startEwsStandin(dir);
});

afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  standin.tokenRequests.length = 0;
  standin.ewsRequests.length = 0;
});

/** A clock whose sleep advances time at once: the propagation wait is tested without waiting. */
function fakeClock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

function options(flow: 'delegated' | 'app-only', extra: Partial<EwsProbeOptions> = {}): EwsProbeOptions {
  const base: EwsProbeOptions = {
    tenant: 'contoso.onmicrosoft.com',
    clientId,
    flow,
    mailbox: 'erp@contoso.com',
    secret: new ProbeSecret(flow === 'delegated' ? password : clientSecret),
    loginBaseUrl: standin.loginBaseUrl,
    ewsUrl: standin.ewsUrl,
    fetch: fetchTrusting(standin.ca),
    clock: fakeClock(),
  };
  if (flow === 'delegated') base.account = 'erp@contoso.com';
  return { ...base, ...extra };
}

// The codes of the password flow are asked for by the delegated ERP; the rest by the app-only one.
const delegatedCodes = new Set([50034, 50126, 50053, 50055, 50057, 50076, 50079, 53003, 530035, 7000218]);

describe('the end-to-end probe against the HTTPS stand-in', () => {
  it('app-only: client credentials for outlook.office365.com/.default, claims decoded, GetFolder impersonating the mailbox', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws(() => ewsSuccessAnswer());
    const outcome = await runEwsProbe(options('app-only'));

    expect(outcome.classification).toBe('success');
    expect(outcome.result).toMatchObject({ checkId: 'ews.probe', status: 'pass' });
    expect(outcome.result.evidence.claims).toEqual({
      aud: 'https://outlook.office365.com',
      tid: tenantId,
      appid: clientId,
      roles: ['full_access_as_app'],
      exp: new Date(1_795_000_000_000).toISOString(),
    });
    expect(outcome.result.evidence.inbox).toEqual({ displayName: 'Inbox', totalCount: 2, unreadCount: 2 });
    expect(outcome.result.evidence.requestId).toBe('b1f0e5a2-1111-4c3d-9e8f-000000000001');

    const [tokenRequest] = standin.tokenRequests;
    expect(tokenRequest?.path).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/token');
    const form = new URLSearchParams(tokenRequest?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('https://outlook.office365.com/.default');
    expect(form.get('client_secret')).toBe(clientSecret);

    const [ewsRequest] = standin.ewsRequests;
    expect(ewsRequest?.headers['x-anchormailbox']).toBe('erp@contoso.com');
    expect(ewsRequest?.headers.authorization).toMatch(/^Bearer ey/);
    expect(ewsRequest?.body).toContain(
      '<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>erp@contoso.com</t:PrimarySmtpAddress>',
    );
    expect(ewsRequest?.body).toContain('<t:DistinguishedFolderId Id="inbox"/>');

    // The recording keeps the exchanges with the access token masked.
    expect(outcome.recorded.map((r) => [r.method, r.status])).toEqual([
      ['POST', 200],
      ['POST', 200],
    ]);
    expect(JSON.stringify(outcome.recorded)).not.toMatch(/"access_token":"ey/);
    // …in the recorded-responses format of issue #14, so a probe run can be kept with a tenant recording.
    const file = RecordedResponses.parse({
      format: recordedResponsesFormat,
      tenant: 'contoso.onmicrosoft.com',
      recordedAt: '2026-12-02T10:00:00Z',
      responses: outcome.recorded,
    });
    expect(file.responses[0]).toMatchObject({
      url: `${standin.loginBaseUrl}/contoso.onmicrosoft.com/oauth2/v2.0/token`,
      body: { token_type: 'Bearer', access_token: '********' },
    });
    expect(file.responses[1]?.headers).toMatchObject({
      'request-id': 'b1f0e5a2-1111-4c3d-9e8f-000000000001',
    });
    expect(file.responses[1]?.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
  });

  it('delegated: the password grant for EWS.AccessAsUser.All, scp reported, no impersonation header', async () => {
    standin.onToken(() => tokenSuccessAnswer(delegatedClaims));
    standin.onEws(() => ewsSuccessAnswer());
    const outcome = await runEwsProbe(options('delegated'));

    expect(outcome.result.status).toBe('pass');
    expect(outcome.result.evidence.claims).toMatchObject({
      scp: 'EWS.AccessAsUser.All',
      upn: 'erp@contoso.com',
    });
    const form = new URLSearchParams(standin.tokenRequests[0]?.body);
    expect(form.get('grant_type')).toBe('password');
    expect(form.get('scope')).toBe('https://outlook.office365.com/EWS.AccessAsUser.All');
    expect(form.get('username')).toBe('erp@contoso.com');
    expect(form.get('client_secret')).toBeNull();
    expect(standin.ewsRequests[0]?.body).not.toContain('ExchangeImpersonation');
  });

  describe('every AADSTS code of the table is classified from error_codes, with the ids in the evidence', () => {
    it.each(Object.keys(aadstsCodes).map(Number))('AADSTS%i', async (code) => {
      standin.onToken(() => tokenErrorAnswer(code));
      const flow = delegatedCodes.has(code) ? 'delegated' : 'app-only';
      const outcome = await runEwsProbe(options(flow));

      expect(outcome.classification).toBe('failed');
      expect(outcome.failure).toMatchObject({ stage: 'token', kind: 'aadsts', code: String(code) });
      expect(outcome.failure?.check).toBe(aadstsCodes[code]?.check);
      expect(outcome.result.status).toBe('fail');
      expect(outcome.result.remedy).toBe(aadstsCodes[code]?.remedy);
      expect(outcome.result.evidence).toMatchObject({
        traceId: `trace-${code}`,
        correlationId: `correlation-${code}`,
        aadstsCodes: [code],
      });
      expect(outcome.result.summary).toContain(`Entra ID refused the token (AADSTS${code})`);
      expect(standin.ewsRequests).toHaveLength(0);
    });
  });

  it('ties each AADSTS code to the check the admin looks at next', () => {
    const checks = Object.fromEntries(
      Object.entries(aadstsCodes).map(([code, entry]) => [code, entry.check]),
    );
    expect(checks).toEqual({
      7000215: 'ews.app.secret',
      7000222: 'ews.app.secret',
      700016: 'ews.app',
      90002: 'ews.app',
      50034: 'ews.account.passwordflow',
      50126: 'ews.account.passwordflow',
      50053: 'ews.account.passwordflow',
      50055: 'ews.account.passwordflow',
      50057: 'ews.account.passwordflow',
      50076: 'ews.account.passwordflow',
      50079: 'ews.account.passwordflow',
      53003: 'ews.account.passwordflow',
      530035: 'ews.account.passwordflow',
      65001: 'ews.app.consent',
      90094: 'ews.app.consent',
      650057: 'ews.app.permission',
      500011: 'ews.enabled',
      7000218: 'ews.app.publicclient',
      700025: 'ews.app.publicclient',
      70011: 'ews.app.permission',
    });
  });

  describe('every EWS ResponseCode of the table is classified from the GetFolder response message', () => {
    it.each(Object.keys(ewsResponseCodes))('%s', async (responseCode) => {
      standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
      standin.onEws(() => ewsResponseCodeAnswer(responseCode));
      const outcome = await runEwsProbe(options('app-only'));

      expect(outcome.failure).toMatchObject({ stage: 'ews', kind: 'ews-response-code', code: responseCode });
      expect(outcome.result.status).toBe(ewsResponseCodes[responseCode]?.status);
      expect(outcome.result.evidence).toMatchObject({ responseClass: 'Error', responseCode });
    });
  });

  describe('x-ms-diagnostics codes decide a rejected token before the HTTP status', () => {
    it.each(Object.keys(ewsDiagnosticsCodes))('%s', async (code) => {
      standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
      standin.onEws(() => ewsStatusAnswer(401, `${code};reason="stand-in";error_category="invalid_token"`));
      const outcome = await runEwsProbe(options('app-only'));

      expect(outcome.failure).toMatchObject({ kind: 'x-ms-diagnostics', code });
      expect(outcome.failure?.check).toBe(ewsDiagnosticsCodes[code]?.check);
      expect(outcome.result.evidence.xMsDiagnostics).toContain(code);
    });
  });

  describe('HTTP statuses without a more specific code', () => {
    it.each(Object.keys(ewsHttpStatuses).map(Number))('%i', async (status) => {
      standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
      standin.onEws(() => ewsStatusAnswer(status));
      const outcome = await runEwsProbe(options('app-only'));

      expect(outcome.failure).toMatchObject({ stage: 'ews', kind: 'http-status', code: String(status) });
      expect(outcome.result.status).toBe(ewsHttpStatuses[status]?.status);
      expect(outcome.result.evidence.backEndHttpStatus).toBe(String(status));
    });
  });

  it('a 403 is classified by its status even when the body carries a SOAP ResponseCode', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws(() => ({ ...ewsResponseCodeAnswer('ErrorAccessDenied'), status: 403 }));
    const outcome = await runEwsProbe(options('app-only'));
    expect(outcome.failure).toMatchObject({ kind: 'http-status', code: '403', check: 'ews.enabled' });
    expect(outcome.result.summary).toContain('EWS refused the request (HTTP 403)');
  });

  it('names no evidence field like a secret, so reports do not blank the ids a support case needs', async () => {
    standin.onToken(() => tokenErrorAnswer(7000215));
    const tokenFailure = await runEwsProbe(options('app-only'));
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws(() => ewsStatusAnswer(401, '2000003;reason="x";error_category="invalid_resource"'));
    const ewsFailure = await runEwsProbe(options('app-only'));
    const keys = [...Object.keys(tokenFailure.result.evidence), ...Object.keys(ewsFailure.result.evidence)];
    expect(keys).toEqual(
      expect.arrayContaining(['traceId', 'correlationId', 'requestId', 'xMsDiagnostics', 'claims']),
    );
    expect(keys.filter(isSecretFieldName)).toEqual([]);
  });
});

describe('propagation right after consent', () => {
  it('retries a 403 with doubling delays and reports propagation when it then succeeds', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws((_request, count) => (count <= 2 ? ewsStatusAnswer(403) : ewsSuccessAnswer()));
    const clock = fakeClock();
    const outcome = await runEwsProbe(options('app-only', { changedWithinLastHour: true, clock }));

    expect(outcome.classification).toBe('propagation');
    expect(outcome.result.status).toBe('pass');
    expect(outcome.attempts).toBe(3);
    expect(clock.sleeps).toEqual([10_000, 20_000]);
    expect(outcome.result.evidence).toMatchObject({
      propagation: true,
      propagationWaitedMs: 30_000,
      attempts: 3,
    });
    expect(outcome.result.summary).toContain('still replicating');
    // A fresh token each attempt: the roles claim is fixed when the token is issued.
    expect(standin.tokenRequests).toHaveLength(3);
  });

  it('does not wait when nobody said the app changed: the 403 is reported at once', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws((_request, count) => (count <= 1 ? ewsStatusAnswer(403) : ewsSuccessAnswer()));
    const clock = fakeClock();
    const outcome = await runEwsProbe(options('app-only', { clock }));

    expect(outcome.classification).toBe('failed');
    expect(outcome.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('counts a change the caller dates within the last hour, and not one older than that', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws((_request, count) => (count % 2 === 1 ? ewsStatusAnswer(401) : ewsSuccessAnswer()));
    const recent = fakeClock();
    const fresh = await runEwsProbe(
      options('app-only', { clock: recent, appChangedAt: new Date(recent.now() - 20 * 60_000) }),
    );
    expect(fresh.classification).toBe('propagation');
    expect(fresh.result.evidence.changedWithinLastHour).toBe(true);

    const later = fakeClock();
    const stale = await runEwsProbe(
      options('app-only', { clock: later, appChangedAt: new Date(later.now() - 61 * 60_000) }),
    );
    expect(stale.classification).toBe('failed');
    expect(stale.result.evidence.changedWithinLastHour).toBe(false);
    expect(later.sleeps).toEqual([]);
  });

  it('gives up within the budget and classifies the last 401', async () => {
    standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
    standin.onEws(() => ewsStatusAnswer(401));
    const clock = fakeClock();
    const outcome = await runEwsProbe(
      options('app-only', {
        changedWithinLastHour: true,
        clock,
        propagation: { firstDelayMs: 1_000, maxDelayMs: 4_000, budgetMs: 15_000 },
      }),
    );

    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15_000);
    expect(outcome.attempts).toBe(6);
    expect(outcome.failure).toMatchObject({ kind: 'http-status', code: '401', check: 'ews.app.consent' });
    expect(outcome.result.summary).toContain('Still failing after waiting 15 s');
  });

  it('never retries a token error, even right after a change', async () => {
    standin.onToken(() => tokenErrorAnswer(65001));
    const clock = fakeClock();
    const outcome = await runEwsProbe(options('app-only', { changedWithinLastHour: true, clock }));
    expect(outcome.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('the typed secret stays in memory', () => {
  it('appears nowhere in the outcome, the evidence, the recording or the logs, even when Entra echoes it', async () => {
    const logs: string[] = [];
    const log = (event: string, fields: Readonly<Record<string, string | number | boolean>>) =>
      logs.push(`${event} ${JSON.stringify(fields)}`);
    const outcomes = [];
    for (const [flow, secret] of [
      ['delegated', password],
      ['app-only', clientSecret],
    ] as const) {
      standin.onToken(() => tokenErrorAnswer(50126, ` Echo: ${secret}`));
      outcomes.push(await runEwsProbe(options(flow, { log })));
      standin.onToken(() => tokenSuccessAnswer(appOnlyClaims));
      standin.onEws(() => ewsResponseCodeAnswer('ErrorAccessDenied'));
      outcomes.push(await runEwsProbe(options(flow, { log })));
      standin.onEws(() => ewsSuccessAnswer());
      outcomes.push(await runEwsProbe(options(flow, { log })));
    }
    // The stand-in did receive both: the test would catch a leak, not an absent secret.
    const sent = standin.tokenRequests.map((r) => new URLSearchParams(r.body));
    expect(sent.some((form) => form.get('password') === password)).toBe(true);
    expect(sent.some((form) => form.get('client_secret') === clientSecret)).toBe(true);
    const everything = JSON.stringify(outcomes) + logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
    for (const secret of [password, clientSecret, formEncoded(password), formEncoded(clientSecret)]) {
      expect(everything).not.toContain(secret);
    }
    expect(outcomes[0]?.result.evidence.oauthError).toBe('invalid_grant');
  });

  it('refuses bad options naming the field, without the secret', async () => {
    const bad = options('app-only', { clientId: 'not-a-guid', mailbox: 'nobody' });
    const error = await runEwsProbe(bad).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/clientId: .*GUID/);
    expect(String(error)).toMatch(/mailbox: /);
    expect(String(error)).not.toContain(clientSecret);
    expect(standin.tokenRequests).toHaveLength(0);
  });

  it('the delegated flow needs the account', async () => {
    const { account: _account, ...withoutAccount } = options('delegated');
    await expect(runEwsProbe(withoutAccount)).rejects.toThrow(
      /account: the delegated flow signs in as an account/,
    );
  });
});

describe('unreachable endpoints', () => {
  it('reports unknown with the network error code when the token endpoint cannot be reached', async () => {
    const outcome = await runEwsProbe(options('app-only', { loginBaseUrl: 'https://127.0.0.1:1' }));
    expect(outcome.result.status).toBe('unknown');
    expect(outcome.failure).toMatchObject({ stage: 'network', code: 'ECONNREFUSED' });
  });

  it('refuses a certificate it does not trust (the default fetch has no stand-in CA)', async () => {
    const { fetch: _fetch, ...withDefaultFetch } = options('app-only');
    const outcome = await runEwsProbe(withDefaultFetch);
    expect(outcome.failure?.stage).toBe('network');
    expect(outcome.failure?.code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });
});
