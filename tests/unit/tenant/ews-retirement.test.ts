import { describe, expect, it } from 'vitest';
import { CheckResult } from '../../../shared/checks/check-result';
import { evaluateEwsRetirement } from '../../../shared/tenant/ews/ews-retirement';

describe('ews.retirement, a pure function of the date', () => {
  it('before the block-by-default date: warns with the days left to both dates and the move to Graph', () => {
    const result = evaluateEwsRetirement(new Date('2026-06-01T12:00:00Z'));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('1 April 2027: 304 days left');
    expect(result.summary).toContain(
      'From 1 October 2026 (in 122 days) Exchange Online blocks EWS by default',
    );
    expect(result.summary).toContain('Microsoft Graph');
    expect(result.remedy).toContain('Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs');
    expect(result.evidence).toMatchObject({ phase: 'before-block', daysLeft: 304, today: '2026-06-01' });
  });

  it('between the two dates: still a warning, saying the block is in force', () => {
    const result = evaluateEwsRetirement(new Date('2026-12-02T08:00:00Z'));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('120 days left');
    expect(result.summary).toContain('Since 1 October 2026 Exchange Online blocks EWS by default');
    expect(result.evidence).toMatchObject({ phase: 'blocked-by-default', daysLeft: 120 });
  });

  it('counts days in UTC: the last day before the shutdown has one day left', () => {
    expect(evaluateEwsRetirement(new Date('2027-03-31T23:59:59Z'))).toMatchObject({
      status: 'warn',
      evidence: { daysLeft: 1 },
    });
  });

  it('on and after 1 April 2027: fails', () => {
    for (const day of ['2027-04-01T00:00:00Z', '2027-09-15T10:00:00Z']) {
      const result = evaluateEwsRetirement(new Date(day));
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('was shut down on 1 April 2027');
      expect(result.evidence).toMatchObject({ phase: 'retired', daysLeft: 0 });
    }
  });

  it('is a valid check result citing Microsoft\u2019s announcements', () => {
    const result = evaluateEwsRetirement(new Date('2026-12-02T00:00:00Z'));
    expect(CheckResult.parse(result)).toEqual(result);
    expect(result.references).toContain(
      'https://techcommunity.microsoft.com/blog/exchange/exchange-online-ews-your-time-is-almost-up/4492361',
    );
    expect(result.references).toContain(
      'https://techcommunity.microsoft.com/blog/exchange/retirement-of-exchange-web-services-in-exchange-online/3924440',
    );
  });
});
