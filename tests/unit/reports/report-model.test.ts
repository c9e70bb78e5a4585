import { describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../../electron/reports/build-report';
import { estateFingerprint } from '../../../electron/reports/estate-fingerprint';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';

async function demoInput(): Promise<ReportInput> {
  const run = await demoRun();
  return {
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: new Date('2026-11-01T00:00:00Z'), to: demoNow },
    runId: run.runId,
    appVersion: '9.9.9',
    operator: 'CONTOSO\\admin',
    now: () => new Date('2026-11-22T12:00:00Z'),
  };
}

describe('the report model', () => {
  it('is built from the saved run alone and matches its schema', async () => {
    const input = await demoInput();
    const report = buildReport(input);
    expect(ReadinessReport.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      appVersion: '9.9.9',
      operator: 'CONTOSO\\admin',
      generatedAt: '2026-11-22T12:00:00.000Z',
      simulated: true,
      runId: input.runId,
    });
    expect(report.servers.map((server) => server.fqdn)).toEqual(input.savedFacts.servers.map((s) => s.fqdn));
    const checks = input.results.reduce((sum, server) => sum + server.results.length, 0);
    expect(report.servers.flatMap((server) => server.checks)).toHaveLength(checks);
    expect(Object.values(report.totals).reduce((a, b) => a + b, 0)).toBe(checks);
  });

  it('says Remote PowerShell is not ready and the MFA module not checked when no MFA check ran', async () => {
    const input = await demoInput();
    const remotingOnly = input.results.map((server) => ({
      ...server,
      results: server.results.filter((result) => !result.checkId.startsWith('mfa.')),
    }));
    const report = buildReport({ ...input, results: remotingOnly });
    const [remoting, mfa] = report.integrations;
    expect(remoting).toMatchObject({ integration: 'Remote PowerShell', verdict: 'not ready' });
    expect(remoting?.counts.fail).toBeGreaterThan(0);
    expect(mfa).toMatchObject({ integration: 'MFA module', verdict: 'not checked', checks: 0 });
  });

  it('calls an integration ready when every one of its checks passed, warned or did not apply', async () => {
    const input = await demoInput();
    const exch01 = input.results.filter((server) => server.fqdn === 'exch01.contoso.com');
    const report = buildReport({ ...input, results: exch01 });
    expect(report.integrations[0]?.verdict).toBe('ready');
  });

  it('lists accepted risks on their own and the fixes of the period only', async () => {
    const report = buildReport(await demoInput());
    const risky = report.servers.flatMap((server) =>
      server.checks
        .filter((check) => check.acceptedRisk !== null)
        .map((check) => `${server.fqdn} ${check.checkId}`),
    );
    expect(report.acceptedRisks.map((risk) => `${risk.server} ${risk.checkId}`)).toEqual(risky);
    expect(report.acceptedRisks.length).toBeGreaterThan(0);
    expect(report.fixesApplied.entries.map((fix) => fix.auditId)).toEqual([1]);
    expect(report.fixesApplied.from).toBe('2026-11-01T00:00:00.000Z');
  });

  it('fingerprints the estate independently of order and case, and changes with the service account', async () => {
    const { savedFacts } = await demoInput();
    const context = savedFacts.context;
    const shuffled = {
      ...context,
      exchangeServers: [...context.exchangeServers].reverse().map((name) => name.toUpperCase()),
      syncServers: [...context.syncServers].reverse(),
    };
    expect(estateFingerprint(shuffled)).toBe(estateFingerprint(context));
    expect(estateFingerprint({ ...context, serviceAccount: 'CONTOSO\\other' })).not.toBe(
      estateFingerprint(context),
    );
    expect(estateFingerprint(context)).toMatch(/^[0-9a-f]{64}$/);
  });
});
