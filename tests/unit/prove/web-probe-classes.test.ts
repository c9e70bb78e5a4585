import { describe, expect, it } from 'vitest';
import {
  classifyConnectionError,
  webProbeClasses,
  WebProbeClass,
  webProbeStatus,
} from '../../../shared/prove/web-probe-classes';

describe('web probe classes', () => {
  it.each([
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'certificate-name-mismatch'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'certificate-untrusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate-untrusted'],
    ['CERT_HAS_EXPIRED', 'certificate-expired'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-other'],
    ['ENOTFOUND', 'dns'],
    ['ECONNREFUSED', 'tcp-refused'],
    ['ETIMEDOUT', 'timeout'],
    ['EPIPE', 'network'],
  ])('classifies %s as %s by its code', (code, expected) => {
    expect(classifyConnectionError(code)).toBe(expected);
  });

  it('fails the sign-in page only when the module should be active, and warns of an IdP redirect after a rollback', () => {
    expect(webProbeStatus('forms-logon', true)).toBe('fail');
    expect(webProbeStatus('forms-logon', null)).toBe('pass');
    expect(webProbeStatus('idp-redirect', false)).toBe('warn');
    expect(webProbeStatus('error-fe-500', null)).toBe('fail');
  });

  it('gives every class a meaning and a remedy', () => {
    for (const probeClass of WebProbeClass.options) {
      expect(webProbeClasses[probeClass].meaning.length).toBeGreaterThan(10);
      expect(webProbeClasses[probeClass].remedy.length).toBeGreaterThan(5);
    }
  });
});
