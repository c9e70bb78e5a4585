import { describe, expect, it } from 'vitest';
import { certificateNameMatches, subjectCommonNames } from '../../../electron/checks/host-name-match';

describe('certificateNameMatches (RFC 6125 6.4.3)', () => {
  it('matches an exact name regardless of case and a trailing dot', () => {
    expect(certificateNameMatches('EXCH01.contoso.com.', 'exch01.CONTOSO.com')).toBe(true);
    expect(certificateNameMatches('exch01.contoso.com', 'exch02.contoso.com')).toBe(false);
  });

  it('lets a left-most * stand for exactly one label', () => {
    expect(certificateNameMatches('*.contoso.com', 'exch01.contoso.com')).toBe(true);
    expect(certificateNameMatches('*.contoso.com', 'contoso.com')).toBe(false);
    expect(certificateNameMatches('*.contoso.com', 'a.exch01.contoso.com')).toBe(false);
    expect(certificateNameMatches('*.contoso.com', 'exch01.contoso.com.evil.net')).toBe(false);
  });

  it('refuses partial, inner and top-level wildcards', () => {
    expect(certificateNameMatches('ex*.contoso.com', 'exch01.contoso.com')).toBe(false);
    expect(certificateNameMatches('exch01.*.com', 'exch01.contoso.com')).toBe(false);
    expect(certificateNameMatches('*.com', 'contoso.com')).toBe(false);
  });
});

describe('subjectCommonNames', () => {
  it('finds the CN among other attributes, quoted values included', () => {
    expect(subjectCommonNames('CN=exch01.contoso.com, OU=Messaging, O="Contoso, Ltd", C=US')).toEqual([
      'exch01.contoso.com',
    ]);
    expect(subjectCommonNames('O=Contoso, CN="mail.contoso.com"')).toEqual(['mail.contoso.com']);
    expect(subjectCommonNames('OU=www.verisign.com/CPS Incorp.')).toEqual([]);
  });
});
