import { describe, expect, it } from 'vitest';
import { graphRequestKey } from '../../../electron/tenant/graph-request-key';
import { parseRecordedResponses } from '../../../electron/tenant/recorded-responses-file';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import {
  recordedResponsesFormat,
  type RecordedResponse,
  type RecordedResponses,
} from '../../../shared/tenant/recorded-responses';

const v1 = 'https://graph.microsoft.com/v1.0';
const recording = (responses: RecordedResponse[]): RecordedResponses => ({
  format: recordedResponsesFormat,
  tenant: 'contoso.onmicrosoft.com',
  recordedAt: '2026-12-01T10:00:00Z',
  responses,
});
const ok = (url: string, body: RecordedResponse['body']): RecordedResponse => ({
  method: 'GET',
  url,
  status: 200,
  body,
});

describe('graphRequestKey', () => {
  it('ignores the order of query parameters, the case of names and the $ prefix', () => {
    expect(graphRequestKey('GET', `${v1}/users?$top=5&$select=id,userPrincipalName`)).toBe(
      graphRequestKey('get', `${v1}/Users?SELECT=id,userPrincipalName&$Top=5`),
    );
  });

  it('treats encoded and plain quotes and spaces alike, but keeps values distinct', () => {
    const plain = graphRequestKey('GET', `${v1}/oauth2PermissionGrants?$filter=clientId eq 'abc'`);
    expect(graphRequestKey('GET', `${v1}/oauth2PermissionGrants?%24filter=clientId%20eq%20%27abc%27`)).toBe(
      plain,
    );
    expect(graphRequestKey('GET', `${v1}/oauth2PermissionGrants?$filter=clientId eq 'abd'`)).not.toBe(plain);
  });

  it('keeps v1.0 and beta apart', () => {
    expect(graphRequestKey('GET', `${v1}/users/1/authentication/requirements`)).not.toBe(
      graphRequestKey('GET', 'https://graph.microsoft.com/beta/users/1/authentication/requirements'),
    );
  });
});

describe('ReplayGraphReader', () => {
  it('answers a recorded request with its status, headers and body', async () => {
    const reader = new ReplayGraphReader(
      recording([
        { ...ok(`${v1}/domains/contoso.com`, { id: 'contoso.com' }), headers: { 'request-id': 'r1' } },
      ]),
    );
    const outcome = await reader.get(`${v1}/domains/Contoso.com`);
    expect(outcome).toMatchObject({ kind: 'answer', status: 200, headers: { 'request-id': 'r1' } });
  });

  it('reports a request the recording does not hold as missing, naming it', async () => {
    const reader = new ReplayGraphReader(recording([]));
    expect(await reader.get(`${v1}/policies/authorizationPolicy`)).toEqual({
      kind: 'missing',
      request: { method: 'GET', url: `${v1}/policies/authorizationPolicy` },
    });
  });

  it('follows @odata.nextLink pages into one answer', async () => {
    const next = `${v1}/users?$skiptoken=page2`;
    const reader = new ReplayGraphReader(
      recording([
        ok(`${v1}/users`, { value: [{ id: '1' }], '@odata.nextLink': next }),
        ok(next, { value: [{ id: '2' }] }),
      ]),
    );
    const outcome = await reader.getAll(`${v1}/users`);
    expect(outcome.kind === 'answer' && outcome.body).toEqual({ value: [{ id: '1' }, { id: '2' }] });
  });

  it('is missing (naming the page) when a next page was not recorded', async () => {
    const next = `${v1}/users?$skiptoken=page2`;
    const reader = new ReplayGraphReader(
      recording([ok(`${v1}/users`, { value: [], '@odata.nextLink': next })]),
    );
    expect(await reader.getAll(`${v1}/users`)).toMatchObject({ kind: 'missing', request: { url: next } });
  });

  it('stops a nextLink loop instead of hanging', async () => {
    const reader = new ReplayGraphReader(
      recording([ok(`${v1}/users`, { value: [], '@odata.nextLink': `${v1}/users` })]),
    );
    expect(await reader.getAll(`${v1}/users`)).toMatchObject({ kind: 'failure' });
  });

  it('matches $batch sub-requests one by one, in request order', async () => {
    const beta = 'https://graph.microsoft.com/beta';
    const reader = new ReplayGraphReader(
      recording([ok(`${beta}/users/2/authentication/requirements`, { perUserMfaState: 'disabled' })]),
    );
    const outcomes = await reader.batch([
      `${beta}/users/1/authentication/requirements`,
      `${beta}/users/2/authentication/requirements`,
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['missing', 'answer']);
  });
});

describe('parseRecordedResponses', () => {
  const valid = recording([ok(`${v1}/domains/contoso.com`, {})]);

  it('reads a valid file', () => {
    expect(parseRecordedResponses(JSON.stringify(valid), 'rec.json').tenant).toBe('contoso.onmicrosoft.com');
  });

  it('names the file and the JSON path of a bad field', () => {
    const bad = { ...valid, responses: [{ ...valid.responses[0], url: 'not a url' }] };
    expect(() => parseRecordedResponses(JSON.stringify(bad), 'rec.json')).toThrow(
      /^rec\.json: \$\.responses\[0\]\.url: /,
    );
  });

  it('names the line and column of broken JSON', () => {
    expect(() => parseRecordedResponses('{\n  "format": ,\n}', 'rec.json')).toThrow(
      /^rec\.json:2:\d+: is not valid JSON/,
    );
  });

  it('refuses another format', () => {
    expect(() => parseRecordedResponses(JSON.stringify({ ...valid, format: 'har/1.2' }), 'rec.json')).toThrow(
      /\$\.format/,
    );
  });
});
