import { readFile } from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import { Ajv2020 } from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { buildTenantReport } from '../../../electron/reports/build-tenant-report';
import { renderReportCsv } from '../../../electron/reports/report-csv';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import { demoTenantRunForReport } from '../../../electron/reports/report-tenant-run';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import { demoEwsCases } from '../../../electron/lab/demo-tenant-ews';
import { escapeHtml } from '../../../electron/reports/report-html-parts';
import { checkTitle } from '../../../shared/reports/check-title';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import { ewsCheckTitles } from '../../../shared/tenant/ews/ews-references';
import type { TenantRunForReport } from '../../../shared/reports/report-tenant';
import { ewsCheckIds } from '../../../shared/tenant/ews/ews-check-ids';
import {
  ewsBlockByDefaultDate,
  ewsDayWords,
  ewsDeadlineNotice,
  ewsRetirementAnnouncements,
  ewsShutdownDate,
} from '../../../shared/tenant/ews/ews-retirement';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';

const reportDay = new Date('2026-12-02T10:00:00Z');
const statement =
  'EWS in Exchange Online is blocked by default from 1 October 2026 unless the tenant allows the app (Set-OrganizationConfig -EwsEnabled $true with -EwsAllowedAppIDs) and shut down on 1 April 2027.';

async function caseRun(name: string): Promise<TenantRunForReport> {
  const entry =
    demoEwsCases.find((item) => item.name === name) ?? demoTenantCases.find((item) => item.name === name);
  const run = await demoTenantRunForReport(entry);
  if (run === null) throw new Error(`no demo case ${name}`);
  return run;
}

function tenantReport(tenants: TenantRunForReport[], now = reportDay) {
  return buildTenantReport({ tenants, runId: null, appVersion: '0.1.0', operator: 'op', now: () => now });
}

function htmlDocument(html: string) {
  return new DOMParser().parseFromString(html, 'text/html');
}

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('the EWS deadline notice (ews-retirement.ts, one source of the dates)', () => {
  it('states the dates in words, the days left as of the day and what the ERP must do, in each phase', () => {
    expect(ewsDayWords(ewsBlockByDefaultDate)).toBe('1 October 2026');
    expect(ewsDayWords(ewsShutdownDate)).toBe('1 April 2027');

    const before = ewsDeadlineNotice(new Date('2026-09-01T23:00:00Z'));
    expect(before).toMatchObject({ asOf: '2026-09-01', phase: 'before-block', daysLeft: 212 });
    expect(before.statement).toBe(statement);
    expect(before.countdown).toBe(
      'As of 1 September 2026: 212 days left until 1 April 2027, 30 days until EWS is blocked by default on 1 October 2026.',
    );

    const blocked = ewsDeadlineNotice(reportDay, ['00000001-00e1-4000-8000-000000000001']);
    expect(blocked).toMatchObject({ phase: 'blocked-by-default', daysLeft: 120 });
    expect(blocked.countdown).toContain('As of 2 December 2026: 120 days left until 1 April 2027');
    expect(blocked.erpMust).toContain('The ERP must move to Microsoft Graph');
    expect(blocked.erpMust).toContain(
      'until then allow its app id: Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs @{Add="00000001-00e1-4000-8000-000000000001"}',
    );
    expect(blocked.references).toEqual([...ewsRetirementAnnouncements]);

    const retired = ewsDeadlineNotice(new Date('2027-04-02T10:00:00Z'));
    expect(retired).toMatchObject({ phase: 'retired', daysLeft: 0 });
    expect(retired.erpMust).toContain('allowing its app id no longer helps');
  });

  it('names the ERP in the allow command only when the report judged one ERP', () => {
    expect(ewsDeadlineNotice(reportDay).erpMust).toContain('@{Add="<the ERP app\u2019s client id>"}');
    expect(ewsDeadlineNotice(reportDay, ['a', 'b']).erpMust).toContain('<the ERP app\u2019s client id>');
    expect(ewsDeadlineNotice(reportDay, ['a', 'a']).erpMust).toContain('@{Add="a"}');
  });
});

describe('a report with an Exchange Online mail result says the EWS deadline on its first page', () => {
  it('the model: a top-level field counted from the report day; none without an ews.* result', async () => {
    const report = tenantReport([await caseRun('contoso-erp-app-only-ready')]);
    expect(ReadinessReport.parse(report)).toEqual(report);
    expect(report.exchangeOnlineMailDeadline).toMatchObject({
      asOf: '2026-12-02',
      blockByDefaultDate: ewsBlockByDefaultDate,
      shutdownDate: ewsShutdownDate,
      daysLeft: 120,
      statement,
    });
    expect('exchangeOnlineMailDeadline' in tenantReport([await caseRun('fabrikam-ready')])).toBe(false);
    const estateOnly = buildReport({
      savedFacts: (await demoRun()).savedFacts,
      results: (await demoRun()).results,
      auditEntries: demoAuditEntries,
      period: { from: null, to: demoNow },
      runId: null,
      appVersion: '0.1.0',
      operator: 'op',
      now: () => demoNow,
    });
    expect('exchangeOnlineMailDeadline' in estateOnly).toBe(false);
  });

  it('HTML: the first section of the parsed document holds the sentence, the days left, the ERP and the announcement', async () => {
    const report = tenantReport([await caseRun('contoso-erp-app-only-ready')]);
    const document = htmlDocument(renderReportHtml(report, { timeZone: 'UTC' }));
    const first = document.getElementsByTagName('section')[0];
    expect(first?.getAttribute('class')).toBe('deadline');
    // In the header, before the report details: the top of the first page.
    expect(first?.parentNode?.nodeName.toLowerCase()).toBe('header');
    const text = collapse(first?.textContent);
    expect(text).toContain(statement);
    expect(text).toContain('As of 2 December 2026: 120 days left until 1 April 2027');
    expect(text).toContain('The ERP must move to Microsoft Graph');
    expect(text).toContain(`@{Add="${report.tenants?.[0]?.exchangeOnlineMail?.target?.clientId ?? 'x'}"}`);
    const links = [...Array.from(first?.getElementsByTagName('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toEqual([...ewsRetirementAnnouncements]);

    const without = htmlDocument(renderReportHtml(tenantReport([await caseRun('fabrikam-ready')])));
    const sections = Array.from(without.getElementsByTagName('section'));
    expect(sections.some((section) => section.getAttribute('class') === 'deadline')).toBe(false);
    expect(collapse(without.documentElement?.textContent)).not.toContain('EWS in Exchange Online is blocked');
  });

  it('JSON: the top-level field, valid against docs/report-schema.json', async () => {
    const json = renderReportJson(tenantReport([await caseRun('contoso-erp-after-shutdown')]));
    const schema = JSON.parse(await readFile('docs/report-schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const document = JSON.parse(json) as {
      schemaVersion: number;
      exchangeOnlineMailDeadline: { statement: string; countdown: string; erpMust: string; daysLeft: number };
    };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.schemaVersion).toBe(4);
    expect(document.exchangeOnlineMailDeadline.statement).toBe(statement);
    expect(document.exchangeOnlineMailDeadline.daysLeft).toBe(120);
  });

  it('CSV: the first row under the header is the deadline; no such row without an ews.* result', async () => {
    const csv = renderReportCsv(tenantReport([await caseRun('contoso-erp-app-only-ready')]));
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows[0]).toMatchObject({
      rowKind: 'deadline',
      integration: 'Exchange Online mail',
      status: '',
      simulated: 'SIMULATED',
    });
    expect(rows[0]?.summary).toContain(statement);
    expect(rows[0]?.summary).toContain('120 days left until 1 April 2027');
    expect(rows[0]?.remedy).toContain('The ERP must move to Microsoft Graph');
    expect(rows[0]?.remedy).toContain(ewsRetirementAnnouncements[0]);
    expect(rows.slice(1).every((row) => row.rowKind === 'tenant')).toBe(true);
    const plain = parse<Record<string, string>>(
      renderReportCsv(tenantReport([await caseRun('fabrikam-ready')])),
      {
        columns: true,
      },
    );
    expect(plain.some((row) => row.rowKind === 'deadline')).toBe(false);
  });
});

describe('the tenant section shows the ERP judged, as it shows the provisioning app', () => {
  it('the ERP app, flow, mailbox, account, settings source and its verdict; "(none)" for a run without a provisioning app', async () => {
    const report = tenantReport([await caseRun('contoso-erp-app-only-ready')]);
    const [section] = report.tenants ?? [];
    expect(section?.provisioningAppId).toBe('');
    expect(section?.exchangeOnlineMail?.target).toMatchObject({
      flow: 'app-only',
      account: null,
      exchangeOnlineSettings: 'simulated (demo tenant)',
    });
    expect(section?.exchangeOnlineMail?.readiness.text).toMatch(/^Exchange Online mail: /);
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    expect(html).toContain('provisioning app (none)');
    expect(html).not.toMatch(/provisioning app ·/);
    const target = section?.exchangeOnlineMail?.target;
    expect(html).toContain(
      `ERP app ${target?.clientId ?? ''} (app-only) · mailbox ${target?.mailbox ?? ''} · Exchange Online settings simulated (demo tenant)`,
    );
    // The ERP's estate line joins the readiness lines at the top.
    const estate = htmlDocument(html).getElementsByTagName('ul')[0];
    expect(collapse(estate?.textContent)).toContain(section?.exchangeOnlineMail?.readiness.text ?? 'x');

    const delegated = renderReportHtml(tenantReport([await caseRun('fabrikam-erp-delegated-federated')]));
    expect(delegated).toContain('(delegated) · mailbox erp@fabrikam.example · account erp@fabrikam.example');
  });
});

describe("the demo estate's report carries the demo tenant's Exchange Online mail, SIMULATED", () => {
  it('its tenant section holds the m365 and the ews checks in the model, HTML, CSV and JSON', async () => {
    const run = await demoRun();
    const tenant = await demoTenantRunForReport();
    expect(tenant?.exchangeOnlineMail?.flow).toBe('delegated');
    const report = buildReport({
      savedFacts: run.savedFacts,
      results: run.results,
      auditEntries: demoAuditEntries,
      period: { from: null, to: demoNow },
      runId: run.runId,
      appVersion: '0.1.0',
      operator: 'op',
      now: () => demoNow,
      tenants: tenant === null ? [] : [tenant],
    });
    const [section] = report.tenants ?? [];
    expect(section?.simulated).toBe(true);
    expect(section?.checks.map((check) => check.checkId)).toEqual([...tenantCheckIds, ...ewsCheckIds]);
    // The estate report counts from its own day (the demo's 22 November 2026).
    expect(report.exchangeOnlineMailDeadline?.countdown).toContain('As of 22 November 2026: 130 days left');

    const html = renderReportHtml(report, { timeZone: 'UTC' });
    expect(html).toContain(`Microsoft 365 tenant ${section?.tenant ?? 'x'} <small>[SIMULATED]</small>`);
    // Each ews.* check by its catalogue title, not its id.
    for (const check of section?.checks ?? []) expect(check.title).toBe(checkTitle(check.checkId));
    for (const id of ewsCheckIds) expect(html).toContain(escapeHtml(ewsCheckTitles[id]));
    const rows = parse<Record<string, string>>(renderReportCsv(report), { columns: true });
    const ewsRows = rows.filter((row) => row.rowKind === 'tenant' && (row.checkId ?? '').startsWith('ews.'));
    expect(ewsRows.map((row) => row.checkId)).toEqual([...ewsCheckIds]);
    expect(
      ewsRows.every((row) => row.simulated === 'SIMULATED' && (row.readiness ?? '').startsWith('Not ready')),
    ).toBe(true);
    const json = JSON.parse(renderReportJson(report)) as ReadinessReport;
    expect(json.tenants?.[0]?.checks.filter((check) => check.checkId.startsWith('ews.'))).toHaveLength(
      ewsCheckIds.length,
    );
    expect(json.tenants?.[0]?.simulated).toBe(true);
  });
});
