import { describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../../electron/reports/build-report';
import { estateFingerprint } from '../../../electron/reports/estate-fingerprint';
import { runReadiness, serverOutcome } from '../../../shared/readiness/run-readiness';
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

  it('carries the verdicts and estate lines of shared/readiness, the words of the window and the CLI', async () => {
    const input = await demoInput();
    const report = buildReport(input);
    const expected = runReadiness(
      input.savedFacts.servers.map((server) =>
        serverOutcome(server, server.fqdn, input.results.find((r) => r.fqdn === server.fqdn)?.results ?? []),
      ),
    );
    expect(report.readiness).toEqual(expected.estate);
    expect(report.servers.map((server) => server.readiness)).toEqual(expected.servers.map((s) => s.verdicts));
    expect(report.readiness.map((line) => line.text)).toEqual([
      'Remote PowerShell: 2 of 8 ready (1 with accepted risks), 3 not ready, 3 not checked',
      'MFA module: 2 of 8 ready, 3 not ready, 3 not checked',
    ]);
    const exch05 = report.servers.find((server) => server.fqdn === 'exch05.contoso.com');
    expect(exch05?.unreachable?.cause).toBe('kerberos');
    expect(exch05?.readiness[0]?.text).toBe(
      'Not checked: unreachable: Kerberos authentication failed (kerberos)',
    );
    expect(report.servers.find((server) => server.fqdn === 'exch01.contoso.com')?.unreachable).toBeNull();
  });

  it('says the MFA module is not checked on a server when no MFA check ran', async () => {
    const input = await demoInput();
    const remotingOnly = input.results.map((server) => ({
      ...server,
      results: server.results.filter((result) => !result.checkId.startsWith('mfa.')),
    }));
    const report = buildReport({ ...input, results: remotingOnly });
    const exch01 = report.servers.find((server) => server.fqdn === 'exch01.contoso.com');
    expect(exch01?.readiness.map((verdict) => verdict.text)).toEqual([
      'Ready with 2 accepted risks',
      'Not checked: this run did not collect its facts',
    ]);
    expect(report.readiness[1]?.text).toBe('MFA module: 0 of 8 ready, 8 not checked');
  });

  it('titles every check from its catalogue, MFA checks included, never by its id', async () => {
    const report = buildReport(await demoInput());
    const titles = new Map(report.servers[0]?.checks.map((check) => [check.checkId, check.title]));
    expect(titles.get('mfa.logs')).toBe('MFA module log');
    expect(titles.get('mfa.owa.bin')).toBe('owa: module DLL');
    expect(titles.get('winrm.auth.cbt')).toBe('Channel binding (CbtHardeningLevel)');
    expect([...titles].filter(([id, title]) => id === title)).toEqual([]);
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
