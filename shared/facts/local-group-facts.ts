import { z } from 'zod';
import { collected } from './collected';

/** Get-LocalGroupMember ObjectClass, plus what nested AD expansion finds. */
export const PrincipalObjectClass = z.enum(['User', 'Group', 'Computer', 'Unknown']);
export type PrincipalObjectClass = z.infer<typeof PrincipalObjectClass>;

/** Get-LocalGroupMember PrincipalSource names; collectors print the name ([string]), the normaliser maps no number. */
export const PrincipalSource = z.enum(['Local', 'ActiveDirectory', 'AzureAD', 'MicrosoftAccount', 'Unknown']);
export type PrincipalSource = z.infer<typeof PrincipalSource>;

/** Whether the jump host could list a domain group's members; not-expanded carries the error for that group only. */
export const GroupExpansion = z.discriminatedUnion('status', [
  z.object({ status: z.literal('expanded') }),
  z.object({ status: z.literal('not-expanded'), error: z.string() }),
]);
export type GroupExpansion = z.infer<typeof GroupExpansion>;

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
  /**
   * On domain groups (and members AD could not read, which may be groups): whether their members are listed.
   * Absent on users and local principals, and in facts saved before groups were expanded from the jump host.
   */
  expansion: GroupExpansion.optional(),
});
export type LocalGroupMemberFacts = z.infer<typeof LocalGroupMemberFacts>;

/**
 * A direct member as the Exchange server prints it (Get-LocalGroupMember, or the WinNT provider): raw values.
 * objectClass is the cmdlet's text: User, Group or Other, and a resource string that may be localised.
 */
export const DirectLocalGroupMemberData = z.object({
  name: z.string().min(1),
  sid: z.string().nullable(),
  objectClass: z.string().nullable(),
  principalSource: PrincipalSource.nullable(),
});
export type DirectLocalGroupMemberData = z.infer<typeof DirectLocalGroupMemberData>;

/** A member below a domain group as the jump host read it from AD; `via` is the chain of groups below that group. */
export const DomainGroupMemberData = z.object({
  name: z.string().min(1),
  sid: z.string().nullable(),
  objectClass: PrincipalObjectClass,
  via: z.array(z.string()),
  expansion: GroupExpansion.optional(),
});
export type DomainGroupMemberData = z.infer<typeof DomainGroupMemberData>;

/**
 * One domain principal of the local groups, read once per run by SID from the jump host (Expand-ExreadyDomainGroups.ps1):
 * its class as AD names it (null when it could not be read) and every member below it (none for a user or computer).
 */
export const DomainGroupExpansionData = z.object({
  sid: z.string().min(1),
  objectClass: PrincipalObjectClass.nullable(),
  members: collected(z.array(DomainGroupMemberData)),
});
export type DomainGroupExpansionData = z.infer<typeof DomainGroupExpansionData>;
