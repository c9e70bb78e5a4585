import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import type { FetchLike } from '../../electron/tenant/graph-client';
import { fakeAccessToken } from './graph-stand-in';

/**
 * Entra's authorize and token endpoints and Graph, on 127.0.0.1 over HTTPS with a self-signed certificate made
 * for the test. The authorize endpoint answers as Entra does for response_mode=form_post (an auto-posting form to
 * the redirect URI); the token endpoint checks the PKCE verifier against the challenge; Graph checks the token.
 */

export interface EntraStandIn {
  host: string;
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
  /** MSAL's network client and the Graph client's fetch, both trusting the test's certificate only. */
  networkClient: INetworkModule;
  fetch: FetchLike;
  /** Every request the stand-in saw, as "METHOD path" (query left out). */
  seen: string[];
  tokenRequests: URLSearchParams[];
  /** The admin entering the code at microsoft.com/devicelogin. */
  approveDeviceCode(userCode: string): void;
  /** Acts as the browser: opens the authorize URL, then posts the form it answers to MSAL's loopback. */
  completeSignIn(authorizeUrl: string): Promise<string>;
  close(): Promise<void>;
}

export interface EntraStandInOptions {
  tenant: string;
  tenantId: string;
  username: string;
  grantedScopes: readonly string[];
  graphRoutes: Record<string, { status: number; body: unknown }>;
}

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'exready-entra-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const readBody = (stream: NodeJS.ReadableStream) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });

export async function startEntraStandIn(options: EntraStandInOptions): Promise<EntraStandIn> {
  const { key, cert } = selfSignedCertificate();
  const seen: string[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null }>();
  const issued = new Set<string>();
  const deviceCodes = new Map<string, { userCode: string; approved: boolean }>();
  const oid = randomUUID();
  let host = '';

  const idToken = (nonce: string | null) =>
    `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url({
      aud: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      iss: `${host}/${options.tenantId}/v2.0`,
      iat: Math.floor(Date.now() / 1000),
      nbf: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
      name: 'Exchange Admin',
      oid,
      preferred_username: options.username,
      sub: 'sub-1',
      tid: options.tenantId,
      ver: '2.0',
      ...(nonce === null ? {} : { nonce }),
    })}.`;
  const clientInfo = base64url({ uid: oid, utid: options.tenantId });

  const server: Server = createServer({ key, cert }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', host);
      seen.push(`${req.method} ${url.pathname}`);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && url.pathname === `/${options.tenant}/oauth2/v2.0/authorize`) {
        const p = url.searchParams;
        const redirectUri = p.get('redirect_uri') ?? '';
        if (
          p.get('response_type') !== 'code' ||
          p.get('code_challenge_method') !== 'S256' ||
          !/^http:\/\/localhost:\d+$/.test(redirectUri)
        ) {
          json(400, { error: 'invalid_request' });
          return;
        }
        const code = randomUUID();
        codes.set(code, { challenge: p.get('code_challenge') ?? '', redirectUri, nonce: p.get('nonce') });
        const fields = {
          code,
          state: p.get('state') ?? '',
          client_info: clientInfo,
          session_state: randomUUID(),
        };
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<html><body onload="document.forms[0].submit()"><form method="POST" action="${redirectUri}">${Object.entries(
            fields,
          )
            .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}" />`)
            .join('')}</form></body></html>`,
        );
        return;
      }
      const tokens = (nonce: string | null) => {
        const accessToken = fakeAccessToken(options.grantedScopes, { tid: options.tenantId, oid });
        issued.add(accessToken);
        return {
          token_type: 'Bearer',
          scope: options.grantedScopes.map((scope) => `https://graph.microsoft.com/${scope}`).join(' '),
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: accessToken,
          refresh_token: `refresh-${randomUUID()}`,
          id_token: idToken(nonce),
          client_info: clientInfo,
        };
      };
      if (req.method === 'POST' && url.pathname === `/${options.tenant}/oauth2/v2.0/devicecode`) {
        const deviceCode = randomUUID();
        const userCode = `EXR${deviceCodes.size + 1}`;
        deviceCodes.set(deviceCode, { userCode, approved: false });
        // As Entra answers (interval 5 s); the test approves before MSAL's first poll, so nothing waits.
        json(200, {
          user_code: userCode,
          device_code: deviceCode,
          verification_uri: 'https://microsoft.com/devicelogin',
          expires_in: 900,
          interval: 5,
          message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
        });
        return;
      }
      if (req.method === 'POST' && url.pathname === `/${options.tenant}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(await readBody(req));
        tokenRequests.push(form);
        if (
          form.get('grant_type') === 'device_code' ||
          form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code'
        ) {
          const pending = deviceCodes.get(form.get('device_code') ?? '');
          if (pending === undefined) json(400, { error: 'expired_token', error_codes: [70020] });
          else if (!pending.approved) json(400, { error: 'authorization_pending', error_codes: [70016] });
          else json(200, tokens(null));
          return;
        }
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          form.get('grant_type') !== 'authorization_code' ||
          grant === undefined ||
          createHash('sha256').update(verifier).digest('base64url') !== grant.challenge ||
          form.get('redirect_uri') !== grant.redirectUri
        ) {
          json(400, {
            error: 'invalid_grant',
            error_codes: [70008],
            error_description: 'AADSTS70008: stand-in refused the code',
          });
          return;
        }
        codes.delete(form.get('code') ?? '');
        json(200, tokens(grant.nonce));
        return;
      }
      const batch = /^\/(v1\.0|beta)\/\$batch$/.exec(url.pathname);
      if (req.method === 'POST' && batch !== null) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (bearer === undefined || !issued.has(bearer)) {
          json(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
          return;
        }
        const { requests } = JSON.parse(await readBody(req)) as {
          requests: { id: string; method: string; url: string }[];
        };
        json(200, {
          responses: requests.map((item) => {
            const hit = options.graphRoutes[`${item.method} /${batch[1]}${item.url}`];
            return hit === undefined
              ? {
                  id: item.id,
                  status: 404,
                  body: { error: { code: 'Request_ResourceNotFound', message: 'no such stand-in route' } },
                }
              : {
                  id: item.id,
                  status: hit.status,
                  headers: { 'Content-Type': 'application/json' },
                  body: hit.body,
                };
          }),
        });
        return;
      }
      const route = options.graphRoutes[`${req.method} ${url.pathname}${url.search}`];
      if (route !== undefined) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (bearer === undefined || !issued.has(bearer)) {
          json(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
          return;
        }
        json(route.status, route.body);
        return;
      }
      json(404, { error: { code: 'Request_ResourceNotFound', message: 'no such stand-in route' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authority = `${host}/${options.tenant}`;

  const send = (url: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; headers: Record<string, string>; text: string }>((resolve, reject) => {
      const target = new URL(url);
      const call = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = call(
        target,
        {
          method,
          headers: {
            ...headers,
            ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          },
          ca: cert,
        },
        (res) => {
          void readBody(res).then((text) => {
            const flat: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (typeof value === 'string') flat[name] = value;
            resolve({ status: res.statusCode ?? 0, headers: flat, text });
          }, reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const asNetworkResponse = <T>(answer: {
    status: number;
    headers: Record<string, string>;
    text: string;
  }): NetworkResponse<T> => ({
    status: answer.status,
    headers: answer.headers,
    body: (answer.text === '' ? {} : JSON.parse(answer.text)) as T,
  });

  return {
    host,
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${host}/${options.tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${host}/${options.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'oid',
      ],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: new URL(host).host,
          preferred_cache: new URL(host).host,
          aliases: [new URL(host).host],
        },
      ],
    }),
    networkClient: {
      sendGetRequestAsync: async <T>(url: string, request?: { headers?: Record<string, string> }) =>
        asNetworkResponse<T>(await send(url, 'GET', request?.headers ?? {})),
      sendPostRequestAsync: async <T>(
        url: string,
        request?: { headers?: Record<string, string>; body?: string },
      ) => asNetworkResponse<T>(await send(url, 'POST', request?.headers ?? {}, request?.body)),
    },
    fetch: async (url, init) => {
      const answer = await send(url, init.method, init.headers, init.body);
      return new Response(answer.text, { status: answer.status, headers: answer.headers });
    },
    seen,
    tokenRequests,
    approveDeviceCode(userCode) {
      for (const pending of deviceCodes.values()) if (pending.userCode === userCode) pending.approved = true;
    },
    async completeSignIn(authorizeUrl) {
      const page = await send(authorizeUrl, 'GET', {});
      const action = /action="([^"]+)"/.exec(page.text)?.[1];
      if (page.status !== 200 || action === undefined)
        throw new Error(`authorize answered ${page.status}: ${page.text}`);
      const form = new URLSearchParams();
      for (const match of page.text.matchAll(/name="([^"]+)" value="([^"]*)"/g))
        form.set(match[1] ?? '', match[2] ?? '');
      const posted = await send(
        action,
        'POST',
        { 'content-type': 'application/x-www-form-urlencoded' },
        form.toString(),
      );
      return posted.text;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
