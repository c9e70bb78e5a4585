import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTenantCommand } from '../../../electron/cli/commands/tenant-command';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import { TenantRunHistory } from '../../../electron/storage/tenant-run-history';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('tenant-runs');
const handWritten = fileURLToPath(new URL('../../fixtures/graph/hand-written-tenant.json', import.meta.url));

/** `exready tenant …` over a clock that moves a minute per call, so each saved run is newer than the last. */
function tenantCli() {
  let minute = 0;
  const now = () => new Date(Date.UTC(2026, 11, 2, 10, minute++));
  return async (...args: string[]) => {
    const out = { stdout: '', stderr: '' };
    const code = await runTenantCommand(
      args,
      { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) },
      {
        labs: { demo: demoTenantCases },
        openLive: () => Promise.reject(new Error('no live sign-in in tests')),
        now,
        operator: () => 'CONTOSO\\admin',
      },
    );
    return { code, ...out };
  };
}

interface RunsDocument {
  kind: string;
  folder: string;
  runs: {
    runId: string;
    readAt: string;
    tenant: string;
    source: string;
    caseName: string | null;
    simulated: boolean;
    totals: Record<string, number>;
  }[];
}

describe('exready tenant runs', () => {
  it('lists the saved tenant runs newest first: run id, read at, tenant, source, case, SIMULATED, totals', async () => {
    const dir = await tempDir();
    const exready = tenantCli();
    const empty = await exready('runs', '--history', dir);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(`No tenant run is saved in ${join(dir, 'tenant-runs')}.\n`);

    expect(
      (await exready('check', '--lab', 'demo', '--case', 'northwind-not-ready', '--history', dir)).code,
    ).toBe(1);
    const recorded = join(dir, 'recorded.json');
    await copyFile(handWritten, recorded);
    await exready('check', '--recorded', recorded, '--history', dir);

    const json = await exready('runs', '--json', '--history', dir);
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout) as RunsDocument;
    expect(document.kind).toBe('exready-tenant-runs');
    expect(document.folder).toBe(join(dir, 'tenant-runs'));
    const saved = await new TenantRunHistory(dir).list();
    expect(document.runs.map((run) => run.runId)).toEqual(saved.map((run) => run.runId));
    const [newest, older, ...others] = document.runs;
    expect(others).toEqual([]);
    expect(newest).toMatchObject({
      source: 'recorded',
      caseName: null,
      simulated: false,
      readAt: '2026-12-01T10:00:00.000Z',
    });
    expect(older).toMatchObject({
      source: 'lab',
      caseName: 'northwind-not-ready',
      simulated: true,
      tenant: 'northwind.onmicrosoft.com',
      totals: { pass: 1, warn: 1, fail: 8, unknown: 0, 'n/a': 0 },
    });

    const text = await exready('runs', '--history', dir);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Saved tenant runs in ${join(dir, 'tenant-runs')}, newest first:`);
    expect(lines[1]?.startsWith(`${newest?.runId ?? '?'}  read `)).toBe(true);
    expect(lines[1]).not.toContain('SIMULATED');
    expect(lines[2]).toBe(
      `${older?.runId ?? '?'}  read ${older?.readAt ?? '?'}  northwind.onmicrosoft.com  lab  case northwind-not-ready  SIMULATED  1 pass, 1 warn, 8 fail, 0 unknown, 0 n/a`,
    );
  });

  it('refuses an unknown option with the usage and exit 2', async () => {
    const { code, stderr } = await tenantCli()('runs', '--since', 'yesterday');
    expect(code).toBe(2);
    expect(stderr).toContain("exready tenant runs: unknown option '--since'");
    expect(stderr).toContain('exready tenant runs [--json] [--history <dir>]');
  });
});

describe('exready tenant report --run', () => {
  it('writes the report of a saved tenant run by id or latest, in the format of the extension', async () => {
    const dir = await tempDir();
    const exready = tenantCli();
    await exready('check', '--lab', 'demo', '--case', 'wingtip-attested', '--history', dir);
    await exready('check', '--lab', 'demo', '--case', 'fabrikam-ready', '--history', dir);
    const [latest, first] = await new TenantRunHistory(dir).list();

    const json = join(dir, 'latest.json');
    const wrote = await exready('report', '--run', 'latest', '--report', json, '--history', dir);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toContain(
      `Wrote the report of tenant run ${latest?.runId ?? '?'} (fabrikam.onmicrosoft.com)`,
    );
    const report = ReadinessReport.parse(JSON.parse(await readFile(json, 'utf8')));
    expect(report.runId).toBe(latest?.runId);
    expect(report.simulated).toBe(true);
    expect(report.servers).toEqual([]);
    expect(report.tenants?.map((tenant) => tenant.checks.map((check) => check.checkId))).toEqual([
      [...tenantCheckIds],
    ]);

    const html = join(dir, 'first.html');
    expect(
      (await exready('report', '--run', first?.runId ?? '', '--report', html, '--history', dir)).code,
    ).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('Microsoft 365 tenant wingtip');
    expect(page).toContain('SIMULATED');
  });

  it('names what is wrong: an unknown run, a missing --report, a format it cannot write, an empty history', async () => {
    const dir = await tempDir();
    const exready = tenantCli();
    const none = await exready(
      'report',
      '--run',
      'latest',
      '--report',
      join(dir, 'r.json'),
      '--history',
      dir,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--run: no tenant run has been saved yet');
    await exready('check', '--lab', 'demo', '--case', 'fabrikam-ready', '--history', dir);
    const unknown = await exready(
      'report',
      '--run',
      'tenant-nope',
      '--report',
      join(dir, 'r.json'),
      '--history',
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--run: no saved tenant run "tenant-nope"');
    const missing = await exready('report', '--run', 'latest', '--history', dir);
    expect(missing.stderr).toContain('--report <file> is required');
    const docx = await exready('report', '--run', 'latest', '--report', 'r.docx', '--history', dir);
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('--report: "r.docx" must end in .html, .pdf, .csv or .json');
    await writeFile(join(dir, 'tenant-runs', 'tenant-broken.json'), '{');
    const broken = await exready(
      'report',
      '--run',
      'tenant-broken',
      '--report',
      join(dir, 'b.json'),
      '--history',
      dir,
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('tenant-broken');
  });
});
