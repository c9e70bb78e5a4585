import type { Collected } from '../../shared/facts/collected';
import type { LocalGroupsData } from '../../shared/facts/collection-data';
import type {
  DirectLocalGroupMemberData,
  DomainGroupExpansionData,
  GroupExpansion,
  LocalGroupMemberFacts,
  PrincipalObjectClass,
} from '../../shared/facts/local-group-facts';
import type { LocalGroupsFacts } from '../../shared/facts/server-facts';

// Merges the jump host's expansions of domain groups (one per SID per run) into each server's direct local group members.

/** The run's expansions by upper-case SID; `unavailable` says why none exist at all, null when the jump host sent them. */
export interface DomainGroupExpansions {
  bySid: ReadonlyMap<string, DomainGroupExpansionData>;
  unavailable: string | null;
}

export function domainGroupExpansions(
  sent: Collected<DomainGroupExpansionData[]> | undefined,
  whyNone: string,
): DomainGroupExpansions {
  if (sent === undefined) return { bySid: new Map(), unavailable: whyNone };
  if (sent.status === 'not-collected') return { bySid: new Map(), unavailable: sent.error };
  return {
    bySid: new Map(sent.value.map((expansion) => [expansion.sid.toUpperCase(), expansion])),
    unavailable: null,
  };
}

// Get-LocalGroupMember's ObjectClass is a resource string (User, Group, Other), localised on some systems.
function classOfServerText(text: string | null): PrincipalObjectClass {
  const known: Record<string, PrincipalObjectClass> = { user: 'User', group: 'Group', computer: 'Computer' };
  return known[(text ?? '').trim().toLowerCase()] ?? 'Unknown';
}

// The same test the collector applies before asking the jump host: a domain SID that is not a local account.
function isDomainPrincipal(member: DirectLocalGroupMemberData): boolean {
  return member.sid !== null && /^S-1-5-21-/i.test(member.sid) && member.principalSource !== 'Local';
}

function notExpanded(error: string): GroupExpansion {
  return { status: 'not-expanded', error };
}

/** One direct member and, for a domain group the jump host could read, everything below it. */
function mergeMember(
  direct: DirectLocalGroupMemberData,
  expansions: DomainGroupExpansions,
): LocalGroupMemberFacts[] {
  const found = direct.sid === null ? undefined : expansions.bySid.get(direct.sid.toUpperCase());
  const objectClass = found?.objectClass ?? classOfServerText(direct.objectClass);
  const member: LocalGroupMemberFacts = {
    name: direct.name,
    sid: direct.sid,
    objectClass,
    principalSource: direct.principalSource,
    via: [],
  };
  // Only a group, or a principal whose class nobody could tell, may hold other accounts.
  if (!isDomainPrincipal(direct) || (objectClass !== 'Group' && objectClass !== 'Unknown')) return [member];
  if (found === undefined) {
    const why = expansions.unavailable ?? `the jump host did not read ${direct.name} from Active Directory`;
    return [{ ...member, expansion: notExpanded(why) }];
  }
  if (found.members.status === 'not-collected')
    return [{ ...member, expansion: notExpanded(found.members.error) }];
  if (objectClass !== 'Group') return [member];
  const nested = found.members.value.map((item): LocalGroupMemberFacts => ({
    name: item.name,
    sid: item.sid,
    objectClass: item.objectClass,
    principalSource: 'ActiveDirectory',
    via: [direct.name, ...item.via],
    ...(item.expansion === undefined ? {} : { expansion: item.expansion }),
  }));
  return [{ ...member, expansion: { status: 'expanded' } }, ...nested];
}

function mergePart(
  part: Collected<DirectLocalGroupMemberData[]>,
  expansions: DomainGroupExpansions,
): Collected<LocalGroupMemberFacts[]> {
  if (part.status === 'not-collected') return part;
  return { status: 'collected', value: part.value.flatMap((member) => mergeMember(member, expansions)) };
}

/** Each server's groups with the run's expansions: direct members always kept, an unexpanded group marked with its error. */
export function mergeLocalGroups(
  groups: LocalGroupsData,
  expansions: DomainGroupExpansions,
): LocalGroupsFacts {
  return {
    administrators: mergePart(groups.administrators, expansions),
    remoteManagementUsers: mergePart(groups.remoteManagementUsers, expansions),
  };
}
