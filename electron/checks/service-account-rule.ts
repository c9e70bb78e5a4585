import type { CheckResult, EvidenceValue } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { LocalGroupMemberFacts } from '../../shared/facts/local-group-facts';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import type { EvaluationContext } from './evaluation-context';
import {
  administratorsGroup,
  decideRemoteAccess,
  parseSessionPermission,
  remoteManagementUsersGroup,
} from './session-configuration-permission';
import { findDefaultSessionConfiguration } from './session-configuration-rule';
import { describeDaclEntry } from './session-configuration-sddl';
import { decideSddlAccess, readSddlDacl, wellKnownSids } from './sddl-dacl';
import type { SessionConfigurationFacts } from '../../shared/facts/session-configuration-facts';

const id = 'psremoting.serviceaccount';

interface AccountName {
  domain: string | null;
  user: string;
}

/** Splits DOMAIN\user or user@dns.domain; the UPN suffix is not a NetBIOS domain, so it is not compared. */
function accountName(name: string): AccountName {
  const trimmed = name.trim();
  const slash = trimmed.indexOf('\\');
  if (slash >= 0)
    return { domain: trimmed.slice(0, slash).toLowerCase(), user: trimmed.slice(slash + 1).toLowerCase() };
  const at = trimmed.indexOf('@');
  return { domain: null, user: (at >= 0 ? trimmed.slice(0, at) : trimmed).toLowerCase() };
}

export function isSameAccount(memberName: string, account: string): boolean {
  const member = accountName(memberName);
  const wanted = accountName(account);
  if (member.user !== wanted.user) return false;
  return member.domain === null || wanted.domain === null || member.domain === wanted.domain;
}

/** The account as the rule looks for it: by SID where the jump host translated it, else by name. */
interface WantedAccount {
  name: string;
  sid: string | null;
}

/** By SID when both sides have one (CONTOSO\svc and OTHER\svc are two accounts); by name for members without a SID. */
function isTheAccount(member: LocalGroupMemberFacts, account: WantedAccount): boolean {
  if (account.sid !== null && member.sid !== null)
    return member.sid.toUpperCase() === account.sid.toUpperCase();
  return isSameAccount(member.name, account.name);
}

interface Membership {
  group: string;
  via: string[];
  /** The local group's SID and those of the groups on the path that have one: what the token carries. */
  sids: string[];
}

function membershipsIn(
  group: string,
  groupSid: string,
  members: readonly LocalGroupMemberFacts[],
  account: WantedAccount,
): Membership[] {
  const sidOf = (name: string) => members.find((member) => member.name === name)?.sid ?? null;
  return members
    .filter((member) => isTheAccount(member, account))
    .map((member) => ({
      group,
      via: member.via,
      sids: [groupSid, ...member.via.map(sidOf).filter((sid): sid is string => sid !== null)],
    }));
}

interface AccountAccess {
  /** What the decision was read from: the SDDL by SID, or (facts without one) the Permission text by name. */
  source: 'SDDL' | 'Permission';
  problems: string[];
  decision: 'allowed' | 'denied' | 'not-granted';
  allowedBy: string[];
  deniedBy: string[];
}

function accountAccess(
  configuration: SessionConfigurationFacts,
  account: WantedAccount,
  memberships: readonly Membership[],
): AccountAccess {
  const sddl = configuration.sddl;
  if (sddl !== null && sddl.trim() !== '') {
    const reading = readSddlDacl(sddl);
    const sids = [...memberships.flatMap((membership) => membership.sids)];
    if (account.sid !== null) sids.push(account.sid.toUpperCase());
    const access = decideSddlAccess(reading, sids);
    return {
      source: 'SDDL',
      problems: reading.problems,
      decision: access.decision,
      allowedBy:
        reading.kind === 'null' ? ['a NULL DACL (everyone)'] : access.allowedBy.map(describeDaclEntry),
      deniedBy: access.deniedBy.map(describeDaclEntry),
    };
  }
  const parsed = parseSessionPermission(configuration.permission);
  // Windows puts every group of every path into the token, so a deny on any of them applies.
  const identities = [
    account.name,
    ...memberships.flatMap((membership) => [membership.group, ...membership.via]),
  ];
  return {
    source: 'Permission',
    problems: parsed.problems,
    ...decideRemoteAccess(parsed.entries, identities),
  };
}

/** A group whose members may include the account although none is listed: unreadable, or listing no primary-group members. */
interface PossiblePath {
  group: string;
  member: string;
  why: string;
}

// Domain Users (RID 513) is every account's default primary group, and AD's member attribute never lists primary-group members.
const domainUsersRid = /^S-1-5-21-\d+-\d+-\d+-513$/i;

function possiblePathsIn(group: string, members: readonly LocalGroupMemberFacts[]): PossiblePath[] {
  return members.flatMap((member): PossiblePath[] => {
    const path = [...member.via, member.name].join(' > ');
    if (member.expansion?.status === 'not-expanded')
      return [{ group, member: path, why: `its members could not be read: ${member.expansion.error}` }];
    if (member.objectClass === 'Group' && member.sid !== null && domainUsersRid.test(member.sid))
      return [
        {
          group,
          member: path,
          why: 'Active Directory does not list the accounts whose primary group it is among its members',
        },
      ];
    return [];
  });
}

function describePossiblePath(path: PossiblePath): string {
  return `${path.member} (in ${path.group}): ${path.why}`;
}

function wantedAccount(name: string, context: EvaluationContext): WantedAccount {
  const sid = context.serviceAccountSid;
  return { name, sid: sid?.status === 'collected' ? sid.value : null };
}

/** How the account was looked for, for the evidence. */
function lookupEvidence(context: EvaluationContext, account: WantedAccount): Record<string, EvidenceValue> {
  const sid = context.serviceAccountSid;
  return {
    serviceAccountSid: account.sid,
    matchedBy: account.sid === null ? 'name' : 'sid',
    ...(sid?.status === 'not-collected' ? { sidNotResolved: sid.error } : {}),
  };
}

function describeMembership(membership: Membership): string {
  return membership.via.length === 0
    ? `${membership.group} (direct)`
    : `${membership.group} through ${membership.via.join(' > ')}`;
}

/** psremoting.serviceaccount: the sync account reaches microsoft.powershell through a local group that is not denied. */
export function evaluateServiceAccount(facts: CollectedServerFacts, context: EvaluationContext): CheckResult {
  const account = context.serviceAccount;
  if (account === null) {
    return checkResult(
      id,
      'unknown',
      'No sync service account is set in the inventory, so its access cannot be checked.',
      {
        evidence: { serviceAccount: null },
        remedy: 'Enter the account the sync service connects with (DOMAIN\\user) in the inventory.',
      },
    );
  }
  const { administrators, remoteManagementUsers } = facts.localGroups;
  if (administrators.status === 'not-collected') {
    return notCollectedResult(id, 'the members of Administrators', administrators.error);
  }
  if (remoteManagementUsers.status === 'not-collected') {
    return notCollectedResult(id, 'the members of Remote Management Users', remoteManagementUsers.error);
  }
  if (facts.sessionConfigurations.status === 'not-collected') {
    return notCollectedResult(id, 'the session configurations', facts.sessionConfigurations.error);
  }
  const wanted = wantedAccount(account, context);
  const memberships = [
    ...membershipsIn(administratorsGroup, wellKnownSids.administrators, administrators.value, wanted),
    ...membershipsIn(
      remoteManagementUsersGroup,
      wellKnownSids.remoteManagementUsers,
      remoteManagementUsers.value,
      wanted,
    ),
  ];
  const possiblePaths = [
    ...possiblePathsIn(administratorsGroup, administrators.value),
    ...possiblePathsIn(remoteManagementUsersGroup, remoteManagementUsers.value),
  ];
  const configuration = findDefaultSessionConfiguration(facts.sessionConfigurations.value);
  const evidence = {
    serviceAccount: account,
    ...lookupEvidence(context, wanted),
    memberships: memberships.map(describeMembership),
    ...(possiblePaths.length === 0 ? {} : { notListed: possiblePaths.map(describePossiblePath) }),
    permission: configuration?.permission ?? null,
  };
  const addRemedy = {
    remedy: addToGroupRemedy(account),
    fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
  };
  if (memberships.length === 0 && possiblePaths.length > 0) {
    return checkResult(
      id,
      'unknown',
      `${account} is not listed in Administrators or Remote Management Users, but it may be a member through ${possiblePaths.map(describePossiblePath).join('; ')}.`,
      {
        evidence,
        remedy:
          'Let the account that runs ExReady read these groups in Active Directory from the jump host (their domains reachable), then collect again; or add the account to Remote Management Users directly.',
        fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
      },
    );
  }
  if (memberships.length === 0) {
    return checkResult(
      id,
      'fail',
      `${account} is not a member of Administrators or Remote Management Users, directly or through a nested group.`,
      { evidence, ...addRemedy },
    );
  }
  if (configuration === undefined) {
    return checkResult(
      id,
      'fail',
      `microsoft.powershell is not registered, so ${account} cannot open a session.`,
      {
        evidence,
        remedy: 'Enable-PSRemoting -Force',
        fixId: remotingFixIds.sessionConfigurationReset,
      },
    );
  }
  const access = accountAccess(configuration, wanted, memberships);
  if (access.problems.length > 0) {
    return checkResult(
      id,
      'unknown',
      `The ${access.source} of microsoft.powershell cannot be read: ${access.problems.join('; ')}.`,
      {
        evidence,
      },
    );
  }
  const paths = memberships.map(describeMembership).join('; ');
  if (access.decision === 'denied') {
    return checkResult(
      id,
      'fail',
      `${account} is a member of ${paths}, but microsoft.powershell denies it through ${access.deniedBy.join(', ')}.`,
      {
        evidence: { ...evidence, deniedBy: access.deniedBy },
        remedy:
          'Remove the AccessDenied entry from microsoft.powershell, or take the account out of the denied group.',
      },
    );
  }
  if (access.decision === 'not-granted') {
    return checkResult(
      id,
      'fail',
      `${account} is a member of ${paths}, but microsoft.powershell allows none of these groups.`,
      {
        evidence,
        remedy:
          'Allow Remote Management Users on microsoft.powershell: Enable-PSRemoting -Force, or Set-PSSessionConfiguration -Name microsoft.powershell -ShowSecurityDescriptorUI.',
        fixId: remotingFixIds.sessionConfigurationReset,
      },
    );
  }
  const isAdministrator = memberships.some((membership) => membership.group === administratorsGroup);
  return checkResult(
    id,
    'pass',
    `${account} may open a session: member of ${paths}, allowed by ${access.allowedBy.join(', ')}.`,
    {
      evidence: { ...evidence, allowedBy: access.allowedBy },
      ...(isAdministrator
        ? {
            acceptedRisk: {
              exposes: `${account} is a local administrator of this Exchange server: whoever holds its password controls the server and every mailbox it hosts.`,
              saferAlternatives: [
                'Remote Management Users membership only: it is enough to open the session (the vendor accepts either group).',
                'A Just Enough Administration (JEA) endpoint limited to the cmdlets the sync service runs.',
              ],
            },
          }
        : {}),
    },
  );
}

// cmd reads & | < > ^ as operators outside quotes and expands % and ! even inside them: quote, or give no command.
function addToGroupRemedy(account: string): string {
  if (/["%!]/.test(account) || [...account].some((char) => char.charCodeAt(0) < 0x20) || account.length > 256)
    return 'Add the service account to the local group Remote Management Users (Computer Management > Local Users and Groups): its name cannot be quoted safely for cmd.';
  return `net localgroup "Remote Management Users" /add "${account}"`;
}
