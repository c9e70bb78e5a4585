import type { LookupFunction } from 'node:net';
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { worstStatus } from '../../shared/checks/check-result';
import type {
  HealthProbe,
  WebAppProbe,
  WebProbeHop,
  WebProbeResult,
} from '../../shared/prove/web-probe-result';
import {
  classifyConnectionError,
  type WebProbeApp,
  type WebProbeClass,
  webProbeClasses,
  webProbeStatus,
} from '../../shared/prove/web-probe-classes';

export type { WebProbeResult } from '../../shared/prove/web-probe-result';

export interface WebProbeOptions {
  /** The Exchange server's FQDN, as the certificate must name it. */
  server: string;
  apps?: readonly WebProbeApp[];
  /** Hosts a redirect to which means the MFA module handed the user to the identity provider. */
  idpHosts: readonly string[];
  /** Whether the MFA module should be active (after an apply: yes); null when nobody knows. */
  expectModule: boolean | null;
  port?: number;
  /** Extra trusted roots (tests); the system's roots otherwise. Certificate errors are reported, never ignored. */
  ca?: string | Buffer;
  /** Name resolution (tests map the server's name to 127.0.0.1). */
  lookup?: LookupFunction;
  timeoutMs?: number;
  maxRedirects?: number;
}

interface Answer {
  httpStatus: number;
  headers: IncomingHttpHeaders;
  body: string;
}

class ConnectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bodyLimit = 64 * 1024;

function getOnce(url: URL, options: WebProbeOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { 'user-agent': 'ExReady web probe', accept: 'text/html' },
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
        servername: url.hostname,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < bodyLimit) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            httpStatus: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8').slice(0, bodyLimit),
          }),
        );
        response.on('error', (error: NodeJS.ErrnoException) =>
          reject(new ConnectionError(error.code ?? 'ECONNRESET', error.message)),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () =>
      req.destroy(
        Object.assign(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(new ConnectionError(error.code ?? 'UNKNOWN', error.message)),
    );
    req.end();
  });
}

const isErrorFe = (url: URL) =>
  url.pathname.toLowerCase() === '/owa/auth/errorfe.aspx' && url.searchParams.get('httpCode') === '500';
const isFormsLogon = (url: URL) => url.pathname.toLowerCase() === '/owa/auth/logon.aspx';

function appProbe(
  app: WebProbeApp,
  url: string,
  probeClass: WebProbeClass,
  details: { hops: WebProbeHop[]; error: WebAppProbe['error']; started: number },
  expectModule: boolean | null,
): WebAppProbe {
  const info = webProbeClasses[probeClass];
  return {
    app,
    url,
    probeClass,
    status: webProbeStatus(probeClass, expectModule),
    meaning: info.meaning,
    remedy: info.remedy,
    predictedBy: info.predictedBy.map((checkId) => checkId.replace('{app}', app)),
    hops: details.hops,
    error: details.error,
    durationMs: Math.round(performance.now() - details.started),
  };
}

// Follows redirects itself (bounded) so it can stop at errorFE, the sign-in page or the IdP, and name each hop.
async function probeApp(app: WebProbeApp, options: WebProbeOptions): Promise<WebAppProbe> {
  const start = new URL(`https://${options.server}:${options.port ?? 443}/${app}/`);
  const idp = new Set(options.idpHosts.map((host) => host.toLowerCase()));
  const hops: WebProbeHop[] = [];
  const started = performance.now();
  const done = (probeClass: WebProbeClass, error: WebAppProbe['error'] = null) =>
    appProbe(app, start.href, probeClass, { hops, error, started }, options.expectModule);
  let current = start;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop += 1) {
    let answer: Answer;
    try {
      answer = await getOnce(current, options);
    } catch (error) {
      const { code, message } =
        error instanceof ConnectionError ? error : new ConnectionError('UNKNOWN', String(error));
      return done(classifyConnectionError(code), { code, message });
    }
    const location = typeof answer.headers.location === 'string' ? answer.headers.location : null;
    hops.push({ url: current.href, httpStatus: answer.httpStatus, location });
    if (answer.httpStatus >= 300 && answer.httpStatus < 400 && location !== null) {
      const next = new URL(location, current);
      if (isErrorFe(next)) return done('error-fe-500');
      if (idp.has(next.hostname.toLowerCase())) return done('idp-redirect');
      if (isFormsLogon(next)) return done('forms-logon');
      // Only this server's own pages are followed: the probe never wanders to another site.
      if (next.hostname.toLowerCase() !== start.hostname.toLowerCase()) return done('external-redirect');
      current = next;
      continue;
    }
    if (isErrorFe(current)) return done('error-fe-500');
    // 401 is Windows authentication asking who the caller is: the app is up.
    return done(answer.httpStatus < 400 || answer.httpStatus === 401 ? 'answered' : 'http-error');
  }
  return done('too-many-redirects');
}

// Managed Availability's page: "200 OK<br/>SERVER" while the app's health set is healthy.
async function probeHealth(app: WebProbeApp, options: WebProbeOptions): Promise<HealthProbe> {
  const url = new URL(`https://${options.server}:${options.port ?? 443}/${app}/healthcheck.htm`);
  try {
    const answer = await getOnce(url, options);
    const excerpt = answer.body.slice(0, 100);
    const healthy = answer.httpStatus === 200 && excerpt.startsWith('200 OK');
    return {
      app,
      url: url.href,
      status: healthy ? 'pass' : 'fail',
      httpStatus: answer.httpStatus,
      excerpt,
      error: null,
    };
  } catch (error) {
    const { code, message } =
      error instanceof ConnectionError ? error : new ConnectionError('UNKNOWN', String(error));
    const status = webProbeClasses[classifyConnectionError(code)].status;
    return { app, url: url.href, status, httpStatus: null, excerpt: null, error: { code, message } };
  }
}

/** Probes OWA and ECP from the jump host the way a browser reaches them, and their health check pages. */
export async function probeWebApps(
  options: WebProbeOptions,
  now: () => Date = () => new Date(),
): Promise<WebProbeResult> {
  const apps = options.apps ?? ['owa', 'ecp'];
  const at = now().toISOString();
  const probes = await Promise.all(apps.map((app) => probeApp(app, options)));
  const health = await Promise.all(apps.map((app) => probeHealth(app, options)));
  return {
    server: options.server,
    at,
    simulated: false,
    status: worstStatus([...probes.map((probe) => probe.status), ...health.map((item) => item.status)]),
    apps: probes,
    health,
  };
}
