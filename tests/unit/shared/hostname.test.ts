import { describe, expect, it } from 'vitest';
import { describeFqdnProblem, Fqdn, splitHostList } from '../../../shared/domain/hostname';

describe('Fqdn', () => {
  it('normalises case and a trailing dot', () => {
    expect(Fqdn.parse('  EXCH01.Contoso.COM. ')).toBe('exch01.contoso.com');
  });

  it.each([
    ['exch01', 'is not fully qualified'],
    ['exch01..contoso.com', 'has an invalid label ""'],
    ['-exch.contoso.com', 'has an invalid label "-exch"'],
    ['exch_01.contoso.com', 'has an invalid label "exch_01"'],
    ['10.0.0.5', 'is an IP address'],
    ['exch 01.contoso.com', 'contains white space'],
    [`${'a'.repeat(64)}.contoso.com`, 'has an invalid label'],
  ])('refuses %j because it %s', (value, reason) => {
    expect(describeFqdnProblem(value)).toContain(reason);
    expect(Fqdn.safeParse(value).success).toBe(false);
  });

  it('refuses the Kelvin sign U+212A instead of lower-casing it into "k"', () => {
    const result = Fqdn.safeParse('exch01.\u212Aontoso.com');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('U+212A');
    expect(Fqdn.safeParse('ex\u0441h01.contoso.com').success).toBe(false); // Cyrillic es
  });

  it('quotes at most 200 characters of a long value in its message', () => {
    const message = Fqdn.safeParse(`${'a'.repeat(10_000)}.com`).error?.issues[0]?.message ?? '';
    expect(message).not.toContain('a'.repeat(201));
    expect(message.length).toBeLessThan(300);
  });

  it('accepts names with digits and hyphens inside labels', () => {
    expect(describeFqdnProblem('ex-2019-01.eu.contoso.com')).toBeNull();
  });
});

describe('splitHostList', () => {
  it('splits pasted lists on new lines, commas, semicolons and spaces', () => {
    expect(splitHostList('a.contoso.com\r\nb.contoso.com, c.contoso.com;d.contoso.com  \n\n')).toEqual([
      'a.contoso.com',
      'b.contoso.com',
      'c.contoso.com',
      'd.contoso.com',
    ]);
  });
});
