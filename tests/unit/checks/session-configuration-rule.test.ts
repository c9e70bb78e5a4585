import { describe, expect, it } from 'vitest';
import { evaluateSessionConfiguration } from '../../../electron/checks/session-configuration-rule';
import type { SessionConfigurationFacts } from '../../../shared/facts/session-configuration-facts';
import { readListBlocks, readPsOutputFixture, readTables } from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

function evaluate(...configurations: Partial<SessionConfigurationFacts>[]) {
  const list = configurations.map((item) => ({
    name: 'microsoft.powershell',
    permission: null,
    sddl: null,
    enabled: true,
    ...item,
  }));
  return evaluateSessionConfiguration(readyServerFacts({ sessionConfigurations: collectedValue(list) }));
}

function tablePermission(fixture: string, table: number, name: string): string {
  return readTables(readPsOutputFixture(fixture))[table]?.find((row) => row.Name === name)?.Permission ?? '';
}

describe('psremoting.sessionconfig', () => {
  it('passes the default grants and names the groups', () => {
    const result = evaluateSessionConfiguration(readyServerFacts());
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'microsoft.powershell allows BUILTIN\\Administrators and BUILTIN\\Remote Management Users.',
    );
  });

  it('passes Administrators alone (Windows PowerShell 5.1 docs output)', () => {
    const [first] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__FormatList_Name_Permission_withprompt__pwshdocs.txt'),
    );
    const result = evaluate({ name: first?.Name, permission: first?.Permission ?? null });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('microsoft.powershell allows BUILTIN\\Administrators.');
  });

  it('fails when NT AUTHORITY\\NETWORK is denied even though Administrators are allowed: deny wins', () => {
    const permission = tablePermission(
      'Get-PSSessionConfiguration__table_Name_Permission_NetworkDenied__pwshdocs.txt',
      0,
      'microsoft.powershell',
    );
    const result = evaluate({ permission });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('NT AUTHORITY\\NETWORK AccessDenied');
    expect(result.fixId).toBe('psremoting.sessionconfig.reset');
  });

  it('fails an empty Permission instead of reading it as "everyone allowed"', () => {
    const [full] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__FormatList_all_EmptyPermission__pwshdocs.txt'),
    );
    const result = evaluate({ permission: full?.Permission ?? null });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('is empty');
  });

  it('fails when only other principals are allowed', () => {
    const [jea] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__JEA_list_multiline_Permission__pwshdocs.txt'),
    );
    const result = evaluate({ permission: jea?.Permission ?? null });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'microsoft.powershell allows neither Administrators nor Remote Management Users.',
    );
  });

  it('fails when microsoft.powershell is missing or disabled', () => {
    expect(
      evaluate({ name: 'JEAMaintenance', permission: 'BUILTIN\\Administrators AccessAllowed' }).summary,
    ).toContain('not registered');
    expect(
      evaluate({ permission: 'BUILTIN\\Administrators AccessAllowed', enabled: false }).summary,
    ).toContain('disabled');
  });

  it('is unknown on a Permission Format-Table cut short, rather than guessing', () => {
    const permission = tablePermission(
      'Get-PSSessionConfiguration__table_truncated__pwshdocs.txt',
      0,
      'microsoft.powershell',
    );
    const result = evaluate({ permission });
    expect(result.status).toBe('unknown');
    expect(result.evidence.permission).toBe('BUILTIN\\Administrators AccessAll...');
  });

  it('is unknown when the configurations could not be read', () => {
    const result = evaluateSessionConfiguration(
      readyServerFacts({ sessionConfigurations: notCollected('Access is denied.') }),
    );
    expect(result.status).toBe('unknown');
  });

  describe('decided from the SDDL by SID, whatever language Permission is printed in', () => {
    const sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';
    const english =
      'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';
    const german =
      'NT-AUTORITÄT\\INTERAKTIV AccessAllowed, VORDEFINIERT\\Administratoren AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed';

    it('passes a German server exactly as an English one', () => {
      const en = evaluate({ permission: english, sddl });
      const de = evaluate({ permission: german, sddl });
      expect(de.status).toBe('pass');
      expect(de.summary).toBe(en.summary);
      expect(de.summary).toBe(
        'microsoft.powershell allows BUILTIN\\Administrators and BUILTIN\\Remote Management Users.',
      );
      expect(de.evidence.permission).toBe(german);
      expect(de.evidence.sddl).toBe(sddl);
    });

    it('fails a deny on NETWORK (NU) on a German server, naming the SID', () => {
      const result = evaluate({
        permission:
          'NT-AUTORITÄT\\NETZWERK AccessDenied, VORDEFINIERT\\Administratoren AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed',
        sddl: 'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
      });
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('NT AUTHORITY\\NETWORK (S-1-5-2) AccessDenied');
      expect(result.fixId).toBe('psremoting.sessionconfig.reset');
    });

    it('follows the SDDL when Permission text would say otherwise', () => {
      const result = evaluate({ permission: english, sddl: 'O:NSG:BAD:P(A;;GA;;;IU)' });
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('allows neither Administrators nor Remote Management Users');
    });

    it('fails an empty DACL', () => {
      const result = evaluate({ permission: '', sddl: 'O:NSG:BAD:PS:P(AU;FA;GA;;;WD)' });
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('DACL of microsoft.powershell is empty');
    });

    it('is unknown on an SDDL it cannot read, naming the part', () => {
      const result = evaluate({ permission: german, sddl: 'O:NSG:BAD:P(A;;GA;;;BA' });
      expect(result.status).toBe('unknown');
      expect(result.summary).toContain('The SDDL of microsoft.powershell cannot be read');
      const odd = evaluate({ permission: german, sddl: 'O:NSG:BAD:P(A;;GA;;;BA)(A;;ZZ;;;RM)' });
      expect(odd.status).toBe('unknown');
      expect(odd.summary).toContain('unknown rights ZZ');
    });

    it('still reads Permission when old facts carry no SDDL', () => {
      expect(evaluate({ permission: english, sddl: null }).status).toBe('pass');
    });
  });
});
