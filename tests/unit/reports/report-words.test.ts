import { describe, expect, it } from 'vitest';
import { checkTitle } from '../../../shared/reports/check-title';
import { evidenceValueText } from '../../../shared/reports/evidence-text';
import { formatLocalTime, localiseIsoTimes } from '../../../shared/reports/local-time';

describe('report words', () => {
  it('titles checks from the Remote PowerShell and MFA catalogues, the id only for an unknown check', () => {
    expect(checkTitle('winrm.service')).toBe('WinRM service');
    expect(checkTitle('mfa.logs')).toBe('MFA module log');
    expect(checkTitle('mfa.api')).toBe('MFA API reachable from the server');
    expect(checkTitle('mfa.ecp.appsettings')).toBe('ecp: appSettings');
    expect(checkTitle('mfa.owa.backup')).toBe('owa: web.config backup');
    expect(checkTitle('tenant.something')).toBe('tenant.something');
  });

  it('shows a time in the given zone with its offset, minutes included', () => {
    expect(formatLocalTime('2026-12-02T14:04:00Z', 'Europe/Berlin')).toBe('2 Dec 2026, 15:04 UTC+01:00');
    expect(formatLocalTime('2026-07-02T14:04:00.000Z', 'Europe/Berlin')).toBe('2 Jul 2026, 16:04 UTC+02:00');
    expect(formatLocalTime('2026-12-02T23:30:00Z', 'Asia/Kolkata')).toBe('3 Dec 2026, 05:00 UTC+05:30');
    expect(formatLocalTime('2026-12-02T14:04:00+01:00', 'UTC')).toBe('2 Dec 2026, 13:04 UTC+00:00');
    expect(() => formatLocalTime('yesterday', 'UTC')).toThrow('"yesterday" is not an ISO date-time');
  });

  it('rewrites the ISO times inside a text and leaves the rest alone', () => {
    expect(localiseIsoTimes('it expired on 2026-10-18T10:00:00.000Z (renew it)', 'UTC')).toBe(
      'it expired on 18 Oct 2026, 10:00 UTC+00:00 (renew it)',
    );
    expect(localiseIsoTimes('version 2026-10-18 build', 'UTC')).toBe('version 2026-10-18 build');
  });

  it('reads evidence as key and value, lists joined, nested parts bracketed, never raw JSON', () => {
    expect(evidenceValueText(['a', 'b'])).toBe('a; b');
    expect(evidenceValueText({ port: 5986, enabled: true })).toBe('port: 5986, enabled: true');
    expect(evidenceValueText([{ name: 'r1', ports: ['5986'] }])).toBe('{name: r1, ports: [5986]}');
    expect(evidenceValueText('')).toBe('(empty)');
    expect(evidenceValueText(null)).toBe('(none)');
    expect(evidenceValueText([])).toBe('(none)');
  });
});
