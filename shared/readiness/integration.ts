import { z } from 'zod';

/** The integrations ExReady judges; the tenant-side ones join this list as their checks arrive. */
export const Integration = z.enum(['Remote PowerShell', 'MFA module']);
export type Integration = z.infer<typeof Integration>;

export const onPremisesIntegrations: readonly Integration[] = ['Remote PowerShell', 'MFA module'];

// The MFA module's checks are mfa.* and exchange.<app>.health (DESIGN.md); everything else is Remote PowerShell.
export function integrationOf(checkId: string): Integration {
  return checkId.startsWith('mfa.') || /^exchange\.[a-z]+\.health$/.test(checkId)
    ? 'MFA module'
    : 'Remote PowerShell';
}
