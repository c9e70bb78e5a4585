import { describe, expect, it } from 'vitest';
import { evaluateServiceAccount, isSameAccount } from '../../../electron/checks/service-account-rule';
import type { LocalGroupMemberFacts } from '../../../shared/facts/local-group-facts';
import { PrincipalObjectClass, PrincipalSource } from '../../../shared/facts/local-group-facts';
import type { LocalGroupsFacts } from '../../../shared/facts/server-facts';
import { readPsOutputFixture, readTables } from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts, testContext } from '../../helpers/remoting-facts';

function member(
  name: string,
  via: string[] = [],
  objectClass: LocalGroupMemberFacts['objectClass'] = 'User',
): LocalGroupMemberFacts {
  return { name, sid: null, objectClass, principalSource: 'ActiveDirectory', via };
}

function facts(
  groups: { administrators?: LocalGroupMemberFacts[]; remoteManagementUsers?: LocalGroupMemberFacts[] },
  permission?: string,
) {
  const localGroups: LocalGroupsFacts = {
    administrators: collectedValue(groups.administrators ?? []),
    remoteManagementUsers: collectedValue(groups.remoteManagementUsers ?? []),
  };
  return readyServerFacts({
    localGroups,
    ...(permission === undefined
      ? {}
      : {
          sessionConfigurations: collectedValue([
            { name: 'microsoft.powershell', permission, sddl: null, enabled: true },
          ]),
        }),
  });
}

describe('psremoting.serviceaccount', () => {
  it('passes a direct member of Remote Management Users, without an accepted risk', () => {
    const result = evaluateServiceAccount(readyServerFacts(), testContext());
    expect(result.status).toBe('pass');
    expect(result.evidence.memberships).toEqual(['BUILTIN\\Remote Management Users (direct)']);
    expect(result.acceptedRisk).toBeUndefined();
  });

  it('passes a member of Administrators read from Get-LocalGroupMember output, and shows the admin risk', () => {
    const [table] = readTables(
      readPsOutputFixture('Get-LocalGroupMember_Administrators__withprompt__pwshdocs-2021.txt'),
    );
    const administrators = (table ?? []).map((row) => ({
      name: row.Name ?? '',
      sid: null,
      objectClass: PrincipalObjectClass.parse(row.ObjectClass),
      principalSource: PrincipalSource.parse(row.PrincipalSource),
      via: [],
    }));
    const result = evaluateServiceAccount(
      facts({ administrators }),
      testContext({ serviceAccount: 'CONTOSOPC\\LocalAdmin' }),
    );
    expect(result.status).toBe('pass');
    expect(result.acceptedRisk?.saferAlternatives.join(' ')).toContain(
      'Remote Management Users membership only',
    );
  });

  it('passes through a nested domain group and names the chain', () => {
    const result = evaluateServiceAccount(
      facts({
        remoteManagementUsers: [
          member('CONTOSO\\Sync Operators', [], 'Group'),
          member('CONTOSO\\Sync Accounts', ['CONTOSO\\Sync Operators'], 'Group'),
          member('CONTOSO\\svc-sync', ['CONTOSO\\Sync Operators', 'CONTOSO\\Sync Accounts']),
        ],
      }),
      testContext(),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toContain(
      'Remote Management Users through CONTOSO\\Sync Operators > CONTOSO\\Sync Accounts',
    );
  });

  it('matches a UPN to DOMAIN\\user, but not the same user name in another domain', () => {
    expect(isSameAccount('CONTOSO\\svc-sync', 'svc-sync@contoso.com')).toBe(true);
    expect(isSameAccount('FABRIKAM\\svc-sync', 'CONTOSO\\svc-sync')).toBe(false);
    const result = evaluateServiceAccount(
      facts({ remoteManagementUsers: [member('FABRIKAM\\svc-sync')] }),
      testContext(),
    );
    expect(result.status).toBe('fail');
  });

  it('fails when the account is in neither group, with the add-member fix', () => {
    const result = evaluateServiceAccount(
      facts({ administrators: [member('CONTOSO\\Domain Admins', [], 'Group')] }),
      testContext(),
    );
    expect(result.status).toBe('fail');
    expect(result.remedy).toBe('net localgroup "Remote Management Users" /add CONTOSO\\svc-sync');
    expect(result.fixId).toBe('psremoting.serviceaccount.add-to-remote-management-users');
  });

  it('fails when a nested group on the path is denied by the session configuration', () => {
    const result = evaluateServiceAccount(
      facts(
        { remoteManagementUsers: [member('CONTOSO\\svc-sync', ['CONTOSO\\Contractors'])] },
        'CONTOSO\\Contractors AccessDenied, BUILTIN\\Remote Management Users AccessAllowed',
      ),
      testContext(),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence.deniedBy).toEqual(['CONTOSO\\Contractors']);
  });

  it('fails when remote logons are denied outright (NT AUTHORITY\\NETWORK)', () => {
    const result = evaluateServiceAccount(
      facts(
        { administrators: [member('CONTOSO\\svc-sync')] },
        'NT AUTHORITY\\NETWORK AccessDenied, BUILTIN\\Administrators AccessAllowed',
      ),
      testContext(),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('denies it through NT AUTHORITY\\NETWORK');
  });

  it('fails a Remote Management Users member when microsoft.powershell allows only Administrators', () => {
    const result = evaluateServiceAccount(
      facts(
        { remoteManagementUsers: [member('CONTOSO\\svc-sync')] },
        'BUILTIN\\Administrators AccessAllowed',
      ),
      testContext(),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('allows none of these groups');
  });

  it('is unknown without a service account, or when a group or the configurations could not be read', () => {
    expect(evaluateServiceAccount(readyServerFacts(), testContext({ serviceAccount: null })).status).toBe(
      'unknown',
    );
    const noGroup = readyServerFacts({
      localGroups: {
        administrators: collectedValue([]),
        remoteManagementUsers: notCollected('Group not found.'),
      },
    });
    expect(evaluateServiceAccount(noGroup, testContext()).summary).toContain(
      'Remote Management Users: Group not found.',
    );
    const noConfig = readyServerFacts({ sessionConfigurations: notCollected('Access is denied.') });
    expect(evaluateServiceAccount(noConfig, testContext()).status).toBe('unknown');
  });
});
