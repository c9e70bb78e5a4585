import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// A local HTTPS stand-in for login.microsoftonline.com and outlook.office365.com/EWS on 127.0.0.1.

const fixtures = fileURLToPath(new URL('../fixtures/ews/', import.meta.url));
export const getFolderSuccessXml = readFileSync(join(fixtures, 'getfolder-success.xml'), 'utf8');
export const getFolderErrorXml = readFileSync(join(fixtures, 'getfolder-error.xml'), 'utf8');
export const tokenErrorExample = JSON.parse(
  readFileSync(join(fixtures, 'token-error-70011.json'), 'utf8'),
) as Record<string, unknown>;

export interface StandinRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandinAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type StandinHandler = (request: StandinRequest, count: number) => StandinAnswer;

export interface EwsStandin {
  loginBaseUrl: string;
  ewsUrl: string;
  /** PEM of the self-signed certificate, and its file (for NODE_EXTRA_CA_CERTS). */
  ca: string;
  caFile: string;
  tokenRequests: StandinRequest[];
  ewsRequests: StandinRequest[];
  onToken(handler: StandinHandler): void;
  onEws(handler: StandinHandler): void;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made for this test run only. */
export async function makeCertificate(dir: string): Promise<{ key: string; cert: string; certFile: string }> {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}

/** An unsigned JWT with these claims: the probe decodes, EWS (here the stand-in) would validate. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256', x5t: 'stand-in' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export async function startEwsStandin(dir: string): Promise<EwsStandin> {
  const { key, cert, certFile } = await makeCertificate(dir);
  const tokenRequests: StandinRequest[] = [];
  const ewsRequests: StandinRequest[] = [];
  let tokenHandler: StandinHandler = () => ({ status: 500, body: 'no token handler' });
  let ewsHandler: StandinHandler = () => ({ status: 500, body: 'no EWS handler' });
  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: StandinRequest = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      let answer: StandinAnswer;
      if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(seen.path)) {
        tokenRequests.push(seen);
        answer = tokenHandler(seen, tokenRequests.length);
      } else if (req.method === 'POST' && seen.path === '/EWS/Exchange.asmx') {
        ewsRequests.push(seen);
        answer = ewsHandler(seen, ewsRequests.length);
      } else {
        answer = { status: 404, body: '' };
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    loginBaseUrl: `https://127.0.0.1:${port}`,
    ewsUrl: `https://127.0.0.1:${port}/EWS/Exchange.asmx`,
    ca: cert,
    caFile: certFile,
    tokenRequests,
    ewsRequests,
    onToken: (handler) => {
      tokenHandler = handler;
    },
    onEws: (handler) => {
      ewsHandler = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `fetch` over node:https trusting only this CA: real TLS to the stand-in, no global trust changed. */
export function fetchTrusting(ca: string): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init?.body === 'string' ? init.body : '';
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init?.method ?? 'GET', headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') answerHeaders.set(name, value);
          }
          resolve(
            new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: answerHeaders }),
          );
        });
      });
      req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      req.end(body);
    });
  };
}

/** The OAuth `error` Entra sends with each AADSTS code (as its documentation and sign-in logs show). */
const oauthErrorFor: Record<number, string> = {
  7000215: 'invalid_client',
  7000222: 'invalid_client',
  700016: 'unauthorized_client',
  90002: 'invalid_request',
  500011: 'invalid_resource',
  650057: 'invalid_client',
  7000218: 'invalid_client',
  700025: 'invalid_client',
  70011: 'invalid_scope',
};

/** Microsoft's documented token error example, varied to carry this AADSTS code. */
export function tokenErrorAnswer(code: number, extraDescription = ''): StandinAnswer {
  const traceId = `trace-${code}`;
  const correlationId = `correlation-${code}`;
  const body = {
    ...tokenErrorExample,
    error: oauthErrorFor[code] ?? 'invalid_grant',
    error_description: `AADSTS${code}: stand-in description.${extraDescription}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: 2026-12-02 10:00:00Z`,
    error_codes: [code],
    timestamp: '2026-12-02 10:00:00Z',
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  const status = body.error === 'invalid_client' ? 401 : 400;
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function tokenSuccessAnswer(claims: Record<string, unknown>): StandinAnswer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: fakeJwt(claims) }),
  };
}

const ewsHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'text/xml; charset=utf-8',
  'request-id': 'b1f0e5a2-1111-4c3d-9e8f-000000000001',
  'x-backendhttpstatus': '200',
  ...extra,
});

export function ewsSuccessAnswer(): StandinAnswer {
  return { status: 200, headers: ewsHeaders(), body: getFolderSuccessXml };
}

/** Microsoft's GetFolder error example, varied to carry this ResponseCode. */
export function ewsResponseCodeAnswer(responseCode: string): StandinAnswer {
  const body = getFolderErrorXml
    .replace(
      '<m:ResponseCode>ErrorInvalidIdMalformed</m:ResponseCode>',
      `<m:ResponseCode>${responseCode}</m:ResponseCode>`,
    )
    .replace(
      '<m:MessageText>Id is malformed.</m:MessageText>',
      '<m:MessageText>Stand-in message.</m:MessageText>',
    );
  return { status: 200, headers: ewsHeaders(), body };
}

export function ewsStatusAnswer(status: number, diagnostics?: string): StandinAnswer {
  const extra: Record<string, string> = { 'x-backendhttpstatus': String(status) };
  if (diagnostics !== undefined) extra['x-ms-diagnostics'] = diagnostics;
  return { status, headers: ewsHeaders(extra), body: '' };
}
