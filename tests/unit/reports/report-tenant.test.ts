import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { buildTenantReport } from '../../../electron/reports/build-tenant-report';
import { renderReportCsv, reportCsvColumns } from '../../../electron/reports/report-csv';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import { demoTenantRunForReport } from '../../../electron/reports/report-tenant-run';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import type { SavedRun } from '../../../electron/storage/run-history';
import { checkTitle } from '../../../shared/reports/check-title';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import type { TenantRunForReport } from '../../../shared/reports/report-tenant';
import { integrationVerdict } from '../../../shared/readiness/readiness-verdict';
import { tenantCheckIds, tenantCheckTitles } from '../../../shared/tenant/tenant-check-ids';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';

async function demoTenant(name = 'fabrikam-ready'): Promise<TenantRunForReport> {
  const run = await demoTenantRunForReport(demoTenantCases.find((entry) => entry.name === name));
  if (run === null) throw new Error(`no demo case ${name}`);
  return run;
}

function reportOf(run: SavedRun, tenants: TenantRunForReport[], knownSecrets: string[] = []) {
  return buildReport({
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: null, to: demoNow },
    runId: run.runId,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => demoNow,
    tenants,
    knownSecrets,
  });
}

describe('the tenant section of the report model', () => {
  it('carries the tenant, its verdict and estate line from shared/readiness, and every m365 check with its title', async () => {
    const tenant = await demoTenant('northwind-not-ready');
    const report = reportOf(await demoRun(), [tenant]);
    expect(ReadinessReport.parse(report)).toEqual(report);
    const [section] = report.tenants ?? [];
    expect(section?.tenant).toBe(tenant.tenant);
    expect(section?.simulated).toBe(true);
    expect(section?.caseName).toBe('northwind-not-ready');
    expect(section?.readAt).toBe(tenant.readAt);
    const verdict = integrationVerdict('Microsoft 365', {
      fqdn: tenant.tenant,
      collection: 'collected',
      results: tenant.results,
    });
    expect(section?.verdict).toEqual(verdict);
    expect(section?.verdict.kind).toBe('not-ready');
    expect(section?.readiness.text).toBe('Microsoft 365: 0 of 1 ready, 1 not ready');
    expect(section?.checks.map((check) => check.checkId)).toEqual([...tenantCheckIds]);
    for (const check of section?.checks ?? []) {
      expect(check.title).toBe(tenantCheckTitles[check.checkId as keyof typeof tenantCheckTitles]);
      expect(check.integration).toBe('Microsoft 365');
      expect(check.references.length).toBeGreaterThan(0);
    }
    // The server sections are untouched: no m365 check among them, no tenant risk in the estate's list.
    expect(report.servers.flatMap((server) => server.checks).some((c) => c.checkId.startsWith('m365.'))).toBe(
      false,
    );
    expect(report.acceptedRisks.some((risk) => risk.checkId.startsWith('m365.'))).toBe(false);
  });

  it('states each accepted risk of the tenant once, and has no section without a tenant run', async () => {
    const report = reportOf(await demoRun(), [await demoTenant()]);
    const risks = report.tenants?.[0]?.acceptedRisks ?? [];
    expect(risks.map((risk) => risk.checkId)).toEqual(['m365.securitydefaults']);
    expect(report.tenants?.[0]?.verdict.text).toBe('Ready with 1 accepted risk');
    expect('tenants' in reportOf(await demoRun(), [])).toBe(false);
  });

  it('masks known secrets in the tenant evidence too', async () => {
    const tenant = await demoTenant();
    const [first, ...rest] = tenant.results;
    if (first === undefined) throw new Error('no result');
    const leaky = {
      ...tenant,
      results: [{ ...first, evidence: { ...first.evidence, note: 'key Zq7-T-SECRET-1' } }, ...rest],
    };
    const json = renderReportJson(reportOf(await demoRun(), [leaky], ['Zq7-T-SECRET-1']));
    expect(json).not.toContain('Zq7-T-SECRET-1');
  });

  it('names the ten m365 checks by their catalogue titles', () => {
    for (const id of tenantCheckIds) expect(checkTitle(id)).toBe(tenantCheckTitles[id]);
  });
});

describe('the tenant section in each format', () => {
  it('HTML: after the Exchange grid, before what needs attention, each check with its evidence', async () => {
    const html = renderReportHtml(reportOf(await demoRun(), [await demoTenant()]), { timeZone: 'UTC' });
    const grid = html.indexOf('<h2>Checks at a glance</h2>');
    const tenant = html.indexOf('Microsoft 365 tenant fabrikam');
    const attention = html.indexOf('<h2>Needs attention</h2>');
    expect(grid).toBeGreaterThan(0);
    expect(tenant).toBeGreaterThan(grid);
    expect(attention).toBeGreaterThan(tenant);
    expect(html).toContain('Microsoft 365: 1 of 1 ready (1 with accepted risks)');
    expect(html).toContain('Ready with 1 accepted risk');
    expect(html).toContain('[SIMULATED]');
    for (const id of tenantCheckIds) expect(html).toContain(tenantCheckTitles[id]);
    // The accepted risk is stated once in the tenant section.
    expect(html.split('Accepted risks of the tenant').length).toBe(2);
    // Each check's evidence (the raw Graph fields) sits in its row, before the estate's appendix.
    const evidence = html.indexOf('<b>servicePrincipalId</b>');
    expect(evidence).toBeGreaterThan(tenant);
    expect(evidence).toBeLessThan(attention);
  });

  it('CSV: the tenant rows come last with row kind tenant, the columns appended after the old ones', async () => {
    const run = await demoRun();
    const csv = renderReportCsv(reportOf(run, [await demoTenant()]));
    expect(reportCsvColumns.slice(0, 11)).toEqual([
      'server',
      'checkId',
      'title',
      'status',
      'summary',
      'remedy',
      'fixId',
      'acceptedRisk',
      'simulated',
      'integration',
      'readiness',
    ]);
    expect(reportCsvColumns[11]).toBe('rowKind');
    const rows = parse<Record<string, string>>(csv, { columns: true });
    const serverRows = run.results.reduce((sum, server) => sum + server.results.length, 0);
    expect(rows.slice(0, serverRows).every((row) => row.rowKind === 'server')).toBe(true);
    const tenantRows = rows.slice(serverRows);
    expect(tenantRows.map((row) => row.checkId)).toEqual([...tenantCheckIds]);
    for (const row of tenantRows) {
      expect(row).toMatchObject({ rowKind: 'tenant', integration: 'Microsoft 365', simulated: 'SIMULATED' });
      expect(row.server).toMatch(/^fabrikam/);
      expect(row.readiness).toBe('Ready with 1 accepted risk');
    }
  });

  it('JSON: carries the section and validates against docs/report-schema.json', async () => {
    const json = renderReportJson(reportOf(await demoRun(), [await demoTenant()]));
    const schema = JSON.parse(await readFile('docs/report-schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const document = JSON.parse(json) as { schemaVersion: number; tenants: { checks: unknown[] }[] };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.schemaVersion).toBe(4);
    expect(document.tenants[0]?.checks).toHaveLength(tenantCheckIds.length);
  });

  it('a tenant-only report has the tenant sections and no Exchange part', async () => {
    const tenants = [await demoTenant(), await demoTenant('wingtip-attested')];
    const report = buildTenantReport({
      tenants,
      runId: null,
      appVersion: '0.1.0',
      operator: 'op',
      now: () => demoNow,
    });
    expect(ReadinessReport.parse(report)).toEqual(report);
    expect(report.simulated).toBe(true);
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    expect(html).not.toContain('Readiness per server');
    expect(html).not.toContain('Needs attention');
    expect(html).toContain('Microsoft 365 tenant fabrikam');
    expect(html).toContain('Microsoft 365 tenant wingtip');
    const rows = parse<Record<string, string>>(renderReportCsv(report), { columns: true });
    expect(rows).toHaveLength(2 * tenantCheckIds.length);
    expect(rows.every((row) => row.rowKind === 'tenant')).toBe(true);
  });
});
