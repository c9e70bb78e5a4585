import { describe, expect, it } from 'vitest';
import type { CertificateFacts } from '../../../shared/facts/certificate-facts';
import { listenerCertificateCandidates } from '../../../electron/fixes/certificate-candidates';
import { collectedValue, notCollected, readyServerFacts, testNow } from '../../helpers/remoting-facts';

const base: CertificateFacts = {
  thumbprint: 'AA',
  subject: 'CN=exch01.contoso.com',
  dnsNames: ['exch01.contoso.com'],
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2026-01-01T00:00:00.000Z',
  hasPrivateKey: true,
  enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1'],
};

describe('listenerCertificateCandidates', () => {
  it('offers only certificates the listener check would accept, newest expiry first, with their doubts', () => {
    const facts = readyServerFacts({
      certificates: collectedValue([
        { ...base, thumbprint: 'VALID' },
        { ...base, thumbprint: 'SOON', notAfter: '2025-03-15T00:00:00.000Z' },
        {
          ...base,
          thumbprint: 'LATEST',
          subject: 'CN=mail.contoso.com',
          dnsNames: ['*.contoso.com'],
          notAfter: '2027-01-01T00:00:00.000Z',
        },
        { ...base, thumbprint: 'EXPIRED', notAfter: '2025-02-01T00:00:00.000Z' },
        { ...base, thumbprint: 'OTHERNAME', subject: 'CN=web.fabrikam.com', dnsNames: [] },
        { ...base, thumbprint: 'NOKEY', hasPrivateKey: false },
        { ...base, thumbprint: 'CLIENTONLY', enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2'] },
      ]),
    });
    const candidates = listenerCertificateCandidates(facts, testNow);
    expect(candidates.map((c) => c.thumbprint)).toEqual(['LATEST', 'VALID', 'SOON']);
    expect(candidates[2]?.warnings.join(' ')).toContain('expires in 13 days');
    expect(candidates[0]?.warnings).toEqual([]);
  });

  it('offers nothing when the certificates could not be read', () => {
    expect(
      listenerCertificateCandidates(
        readyServerFacts({ certificates: notCollected('Access is denied') }),
        testNow,
      ),
    ).toEqual([]);
  });
});
