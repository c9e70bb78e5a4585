import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../electron/tenant/graph-client';
import { maskedValue, recordingGraphReader } from '../../../electron/tenant/graph-recorder';
import type { GraphReader } from '../../../electron/tenant/graph-reader';
import { RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { fakeAccessToken, graphFixture, graphStandIn } from '../../helpers/graph-stand-in';
import { useTempDirs } from '../../helpers/temp-dir';

const v1 = 'https://graph.microsoft.com/v1.0';
const beta = 'https://graph.microsoft.com/beta';
const token = fakeAccessToken(['Application.Read.All']);

function liveOver(routes: Parameters<typeof graphStandIn>[0]): GraphReader {
  return createGraphClient({
    accessToken: () => Promise.resolve(token),
    fetch: graphStandIn(routes).fetch,
    baseUrl: 'http://127.0.0.1:9',
    sleep: () => Promise.resolve(),
  });
}

describe('recorder', () => {
  const tempDir = useTempDirs('graph-recorder');
  const password = graphFixture('application-addpassword-response.json') as Record<string, unknown>;
  const application = {
    id: '03ef14b0-ca33-4840-8f4f-d6e91916010e',
    appId: '631a96bc-a705-4eda-9f99-fdaf9f54f6a2',
    displayName: 'Provisioning',
    passwordCredentials: [password],
    keyCredentials: [
      {
        keyId: 'k1',
        type: 'AsymmetricX509Cert',
        key: 'MIIC0DCCAbigAwIBAgIQ',
        endDateTime: '2027-01-01T00:00:00Z',
      },
    ],
  };

  it('writes every answer masked: secretText, hint, key and JWT-shaped strings, never the token', async () => {
    const dir = await tempDir();
    const path = join(dir, 'recorded.json');
    const recorder = recordingGraphReader(
      liveOver({
        "GET /v1.0/applications(appId='631a96bc-a705-4eda-9f99-fdaf9f54f6a2')": {
          status: 200,
          headers: { 'request-id': 'r-9', 'set-cookie': 'x=1' },
          body: application,
        },
        'GET /v1.0/domains': {
          status: 200,
          body: { value: [{ id: 'contoso.com', note: `leaked ${token}` }] },
        },
      }),
      { path, tenant: 'contoso.onmicrosoft.com', now: () => new Date('2026-12-01T10:00:00Z') },
    );
    await recorder.get(`${v1}/applications(appId='631a96bc-a705-4eda-9f99-fdaf9f54f6a2')`);
    await recorder.getAll(`${v1}/domains`);
    await recorder.save();

    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('[6gyXA5S20@MN+WRXAJ]I-TO7g1:h2P8');
    expect(text).not.toContain('"[6g"');
    expect(text).not.toContain('MIIC0DCCAbigAwIBAgIQ');
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain('set-cookie');
    const file = RecordedResponses.parse(JSON.parse(text));
    expect(file).toMatchObject({
      format: 'exready-recorded-responses/1',
      tenant: 'contoso.onmicrosoft.com',
      recordedAt: '2026-12-01T10:00:00.000Z',
    });
    const app = file.responses[0];
    expect(app?.headers).toEqual({ 'request-id': 'r-9' });
    // What the rules judge stays: expiry dates, key ids, names.
    expect(app?.body).toMatchObject({
      passwordCredentials: [
        {
          endDateTime: '2021-09-09T19:50:29.3086381Z',
          keyId: 'f0b0b335-1d71-4883-8f98-567911bfdca6',
          secretText: maskedValue,
          hint: maskedValue,
        },
      ],
      keyCredentials: [{ key: maskedValue, endDateTime: '2027-01-01T00:00:00Z' }],
    });
    expect(file.responses[1]?.body).toEqual({
      value: [{ id: 'contoso.com', note: `leaked ${maskedValue}` }],
    });
  });

  it('records a $batch as its items, each under its own URL, and keeps Graph’s error codes', async () => {
    const dir = await tempDir();
    const recorder = recordingGraphReader(
      liveOver({
        'POST /beta/$batch': {
          status: 200,
          body: {
            responses: [
              { id: '1', status: 200, body: graphFixture('authentication-requirements-response.json') },
              {
                id: '2',
                status: 404,
                body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } },
              },
            ],
          },
        },
      }),
      { path: join(dir, 'r.json'), tenant: 'contoso.onmicrosoft.com' },
    );
    await recorder.batch([
      `${beta}/users/u1/authentication/requirements`,
      `${beta}/users/u2/authentication/requirements`,
    ]);
    const { responses } = recorder.recording();
    expect(responses.map((response) => [response.url, response.status])).toEqual([
      [`${beta}/users/u1/authentication/requirements`, 200],
      [`${beta}/users/u2/authentication/requirements`, 404],
    ]);
    expect(responses[0]?.body).toEqual({ perUserMfaState: 'enforced' });
    expect(responses[1]?.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('leaves out what had no answer (the replay reports it missing) and writes nothing before save', async () => {
    const dir = await tempDir();
    const recorder = recordingGraphReader(liveOver({ 'GET /v1.0/domains': 'hang' }), {
      path: join(dir, 'r.json'),
      tenant: 't',
    });
    const failing = createGraphClient({
      accessToken: () => Promise.reject(new Error('no account')),
      fetch: graphStandIn({}).fetch,
    });
    const wrapped = recordingGraphReader(failing, { path: join(dir, 'r.json'), tenant: 't' });
    await wrapped.get(`${v1}/domains`);
    expect(wrapped.recording().responses).toEqual([]);
    expect(recorder.recording().responses).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
