import { z } from 'zod';
import { CbtHardeningLevel } from '../facts/winrm-facts';
import { ServiceAccount } from '../domain/service-account';
import { FirewallAddressEntry, HostName, TrustedHostsEntry } from './fix-values';

// Parameter schemas per fix, one per fix: host names as host names, addresses as addresses, enums exact.
// Values may arrive as command-line text, so lists and flags accept their text form.

/** Entries as WinRM and the firewall read them: a comma inside one entry separates two. */
const entries = (value: unknown) => {
  const split = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  if (typeof value === 'string') return split(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.flatMap(split);
  return value;
};
const listOf = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z.preprocess(entries, z.array(item).min(1, 'give at least one entry').max(max));
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
    hostname: HostName.optional(),
  })
  .strict()
  .refine((value) => (value.thumbprint === undefined) === value.selfSigned, {
    message: 'give either a thumbprint from LocalMachine\\My or selfSigned=true, not both',
  });

export const CertificateReplaceParameters = z.object({ thumbprint }).strict();

export const CbtLevelParameters = z.object({ level: CbtHardeningLevel.default('None') }).strict();

export const ServiceAccountParameters = z.object({ account: ServiceAccount }).strict();

/** Addresses only: New-NetFirewallRule -RemoteAddress takes no host names (main resolves them in the preview). */
export const FirewallParameters = z.object({ remoteAddresses: listOf(FirewallAddressEntry, 1000) }).strict();

/** The risk of "*" or "*.com" comes from the values (fix-risk.ts); acceptRisk is kept for older command lines. */
export const TrustedHostsParameters = z
  .object({ syncServer: HostName, hosts: listOf(TrustedHostsEntry, 1000), acceptRisk: flag.default(false) })
  .strict();
