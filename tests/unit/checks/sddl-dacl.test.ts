import { describe, expect, it } from 'vitest';
import { decideSddlAccess, readSddlDacl, wellKnownSids } from '../../../electron/checks/sddl-dacl';

// The default of microsoft.powershell on Windows Server 2016 and later (Enable-PSRemoting).
const defaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';

describe('readSddlDacl', () => {
  it('reads the default DACL by SID, with the protected flag and the SACL around it', () => {
    const reading = readSddlDacl(defaultSddl);
    expect(reading).toEqual({
      kind: 'list',
      problems: [],
      entries: [
        { access: 'allow', sid: 'S-1-5-32-544', rights: ['all'], text: '(A;;GA;;;BA)' },
        { access: 'allow', sid: 'S-1-5-4', rights: ['all'], text: '(A;;GA;;;IU)' },
        { access: 'allow', sid: 'S-1-5-32-580', rights: ['all'], text: '(A;;GA;;;RM)' },
      ],
    });
  });

  it('reads SID strings, hex masks, object ACEs and lower-case aliases alike', () => {
    const reading = readSddlDacl(
      'O:BAG:BAD:AI(OD;;0x20000000;;;S-1-5-2)(A;CI;GXGR;;;s-1-5-32-544)(A;;0x80000000;;;wd)',
    );
    expect(reading.kind === 'list' ? reading.entries.map((e) => [e.access, e.sid, e.rights]) : null).toEqual([
      ['deny', 'S-1-5-2', ['execute']],
      ['allow', 'S-1-5-32-544', ['execute', 'read']],
      ['allow', 'S-1-1-0', ['read']],
    ]);
  });

  it('skips inherit-only ACEs: they do not apply to the configuration itself', () => {
    const reading = readSddlDacl('O:NSG:BAD:(A;OICIIO;GA;;;BA)');
    expect(reading).toEqual({ kind: 'list', entries: [], problems: [] });
  });

  it('tells an empty DACL (grants nothing) from a NULL DACL (grants everyone)', () => {
    expect(readSddlDacl('O:NSG:BAD:S:P(AU;FA;GA;;;WD)')).toEqual({ kind: 'list', entries: [], problems: [] });
    expect(readSddlDacl('O:NSG:BAD:P')).toEqual({ kind: 'list', entries: [], problems: [] });
    expect(readSddlDacl('O:NSG:BAD:NO_ACCESS_CONTROL').kind).toBe('null');
    expect(readSddlDacl('O:NSG:BA').kind).toBe('null');
  });

  it.each([
    ['text that is not SDDL', 'BUILTIN\\Administrators AccessAllowed', 'cannot be read'],
    ['an unclosed ACE', 'O:NSG:BAD:P(A;;GA;;;BA', 'cannot be read'],
    ['an unknown right', 'O:NSG:BAD:(A;;XX;;;BA)', 'unknown rights XX'],
    ['an unknown trustee', 'O:NSG:BAD:(A;;GA;;;QQ)', 'unknown trustee QQ'],
    ['a conditional ACE', 'O:NSG:BAD:(XA;;GA;;;WD;(Member_of {SID(BA)}))', 'cannot be read'],
    ['a short ACE', 'O:NSG:BAD:(A;;GA;BA)', 'six fields'],
    ['an audit ACE in the DACL', 'O:NSG:BAD:(AU;FA;GA;;;WD)', 'type AU'],
  ])('lists a problem for %s', (_label, sddl, problem) => {
    const reading = readSddlDacl(sddl);
    expect(reading.problems.join('; ')).toContain(problem);
  });
});

describe('decideSddlAccess', () => {
  const decide = (sddl: string, sid: string) => decideSddlAccess(readSddlDacl(sddl), [sid]).decision;

  it('allows Administrators and Remote Management Users on the default', () => {
    expect(decide(defaultSddl, wellKnownSids.administrators)).toBe('allowed');
    expect(decide(defaultSddl, wellKnownSids.remoteManagementUsers)).toBe('allowed');
  });

  it('lets a deny on NETWORK win over the allow of the group, since every remote logon carries NETWORK', () => {
    expect(decide('O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)', wellKnownSids.administrators)).toBe('denied');
    expect(decide('O:NSG:BAD:P(A;;GA;;;BA)(D;;GX;;;WD)', wellKnownSids.administrators)).toBe('denied');
  });

  it('ignores a deny of Write only: Execute and Read are still granted', () => {
    expect(decide('O:NSG:BAD:P(A;;GA;;;BA)(D;;GW;;;NU)', wellKnownSids.administrators)).toBe('allowed');
  });

  it('needs Execute and Read: Read alone or Execute alone does not let the caller in', () => {
    expect(decide('O:NSG:BAD:P(A;;GR;;;BA)', wellKnownSids.administrators)).toBe('not-granted');
    expect(decide('O:NSG:BAD:P(A;;GX;;;BA)', wellKnownSids.administrators)).toBe('not-granted');
    expect(decide('O:NSG:BAD:P(A;;GX;;;BA)(A;;GR;;;AU)', wellKnownSids.administrators)).toBe('allowed');
  });

  it('does not count INTERACTIVE for a remote caller, and grants everyone on a NULL DACL', () => {
    expect(decide('O:NSG:BAD:P(A;;GA;;;IU)', wellKnownSids.administrators)).toBe('not-granted');
    expect(decide('O:NSG:BAD:NO_ACCESS_CONTROL', wellKnownSids.administrators)).toBe('allowed');
    expect(decide('O:NSG:BAD:', wellKnownSids.administrators)).toBe('not-granted');
  });
});
