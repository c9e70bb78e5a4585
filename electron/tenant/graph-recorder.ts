import {
  RecordedResponses,
  recordedResponsesFormat,
  type RecordedResponse,
} from '../../shared/tenant/recorded-responses';
import { writeFileAtomic } from '../storage/atomic-file';
import type { GraphOutcome, GraphReader } from './graph-reader';

// A recording is shared with support: nothing in it may sign in, decrypt or identify a secret.

export const maskedValue = '(masked)';

/** Properties whose value is a secret, a secret's fragment or key material, wherever they appear. */
const secretProperties = new Set(
  [
    'secretText',
    'hint',
    'key',
    'password',
    'passwordHint',
    'clientSecret',
    'client_secret',
    'accessToken',
    'access_token',
    'refreshToken',
    'refresh_token',
    'idToken',
    'id_token',
    'assertion',
    'client_assertion',
    'code',
    'code_verifier',
  ].map((name) => name.toLowerCase()),
);
/** Headers worth keeping for replay and support; Authorization and cookies are never among them. */
const keptHeaders = new Set(['retry-after', 'request-id', 'client-request-id', 'x-ms-diagnostics']);
const jwtPattern = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

// Graph's error objects carry `code` as their classification: kept, it is not a secret there.
const isGraphErrorCode = (path: readonly string[]) => path.at(-2) === 'error' || path.at(-2) === 'innerError';

/** The body with every secret-named property's value and every JWT-shaped string masked, and known secrets removed. */
export function maskSecrets(
  value: unknown,
  knownSecrets: readonly string[] = [],
  path: readonly string[] = [],
): unknown {
  if (typeof value === 'string') {
    let text = value.replace(jwtPattern, maskedValue);
    for (const secret of knownSecrets) if (secret.length >= 8) text = text.split(secret).join(maskedValue);
    return text;
  }
  if (Array.isArray(value))
    return value.map((item, index) => maskSecrets(item, knownSecrets, [...path, String(index)]));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    const childPath = [...path, name];
    const secret =
      secretProperties.has(name.toLowerCase()) && !(name === 'code' && isGraphErrorCode(childPath));
    out[name] =
      secret && inner !== null && inner !== '' ? maskedValue : maskSecrets(inner, knownSecrets, childPath);
  }
  return out;
}

function recordOf(outcome: GraphOutcome, knownSecrets: readonly string[]): RecordedResponse | null {
  // A failure has no answer to replay: the replay reports the request missing and its check unknown.
  if (outcome.kind !== 'answer') return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(outcome.headers))
    if (keptHeaders.has(name.toLowerCase()))
      headers[name.toLowerCase()] = String(maskSecrets(value, knownSecrets));
  const body = maskSecrets(outcome.body ?? null, knownSecrets);
  return {
    method: 'GET',
    url: outcome.request.url,
    status: outcome.status,
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    body: body as RecordedResponse['body'],
  };
}

export interface RecordingGraphReader extends GraphReader {
  /** The exchanges so far, masked, in the recorded-responses format. */
  recording(): RecordedResponses;
  /** Adds answers read outside Graph (the EWS probe's token and SOAP exchanges), in order, masked again. */
  append(responses: readonly RecordedResponse[]): void;
  /** Writes the recording to its file, atomically (temp file and rename): a run cut short leaves none. */
  save(): Promise<void>;
}

/**
 * A GraphReader that passes every call to `inner` and keeps each answer, masked: a `$batch` as its items
 * (the replay matches them one by one), a paged read as one answer with every page's values.
 */
export function recordingGraphReader(
  inner: GraphReader,
  options: { path: string; tenant: string; now?: () => Date; knownSecrets?: () => readonly string[] },
): RecordingGraphReader {
  const now = options.now ?? (() => new Date());
  const responses: RecordedResponse[] = [];
  const keep = (outcome: GraphOutcome) => {
    const record = recordOf(outcome, options.knownSecrets?.() ?? []);
    if (record === null) return;
    const index = responses.findIndex((existing) => existing.url === record.url);
    // The latest answer to a request wins (a re-check reads again).
    if (index >= 0) responses[index] = record;
    else responses.push(record);
  };
  const recording = (): RecordedResponses =>
    RecordedResponses.parse({
      format: recordedResponsesFormat,
      tenant: options.tenant,
      recordedAt: now().toISOString(),
      responses,
    });
  return {
    async get(url) {
      const outcome = await inner.get(url);
      keep(outcome);
      return outcome;
    },
    async getAll(url) {
      const outcome = await inner.getAll(url);
      keep(outcome);
      return outcome;
    },
    async batch(urls) {
      const outcomes = await inner.batch(urls);
      outcomes.forEach(keep);
      return outcomes;
    },
    recording,
    append(more) {
      const known = options.knownSecrets?.() ?? [];
      for (const response of more) {
        const headers =
          response.headers === undefined
            ? {}
            : {
                headers: Object.fromEntries(
                  Object.entries(response.headers).map(([name, value]) => [
                    name,
                    String(maskSecrets(value, known)),
                  ]),
                ),
              };
        // Each attempt is kept (a propagation retry is replayed in order), unlike a Graph re-read.
        responses.push({
          ...response,
          ...headers,
          body: maskSecrets(response.body, known) as RecordedResponse['body'],
        });
      }
    },
    save: () => writeFileAtomic(options.path, `${JSON.stringify(recording(), null, 2)}\n`),
  };
}
