import { describe, expect, it } from 'vitest';
import {
  decideRemoteAccess,
  parseSessionPermission,
  samePrincipal,
} from '../../../electron/checks/session-configuration-permission';
import { readListBlocks, readPsOutputFixture, readTables } from '../../helpers/powershell-text-output';

// Every Permission string here is read from a published Get-PSSessionConfiguration output (tests/fixtures/psoutput).

function permissionOf(rows: readonly Record<string, string>[], name: string): string {
  const row = rows.find((item) => item.Name === name);
  if (row?.Permission === undefined) throw new Error(`no ${name} row in the fixture`);
  return row.Permission;
}

describe('parseSessionPermission on real Get-PSSessionConfiguration output', () => {
  it('reads the three default grants of a Format-List output, principals with spaces included', () => {
    const [first] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__list_RemoteManagementUsers__pwshdocs.txt'),
    );
    const parsed = parseSessionPermission(first?.Permission ?? null);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      { principal: 'NT AUTHORITY\\INTERACTIVE', access: 'allow' },
      { principal: 'BUILTIN\\Administrators', access: 'allow' },
      { principal: 'BUILTIN\\Remote Management Users', access: 'allow' },
    ]);
  });

  it('reads AccessDenied entries (Disable-PSRemoting adds NT AUTHORITY\\NETWORK AccessDenied)', () => {
    const [disabled, enabled] = readTables(
      readPsOutputFixture('Get-PSSessionConfiguration__table_Name_Permission_NetworkDenied__pwshdocs.txt'),
    );
    const denied = parseSessionPermission(permissionOf(disabled ?? [], 'microsoft.powershell'));
    expect(denied.entries).toEqual([
      { principal: 'NT AUTHORITY\\NETWORK', access: 'deny' },
      { principal: 'BUILTIN\\Administrators', access: 'allow' },
    ]);
    expect(parseSessionPermission(permissionOf(enabled ?? [], 'microsoft.powershell')).entries).toEqual([
      { principal: 'BUILTIN\\Administrators', access: 'allow' },
    ]);
  });

  it('joins a Format-Table value wrapped onto a line at column 0', () => {
    const [, afterDisable] = readTables(
      readPsOutputFixture('Get-PSSessionConfiguration__table_Name_Permission_wrapped__pwshdocs.txt'),
    );
    const raw = permissionOf(afterDisable ?? [], 'Test');
    expect(raw).toContain('\n');
    const parsed = parseSessionPermission(raw);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((entry) => `${entry.principal}:${entry.access}`)).toEqual([
      'NT AUTHORITY\\NETWORK:deny',
      'NTAUTHORITY\\INTERACTIVE:allow',
      'BUILTIN\\Administrators:allow',
      'DOMAIN01\\User01:allow',
    ]);
  });

  it('joins a Format-List value continued on an indented line', () => {
    const [jea] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__JEA_list_multiline_Permission__pwshdocs.txt'),
    );
    const parsed = parseSessionPermission(jea?.Permission ?? null);
    expect(parsed.entries.map((entry) => entry.principal)).toEqual([
      'CONTOSO\\JEA_DNS_ADMINS',
      'CONTOSO\\JEA_DNS_OPERATORS',
      'CONTOSO\\JEA_DNS_AUDITORS',
    ]);
    expect(parsed.entries.every((entry) => entry.access === 'allow')).toBe(true);
  });

  it('reports an empty Permission as empty, with no entry: not "everyone allowed"', () => {
    const [full] = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__FormatList_all_EmptyPermission__pwshdocs.txt'),
    );
    expect(full?.Permission).toBe('');
    const parsed = parseSessionPermission(full?.Permission ?? null);
    expect(parsed).toEqual({ entries: [], empty: true, problems: [] });
    expect(decideRemoteAccess(parsed.entries, ['BUILTIN\\Administrators']).decision).toBe('not-granted');
    expect(parseSessionPermission(null).empty).toBe(true);
  });

  it('refuses to guess on a value Format-Table cut short ("AccessAll...")', () => {
    const [table] = readTables(
      readPsOutputFixture('Get-PSSessionConfiguration__table_truncated__pwshdocs.txt'),
    );
    const parsed = parseSessionPermission(permissionOf(table ?? [], 'microsoft.powershell'));
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems.join(' ')).toMatch(/cut short/);
  });

  it('reads a Format-List output that starts with the prompt line', () => {
    const blocks = readListBlocks(
      readPsOutputFixture('Get-PSSessionConfiguration__FormatList_Name_Permission_withprompt__pwshdocs.txt'),
    );
    expect(parseSessionPermission(permissionOf(blocks, 'microsoft.powershell')).entries).toEqual([
      { principal: 'BUILTIN\\Administrators', access: 'allow' },
    ]);
  });

  it('names an entry it cannot read instead of dropping it', () => {
    const parsed = parseSessionPermission('BUILTIN\\Administrators AccessAllowed, CONTOSO\\Ops FullControl');
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.problems).toEqual(['cannot read "CONTOSO\\Ops FullControl"']);
  });
});

describe('decideRemoteAccess', () => {
  it('lets a deny entry win over an allow for the same caller', () => {
    const { entries } = parseSessionPermission(
      'NT AUTHORITY\\NETWORK AccessDenied, BUILTIN\\Administrators AccessAllowed',
    );
    expect(decideRemoteAccess(entries, ['BUILTIN\\Administrators'])).toEqual({
      decision: 'denied',
      allowedBy: ['BUILTIN\\Administrators'],
      deniedBy: ['NT AUTHORITY\\NETWORK'],
    });
  });

  it('counts Everyone as held by every remote caller, INTERACTIVE not', () => {
    expect(
      decideRemoteAccess(parseSessionPermission('Everyone AccessAllowed').entries, ['CONTOSO\\svc']).decision,
    ).toBe('allowed');
    expect(
      decideRemoteAccess(parseSessionPermission('NT AUTHORITY\\INTERACTIVE AccessAllowed').entries, [
        'CONTOSO\\svc',
      ]).decision,
    ).toBe('not-granted');
  });

  it('compares principals without case or spacing', () => {
    expect(samePrincipal('NTAUTHORITY\\INTERACTIVE', 'NT AUTHORITY\\interactive')).toBe(true);
    expect(samePrincipal('BUILTIN\\Administrators', 'BUILTIN\\Remote Management Users')).toBe(false);
  });
});
