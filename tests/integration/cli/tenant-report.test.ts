import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runReportCommand } from '../../../electron/cli/commands/report-command';
import { runTenantCommand } from '../../../electron/cli/commands/tenant-command';
import { runCli } from '../../../electron/cli/run-cli';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import { demoEwsCases } from '../../../electron/lab/demo-tenant-ews';
import type { PrintToPdf } from '../../../electron/reports/report-pdf';
import { TenantRunHistory } from '../../../electron/storage/tenant-run-history';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import { ewsCheckIds } from '../../../shared/tenant/ews/ews-check-ids';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';
import { useTempDirs } from '../../helpers/temp-dir';

const now = () => new Date('2026-12-02T10:00:00Z');
const tempDir = useTempDirs('tenant-report');
const handWritten = fileURLToPath(new URL('../../fixtures/graph/hand-written-tenant.json', import.meta.url));

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

async function tenantCheck(args: string[], printToPdf?: PrintToPdf) {
  const { out, io } = capture();
  const code = await runTenantCommand(['check', ...args], io, {
    labs: { demo: demoTenantCases },
    openLive: () => Promise.reject(new Error('no live sign-in in tests')),
    now,
    operator: () => 'CONTOSO\\admin',
    ...(printToPdf === undefined ? {} : { printToPdf }),
  });
  return { code, ...out };
}

const csvRows = async (file: string) =>
  parse<Record<string, string>>(await readFile(file, 'utf8'), { columns: true });

describe('exready tenant check: the history and --report', () => {
  it('saves the lab run (simulated, results only) and writes --report x.html with the tenant section', async () => {
    const dir = await tempDir();
    const html = join(dir, 'x.html');
    const { code, stderr } = await tenantCheck([
      '--lab',
      'demo',
      '--case',
      'wingtip-attested',
      '--history',
      dir,
      '--report',
      html,
    ]);
    expect(code, stderr).toBe(0);
    const text = await readFile(html, 'utf8');
    expect(text).toContain('Microsoft 365 tenant wingtip');
    expect(text).toContain('SIMULATED');
    expect(text).not.toContain('Readiness per server');
    const history = new TenantRunHistory(dir);
    const [summary, ...others] = await history.list();
    expect(others).toEqual([]);
    expect(summary).toMatchObject({ source: 'lab', caseName: 'wingtip-attested', simulated: true });
    const saved = await history.open(summary?.runId ?? '');
    expect(saved.results.map((result) => result.checkId)).toEqual([...tenantCheckIds]);
    expect(text).toContain(saved.runId);
    // Results only: no Graph body (its @odata context) and no token in the file at rest.
    const raw = await readFile(join(history.folder, `${saved.runId}.json`), 'utf8');
    expect(raw).not.toContain('@odata.context');
    expect(raw).not.toMatch(/access_token|Bearer /i);
  });

  it('writes --report in CSV, JSON and PDF by extension, every case of the lab in one report', async () => {
    const dir = await tempDir();
    const csv = join(dir, 'x.csv');
    await tenantCheck(['--lab', 'demo', '--history', dir, '--report', csv]);
    const rows = await csvRows(csv);
    expect(rows).toHaveLength(demoTenantCases.length * tenantCheckIds.length);
    expect(rows.every((row) => row.rowKind === 'tenant' && row.simulated === 'SIMULATED')).toBe(true);
    expect(await new TenantRunHistory(dir).list()).toHaveLength(demoTenantCases.length);

    const json = join(dir, 'x.json');
    await tenantCheck(['--recorded', await recordedCopy(dir), '--history', dir, '--report', json]);
    const report = ReadinessReport.parse(JSON.parse(await readFile(json, 'utf8')));
    expect(report.simulated).toBe(false);
    expect(report.tenants?.[0]?.checks.map((check) => check.checkId)).toEqual([...tenantCheckIds]);
    expect((await new TenantRunHistory(dir).open('latest')).source).toBe('recorded');

    let printed = '';
    const pdf = join(dir, 'x.pdf');
    const fakePdf: PrintToPdf = (html) => {
      printed = html;
      return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
    };
    await tenantCheck(
      ['--lab', 'demo', '--case', 'fabrikam-ready', '--history', dir, '--report', pdf],
      fakePdf,
    );
    expect(await readFile(pdf)).toEqual(Buffer.from('%PDF'));
    expect(printed).toContain('Microsoft 365 tenant fabrikam');
  });

  it('refuses a --report extension that names no format', async () => {
    const { code, stderr } = await tenantCheck(['--lab', 'demo', '--report', 'r.docx']);
    expect(code).toBe(2);
    expect(stderr).toContain('--report: "r.docx" must end in .html, .pdf, .csv or .json');
  });
});

async function recordedCopy(dir: string): Promise<string> {
  const path = join(dir, 'recorded.json');
  await copyFile(handWritten, path);
  return path;
}

describe("a run's report carries the newest tenant run of its kind", () => {
  async function reportCsv(dir: string) {
    const out = join(dir, 'r.csv');
    const { io, out: said } = capture();
    const code = await runReportCommand(['--run', 'latest', '--out', out, '--history', dir], io, now, {
      operator: () => 'CONTOSO\\admin',
    });
    expect(code, said.stderr).toBe(0);
    return (await csvRows(out)).filter((row) => row.rowKind === 'tenant');
  }

  it('a demo run: the demo tenant when none was saved, the newest simulated tenant run once there is one', async () => {
    const dir = await tempDir();
    await runCli(['check', '--lab', 'demo', '--history', dir], capture().io, now);
    const fabrikam = await reportCsv(dir);
    // The demo tenant comes with its ERP: the m365 checks, then the ews ones (report-tenant-run.ts).
    expect(fabrikam.map((row) => row.checkId)).toEqual([...tenantCheckIds, ...ewsCheckIds]);
    expect(fabrikam[0]?.server).toBe(demoTenantCases[0]?.target.tenant);

    await tenantCheck(['--lab', 'demo', '--case', 'wingtip-attested', '--history', dir]);
    // A real (replayed) tenant run is newer, but not of the demo run's kind.
    await tenantCheck(['--recorded', await recordedCopy(dir), '--history', dir]);
    const wingtip = await reportCsv(dir);
    expect(wingtip[0]?.server).toMatch(/^wingtip/);
    expect(wingtip.every((row) => row.simulated === 'SIMULATED')).toBe(true);
  });

  it('exready check --lab demo --report x.html carries the demo tenant', async () => {
    const dir = await tempDir();
    const html = join(dir, 'x.html');
    await runCli(['check', '--lab', 'demo', '--history', dir, '--report', html], capture().io, now);
    const text = await readFile(html, 'utf8');
    expect(text).toContain(`Microsoft 365 tenant ${demoTenantCases[0]?.target.tenant ?? ''}`);
    expect(text.indexOf('Microsoft 365 tenant')).toBeGreaterThan(text.indexOf('Checks at a glance'));
    // Its ERP's Exchange Online mail puts the EWS deadline at the top, counted from the report's day.
    const deadline = text.indexOf('EWS in Exchange Online is blocked by default from 1 October 2026');
    expect(deadline).toBeGreaterThan(0);
    expect(deadline).toBeLessThan(text.indexOf('Readiness per server'));
    expect(text).toContain('As of 2 December 2026: 120 days left until 1 April 2027');
  });
});

describe('exready tenant check --ews: the ERP in the saved run, the EWS deadline first', () => {
  async function ewsCheck(args: string[]) {
    const { out, io } = capture();
    const code = await runTenantCommand(['check', '--lab', 'demo', '--ews', ...args], io, {
      labs: { demo: demoTenantCases },
      ewsLabs: { demo: demoEwsCases },
      openLive: () => Promise.reject(new Error('no live sign-in in tests')),
      now,
      operator: () => 'CONTOSO\\admin',
    });
    return { code, ...out };
  }

  it('saves the ERP judged with the run and the report shows it, "(none)" for the absent provisioning app', async () => {
    const dir = await tempDir();
    const html = join(dir, 'x.html');
    const entry = demoEwsCases.find((item) => item.name === 'contoso-erp-app-only-ready');
    await ewsCheck(['--case', 'contoso-erp-app-only-ready', '--history', dir, '--report', html]);
    const saved = await new TenantRunHistory(dir).open('latest');
    expect(saved.provisioningAppId).toBe('');
    expect(saved.exchangeOnlineMail).toEqual({
      clientId: entry?.ews.clientId,
      flow: 'app-only',
      mailbox: entry?.ews.mailbox,
      account: null,
      exchangeOnlineSettings: 'simulated (demo tenant)',
    });
    const text = await readFile(html, 'utf8');
    expect(text).toContain('provisioning app (none)');
    expect(text).toContain(
      `ERP app ${entry?.ews.clientId ?? 'x'} (app-only) · mailbox ${entry?.ews.mailbox ?? 'x'}`,
    );
    expect(text).toContain(`@{Add=&quot;${entry?.ews.clientId ?? 'x'}&quot;}`);
  });

  it('the text and --json open with the EWS deadline and what the ERP must do; the m365-only text does not', async () => {
    const { stdout } = await ewsCheck(['--case', 'fabrikam-erp-delegated-federated']);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^SIMULATED/);
    expect(lines[1]).toBe('EWS deadline (Exchange Online mail)');
    expect(lines[2]).toContain('blocked by default from 1 October 2026 unless the tenant allows the app');
    expect(lines[3]).toBe(
      '  As of 2 December 2026: 120 days left until 1 April 2027; EWS has been blocked by default since 1 October 2026.',
    );
    expect(lines[4]).toMatch(/^ {2}The ERP must move to Microsoft Graph/);
    expect(lines[5]).toContain("Microsoft's announcement: https://techcommunity.microsoft.com/");
    const json = JSON.parse((await ewsCheck(['--json'])).stdout) as {
      exchangeOnlineMailDeadline?: { daysLeft: number; erpMust: string };
    };
    expect(json.exchangeOnlineMailDeadline?.daysLeft).toBe(120);
    // Several ERPs across the demo tenants: the allow command keeps its placeholder.
    expect(json.exchangeOnlineMailDeadline?.erpMust).toContain('<the ERP app\u2019s client id>');
    expect((await tenantCheck(['--lab', 'demo', '--case', 'fabrikam-ready'])).stdout).not.toContain(
      'EWS deadline',
    );
  });
});
