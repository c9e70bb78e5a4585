import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  classifyEwsAnswer,
  classifyTokenError,
  diagnosticsCode,
  readTokenError,
} from '../../../shared/tenant/ews/ews-probe-classify';

const example: unknown = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/ews/token-error-70011.json', import.meta.url)), 'utf8'),
);

describe('token errors', () => {
  it('reads Microsoft\u2019s documented error example and classifies it by its AADSTS code', () => {
    const fields = readTokenError(example);
    expect(fields).toEqual({
      error: 'invalid_scope',
      errorCodes: [70011],
      traceId: '255d1aef-8c98-452f-ac51-23d051240864',
      correlationId: 'fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7',
      timestamp: '2016-01-09 02:02:12Z',
    });
    expect(classifyTokenError(fields, 400)).toMatchObject({
      kind: 'aadsts',
      code: '70011',
      check: 'ews.app.permission',
    });
  });

  it('takes the first code the table knows, skipping unknown ones', () => {
    expect(classifyTokenError({ errorCodes: [9999999, 50076], error: 'invalid_grant' }, 400)).toMatchObject({
      kind: 'aadsts',
      code: '50076',
    });
  });

  it('falls back to the OAuth error code, then to an unclassified AADSTS code with its lookup address', () => {
    expect(classifyTokenError({ errorCodes: [9999999], error: 'invalid_client' }, 401)).toMatchObject({
      kind: 'oauth-error',
      code: 'invalid_client',
      check: 'ews.app.secret',
    });
    const unknown = classifyTokenError({ errorCodes: [9999999], error: 'something_new' }, 400);
    expect(unknown).toMatchObject({
      kind: 'unclassified',
      code: 'AADSTS9999999',
      check: 'ews.probe',
      status: 'fail',
    });
    expect(unknown.remedy).toContain('https://login.microsoftonline.com/error?code=9999999');
  });

  it('never classifies by message text: a description naming a code is ignored', () => {
    const fields = readTokenError({
      error: 'invalid_grant',
      error_description: 'AADSTS50076: MFA',
      error_codes: [],
    });
    expect(classifyTokenError(fields, 400)).toMatchObject({ kind: 'oauth-error', code: 'invalid_grant' });
  });

  it('reads a body that is not the documented shape as no codes, not a crash', () => {
    expect(readTokenError('<html>proxy error</html>')).toEqual({ errorCodes: [] });
    expect(readTokenError({ error_codes: ['50076', 1.5] })).toEqual({ errorCodes: [] });
    expect(classifyTokenError(readTokenError(null), 502)).toMatchObject({
      kind: 'unclassified',
      code: 'HTTP 502',
    });
  });
});

describe('EWS answers', () => {
  it('reads the x-ms-diagnostics code as EWS sends it', () => {
    expect(
      diagnosticsCode(
        '2000003;reason="The audience claim value is invalid \'aud\'.";error_category="invalid_resource"',
      ),
    ).toBe('2000003');
    expect(diagnosticsCode('2000008')).toBe('2000008');
    expect(diagnosticsCode('reason="no code"')).toBeUndefined();
    expect(diagnosticsCode(undefined)).toBeUndefined();
  });

  it('orders the codes: diagnostics, then 401/403, then the SOAP ResponseCode, then other statuses', () => {
    expect(
      classifyEwsAnswer({
        httpStatus: 401,
        xMsDiagnostics: '2000003;reason="x"',
        responseCode: 'ErrorAccessDenied',
      }),
    ).toMatchObject({ kind: 'x-ms-diagnostics', code: '2000003' });
    expect(classifyEwsAnswer({ httpStatus: 403, responseCode: 'ErrorAccessDenied' })).toMatchObject({
      kind: 'http-status',
      code: '403',
    });
    expect(classifyEwsAnswer({ httpStatus: 500, responseCode: 'ErrorNonExistentMailbox' })).toMatchObject({
      kind: 'ews-response-code',
      code: 'ErrorNonExistentMailbox',
      check: 'ews.probe',
    });
    expect(classifyEwsAnswer({ httpStatus: 500 })).toMatchObject({
      kind: 'http-status',
      code: '500',
      status: 'unknown',
    });
  });

  it('keeps an unknown ResponseCode or status as unclassified, with the code', () => {
    expect(classifyEwsAnswer({ httpStatus: 200, responseCode: 'ErrorBrandNew' })).toMatchObject({
      kind: 'unclassified',
      code: 'ErrorBrandNew',
    });
    expect(classifyEwsAnswer({ httpStatus: 418 })).toMatchObject({ kind: 'unclassified', code: '418' });
  });
});
