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
    thumbprint: thumbprint.describe('a certificate in LocalMachine\\My, 40 hex digits').optional(),
    /** A self-signed certificate: only as the admin's explicit, labelled choice. */
    selfSigned: flag.describe('create a self-signed certificate instead of a thumbprint').default(false),
    hostname: HostName.describe('the name the listener answers to (default: the server)').optional(),
  })
  .strict()
  .refine((value) => (value.thumbprint === undefined) === value.selfSigned, {
    message: 'give either a thumbprint from LocalMachine\\My or selfSigned=true, not both',
  });

export const CertificateReplaceParameters = z
  .object({ thumbprint: thumbprint.describe('the new certificate in LocalMachine\\My, 40 hex digits') })
  .strict();

export const CbtLevelParameters = z
  .object({ level: CbtHardeningLevel.describe('the CbtHardeningLevel to set').default('None') })
  .strict();

export const ServiceAccountParameters = z
  .object({ account: ServiceAccount.describe('the sync service account, DOMAIN\\name or name@domain') })
  .strict();

/** Addresses only: New-NetFirewallRule -RemoteAddress takes no host names (main resolves them in the preview). */
export const FirewallParameters = z
  .object({
    remoteAddresses: listOf(FirewallAddressEntry, 1000).describe(
      'the addresses allowed to reach TCP 5986 (host names are resolved in the preview)',
    ),
  })
  .strict();

/** The risk of "*" or "*.com" comes from the values (fix-risk.ts); acceptRisk is kept for older command lines. */
export const TrustedHostsParameters = z
  .object({
    syncServer: HostName.describe('the sync server whose TrustedHosts is changed'),
    hosts: listOf(TrustedHostsEntry, 1000).describe('the Exchange servers to add to TrustedHosts'),
    acceptRisk: flag.describe('kept for older command lines; use --accept-risk').default(false),
  })
  .strict();
