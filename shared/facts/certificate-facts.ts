import { z } from 'zod';

/** One certificate of Cert:\LocalMachine\My, as the listener check needs it. */
export const CertificateFacts = z.object({
  thumbprint: z.string().min(1),
  subject: z.string(),
  /** DNS names of the Subject Alternative Name extension (DnsNameList). */
  dnsNames: z.array(z.string()),
  notBefore: z.iso.datetime({ offset: true }),
  notAfter: z.iso.datetime({ offset: true }),
  hasPrivateKey: z.boolean(),
  /** Enhanced Key Usage OIDs; empty when the certificate has no EKU extension. */
  enhancedKeyUsages: z.array(z.string()),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const serverAuthenticationOid = '1.3.6.1.5.5.7.3.1';
export const anyExtendedKeyUsageOid = '2.5.29.37.0';
