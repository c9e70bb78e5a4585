import { describe, expect, it } from 'vitest';
import { createGraphClient, retryDelayMs } from '../../../electron/tenant/graph-client';
import type { GraphAnswer, GraphOutcome } from '../../../electron/tenant/graph-reader';
import { fakeAccessToken, graphFixture, graphStandIn } from '../../helpers/graph-stand-in';

const base = 'http://127.0.0.1:9';
const v1 = 'https://graph.microsoft.com/v1.0';
const beta = 'https://graph.microsoft.com/beta';
const allScopes = [
  'Application.Read.All',
  'Directory.Read.All',
  'Policy.Read.All',
  'Domain.Read.All',
  'AuditLog.Read.All',
];

function client(
  routes: Parameters<typeof graphStandIn>[0],
  options: {
    scopes?: readonly string[];
    timeoutSignal?: (ms: number) => AbortSignal;
    maxAttempts?: number;
  } = {},
) {
  const standIn = graphStandIn(routes);
  const sleeps: number[] = [];
  const reader = createGraphClient({
    accessToken: () => Promise.resolve(fakeAccessToken(options.scopes ?? allScopes)),
    fetch: standIn.fetch,
    baseUrl: base,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...(options.timeoutSignal === undefined ? {} : { timeoutSignal: options.timeoutSignal }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  return { reader, seen: standIn.seen, sleeps };
}

const answerOf = (outcome: GraphOutcome | undefined): GraphAnswer => {
  if (outcome?.kind !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
};

describe('Graph client: one GET', () => {
  it('sends the bearer token to the base URL and answers with Graph’s URL and the published body', async () => {
    const domain = graphFixture('domain-get-response.json');
    const { reader, seen } = client({
      'GET /v1.0/domains/M365x214355.onmicrosoft.com': {
        status: 200,
        headers: { 'request-id': 'r-1' },
        body: domain,
      },
    });
    const outcome = answerOf(await reader.get(`${v1}/domains/M365x214355.onmicrosoft.com`));
    expect(outcome.request.url).toBe(`${v1}/domains/M365x214355.onmicrosoft.com`);
    expect(outcome.status).toBe(200);
    expect(outcome.body).toEqual(domain);
    expect(outcome.headers['request-id']).toBe('r-1');
    expect(outcome.error).toBeUndefined();
    expect(seen[0]?.url).toBe(`${base}/v1.0/domains/M365x214355.onmicrosoft.com`);
    expect(seen[0]?.headers.authorization).toMatch(/^Bearer eyJ/);
  });

  it('refuses a URL that is not Graph’s, so the token never leaves for another host', async () => {
    const { reader, seen } = client({});
    const outcome = await reader.get('https://evil.example/v1.0/domains');
    expect(outcome).toMatchObject({ kind: 'failure', cause: 'network' });
    expect(seen).toHaveLength(0);
  });

  it('reports a sign-in that fails as an auth failure, naming why', async () => {
    const reader = createGraphClient({
      accessToken: () => Promise.reject(new Error('AADSTS50076: MFA required')),
      fetch: graphStandIn({}).fetch,
    });
    const outcome = await reader.get(`${v1}/domains`);
    expect(outcome).toMatchObject({ kind: 'failure', cause: 'auth' });
    expect(outcome.kind === 'failure' && outcome.message).toContain('AADSTS50076');
  });
});

describe('Graph client: errors classified by code', () => {
  const denied = (graphFixture('json-batching-response.json') as { responses: { body: unknown }[] })
    .responses[2]?.body;

  it('names the missing delegated permission when the token’s scp lacks the documented one', async () => {
    const { reader } = client(
      { 'GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy': { status: 403, body: denied } },
      { scopes: ['Application.Read.All', 'Domain.Read.All'] },
    );
    const outcome = answerOf(await reader.get(`${v1}/policies/identitySecurityDefaultsEnforcementPolicy`));
    expect(outcome.status).toBe(403);
    expect(outcome.error).toMatchObject({
      kind: 'forbidden',
      code: 'Authorization_RequestDenied',
      missingPermission: 'Policy.Read.All',
    });
  });

  it('says a role is missing, not a permission, when the token holds the documented one', async () => {
    const { reader } = client({ 'GET /v1.0/policies/authorizationPolicy': { status: 403, body: denied } });
    const outcome = answerOf(await reader.get(`${v1}/policies/authorizationPolicy`));
    expect(outcome.error?.missingPermission).toBeNull();
    expect(outcome.error?.explanation).toContain('directory role');
  });

  it('classifies Request_ResourceNotFound as not found, whatever its message says', async () => {
    const { reader } = client({
      "GET /v1.0/applications(appId='0a1b')": {
        status: 404,
        body: { error: { code: 'Request_ResourceNotFound', message: 'Access denied (sic)' } },
      },
    });
    const outcome = answerOf(await reader.get(`${v1}/applications(appId='0a1b')`));
    expect(outcome.error).toMatchObject({ kind: 'not-found', code: 'Request_ResourceNotFound' });
  });
});

describe('Graph client: Retry-After on 429 and 503', () => {
  it('waits what Retry-After says, then answers', async () => {
    const { reader, sleeps } = client({
      'GET /v1.0/domains': [
        { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'TooManyRequests' } } },
        { status: 503, headers: { 'retry-after': '2' }, body: { error: { code: 'serviceNotAvailable' } } },
        { status: 200, body: { value: [] } },
      ],
    });
    const outcome = answerOf(await reader.get(`${v1}/domains`));
    expect(outcome.status).toBe(200);
    expect(sleeps).toEqual([7000, 2000]);
  });

  it('stops after the attempt budget and reports throttled', async () => {
    const { reader, sleeps, seen } = client(
      {
        'GET /v1.0/domains': {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { code: 'TooManyRequests' } },
        },
      },
      { maxAttempts: 3 },
    );
    const outcome = await reader.get(`${v1}/domains`);
    expect(outcome).toMatchObject({ kind: 'failure', cause: 'throttled' });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('reads Retry-After as an HTTP date too, and backs off exponentially without one', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(retryDelayMs('Tue, 01 Dec 2026 10:00:30 GMT', 0, now)).toBe(30_000);
    expect(retryDelayMs(undefined, 0, now)).toBe(1000);
    expect(retryDelayMs(undefined, 3, now)).toBe(8000);
  });
});

describe('Graph client: timeout', () => {
  it('aborts a request that does not answer within the bound and reports a timeout', async () => {
    const asked: number[] = [];
    const { reader } = client(
      { 'GET /v1.0/domains': 'hang' },
      {
        // An already-expired bound: the stand-in sees the abort at once, nothing waits for real time.
        timeoutSignal: (ms) => {
          asked.push(ms);
          return AbortSignal.abort(new DOMException('The operation timed out.', 'TimeoutError'));
        },
      },
    );
    const outcome = await reader.get(`${v1}/domains`);
    expect(outcome).toMatchObject({ kind: 'failure', cause: 'timeout' });
    expect(asked).toEqual([30_000]);
  });
});

describe('Graph client: paging', () => {
  it('follows @odata.nextLink and concatenates the pages’ values into one answer', async () => {
    const { reader, seen } = client({
      'GET /v1.0/users?$select=id': {
        status: 200,
        body: {
          '@odata.context': `${v1}/$metadata#users(id)`,
          value: [{ id: 'a' }],
          '@odata.nextLink': `${v1}/users?$select=id&$skiptoken=p2`,
        },
      },
      'GET /v1.0/users?$select=id&$skiptoken=p2': {
        status: 200,
        // A stand-in that names its own origin in the link is followed the same way.
        body: { value: [{ id: 'b' }], '@odata.nextLink': `${base}/v1.0/users?$select=id&$skiptoken=p3` },
      },
      'GET /v1.0/users?$select=id&$skiptoken=p3': { status: 200, body: { value: [{ id: 'c' }] } },
    });
    const outcome = answerOf(await reader.getAll(`${v1}/users?$select=id`));
    expect(outcome.body).toEqual({
      '@odata.context': `${v1}/$metadata#users(id)`,
      value: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    });
    expect(seen.map((request) => request.url)).toEqual([
      `${base}/v1.0/users?$select=id`,
      `${base}/v1.0/users?$select=id&$skiptoken=p2`,
      `${base}/v1.0/users?$select=id&$skiptoken=p3`,
    ]);
  });

  it('answers the failing page’s outcome when a later page fails', async () => {
    const { reader } = client({
      'GET /v1.0/users': {
        status: 200,
        body: { value: [{ id: 'a' }], '@odata.nextLink': `${v1}/users?$skiptoken=p2` },
      },
      'GET /v1.0/users?$skiptoken=p2': {
        status: 403,
        body: { error: { code: 'Authorization_RequestDenied' } },
      },
    });
    const outcome = answerOf(await reader.getAll(`${v1}/users`));
    expect(outcome.status).toBe(403);
  });
});

describe('Graph client: $batch', () => {
  const published = graphFixture('json-batching-response.json') as { responses: { id: string }[] };

  it('posts up to 20 relative GETs per version and answers each item in request order', async () => {
    const urls = [
      '/me/memberOf',
      '/me/planner/tasks',
      '/groups/0e22',
      '/users/161a',
      '/users?$select=id',
    ].map((path) => `${v1}${path}`);
    // Microsoft's published answer, delivered in reverse order: items are matched by id.
    const { reader, seen } = client({
      'POST /v1.0/$batch': { status: 200, body: { responses: [...published.responses].reverse() } },
    });
    const outcomes = await reader.batch(urls);
    expect(outcomes.map((outcome) => answerOf(outcome).status)).toEqual([200, 403, 403, 405, 200]);
    expect(outcomes.map((outcome) => outcome.request.url)).toEqual(urls);
    expect(answerOf(outcomes[2]).error).toMatchObject({
      kind: 'forbidden',
      code: 'Authorization_RequestDenied',
    });
    expect(answerOf(outcomes[1]).error).toMatchObject({ kind: 'forbidden', code: null });
    expect(seen[0]?.url).toBe(`${base}/v1.0/$batch`);
    expect(seen[0]?.body).toEqual({
      requests: urls.map((url, index) => ({
        id: String(index + 1),
        method: 'GET',
        url: url.slice(v1.length),
      })),
    });
  });

  it('splits 45 beta per-user reads into batches of 20, 20 and 5 on /beta/$batch', async () => {
    const requirements = graphFixture('authentication-requirements-response.json');
    const urls = Array.from({ length: 45 }, (_, i) => `${beta}/users/u${i}/authentication/requirements`);
    const standIn = graphStandIn({});
    const reader = createGraphClient({
      accessToken: () => Promise.resolve(fakeAccessToken(allScopes)),
      baseUrl: base,
      fetch: (url, init) => {
        const body = JSON.parse(init.body ?? '{}') as { requests: { id: string }[] };
        void standIn.fetch(url, init);
        return Promise.resolve(
          new Response(
            JSON.stringify({
              responses: body.requests.map((r) => ({ id: r.id, status: 200, body: requirements })),
            }),
            { status: 200 },
          ),
        );
      },
    });
    const outcomes = await reader.batch(urls);
    expect(outcomes.every((outcome) => answerOf(outcome).status === 200)).toBe(true);
    expect(standIn.seen.map((request) => (request.body as { requests: unknown[] }).requests.length)).toEqual([
      20, 20, 5,
    ]);
    expect(new Set(standIn.seen.map((request) => request.url))).toEqual(new Set([`${base}/beta/$batch`]));
  });

  it('sends throttled items again, alone, after the longest Retry-After among them', async () => {
    const { reader, seen, sleeps } = client({
      'POST /v1.0/$batch': [
        {
          status: 200,
          body: {
            responses: [
              { id: '1', status: 200, body: { id: 'first' } },
              {
                id: '2',
                status: 429,
                headers: { 'Retry-After': '3' },
                body: { error: { code: 'TooManyRequests' } },
              },
              {
                id: '3',
                status: 429,
                headers: { 'Retry-After': '5' },
                body: { error: { code: 'TooManyRequests' } },
              },
            ],
          },
        },
        {
          status: 200,
          body: {
            responses: [
              { id: '2', status: 200, body: { id: 'second' } },
              { id: '3', status: 200, body: { id: 'third' } },
            ],
          },
        },
      ],
    });
    const outcomes = await reader.batch([`${v1}/a`, `${v1}/b`, `${v1}/c`]);
    expect(outcomes.map((outcome) => answerOf(outcome).body)).toEqual([
      { id: 'first' },
      { id: 'second' },
      { id: 'third' },
    ]);
    expect(sleeps).toEqual([5000]);
    expect((seen[1]?.body as { requests: { id: string }[] }).requests.map((r) => r.id)).toEqual(['2', '3']);
  });

  it('reports an item still throttled after the budget as throttled, the others answered', async () => {
    const { reader } = client(
      {
        'POST /v1.0/$batch': {
          status: 200,
          body: {
            responses: [
              { id: '1', status: 200, body: { ok: true } },
              { id: '2', status: 429, headers: { 'Retry-After': '1' }, body: {} },
            ],
          },
        },
      },
      { maxAttempts: 2 },
    );
    const outcomes = await reader.batch([`${v1}/a`, `${v1}/b`]);
    expect(outcomes[0]?.kind).toBe('answer');
    expect(outcomes[1]).toMatchObject({ kind: 'failure', cause: 'throttled', request: { url: `${v1}/b` } });
  });
});
