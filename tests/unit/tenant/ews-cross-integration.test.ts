import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/checks/check-result';
import { crossIntegrationNotes } from '../../../shared/tenant/ews/cross-integration';

const federation = (domains: { domain: string; authenticationType: string }[]): CheckResult => ({
  checkId: 'm365.domain.federation',
  status: 'pass',
  summary: 'fabrikam.example is federated.',
  evidence: { domains: domains.map((entry) => ({ status: 'pass', ...entry })) },
  references: [],
});
const password = (
  domain: string,
  status: CheckResult['status'],
  authenticationType: string,
): CheckResult => ({
  checkId: 'ews.account.passwordflow',
  status,
  summary: 'The ERP signs in with a password.',
  evidence: { account: `erp@${domain}`, domain, authenticationType },
  references: [],
});

describe('cross-integration notes', () => {
  it('say once on both checks where the federated domain and the password grant meet, with one estate line', () => {
    const { results, meetings } = crossIntegrationNotes([
      federation([{ domain: 'Fabrikam.example', authenticationType: 'Federated' }]),
      password('fabrikam.example', 'fail', 'Federated'),
    ]);
    expect(results[0]?.summary).toContain('(see ews.account.passwordflow)');
    expect(results[0]?.evidence.crossIntegration).toMatchObject({
      with: 'ews.account.passwordflow',
      domain: 'fabrikam.example',
    });
    expect(results[1]?.summary).toContain('(see m365.domain.federation)');
    expect(meetings).toHaveLength(1);
    expect(meetings[0]?.line).toContain("the ERP's password sign-in on it fails");
  });

  it('say nothing when the domains differ, the domain is not federated, or the flow is app-only', () => {
    const inputs: CheckResult[][] = [
      [
        federation([{ domain: 'fabrikam.example', authenticationType: 'Federated' }]),
        password('tailspin.example', 'warn', 'Managed'),
      ],
      [
        federation([{ domain: 'fabrikam.example', authenticationType: 'Managed' }]),
        password('fabrikam.example', 'warn', 'Managed'),
      ],
      [
        federation([{ domain: 'fabrikam.example', authenticationType: 'Federated' }]),
        { ...password('fabrikam.example', 'n/a', 'Federated') },
      ],
    ];
    for (const input of inputs) {
      const { results, meetings } = crossIntegrationNotes(input);
      expect(meetings).toEqual([]);
      expect(results).toEqual(input);
    }
  });
});
