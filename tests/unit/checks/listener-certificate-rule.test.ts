import { describe, expect, it } from 'vitest';
import {
  canonicalThumbprint,
  evaluateListenerCertificate,
} from '../../../electron/checks/listener-certificate-rule';
import type { CertificateFacts } from '../../../shared/facts/certificate-facts';
import type { WinrmListenerFacts } from '../../../shared/facts/winrm-facts';
import { collectedValue, notCollected, readyServerFacts, testContext } from '../../helpers/remoting-facts';

const thumbprint = '6A8D7E5537D441190FD72C7C2E879A064072CE0F';
const goodCertificate: CertificateFacts = {
  thumbprint,
  subject: 'CN=exch01.contoso.com',
  dnsNames: ['exch01.contoso.com'],
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2026-01-01T00:00:00.000Z',
  hasPrivateKey: true,
  enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1'],
};
const httpsListener: WinrmListenerFacts = {
  address: '*',
  transport: 'HTTPS',
  port: 5986,
  hostname: 'exch01.contoso.com',
  enabled: true,
  certificateThumbprint: thumbprint,
  source: null,
};

function evaluate(certificate: Partial<CertificateFacts>, listener: Partial<WinrmListenerFacts> = {}) {
  return evaluateListenerCertificate(
    readyServerFacts({
      listeners: collectedValue([{ ...httpsListener, ...listener }]),
      certificates: collectedValue([{ ...goodCertificate, ...certificate }]),
    }),
    testContext(),
  );
}

describe('winrm.listener.cert', () => {
  it('passes a valid Server Authentication certificate that names the server', () => {
    const result = evaluate({});
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({
      thumbprint,
      daysLeft: 305,
      hasPrivateKey: true,
      serverFqdn: 'exch01.contoso.com',
    });
  });

  it('finds the certificate by a thumbprint pasted with spaces and an invisible left-to-right mark', () => {
    const pasted = '\u200e6a 8d 7e 55 37 d4 41 19 0f d7 2c 7c 2e 87 9a 06 40 72 ce 0f';
    expect(canonicalThumbprint(pasted)).toBe(thumbprint);
    expect(evaluate({}, { certificateThumbprint: pasted }).status).toBe('pass');
  });

  it('accepts a SAN wildcard for the server, even when the CN names something else', () => {
    const result = evaluate({
      subject: 'CN=mail.contoso.com',
      dnsNames: ['mail.contoso.com', '*.contoso.com'],
    });
    expect(result.status).toBe('pass');
  });

  it('warns 29 days before expiry and not at 30', () => {
    const in29 = evaluate({ notAfter: '2025-03-30T12:00:00.000Z' });
    expect(in29.status).toBe('warn');
    expect(in29.summary).toContain('expires in 29 days');
    expect(evaluate({ notAfter: '2025-03-31T12:00:00.000Z' }).status).toBe('pass');
  });

  it('warns on a certificate without an EKU extension', () => {
    const result = evaluate({ enhancedKeyUsages: [] });
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('no Enhanced Key Usage');
  });

  it('fails an expired certificate even when its other problems only warn', () => {
    const result = evaluate({ notAfter: '2025-02-28T00:00:00.000Z', enhancedKeyUsages: [] });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('expired on 2025-02-28T00:00:00.000Z');
    expect(result.fixId).toBe('winrm.listener.cert.replace');
  });

  it('fails a certificate that is not yet valid', () => {
    expect(evaluate({ notBefore: '2025-04-01T00:00:00.000Z' }).summary).toContain('not valid before');
  });

  it('fails without the private key', () => {
    const result = evaluate({ hasPrivateKey: false });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('private key');
  });

  it('fails a Client Authentication-only certificate', () => {
    const result = evaluate({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2'] });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('not for Server Authentication (1.3.6.1.5.5.7.3.1)');
  });

  it('fails when neither CN nor SAN names the server FQDN', () => {
    const result = evaluate(
      { subject: 'CN=exch02.contoso.com', dnsNames: ['exch02.contoso.com'] },
      { hostname: null },
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(
      'issued to exch02.contoso.com, exch02.contoso.com, not to the server name exch01.contoso.com',
    );
  });

  it('fails when the listener Hostname is not on the certificate (a short name such as SERVER2016)', () => {
    const result = evaluate({}, { hostname: 'SERVER2016' });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('listener Hostname SERVER2016');
  });

  it('fails when the thumbprint is not in LocalMachine\\My, or the listener has none', () => {
    expect(evaluate({ thumbprint: 'FEE449EE0E3965A5246F000E87FDE2A065FD89D4' }).summary).toContain(
      'is not in LocalMachine\\My',
    );
    expect(evaluate({}, { certificateThumbprint: null }).summary).toBe(
      'The HTTPS listener has no certificate thumbprint.',
    );
  });

  it('offers no local fix when Group Policy owns the listener', () => {
    const result = evaluate({ hasPrivateKey: false }, { source: 'GPO' });
    expect(result.status).toBe('fail');
    expect(result.fixId).toBeUndefined();
    expect(result.remedy).toContain('Group Policy');
  });

  it('is n/a without an HTTPS listener on 5986', () => {
    const facts = readyServerFacts({ listeners: collectedValue([{ ...httpsListener, port: 443 }]) });
    expect(evaluateListenerCertificate(facts, testContext()).status).toBe('n/a');
  });

  it('is unknown when the certificate store or the listeners could not be read', () => {
    const noStore = readyServerFacts({
      certificates: notCollected("Cannot find drive. A drive with the name 'Cert' does not exist."),
    });
    expect(evaluateListenerCertificate(noStore, testContext()).status).toBe('unknown');
    const noListeners = readyServerFacts({
      listeners: notCollected('The WinRM client cannot process the request.'),
    });
    expect(evaluateListenerCertificate(noListeners, testContext()).status).toBe('unknown');
  });
});
