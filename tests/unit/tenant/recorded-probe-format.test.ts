import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProbeResponseNotRecorded } from '../../../electron/tenant/ews/probe-not-recorded';
import { probeReplayTransport } from '../../../electron/tenant/ews/replay-ews-probe';
import { recordingGraphReader } from '../../../electron/tenant/graph-recorder';
import type { GraphReader } from '../../../electron/tenant/graph-reader';
import {
  parseRecordedResponses,
  RecordedResponsesError,
} from '../../../electron/tenant/recorded-responses-file';
import { recordedResponsesFormat, type RecordedResponse } from '../../../shared/tenant/recorded-responses';

const handWritten = fileURLToPath(
  new URL('../../fixtures/ews-rules/hand-written-erp-tenant.json', import.meta.url),
);
const tokenUrl = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token';
const ewsUrl = 'https://outlook.office365.com/EWS/Exchange.asmx';
const file = (responses: unknown[]) =>
  JSON.stringify({
    format: recordedResponsesFormat,
    tenant: 'contoso.onmicrosoft.com',
    recordedAt: '2026-12-01T10:00:00Z',
    responses,
  });

describe('the recorded-responses format with the probe’s answers', () => {
  it('still reads a file written before (no headers, claims or timing)', () => {
    const recording = parseRecordedResponses(
      readFileSync(handWritten, 'utf8'),
      'hand-written-erp-tenant.json',
    );
    expect(recording.responses.length).toBeGreaterThan(0);
    expect(recording.responses.every((r) => r.claims === undefined && r.elapsedMs === undefined)).toBe(true);
  });

  it('reads a POST with a text body, claims and timing', () => {
    const recording = parseRecordedResponses(
      file([
        {
          method: 'POST',
          url: tokenUrl,
          status: 200,
          body: { access_token: '(masked)' },
          claims: { aud: 'https://outlook.office365.com', roles: ['full_access_as_app'] },
          receivedAt: '2026-12-01T09:59:58.123Z',
          elapsedMs: 0,
        },
        {
          method: 'POST',
          url: ewsUrl,
          status: 200,
          headers: { 'request-id': 'r-1' },
          body: '<soap:Envelope/>',
          elapsedMs: 40,
        },
      ]),
      'probe.json',
    );
    expect(recording.responses[1]?.body).toBe('<soap:Envelope/>');
    expect(recording.responses[0]?.claims).toEqual({
      aud: 'https://outlook.office365.com',
      roles: ['full_access_as_app'],
    });
  });

  it('refuses bad timing with the file and the JSON path named', () => {
    expect(() =>
      parseRecordedResponses(
        file([{ method: 'POST', url: ewsUrl, status: 200, body: '', elapsedMs: -1 }]),
        'bad.json',
      ),
    ).toThrow(RecordedResponsesError);
    expect(() =>
      parseRecordedResponses(
        file([{ method: 'POST', url: ewsUrl, status: 200, body: '', receivedAt: 'yesterday' }]),
        'bad.json',
      ),
    ).toThrow(/^bad\.json: .*responses.*0.*receivedAt/);
  });
});

describe('the recorder keeps the probe’s answers in order, masked again', () => {
  const noGraph: GraphReader = {
    get: () => Promise.reject(new Error('unused')),
    getAll: () => Promise.reject(new Error('unused')),
    batch: () => Promise.reject(new Error('unused')),
  };
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sifQ.c2lnbmF0dXJl';

  it('masks tokens and known secrets in JSON, text bodies and headers; keeps the error JSON and every attempt', () => {
    const recorder = recordingGraphReader(noGraph, {
      path: 'unused.json',
      tenant: 'contoso.onmicrosoft.com',
      now: () => new Date('2026-12-01T10:00:00Z'),
      knownSecrets: () => ['graph-token-value-123456'],
    });
    const error = { error: 'invalid_client', error_codes: [7000215], trace_id: 't-1', correlation_id: 'c-1' };
    const answers: RecordedResponse[] = [
      { method: 'POST', url: tokenUrl, status: 401, body: error },
      {
        method: 'POST',
        url: tokenUrl,
        status: 200,
        body: { access_token: jwt, refresh_token: 'r-value-0123456789' },
        claims: { aud: 'https://outlook.office365.com' },
      },
      {
        method: 'POST',
        url: ewsUrl,
        status: 403,
        headers: { 'x-ms-diagnostics': `2000003;token=${jwt}` },
        body: `<x>${jwt} graph-token-value-123456</x>`,
      },
      { method: 'POST', url: ewsUrl, status: 200, body: '<ok/>' },
    ];
    recorder.append(answers);
    const { responses } = recorder.recording();
    expect(responses.map((r) => r.status)).toEqual([401, 200, 403, 200]);
    expect(responses[0]?.body).toEqual(error);
    expect(responses[1]?.body).toEqual({ access_token: '(masked)', refresh_token: '(masked)' });
    expect(responses[1]?.claims).toEqual({ aud: 'https://outlook.office365.com' });
    const text = JSON.stringify(responses);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('graph-token-value-123456');
    expect(responses[2]?.headers?.['x-ms-diagnostics']).toBe('2000003;token=(masked)');
  });
});

describe('the replay transport', () => {
  const recording = parseRecordedResponses(
    file([
      {
        method: 'POST',
        url: tokenUrl,
        status: 200,
        body: { access_token: '(masked)' },
        receivedAt: '2026-12-01T09:59:00.000Z',
        elapsedMs: 0,
      },
      { method: 'POST', url: ewsUrl, status: 403, body: '', elapsedMs: 5 },
      { method: 'POST', url: tokenUrl, status: 200, body: { access_token: '(masked)' }, elapsedMs: 10_005 },
      { method: 'POST', url: ewsUrl, status: 200, body: '<ok/>', elapsedMs: 10_010 },
    ]),
    'probe.json',
  );

  it('answers each request with its next recorded answer and follows the recorded time line', async () => {
    const { fetch, clock, endpoints } = probeReplayTransport(recording);
    expect(endpoints).toEqual({ loginBaseUrl: 'https://login.microsoftonline.com', ewsUrl });
    const start = Date.parse('2026-12-01T09:59:00.000Z');
    expect(clock.now()).toBe(start);
    expect((await fetch(tokenUrl, { method: 'POST' })).status).toBe(200);
    expect((await fetch(ewsUrl, { method: 'POST' })).status).toBe(403);
    expect(clock.now()).toBe(start + 5);
    await clock.sleep(10_000);
    expect((await fetch(tokenUrl, { method: 'POST' })).status).toBe(200);
    const second = await fetch(ewsUrl, { method: 'POST' });
    expect([second.status, await second.text()]).toEqual([200, '<ok/>']);
    expect(clock.now()).toBe(start + 10_010);
    const missing = await fetch(ewsUrl, { method: 'POST' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(ProbeResponseNotRecorded);
    expect(String((missing as Error).message)).toBe(
      `the recording holds no response for POST ${ewsUrl} (attempt 3)`,
    );
  });
});
