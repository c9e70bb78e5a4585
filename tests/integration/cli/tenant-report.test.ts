import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runReportCommand } from '../../../electron/cli/commands/report-command';
import { runTenantCommand } from '../../../electron/cli/commands/tenant-command';
import { runCli } from '../../../electron/cli/run-cli';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import type { PrintToPdf } from '../../../electron/reports/report-pdf';
import { TenantRunHistory } from '../../../electron/storage/tenant-run-history';
import { ReadinessReport } from '../../../shared/reports/report-schema';
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
    expect(fabrikam).toHaveLength(tenantCheckIds.length);
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
  });
});
