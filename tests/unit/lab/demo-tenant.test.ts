import { describe, expect, it } from 'vitest';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import { replayTenantCheck } from '../../../electron/tenant/tenant-check-run';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import { collectTenantFacts } from '../../../electron/tenant/collect-tenant-facts';
import { RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';

// The statuses each check can take (n/a only where there is no app to judge).
const expected: Record<(typeof tenantCheckIds)[number], string[]> = {
  'm365.provisioning.app': ['pass', 'fail', 'unknown'],
  'm365.provisioning.permissions': ['pass', 'fail', 'unknown', 'n/a'],
  'm365.provisioning.consent': ['pass', 'warn', 'fail', 'unknown', 'n/a'],
  'm365.provisioning.secret': ['pass', 'warn', 'fail', 'unknown', 'n/a'],
  'm365.securitydefaults': ['pass', 'fail', 'unknown'],
  'm365.peruser.mfa': ['pass', 'fail', 'unknown'],
  'm365.conditionalaccess.mfa': ['pass', 'warn', 'unknown'],
  'm365.sspr': ['pass', 'fail', 'unknown'],
  'm365.registration': ['pass', 'warn', 'fail', 'unknown'],
  'm365.domain.federation': ['pass', 'warn', 'fail', 'unknown'],
};

describe('the demo tenant', () => {
  it('is valid recorded responses, marked simulated', () => {
    for (const entry of demoTenantCases) {
      expect(RecordedResponses.parse(entry.recording)).toEqual(entry.recording);
      expect(entry.recording.simulated).toBe(true);
    }
  });

  it('shows every status of every check across its cases', async () => {
    const seen = new Map<string, Set<string>>();
    for (const entry of demoTenantCases) {
      const { results } = await replayTenantCheck(entry.recording, entry.target);
      expect(results.map((result) => result.checkId)).toEqual([...tenantCheckIds]);
      for (const result of results) {
        const statuses = seen.get(result.checkId) ?? new Set<string>();
        statuses.add(result.status);
        seen.set(result.checkId, statuses);
      }
    }
    for (const id of tenantCheckIds)
      expect([...(seen.get(id) ?? [])].sort(), id).toEqual([...expected[id]].sort());
  });

  it('has an attested SSPR case that is shown as attested, not as pass', async () => {
    const attested = demoTenantCases.find((entry) => entry.name === 'wingtip-attested');
    if (attested === undefined) throw new Error('no attested case');
    const { results } = await replayTenantCheck(attested.recording, attested.target);
    const sspr = results.find((result) => result.checkId === 'm365.sspr');
    expect(sspr?.status).toBe('unknown');
    expect(sspr?.summary).toMatch(/^Attested, not read/);
  });

  it('pages the users through @odata.nextLink and asks each one in $batch', async () => {
    const northwind = demoTenantCases.find((entry) => entry.name === 'northwind-not-ready');
    if (northwind === undefined) throw new Error('no northwind case');
    const facts = await collectTenantFacts(new ReplayGraphReader(northwind.recording), northwind.target, {
      readAt: northwind.recording.recordedAt,
      simulated: true,
    });
    expect(facts.perUserMfa.requirements).toHaveLength(25);
    expect(facts.perUserMfa.requirements.every((entry) => entry.read.state === 'read')).toBe(true);
  });
});
