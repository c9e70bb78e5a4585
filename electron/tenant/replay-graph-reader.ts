import type { RecordedResponse, RecordedResponses } from '../../shared/tenant/recorded-responses';
import type { GraphOutcome, GraphReader, GraphRequest } from './graph-reader';
import { graphRequestKey } from './graph-request-key';

const maxPages = 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Replays a recording: each request is matched on method, path and query (order-free); a request the file does
 * not hold is `missing`, never an error, so its check is unknown and names it.
 */
export class ReplayGraphReader implements GraphReader {
  private readonly byKey = new Map<string, RecordedResponse>();

  constructor(recording: RecordedResponses) {
    for (const response of recording.responses) {
      const key = graphRequestKey(response.method, response.url);
      // The first recording of a request wins: a recorder writes a request once.
      if (!this.byKey.has(key)) this.byKey.set(key, response);
    }
  }

  get(url: string): Promise<GraphOutcome> {
    return Promise.resolve(this.lookup(url));
  }

  getAll(url: string): Promise<GraphOutcome> {
    const first = this.lookup(url);
    if (first.kind !== 'answer' || first.status >= 300 || !isObject(first.body))
      return Promise.resolve(first);
    const values: unknown[] = Array.isArray(first.body.value) ? [...(first.body.value as unknown[])] : [];
    let next = first.body['@odata.nextLink'];
    const seen = new Set<string>([url]);
    for (let pages = 1; typeof next === 'string'; pages += 1) {
      if (seen.has(next) || pages >= maxPages)
        return Promise.resolve({
          kind: 'failure',
          request: { method: 'GET', url: next },
          cause: 'network',
          message: `the recording's @odata.nextLink pages loop or exceed ${maxPages} pages`,
        });
      seen.add(next);
      const page = this.lookup(next);
      if (page.kind !== 'answer' || page.status >= 300 || !isObject(page.body)) return Promise.resolve(page);
      if (Array.isArray(page.body.value)) values.push(...(page.body.value as unknown[]));
      next = page.body['@odata.nextLink'];
    }
    const body: Record<string, unknown> = { ...first.body, value: values };
    delete body['@odata.nextLink'];
    return Promise.resolve({ ...first, body });
  }

  batch(urls: readonly string[]): Promise<GraphOutcome[]> {
    return Promise.resolve(urls.map((url) => this.lookup(url)));
  }

  private lookup(url: string): GraphOutcome {
    const request: GraphRequest = { method: 'GET', url };
    let key: string;
    try {
      key = graphRequestKey('GET', url);
    } catch {
      return { kind: 'missing', request };
    }
    const recorded = this.byKey.get(key);
    if (recorded === undefined) return { kind: 'missing', request };
    return {
      kind: 'answer',
      request,
      status: recorded.status,
      headers: recorded.headers ?? {},
      body: recorded.body,
    };
  }
}
