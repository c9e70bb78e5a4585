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
    expect(result.remedy).toBe('net localgroup "Remote Management Users" /add "CONTOSO\\svc-sync"');
    expect(result.fixId).toBe('psremoting.serviceaccount.add-to-remote-management-users');
  });

  it('quotes the account in the remedy, so cmd does not run what follows an & in its name', () => {
    const noGroups = facts({ administrators: [member('CONTOSO\\Domain Admins', [], 'Group')] });
    const amp = evaluateServiceAccount(noGroups, testContext({ serviceAccount: 'CONTOSO\\svc&calc' }));
    expect(amp.remedy).toBe('net localgroup "Remote Management Users" /add "CONTOSO\\svc&calc"');
    // % and ! expand even inside quotes: no command line is offered for such a name.
    const percent = evaluateServiceAccount(noGroups, testContext({ serviceAccount: 'CONTOSO\\svc%PATH%' }));
    expect(percent.remedy).not.toContain('net localgroup');
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

  describe('session permissions read from the SDDL by SID', () => {
    const contoso = 'S-1-5-21-3623811015-3361044348-30300820';
    const german = (sddl: string, permission: string, groups: Parameters<typeof facts>[0]) =>
      readyServerFacts({
        ...facts(groups),
        sessionConfigurations: collectedValue([
          { name: 'microsoft.powershell', permission, sddl, enabled: true },
        ]),
      });

    it('passes a Remote Management Users member on a German server', () => {
      const result = evaluateServiceAccount(
        german(
          'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
          'VORDEFINIERT\\Administratoren AccessAllowed, NT-AUTORITÄT\\INTERAKTIV AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed',
          { remoteManagementUsers: [member('CONTOSO\\svc-sync')] },
        ),
        testContext(),
      );
      expect(result.status).toBe('pass');
      expect(result.summary).toContain(
        'allowed by BUILTIN\\Remote Management Users (S-1-5-32-580) AccessAllowed',
      );
    });

    it('fails on a German server that denies NETWORK, naming the SID', () => {
      const result = evaluateServiceAccount(
        german(
          'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;RM)',
          'NT-AUTORITÄT\\NETZWERK AccessDenied, VORDEFINIERT\\Administratoren AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed',
          { remoteManagementUsers: [member('CONTOSO\\svc-sync')] },
        ),
        testContext(),
      );
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('denies it through NT AUTHORITY\\NETWORK (S-1-5-2) AccessDenied');
    });

    it('fails when a nested group on the path is denied by its SID', () => {
      const contractors = { ...member('CONTOSO\\Contractors', [], 'Group'), sid: `${contoso}-1200` };
      const result = evaluateServiceAccount(
        german(`O:NSG:BAD:P(D;;GA;;;${contoso}-1200)(A;;GA;;;RM)`, '', {
          remoteManagementUsers: [contractors, member('CONTOSO\\svc-sync', ['CONTOSO\\Contractors'])],
        }),
        testContext(),
      );
      expect(result.status).toBe('fail');
      expect(result.evidence.deniedBy).toEqual([`${contoso}-1200 AccessDenied`]);
    });

    it('is unknown on an SDDL it cannot read', () => {
      const result = evaluateServiceAccount(
        german('O:NSG:BAD:P(A;;GA;;;RM', '', { remoteManagementUsers: [member('CONTOSO\\svc-sync')] }),
        testContext(),
      );
      expect(result.status).toBe('unknown');
      expect(result.summary).toContain('The SDDL of microsoft.powershell cannot be read');
    });
  });

  describe('membership by SID', () => {
    const contoso = 'S-1-5-21-3623811015-3361044348-30300820';
    const other = 'S-1-5-21-1180699209-877415012-3182924384';
    const withSid = (name: string, sid: string, via: string[] = []): LocalGroupMemberFacts => ({
      ...member(name, via),
      sid,
    });
    const bySid = (serviceAccount = 'CONTOSO\\svc-sync') =>
      testContext({ serviceAccount, serviceAccountSid: { status: 'collected', value: `${contoso}-1604` } });

    it('does not take OTHER\\svc-sync for the account named by its UPN: another SID is another account', () => {
      const result = evaluateServiceAccount(
        facts({ remoteManagementUsers: [withSid('OTHER\\svc-sync', `${other}-1604`)] }),
        bySid('svc-sync@contoso.com'),
      );
      expect(result.status).toBe('fail');
      expect(result.evidence).toMatchObject({ matchedBy: 'sid', serviceAccountSid: `${contoso}-1604` });
    });

    it('finds the account by its SID under another name (renamed), nested through a group', () => {
      const result = evaluateServiceAccount(
        facts({
          remoteManagementUsers: [
            {
              ...withSid('CONTOSO\\Exchange Sync', `${contoso}-2201`),
              objectClass: 'Group',
              expansion: { status: 'expanded' },
            },
            withSid('CONTOSO\\svc-sync-old', `${contoso}-1604`, ['CONTOSO\\Exchange Sync']),
          ],
        }),
        bySid(),
      );
      expect(result.status).toBe('pass');
      expect(result.evidence.memberships).toEqual([
        'BUILTIN\\Remote Management Users through CONTOSO\\Exchange Sync',
      ]);
    });

    it('is unknown, never a silent fail, when a group that may hold the account could not be expanded', () => {
      const result = evaluateServiceAccount(
        facts({
          remoteManagementUsers: [
            {
              ...withSid('CONTOSO\\Exchange Sync', `${contoso}-2201`),
              objectClass: 'Group',
              expansion: { status: 'not-expanded', error: 'An operations error occurred.' },
            },
            withSid('CONTOSO\\svc-backup', `${contoso}-1701`),
          ],
        }),
        bySid(),
      );
      expect(result.status).toBe('unknown');
      expect(result.summary).toContain(
        'CONTOSO\\Exchange Sync (in BUILTIN\\Remote Management Users): its members could not be read: An operations error occurred.',
      );
      expect(result.fixId).toBe('psremoting.serviceaccount.add-to-remote-management-users');
    });

    it('is unknown when Domain Users is a member: AD does not list the accounts whose primary group it is', () => {
      const result = evaluateServiceAccount(
        facts({
          remoteManagementUsers: [
            {
              ...withSid('CONTOSO\\Domain Users', `${contoso}-513`),
              objectClass: 'Group',
              expansion: { status: 'expanded' },
            },
          ],
        }),
        bySid(),
      );
      expect(result.status).toBe('unknown');
      expect(result.summary).toContain('primary group');
    });

    it('passes through a readable path and still names the group it could not read', () => {
      const result = evaluateServiceAccount(
        facts({
          administrators: [
            {
              ...withSid('OTHER\\Ops', `${other}-4001`),
              objectClass: 'Group',
              expansion: { status: 'not-expanded', error: 'The server is not operational.' },
            },
          ],
          remoteManagementUsers: [withSid('CONTOSO\\svc-sync', `${contoso}-1604`)],
        }),
        bySid(),
      );
      expect(result.status).toBe('pass');
      expect(result.evidence.notListed).toEqual([
        'OTHER\\Ops (in BUILTIN\\Administrators): its members could not be read: The server is not operational.',
      ]);
    });

    it('matches by name, and says so, when the jump host could not translate the account', () => {
      const result = evaluateServiceAccount(
        facts({ remoteManagementUsers: [withSid('CONTOSO\\svc-sync', `${contoso}-1604`)] }),
        testContext({
          serviceAccountSid: {
            status: 'not-collected',
            error: 'Some or all identity references could not be translated.',
          },
        }),
      );
      expect(result.status).toBe('pass');
      expect(result.evidence).toMatchObject({
        matchedBy: 'name',
        sidNotResolved: 'Some or all identity references could not be translated.',
      });
    });
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
