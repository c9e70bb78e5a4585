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
});
