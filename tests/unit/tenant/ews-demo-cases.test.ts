import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { ewsCheckIds, type EwsCheckId } from '../../../shared/tenant/ews/ews-check-ids';
import { demoEwsCases } from '../../../electron/lab/demo-tenant-ews';
import { replayTenantCheck } from '../../../electron/tenant/tenant-check-run';

// Every status each ews.* rule can give; ews.account.passwordflow is "warn at best", ews.retirement warn or fail.
const expected: Record<EwsCheckId, CheckStatus[]> = {
  'ews.app': ['fail', 'pass', 'unknown', 'warn'],
  'ews.app.permission': ['fail', 'n/a', 'pass', 'unknown', 'warn'],
  'ews.app.consent': ['fail', 'n/a', 'pass', 'unknown', 'warn'],
  'ews.app.publicclient': ['fail', 'n/a', 'pass', 'unknown', 'warn'],
  'ews.app.secret': ['fail', 'n/a', 'pass', 'warn'],
  'ews.account.passwordflow': ['fail', 'n/a', 'unknown', 'warn'],
  'ews.mailbox.scope': ['fail', 'n/a', 'pass', 'unknown', 'warn'],
  'ews.enabled': ['fail', 'pass', 'unknown', 'warn'],
  'ews.retirement': ['fail', 'warn'],
  'ews.probe': ['fail', 'pass', 'unknown'],
};

describe('the demo tenant EWS cases', () => {
  it('show every status of every ews.* check across the cases', async () => {
    const seen = new Map<string, Set<CheckStatus>>();
    for (const entry of demoEwsCases) {
      const outcome = await replayTenantCheck(entry.recording, entry.target, entry.ews);
      for (const result of outcome.results.filter((item) => item.checkId.startsWith('ews.'))) {
        const set = seen.get(result.checkId) ?? new Set<CheckStatus>();
        set.add(result.status);
        seen.set(result.checkId, set);
      }
    }
    const actual = Object.fromEntries(ewsCheckIds.map((id) => [id, [...(seen.get(id) ?? [])].sort()]));
    expect(actual).toEqual(expected);
  });

  it('says once, on both checks, where the IdP federation meets the ERP password grant', async () => {
    const entry = demoEwsCases.find((item) => item.name === 'fabrikam-erp-delegated-federated');
    if (entry === undefined) throw new Error('case missing');
    const outcome = await replayTenantCheck(entry.recording, entry.target, entry.ews);
    const federation = outcome.results.find((result) => result.checkId === 'm365.domain.federation');
    const password = outcome.results.find((result) => result.checkId === 'ews.account.passwordflow');
    expect(password?.status).toBe('fail');
    expect(password?.summary).toContain("the ERP's sign-in will fail once the domain is federated");
    expect(password?.summary).toContain('see m365.domain.federation');
    expect(federation?.summary).toContain('see ews.account.passwordflow');
    expect(federation?.summary.match(/Cross-integration/g)).toHaveLength(1);
    expect(outcome.crossIntegration).toEqual([
      expect.objectContaining({
        domain: 'fabrikam.example',
        line: expect.stringContaining('fabrikam.example'),
      }),
    ]);
  });
});
