import {
  aadstsCodes,
  ewsDiagnosticsCodes,
  ewsHttpStatuses,
  ewsResponseCodes,
  oauthErrorCodes,
  type ProbeCode,
} from './ews-probe-codes';

/** Which code decided the classification; the order of this list is the order codes are consulted. */
export type ProbeCodeKind =
  'aadsts' | 'oauth-error' | 'x-ms-diagnostics' | 'http-status' | 'ews-response-code' | 'unclassified';

export interface ProbeClassification extends ProbeCode {
  kind: ProbeCodeKind;
  /** The code itself as Microsoft sent it: "7000215", "2000003", "403", "ErrorAccessDenied". */
  code: string;
}

/** The fields of Entra's token error JSON the probe reads (the rest stays in the recorded body). */
export interface TokenErrorFields {
  error?: string;
  errorCodes: number[];
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  errorUri?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads Entra's documented error shape; anything else yields no codes, never a throw. */
export function readTokenError(body: unknown): TokenErrorFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errorCodes: [] };
  const record = body as Record<string, unknown>;
  const codes = Array.isArray(record.error_codes)
    ? record.error_codes.filter((code): code is number => typeof code === 'number' && Number.isInteger(code))
    : [];
  const fields: TokenErrorFields = { errorCodes: codes };
  const assign = (key: keyof Omit<TokenErrorFields, 'errorCodes'>, value: unknown): void => {
    const found = text(value);
    if (found !== undefined) fields[key] = found;
  };
  assign('error', record.error);
  assign('traceId', record.trace_id);
  assign('correlationId', record.correlation_id);
  assign('timestamp', record.timestamp);
  assign('errorUri', record.error_uri);
  return fields;
}

/** A token request Entra refused: the first AADSTS code the table knows, then the OAuth `error`. */
export function classifyTokenError(fields: TokenErrorFields, httpStatus: number): ProbeClassification {
  for (const code of fields.errorCodes) {
    const entry = aadstsCodes[code];
    if (entry) return { ...entry, kind: 'aadsts', code: String(code) };
  }
  const oauth = fields.error === undefined ? undefined : oauthErrorCodes[fields.error];
  if (oauth && fields.error !== undefined) return { ...oauth, kind: 'oauth-error', code: fields.error };
  const first = fields.errorCodes[0];
  const code = first === undefined ? (fields.error ?? `HTTP ${httpStatus}`) : `AADSTS${first}`;
  return {
    kind: 'unclassified',
    code,
    cause: `Entra ID refused the token request (${code}); ExReady has no entry for this code.`,
    remedy:
      first === undefined
        ? 'Look up the sign-in log entry with the correlation id in the evidence.'
        : `Look the code up at https://login.microsoftonline.com/error?code=${first} and in the sign-in log entry with the correlation id in the evidence.`,
    check: 'ews.probe',
    status: 'fail',
  };
}

/** The leading number of `x-ms-diagnostics` ("2000003;reason=...;error_category=..."), if any. */
export function diagnosticsCode(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^\s*(\d+)\s*(;|$)/.exec(header);
  return match?.[1];
}

export interface EwsAnswerCodes {
  httpStatus: number;
  xMsDiagnostics?: string;
  /** The first ResponseCode of the GetFolder response message or SOAP fault detail. */
  responseCode?: string;
}

/**
 * An EWS answer that is not a plain success: x-ms-diagnostics first, then a 401/403 status,
 * then the SOAP ResponseCode, then any other status.
 */
export function classifyEwsAnswer(answer: EwsAnswerCodes): ProbeClassification {
  const diagnostics = diagnosticsCode(answer.xMsDiagnostics);
  const byDiagnostics = diagnostics === undefined ? undefined : ewsDiagnosticsCodes[diagnostics];
  if (byDiagnostics && diagnostics !== undefined)
    return { ...byDiagnostics, kind: 'x-ms-diagnostics', code: diagnostics };
  const byStatus: ProbeCode | undefined = ewsHttpStatuses[answer.httpStatus];
  if ((answer.httpStatus === 401 || answer.httpStatus === 403) && byStatus)
    return { ...byStatus, kind: 'http-status', code: String(answer.httpStatus) };
  const responseCode = answer.responseCode;
  if (responseCode !== undefined && responseCode !== 'NoError') {
    const entry = ewsResponseCodes[responseCode];
    if (entry) return { ...entry, kind: 'ews-response-code', code: responseCode };
    return {
      kind: 'unclassified',
      code: responseCode,
      cause: `EWS answered ${responseCode}; ExReady has no entry for this response code.`,
      remedy:
        'Look the code up in the EWS ResponseCode reference and quote the request-id in the evidence to Microsoft.',
      check: 'ews.probe',
      status: 'fail',
    };
  }
  if (byStatus) return { ...byStatus, kind: 'http-status', code: String(answer.httpStatus) };
  return {
    kind: 'unclassified',
    code: String(answer.httpStatus),
    cause: `EWS answered HTTP ${answer.httpStatus} without a response code.`,
    remedy: 'Quote the request-id in the evidence to Microsoft.',
    check: 'ews.probe',
    status: 'unknown',
  };
}
