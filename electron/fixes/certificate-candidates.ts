import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { listenerCertificateFindings } from '../checks/listener-certificate-rule';

export interface CertificateCandidate {
  thumbprint: string;
  subject: string;
  dnsNames: string[];
  notAfter: string;
  /** Doubts that do not rule it out (e.g. it expires within 30 days, no EKU extension). */
  warnings: string[];
}

/**
 * The certificates of LocalMachine\My an HTTPS listener could use on this server: private key present,
 * Server Authentication, valid now, naming the server. The same findings the listener check applies.
 */
export function listenerCertificateCandidates(
  facts: CollectedServerFacts,
  now: Date,
): CertificateCandidate[] {
  if (facts.certificates.status !== 'collected') return [];
  return facts.certificates.value
    .map((certificate) => ({
      certificate,
      findings: listenerCertificateFindings(certificate, facts.fqdn, null, now),
    }))
    .filter(({ findings }) => findings.every((finding) => finding.status !== 'fail'))
    .sort((a, b) => Date.parse(b.certificate.notAfter) - Date.parse(a.certificate.notAfter))
    .map(({ certificate, findings }) => ({
      thumbprint: certificate.thumbprint,
      subject: certificate.subject,
      dnsNames: certificate.dnsNames,
      notAfter: certificate.notAfter,
      warnings: findings.map((finding) => finding.text),
    }));
}
