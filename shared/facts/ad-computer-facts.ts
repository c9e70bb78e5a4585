import { z } from 'zod';

/** The Exchange server's computer object in Active Directory, read from the jump host. */
export const AdComputerFacts = z.object({
  distinguishedName: z.string().nullable(),
  /** Raw userAccountControl; TrustedForDelegation is bit 0x80000, TrustedToAuthForDelegation 0x1000000. */
  userAccountControl: z.number().int().nullable(),
  trustedForDelegation: z.boolean(),
  trustedToAuthForDelegation: z.boolean(),
  /** msDS-AllowedToDelegateTo: the SPNs of constrained delegation. */
  allowedToDelegateTo: z.array(z.string()),
  /** msDS-AllowedToActOnBehalfOfOtherIdentity is set (resource-based constrained delegation). */
  allowedToActOnBehalfOfOtherIdentityPresent: z.boolean(),
});
export type AdComputerFacts = z.infer<typeof AdComputerFacts>;
