import { z } from 'zod';
import { CbtHardeningLevel } from '../facts/winrm-facts';

// Parameter schemas per fix; values may arrive as command-line text, so lists and flags accept their text form.

const list = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : value,
  z.array(z.string().min(1)).min(1),
);
const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);
const thumbprint = z.string().regex(/^[0-9A-Fa-f]{40}$/, 'a certificate thumbprint is 40 hex digits');

export const NoParameters = z.object({}).strict();

export const ListenerCreateParameters = z
  .object({
    thumbprint: thumbprint.optional(),
    /** A self-signed certificate: only as the admin's explicit, labelled choice. */
    selfSigned: flag.default(false),
    hostname: z.string().min(1).optional(),
  })
  .strict()
  .refine((value) => (value.thumbprint === undefined) === value.selfSigned, {
    message: 'give either a thumbprint from LocalMachine\\My or selfSigned=true, not both',
  });

export const CertificateReplaceParameters = z.object({ thumbprint }).strict();

export const CbtLevelParameters = z.object({ level: CbtHardeningLevel.default('None') }).strict();

export const ServiceAccountParameters = z.object({ account: z.string().min(1) }).strict();

export const FirewallParameters = z
  .object({ remoteAddresses: list })
  .strict()
  .refine((value) => !value.remoteAddresses.some((item) => /^(any|\*)$/i.test(item)), {
    message: 'the rule is scoped to the sync servers: Any is not offered',
  });

export const TrustedHostsParameters = z
  .object({ syncServer: z.string().min(1), hosts: list, acceptRisk: flag.default(false) })
  .strict()
  .refine((value) => value.acceptRisk || !value.hosts.includes('*'), {
    message: '"*" trusts every host: pass acceptRisk=true to accept that risk',
  });
