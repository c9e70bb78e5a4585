import { scopeForGraphUrl } from './graph-scopes';

/** What a Graph error answer means, decided by its status and `error.code`, never by its message text. */
export type GraphErrorKind =
  'forbidden' | 'not-found' | 'throttled' | 'unauthorized' | 'bad-request' | 'unavailable' | 'other';

export interface GraphErrorInfo {
  kind: GraphErrorKind;
  /** Graph's `error.code` (e.g. Authorization_RequestDenied, Request_ResourceNotFound); null when the body has none. */
  code: string | null;
  /** 403 only: the documented permission for this read that the token's `scp` lacks; null when it holds it (a role is missing then). */
  missingPermission: string | null;
  /** One line for the admin. */
  explanation: string;
}

const notFoundCodes = new Set(['request_resourcenotfound', 'resourcenotfound', 'itemnotfound', 'notfound']);
const forbiddenCodes = new Set([
  'authorization_requestdenied',
  'accessdenied',
  'forbidden',
  'authorization_error',
]);
const throttledCodes = new Set(['toomanyrequests', 'activitylimitreached', 'throttledrequest']);
const unauthorizedCodes = new Set([
  'invalidauthenticationtoken',
  'unauthorized',
  'authentication_expiredtoken',
]);

/** Graph's error code from a body shaped `{ "error": { "code": "…" } }`. */
export function graphErrorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/**
 * The classified error of a non-2xx answer; null for a success. `grantedScopes` is the token's `scp`
 * (space-separated in the token, split here), so a 403 names the permission to consent to.
 */
export function classifyGraphError(
  answer: { status: number; body: unknown; url: string },
  grantedScopes: readonly string[],
): GraphErrorInfo | null {
  if (answer.status < 400) return null;
  const code = graphErrorCode(answer.body);
  const lower = code?.toLowerCase() ?? '';
  const named = code === null ? `HTTP ${answer.status}` : `${code} (HTTP ${answer.status})`;
  if (answer.status === 404 || notFoundCodes.has(lower))
    return { kind: 'not-found', code, missingPermission: null, explanation: `not found: ${named}` };
  if (answer.status === 403 || forbiddenCodes.has(lower)) {
    const needed = scopeForGraphUrl(answer.url);
    const granted = new Set(grantedScopes.map((scope) => scope.toLowerCase()));
    const missing = needed !== null && !granted.has(needed.name.toLowerCase()) ? needed.name : null;
    const explanation =
      missing !== null
        ? `access denied: ${named}; the sign-in lacks the delegated permission ${missing}: consent to it and sign in again`
        : needed !== null
          ? `access denied: ${named}; the token holds ${needed.name}, so the signed-in account lacks a directory role that may read this (e.g. Global Reader)`
          : `access denied: ${named}`;
    return { kind: 'forbidden', code, missingPermission: missing, explanation };
  }
  if (answer.status === 429 || throttledCodes.has(lower))
    return { kind: 'throttled', code, missingPermission: null, explanation: `throttled: ${named}` };
  if (answer.status === 401 || unauthorizedCodes.has(lower))
    return { kind: 'unauthorized', code, missingPermission: null, explanation: `sign-in rejected: ${named}` };
  if (answer.status === 503 || answer.status === 502 || answer.status === 504)
    return { kind: 'unavailable', code, missingPermission: null, explanation: `Graph unavailable: ${named}` };
  if (answer.status === 400)
    return { kind: 'bad-request', code, missingPermission: null, explanation: `bad request: ${named}` };
  return { kind: 'other', code, missingPermission: null, explanation: `Graph error: ${named}` };
}
