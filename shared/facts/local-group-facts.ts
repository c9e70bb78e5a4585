import { z } from 'zod';

/** Get-LocalGroupMember ObjectClass, plus what nested AD expansion finds. */
export const PrincipalObjectClass = z.enum(['User', 'Group', 'Computer', 'Unknown']);
export type PrincipalObjectClass = z.infer<typeof PrincipalObjectClass>;

/** Get-LocalGroupMember PrincipalSource names; collectors print the name ([string]), the normaliser maps no number. */
export const PrincipalSource = z.enum(['Local', 'ActiveDirectory', 'AzureAD', 'MicrosoftAccount', 'Unknown']);
export type PrincipalSource = z.infer<typeof PrincipalSource>;

/**
 * A member of a local group, direct or reached through nested domain groups.
 * `via` is the chain of groups from the local group down to this member: [] for a direct member,
 * ["CONTOSO\Exchange Sync"] when CONTOSO\Exchange Sync is the direct member that contains it.
 */
export const LocalGroupMemberFacts = z.object({
  name: z.string().min(1),
  sid: z.string().nullable(),
  objectClass: PrincipalObjectClass,
  principalSource: PrincipalSource.nullable(),
  via: z.array(z.string()),
});
export type LocalGroupMemberFacts = z.infer<typeof LocalGroupMemberFacts>;
