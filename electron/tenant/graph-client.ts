import { classifyGraphError } from '../../shared/tenant/graph-error';
import type { GraphAnswer, GraphFailure, GraphOutcome, GraphReader, GraphRequest } from './graph-reader';
import { grantedScopesOfToken } from './token-claims';

/** The part of fetch the client uses, so tests can pass a stand-in (or an HTTPS agent with their own CA). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null; forEach(fn: (value: string, name: string) => void): void };
  text(): Promise<string>;
}>;

export interface GraphClientOptions {
  /** A fresh access token for Graph (MSAL's silent acquisition, interactive when it must). */
  accessToken: () => Promise<string>;
  fetch?: FetchLike;
  /** Where requests go instead of https://graph.microsoft.com (a stand-in in tests); answers keep Graph's URLs. */
  baseUrl?: string;
  /** Per attempt; the request is aborted after it. */
  timeoutMs?: number;
  /** Attempts per request (or per throttled batch item) before it is reported throttled. */
  maxAttempts?: number;
  /** Waits between attempts; tests pass one that returns at once and records the delays. */
  sleep?: (ms: number) => Promise<void>;
  /** The abort signal of one attempt; tests pass one they abort themselves, so nothing waits for real time. */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Pages getAll follows at most (a loop of nextLinks stops there). */
  maxPages?: number;
}

export const graphOrigin = 'https://graph.microsoft.com';
const maxBatch = 20;
// Ids count from 1 as in Microsoft's examples; they only correlate answers with requests.
const batchId = (index: number) => String(index + 1);
/** Retry-After is honoured up to this; a longer wait is the service saying "later", reported throttled. */
const maxRetryAfterMs = 120_000;

interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; the backoff when absent or unreadable. */
export function retryDelayMs(
  retryAfter: string | undefined,
  attempt: number,
  now: Date = new Date(),
): number {
  const backoff = Math.min(2 ** attempt * 1000, 32_000);
  if (retryAfter === undefined) return backoff;
  if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? backoff : Math.max(0, date - now.getTime());
}

const isRetryable = (status: number) => status === 429 || status === 503;

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Graph's version segment and the rest of the path, or null for a URL that is not Graph's. */
function splitGraphUrl(url: string): { version: 'v1.0' | 'beta'; relative: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== graphOrigin) return null;
  const match = /^\/(v1\.0|beta)(\/.*)$/.exec(parsed.pathname);
  if (match === null) return null;
  return { version: match[1] as 'v1.0' | 'beta', relative: `${match[2] ?? ''}${parsed.search}` };
}

/** The live GraphReader: fetch with a bearer token, `$batch`, paging, Retry-After and a bounded timeout. */
export function createGraphClient(options: GraphClientOptions): GraphReader {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const wireBase = (options.baseUrl ?? graphOrigin).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const maxPages = options.maxPages ?? 500;
  // The token of the last call, for naming the permission a 403 lacks.
  let lastToken = '';

  const toWire = (url: string) => `${wireBase}${url.slice(graphOrigin.length)}`;
  // A stand-in's nextLink names its own origin; the answer keeps Graph's.
  const fromWire = (url: string) =>
    url.startsWith(wireBase) ? `${graphOrigin}${url.slice(wireBase.length)}` : url;

  const failure = (request: GraphRequest, cause: GraphFailure['cause'], message: string): GraphFailure => ({
    kind: 'failure',
    request,
    cause,
    message,
  });

  const answer = (request: GraphRequest, wire: WireAnswer): GraphAnswer => {
    const error = classifyGraphError(
      { status: wire.status, body: wire.body, url: request.url },
      grantedScopesOfToken(lastToken),
    );
    return {
      kind: 'answer',
      request,
      status: wire.status,
      headers: wire.headers,
      body: wire.body,
      ...(error === null ? {} : { error }),
    };
  };

  /** One HTTP exchange with retries of 429/503; a failure when there is no answer to judge. */
  async function send(
    request: GraphRequest,
    method: 'GET' | 'POST',
    wireUrl: string,
    body?: string,
  ): Promise<WireAnswer | GraphFailure> {
    for (let attempt = 0; ; attempt += 1) {
      let token: string;
      try {
        token = await options.accessToken();
      } catch (error) {
        return failure(
          request,
          'auth',
          `sign-in failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      lastToken = token;
      let wire: WireAnswer;
      try {
        const response = await doFetch(wireUrl, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body }),
          signal: timeoutSignal(timeoutMs),
        });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        wire = { status: response.status, headers, body: parseBody(await response.text()) };
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'TimeoutError' || name === 'AbortError')
          return failure(request, 'timeout', `no answer from Graph within ${timeoutMs / 1000} s`);
        return failure(
          request,
          'network',
          `Graph cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!isRetryable(wire.status)) return wire;
      const delay = retryDelayMs(wire.headers['retry-after'], attempt);
      if (attempt + 1 >= maxAttempts || delay > maxRetryAfterMs)
        return failure(
          request,
          'throttled',
          `Graph answered ${wire.status} ${attempt + 1} times (Retry-After ${wire.headers['retry-after'] ?? 'none'})`,
        );
      await sleep(delay);
    }
  }

  async function get(url: string): Promise<GraphOutcome> {
    const request: GraphRequest = { method: 'GET', url };
    if (splitGraphUrl(url) === null)
      return failure(
        request,
        'network',
        `${url} is not a Microsoft Graph URL: the token is sent to ${graphOrigin} only`,
      );
    const wire = await send(request, 'GET', toWire(url));
    return 'kind' in wire ? wire : answer(request, wire);
  }

  async function getAll(url: string): Promise<GraphOutcome> {
    const first = await get(url);
    if (first.kind !== 'answer' || first.status !== 200) return first;
    const values: unknown[] = [];
    let page: GraphAnswer = first;
    for (let pages = 1; ; pages += 1) {
      const body = page.body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
      if (typeof body !== 'object' || body === null || !Array.isArray(body.value)) return page;
      values.push(...(body.value as unknown[]));
      const next = body['@odata.nextLink'];
      if (typeof next !== 'string') break;
      if (pages >= maxPages)
        return failure(
          first.request,
          'network',
          `${url}: more than ${maxPages} pages, stopped following @odata.nextLink`,
        );
      const outcome = await get(fromWire(next));
      if (outcome.kind !== 'answer' || outcome.status !== 200) return outcome;
      page = outcome;
    }
    const { '@odata.nextLink': _next, ...firstBody } = first.body as Record<string, unknown>;
    return { ...first, body: { ...firstBody, value: values } };
  }

  /** One `$batch` POST per version and 20 items; throttled items are sent again, alone, after their Retry-After. */
  async function batchOfOneVersion(
    version: 'v1.0' | 'beta',
    items: readonly { index: number; url: string; relative: string }[],
  ): Promise<Map<number, GraphOutcome>> {
    const outcomes = new Map<number, GraphOutcome>();
    let pending = [...items];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const batchRequest: GraphRequest = { method: 'GET', url: `${graphOrigin}/${version}/$batch` };
      const payload = JSON.stringify({
        requests: pending.map((item) => ({ id: batchId(item.index), method: 'GET', url: item.relative })),
      });
      const wire = await send(batchRequest, 'POST', toWire(batchRequest.url), payload);
      if ('kind' in wire || wire.status !== 200) {
        for (const item of pending) {
          const request: GraphRequest = { method: 'GET', url: item.url };
          outcomes.set(item.index, 'kind' in wire ? { ...wire, request } : answer(request, wire));
        }
        return outcomes;
      }
      const responses = (wire.body as { responses?: unknown } | null)?.responses;
      type BatchItem = { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
      const byId = new Map<string, BatchItem>();
      if (Array.isArray(responses))
        for (const entry of responses as BatchItem[])
          if (typeof entry.id === 'string') byId.set(entry.id, entry);
      const retry: typeof pending = [];
      let wait = 0;
      for (const item of pending) {
        const request: GraphRequest = { method: 'GET', url: item.url };
        const entry = byId.get(batchId(item.index));
        const status = typeof entry?.status === 'number' ? entry.status : null;
        const headers: Record<string, string> = {};
        if (typeof entry?.headers === 'object' && entry.headers !== null)
          for (const [name, value] of Object.entries(entry.headers as Record<string, unknown>))
            if (typeof value === 'string') headers[name.toLowerCase()] = value;
        if (status === null || isRetryable(status)) {
          retry.push(item);
          wait = Math.max(wait, retryDelayMs(headers['retry-after'], attempt));
          if (attempt + 1 >= maxAttempts || wait > maxRetryAfterMs)
            outcomes.set(
              item.index,
              failure(
                request,
                'throttled',
                `Graph answered ${status ?? 'nothing'} for this batch item ${attempt + 1} times`,
              ),
            );
          continue;
        }
        outcomes.set(item.index, answer(request, { status, headers, body: entry?.body ?? null }));
      }
      pending = retry.filter((item) => !outcomes.has(item.index));
      if (pending.length > 0) await sleep(wait);
    }
    return outcomes;
  }

  async function batch(urls: readonly string[]): Promise<GraphOutcome[]> {
    const outcomes = new Map<number, GraphOutcome>();
    const groups: Record<'v1.0' | 'beta', { index: number; url: string; relative: string }[]> = {
      'v1.0': [],
      beta: [],
    };
    urls.forEach((url, index) => {
      const split = splitGraphUrl(url);
      if (split === null)
        outcomes.set(
          index,
          failure({ method: 'GET', url }, 'network', `${url} is not a Microsoft Graph URL`),
        );
      else groups[split.version].push({ index, url, relative: split.relative });
    });
    for (const version of ['v1.0', 'beta'] as const)
      for (let start = 0; start < groups[version].length; start += maxBatch)
        for (const [index, outcome] of await batchOfOneVersion(
          version,
          groups[version].slice(start, start + maxBatch),
        ))
          outcomes.set(index, outcome);
    return urls.map(
      (url, index) =>
        outcomes.get(index) ?? failure({ method: 'GET', url }, 'network', 'no answer for this batch item'),
    );
  }

  return { get, getAll, batch };
}
