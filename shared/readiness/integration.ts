import { z } from 'zod';

/** The integrations ExReady judges; the tenant-side ones join this list as their checks arrive. */
export const Integration = z.enum([
  'Remote PowerShell',
  'MFA module',
  'Microsoft 365',
  'Exchange Online mail',
]);
export type Integration = z.infer<typeof Integration>;

export const onPremisesIntegrations: readonly Integration[] = ['Remote PowerShell', 'MFA module'];

// The MFA module's checks are mfa.* and exchange.<app>.health (DESIGN.md); the tenant's m365.*, the ERP's mail
// ews.*; the rest Remote PowerShell.
export function integrationOf(checkId: string): Integration {
  if (checkId.startsWith('m365.')) return 'Microsoft 365';
  if (checkId.startsWith('ews.')) return 'Exchange Online mail';
  return checkId.startsWith('mfa.') || /^exchange\.[a-z]+\.health$/.test(checkId)
    ? 'MFA module'
    : 'Remote PowerShell';
}
