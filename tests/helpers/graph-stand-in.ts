import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchLike } from '../../electron/tenant/graph-client';

/** One of Microsoft's published Graph answers in tests/fixtures/graph-client (see SOURCES.md there). */
export function graphFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'graph-client', name), 'utf8')) as unknown;
}

/** An unsigned JWT-shaped access token with the given delegated scopes, as Entra's carry them in `scp`. */
export function fakeAccessToken(scopes: readonly string[], extra: Record<string, unknown> = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part({ aud: 'https://graph.microsoft.com', scp: scopes.join(' '), ...extra })}.c2lnbmF0dXJl`;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

/**
 * A Graph stand-in behind the client's fetch: answers per "METHOD path?query" from queues (the last answer
 * repeats), records every request, and a 'hang' reply waits until the request's signal aborts.
 */
export function graphStandIn(routes: Record<string, Reply | Reply[]>) {
  const seen: SeenRequest[] = [];
  const queues = new Map(
    Object.entries(routes).map(([key, reply]) => [key, Array.isArray(reply) ? [...reply] : [reply]]),
  );
  const fetch: FetchLike = (url, init) => {
    const parsed = new URL(url);
    const key = `${init.method} ${parsed.pathname}${parsed.search}`;
    seen.push({
      method: init.method,
      url,
      headers: init.headers,
      body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
    });
    const queue = queues.get(key);
    const reply = queue === undefined ? undefined : queue.length > 1 ? queue.shift() : queue[0];
    if (reply === 'hang')
      return new Promise((_resolve, reject) => {
        if (init.signal.aborted) reject(init.signal.reason as Error);
        init.signal.addEventListener('abort', () => reject(init.signal.reason as Error));
      });
    const answer = reply ?? {
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: `no route ${key}` } },
    };
    return Promise.resolve(
      new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json', ...answer.headers },
      }),
    );
  };
  return { fetch, seen };
}
