/**
 * How tenant checks read Microsoft Graph: the live client (MSAL + fetch) and the replay of recorded responses
 * implement the same interface, so every rule runs the same way with or without a tenant.
 */

import type { GraphErrorInfo } from '../../shared/tenant/graph-error';

/** A request as the rules make it: method GET, absolute URL (v1.0 or beta), query included. */
export interface GraphRequest {
  method: 'GET';
  url: string;
}

/** Graph answered (any status: 404 and 403 are answers the rules judge). */
export interface GraphAnswer {
  kind: 'answer';
  request: GraphRequest;
  status: number;
  headers: Readonly<Record<string, string>>;
  body: unknown;
  /** Live client only (additive): a non-2xx answer classified by its Graph error code, with the missing permission named. */
  error?: GraphErrorInfo;
}

/** Replay only: the recording holds no response for this request; its check is unknown, naming the request. */
export interface GraphMissing {
  kind: 'missing';
  request: GraphRequest;
}

/** No answer at all: network, timeout, throttled past the retry budget, or sign-in failed. */
export interface GraphFailure {
  kind: 'failure';
  request: GraphRequest;
  /** Classified by code, never by message text. */
  cause: 'network' | 'timeout' | 'throttled' | 'auth';
  message: string;
}

export type GraphOutcome = GraphAnswer | GraphMissing | GraphFailure;

export interface GraphReader {
  /** One GET; follows nothing by itself. */
  get(url: string): Promise<GraphOutcome>;
  /** A GET and every `@odata.nextLink` after it; the pages' `value` arrays concatenated into one answer's body. */
  getAll(url: string): Promise<GraphOutcome>;
  /** Up to 20 GETs in one `$batch` (live) or matched one by one (replay); outcomes in request order. */
  batch(urls: readonly string[]): Promise<GraphOutcome[]>;
}
