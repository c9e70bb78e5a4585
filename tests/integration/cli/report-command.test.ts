import { appendFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { runReportCommand } from '../../../electron/cli/commands/report-command';
import { runCli } from '../../../electron/cli/run-cli';
import { simulatedNotice } from '../../../electron/reports/report-html';
import type { PrintToPdf } from '../../../electron/reports/report-pdf';
import type { ReadinessReport } from '../../../shared/reports/report-schema';
import { useTempDirs } from '../../helpers/temp-dir';

const now = () => new Date('2026-11-22T10:00:00Z');

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

const fakePdf: PrintToPdf = () => Promise.resolve(new Uint8Array([37, 80, 68, 70]));

async function report(args: string[], printToPdf: PrintToPdf = fakePdf) {
  const { out, io } = capture();
  const code = await runReportCommand(args, io, now, { printToPdf, operator: () => 'CONTOSO\\admin' });
  return { code, ...out };
}

// `exready check --lab demo` saves its run into the history; `exready report` rebuilds its report in every format.
describe('exready report', () => {
  const tempDir = useTempDirs('report-command');

  it('saves each check run and writes --report in the format its extension names', async () => {
    const dir = await tempDir();
    const html = join(dir, 'check.html');
    const { io, out } = capture();
    const code = await runCli(['check', '--lab', 'demo', '--history', dir, '--report', html], io, now);
    expect(code, out.stderr).toBe(1);
    expect(await readdir(join(dir, 'runs'))).toHaveLength(1);
    expect(await readFile(html, 'utf8')).toContain(simulatedNotice);
  });

  it('refuses a --report file whose extension names no format', async () => {
    const { io, out } = capture();
    const code = await runCli(['check', '--lab', 'demo', '--report', 'out.docx'], io, now);
    expect(code).toBe(2);
    expect(out.stderr).toContain('--report: "out.docx" does not end in .html, .pdf, .json or .csv');
  });

  it('writes the latest run as JSON, CSV, HTML and PDF', async () => {
    const dir = await tempDir();
    await runCli(['check', '--lab', 'demo', '--history', dir], capture().io, now);

    const jsonFile = join(dir, 'r.json');
    expect((await report(['--run', 'latest', '--out', jsonFile, '--history', dir])).code).toBe(0);
    const document = JSON.parse(await readFile(jsonFile, 'utf8')) as ReadinessReport;
    expect(document).toMatchObject({
      simulated: true,
      operator: 'CONTOSO\\admin',
      kind: 'exready.readiness-report',
    });
    const checks = document.servers.reduce((sum, server) => sum + server.checks.length, 0);

    const csvFile = join(dir, 'r.txt');
    expect(
      (await report(['--run', 'latest', '--format', 'csv', '--out', csvFile, '--history', dir])).code,
    ).toBe(0);
    // A lab run's report carries the demo tenant too: its rows come after the servers'; its ERP's ews.* checks put
    // the EWS deadline row first.
    const [deadline, ...rows] = parse<Record<string, string>>(await readFile(csvFile, 'utf8'), {
      columns: true,
    });
    expect(deadline?.rowKind).toBe('deadline');
    const tenantChecks = document.tenants?.[0]?.checks.length ?? 0;
    expect(tenantChecks).toBeGreaterThan(0);
    expect(rows).toHaveLength(checks + tenantChecks);
    expect(rows.slice(checks).every((row) => row.rowKind === 'tenant')).toBe(true);

    const htmlFile = join(dir, 'r.html');
    expect((await report(['--run', document.runId ?? '', '--out', htmlFile, '--history', dir])).code).toBe(0);
    expect(await readFile(htmlFile, 'utf8')).toContain('exch08.contoso.com');

    let printed = '';
    const pdfFile = join(dir, 'r.pdf');
    const pdf = await report(['--run', 'latest', '--out', pdfFile, '--history', dir], (text) => {
      printed = text;
      return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
    });
    expect(pdf.code).toBe(0);
    expect(pdf.stderr).toMatch(/^SIMULATED: PDF report of run .* written to /);
    expect(printed).toContain('<!DOCTYPE html>');
    expect(await readFile(pdfFile, 'latin1')).toBe('%PDF');
  });

  it('still writes the report when the audit log has a damaged line, listing the readable fixes', async () => {
    const dir = await tempDir();
    const log = new AuditLog(join(dir, 'audit.jsonl'), () => new Date('2026-11-22T09:00:00Z'));
    const fix = {
      operator: 'CONTOSO\\admin',
      server: 'exch02.contoso.com',
      action: 'winrm.service.start-automatic',
      parameters: {},
      before: null,
      after: null,
      outcome: 'succeeded' as const,
      error: null,
      undoes: null,
      simulated: true,
      lab: 'demo',
    };
    await log.append(fix);
    await appendFile(join(dir, 'audit.jsonl'), '{"schemaVersion":2,"kind":"inte');
    await log.append(fix);
    await runCli(['check', '--lab', 'demo', '--history', dir], capture().io, now);
    const jsonFile = join(dir, 'r.json');
    const written = await report(['--run', 'latest', '--out', jsonFile, '--history', dir]);
    expect(written.code, written.stderr).toBe(0);
    const document = JSON.parse(await readFile(jsonFile, 'utf8')) as ReadinessReport;
    expect(document.fixesApplied.entries.map((item) => item.auditId)).toEqual([1, 2]);
  });

  it('answers bad input with exit code 2 and the reason', async () => {
    const dir = await tempDir();
    const missing = await report(['--run', 'latest', '--out', join(dir, 'r.json'), '--history', dir]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('no run has been saved yet');
    expect((await report(['--run', 'latest', '--out', 'r.docx'])).stderr).toContain('--format is required');
    expect((await report(['--run', 'x', '--out', 'r.json', '--format', 'xml'])).code).toBe(2);
    expect((await report(['--out', 'r.json'])).stderr).toContain('--run <id|latest> is required');
  });
});
