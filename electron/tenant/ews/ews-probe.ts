import type { CheckEvidence, EvidenceValue } from '../../../shared/checks/check-result';
import { secretMask } from '../../../shared/security/secrets';
import type { RecordedResponse } from '../../../shared/tenant/recorded-responses';
import {
  classifyEwsAnswer,
  classifyTokenError,
  readTokenError,
  type ProbeClassification,
} from '../../../shared/tenant/ews/ews-probe-classify';
import { ewsProbeReferences } from '../../../shared/tenant/ews/ews-probe-codes';
import type { EwsProbeOutcome, ProbeFailure } from '../../../shared/tenant/ews/ews-probe-outcome';
import { claimsEvidence, decodeAccessClaims } from './access-claims';
import { getInboxEnvelope, readGetFolderAnswer } from './get-folder-soap';
import { ProbeResponseNotRecorded } from './probe-not-recorded';
import {
  changedRecently,
  defaultPropagation,
  systemClock,
  validateProbeOptions,
  type EwsProbeOptions,
  type ProbeClock,
  type PropagationPolicy,
} from './ews-probe-options';

export const ewsResource = 'https://outlook.office365.com';
const defaultLoginBaseUrl = 'https://login.microsoftonline.com';
const defaultEwsUrl = `${ewsResource}/EWS/Exchange.asmx`;
// Headers kept in the evidence and the recording; everything else (cookies, auth) is dropped.
const keptHeaders = [
  'request-id',
  'x-backendhttpstatus',
  'x-ms-diagnostics',
  'content-type',
  'client-request-id',
  'x-ms-request-id',
];

type Attempt =
  | { kind: 'ok'; evidence: CheckEvidence; folder: { displayName?: string; totalCount?: number } }
  | {
      kind: 'failed';
      evidence: CheckEvidence;
      failure: ProbeFailure;
      classification: Pick<ProbeClassification, 'remedy' | 'status'>;
      retryable: boolean;
    };

interface ProbeContext {
  options: EwsProbeOptions;
  fetch: typeof fetch;
  tokenUrl: string;
  ewsUrl: string;
  recorded: RecordedResponse[];
  clock: ProbeClock;
  started: number;
}

/** When the answer was read, for the replay's clock (a propagation retry is replayed on the recorded time line). */
function timing(ctx: ProbeContext): Pick<RecordedResponse, 'receivedAt' | 'elapsedMs'> {
  const now = ctx.clock.now();
  return { receivedAt: new Date(now).toISOString(), elapsedMs: Math.max(0, Math.round(now - ctx.started)) };
}

function pickHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

function networkCode(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string')
      return cause.code;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'TIMEOUT';
  }
  return 'NETWORK';
}

function networkFailure(url: string, error: unknown, evidence: CheckEvidence): Attempt {
  if (error instanceof ProbeResponseNotRecorded) return notRecorded(error, evidence);
  const code = networkCode(error);
  const host = new URL(url).host;
  return {
    kind: 'failed',
    evidence: { ...evidence, unreachable: host, networkError: code },
    failure: {
      stage: 'network',
      kind: 'network',
      code,
      check: 'ews.probe',
      cause: `Could not reach ${host} (${code}).`,
    },
    classification: {
      status: 'unknown',
      remedy:
        'Check the jump host\u2019s proxy and firewall for login.microsoftonline.com and outlook.office365.com; a TLS-inspecting proxy breaks the certificate check.',
    },
    retryable: false,
  };
}

// As Graph requests a recording lacks: unknown, naming the request; never a guess at what it would have said.
function notRecorded(missing: ProbeResponseNotRecorded, evidence: CheckEvidence): Attempt {
  return {
    kind: 'failed',
    evidence: { ...evidence, notRecorded: `${missing.method} ${missing.url}` },
    failure: {
      stage: 'not-recorded',
      kind: 'not-recorded',
      code: 'NOT_RECORDED',
      check: 'ews.probe',
      cause: `${missing.message[0]?.toUpperCase() ?? ''}${missing.message.slice(1)}.`,
    },
    classification: {
      status: 'unknown',
      remedy:
        'Record the probe with it: exready tenant check --tenant T ... --ews --probe --record FILE (the secret is typed, never recorded).',
    },
    retryable: false,
  };
}

function tokenForm(options: EwsProbeOptions): URLSearchParams {
  const form = new URLSearchParams({ client_id: options.clientId });
  if (options.flow === 'delegated') {
    form.set('grant_type', 'password');
    form.set('scope', `${ewsResource}/EWS.AccessAsUser.All`);
    form.set('username', options.account ?? '');
    form.set('password', options.secret.reveal());
  } else {
    form.set('grant_type', 'client_credentials');
    form.set('scope', `${ewsResource}/.default`);
    form.set('client_secret', options.secret.reveal());
  }
  return form;
}

async function readBody(response: Response): Promise<{ text: string; json: unknown }> {
  const text = await response.text();
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: undefined };
  }
}

function failed(
  stage: 'token' | 'ews',
  classification: ProbeClassification,
  evidence: CheckEvidence,
  retryable: boolean,
): Attempt {
  return {
    kind: 'failed',
    evidence: {
      ...evidence,
      classifiedBy: classification.kind,
      code: classification.code,
      check: classification.check,
    },
    failure: {
      stage,
      kind: classification.kind,
      code: classification.code,
      check: classification.check,
      cause: classification.cause,
    },
    classification,
    retryable,
  };
}

/** Each request ends at its timeout or when the operator cancels the probe, whichever comes first. */
function requestSignal(cancel: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return cancel === undefined ? timeout : AbortSignal.any([cancel, timeout]);
}

function cancelledAttempt(evidence: CheckEvidence): Attempt {
  return {
    kind: 'failed',
    evidence: { ...evidence, cancelled: true },
    failure: { ...cancelledFailure },
    classification: { status: 'unknown', remedy: cancelledRemedy },
    retryable: false,
  };
}

const cancelledFailure: ProbeFailure = {
  stage: 'cancelled',
  kind: 'cancelled',
  code: 'CANCELLED',
  check: 'ews.probe',
  cause: 'Cancelled by the operator.',
};
const cancelledRemedy =
  'Run the probe again and let it finish: a cancelled probe says nothing about the ERP.';

/** The propagation wait, cut short by a cancel even if an injected clock ignores the signal. */
async function waitOrCancel(clock: ProbeClock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return clock.sleep(ms);
  if (signal.aborted) return;
  let stop = (): void => undefined;
  const cancelled = new Promise<void>((resolve) => {
    stop = () => resolve();
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    await Promise.race([clock.sleep(ms, signal), cancelled]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** One end to end attempt: a token, its claims, one GetFolder of the inbox. */
async function attemptProbe(ctx: ProbeContext): Promise<Attempt> {
  const { options } = ctx;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const evidence: CheckEvidence = {};
  let tokenResponse: Response;
  try {
    tokenResponse = await ctx.fetch(ctx.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenForm(options).toString(),
      signal: requestSignal(options.signal, timeoutMs),
    });
  } catch (error) {
    if (options.signal?.aborted === true) return cancelledAttempt(evidence);
    return networkFailure(ctx.tokenUrl, error, evidence);
  }
  const tokenBody = await readBody(tokenResponse);
  evidence.signInStatus = tokenResponse.status;
  const accessToken =
    typeof tokenBody.json === 'object' && tokenBody.json !== null && 'access_token' in tokenBody.json
      ? tokenBody.json.access_token
      : undefined;
  const claims = typeof accessToken === 'string' ? decodeAccessClaims(accessToken) : undefined;
  // The token is masked, so its decoded claims are kept beside it: a replay shows what the token carried.
  const recordedToken: RecordedResponse = {
    method: 'POST',
    url: ctx.tokenUrl,
    status: tokenResponse.status,
    headers: pickHeaders(tokenResponse.headers),
    body: maskAccessToken(tokenBody.json ?? tokenBody.text),
    ...(claims === undefined ? {} : { claims: { ...claims } }),
    ...timing(ctx),
  };
  ctx.recorded.push(withoutToken(recordedToken, accessToken));
  options.log?.('ews probe: token endpoint answered', { status: tokenResponse.status, flow: options.flow });
  if (!tokenResponse.ok || typeof accessToken !== 'string') {
    const fields = readTokenError(tokenBody.json);
    evidence.aadstsCodes = fields.errorCodes;
    if (fields.error !== undefined) evidence.oauthError = fields.error;
    if (fields.traceId !== undefined) evidence.traceId = fields.traceId;
    if (fields.correlationId !== undefined) evidence.correlationId = fields.correlationId;
    if (fields.timestamp !== undefined) evidence.errorTimestamp = fields.timestamp;
    if (fields.errorUri !== undefined) evidence.errorUri = fields.errorUri;
    return failed('token', classifyTokenError(fields, tokenResponse.status), evidence, false);
  }
  evidence.claims = maskedTokens.has(accessToken)
    ? 'masked in the recording, and its claims were not recorded'
    : claimsEvidence(claims);

  const impersonate = options.flow === 'app-only';
  const headers: Record<string, string> = {
    'content-type': 'text/xml; charset=utf-8',
    authorization: `Bearer ${accessToken}`,
    'x-anchormailbox': options.mailbox,
  };
  let ewsResponse: Response;
  try {
    ewsResponse = await ctx.fetch(ctx.ewsUrl, {
      method: 'POST',
      headers,
      body: getInboxEnvelope(options.mailbox, impersonate),
      signal: requestSignal(options.signal, timeoutMs),
    });
  } catch (error) {
    if (options.signal?.aborted === true) return cancelledAttempt(evidence);
    return networkFailure(ctx.ewsUrl, error, evidence);
  }
  const ewsText = await ewsResponse.text();
  const kept = pickHeaders(ewsResponse.headers);
  ctx.recorded.push(
    withoutToken(
      {
        method: 'POST',
        url: ctx.ewsUrl,
        status: ewsResponse.status,
        headers: kept,
        body: ewsText,
        ...timing(ctx),
      },
      accessToken,
    ),
  );
  options.log?.('ews probe: EWS answered', { status: ewsResponse.status });
  evidence.ewsStatus = ewsResponse.status;
  if (kept['request-id'] !== undefined) evidence.requestId = kept['request-id'];
  if (kept['x-backendhttpstatus'] !== undefined) evidence.backEndHttpStatus = kept['x-backendhttpstatus'];
  if (kept['x-ms-diagnostics'] !== undefined) evidence.xMsDiagnostics = kept['x-ms-diagnostics'];
  const answer = readGetFolderAnswer(ewsText);
  if (answer.responseClass !== undefined) evidence.responseClass = answer.responseClass;
  if (answer.responseCode !== undefined) evidence.responseCode = answer.responseCode;
  if (answer.messageText !== undefined) evidence.messageText = answer.messageText;
  if (answer.faultCode !== undefined) evidence.faultCode = answer.faultCode;
  if (ewsResponse.status === 200 && answer.responseCode === 'NoError') {
    const folder = answer.folder ?? {};
    evidence.inbox = { ...folder };
    return { kind: 'ok', evidence, folder };
  }
  const classification = classifyEwsAnswer({
    httpStatus: ewsResponse.status,
    ...(kept['x-ms-diagnostics'] === undefined ? {} : { xMsDiagnostics: kept['x-ms-diagnostics'] }),
    ...(answer.responseCode === undefined ? {} : { responseCode: answer.responseCode }),
  });
  return failed('ews', classification, evidence, ewsResponse.status === 401 || ewsResponse.status === 403);
}

// What a recording holds in place of a token (the probe's mask, the Graph recorder's).
const maskedTokens = new Set<string>([secretMask, '(masked)']);

// Belt and braces: a token echoed anywhere in an answer is masked too, not only the access_token field.
function withoutToken(record: RecordedResponse, token: unknown): RecordedResponse {
  if (typeof token !== 'string' || token.length < 8 || maskedTokens.has(token)) return record;
  return scrub(record, token);
}

function maskAccessToken(body: unknown): RecordedResponse['body'] {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const out: Record<string, RecordedResponse['body']> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    out[key] =
      key === 'access_token' || key === 'refresh_token' || key === 'id_token'
        ? secretMask
        : (JSON.parse(JSON.stringify(value ?? null)) as RecordedResponse['body']);
  }
  return out;
}

// Belt and braces: whatever Microsoft echoes back, the typed secret's value never leaves the probe.
function scrub<T>(value: T, secret: string): T {
  if (secret === '') return value;
  if (typeof value === 'string') return value.split(secret).join('[secret]') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrub(item, secret)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = scrub(inner, secret);
    return out as T;
  }
  return value;
}

/** The code as an admin searches for it: AADSTS7000215, HTTP 403, x-ms-diagnostics 2000003, ErrorAccessDenied. */
function codeLabel(failure: ProbeFailure): string {
  if (failure.kind === 'aadsts') return `AADSTS${failure.code}`;
  if (failure.kind === 'http-status') return `HTTP ${failure.code}`;
  if (failure.kind === 'x-ms-diagnostics') return `x-ms-diagnostics ${failure.code}`;
  return failure.code;
}

function baseEvidence(options: EwsProbeOptions, tokenUrl: string, ewsUrl: string): CheckEvidence {
  const evidence: Record<string, EvidenceValue> = {
    flow: options.flow,
    tenant: options.tenant,
    clientId: options.clientId,
    mailbox: options.mailbox,
    signInEndpoint: tokenUrl,
    ewsUrl,
  };
  if (options.account !== undefined) evidence.account = options.account;
  return evidence;
}

/**
 * The ERP's Test button done properly: the flow's token grant, the token's claims, one GetFolder of the inbox,
 * classified by code. A 401/403 right after a change is retried for a bounded time and reported as propagation.
 */
export async function runEwsProbe(options: EwsProbeOptions): Promise<EwsProbeOutcome> {
  validateProbeOptions(options);
  const clock = options.clock ?? systemClock;
  const policy: PropagationPolicy = { ...defaultPropagation, ...options.propagation };
  const loginBase = (options.loginBaseUrl ?? defaultLoginBaseUrl).replace(/\/+$/, '');
  const ctx: ProbeContext = {
    options,
    fetch: options.fetch ?? fetch,
    tokenUrl: `${loginBase}/${encodeURIComponent(options.tenant)}/oauth2/v2.0/token`,
    ewsUrl: options.ewsUrl ?? defaultEwsUrl,
    recorded: [],
    clock,
    started: clock.now(),
  };
  const started = ctx.started;
  const recentChange = changedRecently(options, started);
  const base = { ...baseEvidence(options, ctx.tokenUrl, ctx.ewsUrl), changedWithinLastHour: recentChange };
  let delay = policy.firstDelayMs;
  let attempts = 0;
  const cancelled = (attemptEvidence: CheckEvidence): EwsProbeOutcome => {
    const waitedMs = clock.now() - started;
    const evidence: CheckEvidence = { ...base, ...attemptEvidence, attempts, cancelled: true };
    if (attempts > 1) evidence.propagationWaitedMs = waitedMs;
    const after = attempts > 1 ? ` after ${attempts} attempts over ${Math.round(waitedMs / 1000)} s` : '';
    return scrub(
      {
        result: {
          checkId: 'ews.probe',
          status: 'unknown',
          summary: `The probe was cancelled by the operator${after} before it read the inbox of ${options.mailbox}: not known.`,
          evidence,
          remedy: cancelledRemedy,
          references: [...ewsProbeReferences],
        },
        classification: 'failed',
        failure: { ...cancelledFailure },
        attempts,
        recorded: ctx.recorded,
      },
      options.secret.reveal(),
    );
  };
  // A function, not a narrowed field: the signal aborts while the probe awaits.
  const isCancelled = () => options.signal?.aborted === true;
  for (;;) {
    if (isCancelled()) return cancelled({});
    attempts += 1;
    let attempt: Attempt;
    try {
      attempt = await attemptProbe(ctx);
    } catch (error) {
      // A cancel while an answer's body was read: cancelled, not a failure of the ERP.
      if (isCancelled()) return cancelled({});
      throw error;
    }
    if (attempt.kind === 'failed' && attempt.failure.stage === 'cancelled')
      return cancelled(attempt.evidence);
    const waitedMs = clock.now() - started;
    const evidence: CheckEvidence = { ...base, ...attempt.evidence, attempts };
    if (attempts > 1) evidence.propagationWaitedMs = waitedMs;
    if (attempt.kind === 'ok') {
      const propagation = attempts > 1;
      const inbox = attempt.folder.displayName ?? 'inbox';
      const items = attempt.folder.totalCount === undefined ? '' : `, ${attempt.folder.totalCount} items`;
      const summary = propagation
        ? `Read the inbox of ${options.mailbox} ("${inbox}"${items}) after ${attempts} attempts over ${Math.round(waitedMs / 1000)} s: the change was still replicating. It works now.`
        : `The ERP\u2019s ${options.flow} sign-in got a token and read the inbox of ${options.mailbox} ("${inbox}"${items}).`;
      return scrub(
        {
          result: {
            checkId: 'ews.probe',
            status: 'pass',
            summary,
            evidence: { ...evidence, propagation },
            references: [...ewsProbeReferences],
          },
          classification: propagation ? 'propagation' : 'success',
          attempts,
          recorded: ctx.recorded,
        },
        options.secret.reveal(),
      );
    }
    const mayWait = attempt.retryable && recentChange;
    if (!mayWait || waitedMs + delay > policy.budgetMs) {
      const where = {
        token: 'Entra ID refused the token',
        ews: 'EWS refused the request',
        network: 'The probe could not connect',
        'not-recorded': 'The probe could not be replayed',
        cancelled: 'The probe was cancelled',
      }[attempt.failure.stage];
      const waited =
        attempts > 1 ? ` Still failing after waiting ${Math.round(waitedMs / 1000)} s for propagation.` : '';
      return scrub(
        {
          result: {
            checkId: 'ews.probe',
            status: attempt.classification.status,
            summary: `${where} (${codeLabel(attempt.failure)}): ${attempt.failure.cause}${waited}`,
            evidence,
            remedy: attempt.classification.remedy,
            references: [...ewsProbeReferences],
          },
          classification: 'failed',
          failure: attempt.failure,
          attempts,
          recorded: ctx.recorded,
        },
        options.secret.reveal(),
      );
    }
    options.log?.('ews probe: waiting for the change to replicate', { attempt: attempts, delayMs: delay });
    await waitOrCancel(clock, delay, options.signal);
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}
