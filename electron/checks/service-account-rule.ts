import type { CheckResult } from '../../shared/checks/check-result';
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

interface Membership {
  group: string;
  via: string[];
}

function membershipsIn(
  group: string,
  members: readonly LocalGroupMemberFacts[],
  account: string,
): Membership[] {
  return members
    .filter((member) => isSameAccount(member.name, account))
    .map((member) => ({ group, via: member.via }));
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
  const memberships = [
    ...membershipsIn(administratorsGroup, administrators.value, account),
    ...membershipsIn(remoteManagementUsersGroup, remoteManagementUsers.value, account),
  ];
  const configuration = findDefaultSessionConfiguration(facts.sessionConfigurations.value);
  const evidence = {
    serviceAccount: account,
    memberships: memberships.map(describeMembership),
    permission: configuration?.permission ?? null,
  };
  const addRemedy = {
    remedy: `net localgroup "Remote Management Users" /add ${account}`,
    fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
  };
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
  const parsed = parseSessionPermission(configuration.permission);
  if (parsed.problems.length > 0) {
    return checkResult(
      id,
      'unknown',
      `The Permission of microsoft.powershell cannot be read: ${parsed.problems.join('; ')}.`,
      {
        evidence,
      },
    );
  }
  // Windows puts every group of every path into the token, so a deny on any of them applies.
  const identities = [account, ...memberships.flatMap((membership) => [membership.group, ...membership.via])];
  const access = decideRemoteAccess(parsed.entries, identities);
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
