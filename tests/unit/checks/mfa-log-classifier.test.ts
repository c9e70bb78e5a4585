import { describe, expect, it } from 'vitest';
import { classifyMfaLog, classifyMfaLogLines } from '../../../electron/checks/mfa-log-classifier';

// The lines exactly as the vendor's OWA and ECP documents print them (Troubleshooting, Issues 1 to 3).
const apiUnreachable = '[MONOFOR\\john.smith] By-username result is 0 ';
const invalidKey =
  '[MONOFOR\\john.smith] By-username result is OK {"InternalMessage":"Invalid Application Key","Code":12,"Success":false}';
const notAssigned =
  '[MONOFOR\\john.smith] Mfa result is Forbidden {"Message":"Permission Denied","InternalMessage":"This user not assigned to this application.","Code":22,"Success":false}';
const errorPage = '[] https://mail.monofor.com/owa/auth/errorFE.aspx?httpCode=500';
const whiteListed = '[] White listed: /owa/auth/errorFE.aspx?httpCode=500';

describe('classifyMfaLogLines', () => {
  it('recognises the API the server cannot reach', () => {
    expect(classifyMfaLogLines([apiUnreachable, errorPage])).toEqual([
      expect.objectContaining({
        issue: 'api-unreachable',
        count: 1,
        evidence: [{ line: 1, text: apiUnreachable }],
        remedy: expect.stringContaining('firewall') as string,
      }),
    ]);
  });

  it('recognises an invalid application key or secret', () => {
    const [finding] = classifyMfaLogLines([invalidKey, errorPage, whiteListed]);
    expect(finding?.issue).toBe('invalid-application-key');
    expect(finding?.evidence).toEqual([{ line: 1, text: invalidKey }]);
    expect(finding?.remedy).toContain('MONOSIGN_API_KEY');
  });

  it('recognises a user not assigned to the application', () => {
    const [finding] = classifyMfaLogLines([notAssigned, whiteListed]);
    expect(finding?.issue).toBe('user-not-assigned');
    expect(finding?.cause).toContain('not assigned');
  });

  it('keeps every issue of a mixed log in catalogue order, with counts and line numbers', () => {
    const log = [notAssigned, apiUnreachable, invalidKey, errorPage, apiUnreachable, whiteListed].join(
      '\r\n',
    );
    const findings = classifyMfaLog(log);
    expect(findings.map((f) => [f.issue, f.count, f.evidence.map((e) => e.line)])).toEqual([
      ['api-unreachable', 2, [2, 5]],
      ['invalid-application-key', 1, [3]],
      ['user-not-assigned', 1, [1]],
    ]);
  });

  it('does not mistake "result is OK", other codes or other numbers', () => {
    expect(
      classifyMfaLogLines([
        '[MONOFOR\\jane] By-username result is OK {"Code":0,"Success":true}',
        '[MONOFOR\\jane] By-username result is 01',
        '{"Code":120,"Success":false}',
        '{"Code":221}',
        errorPage,
        whiteListed,
      ]),
    ).toEqual([]);
  });

  it('keeps at most twenty lines of evidence but counts them all', () => {
    const [finding] = classifyMfaLogLines(Array.from({ length: 25 }, () => apiUnreachable));
    expect(finding?.count).toBe(25);
    expect(finding?.evidence).toHaveLength(20);
  });
});
