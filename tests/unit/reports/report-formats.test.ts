import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { csvCell, renderReportCsv, reportCsvColumns } from '../../../electron/reports/report-csv';
import { renderReportHtml, simulatedNotice } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import type { SavedRun } from '../../../electron/storage/run-history';
import { reportJsonSchema } from '../../../shared/reports/report-json-schema';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';

function reportOf(run: SavedRun) {
  return buildReport({
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: null, to: demoNow },
    runId: run.runId,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => demoNow,
  });
}

const checkCount = (run: SavedRun) => run.results.reduce((sum, server) => sum + server.results.length, 0);

/** The demo run with a hostile summary: markup and a spreadsheet formula. */
async function hostileRun(): Promise<SavedRun> {
  const run = await demoRun();
  const first = run.results[0];
  const check = first?.results[0];
  if (first === undefined || check === undefined) throw new Error('empty demo run');
  return {
    ...run,
    results: [
      {
        ...first,
        results: [
          { ...check, summary: '=HYPERLINK("http://x") <script>alert(1)</script>, "quoted"\nline two' },
          ...first.results.slice(1),
        ],
      },
      ...run.results.slice(1),
    ],
  };
}

describe('the HTML report', () => {
  it('is one self-contained page with no script, escaped text and a print layout', async () => {
    const html = renderReportHtml(reportOf(await hostileRun()));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<link|src=|@import|url\(/i);
    expect(html).toContain('@media print');
    // Tables fit the A4 width and wrap; no URL printed a second time after its link.
    expect(html).toContain('table-layout:fixed');
    expect(html).not.toContain('attr(href)');
    expect(html).not.toContain('position:fixed');
  });

  it('states the readiness lines first, then the grid, what needs attention, risks, fixes and the appendix', async () => {
    const report = reportOf(await demoRun());
    const html = renderReportHtml(report, { timeZone: 'Europe/Berlin' });
    const at = (text: string) => html.indexOf(text);
    const first = at('Remote PowerShell: 2 of 8 ready (1 with accepted risks), 3 not ready, 3 not checked');
    expect(first).toBeGreaterThan(0);
    expect(at('MFA module: 2 of 8 ready, 3 not ready, 3 not checked')).toBeGreaterThan(first);
    const order = [
      '<h2>Readiness per server</h2>',
      '<h2>Checks at a glance</h2>',
      '<h2>Needs attention</h2>',
      '<h2>Accepted risks</h2>',
      '<h2>Fixes applied',
      'Evidence appendix</h2>',
    ].map(at);
    expect(order.every((index) => index > first)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Not ready: 3 blocking (2 not read)');
  });

  it('titles MFA checks from their catalogue and shows times in local time with the zone, never raw UTC', async () => {
    const html = renderReportHtml(reportOf(await demoRun()), { timeZone: 'Europe/Berlin' });
    expect(html).toContain('MFA module log');
    expect(html).toContain('owa: module DLL');
    expect(html).not.toMatch(/>mfa\.[a-z.]+</);
    expect(html).not.toContain('(mfa.logs)');
    // demoNow is 10:00Z, 11:00 in Berlin in November; the certificate's expiry in a summary is rewritten too.
    expect(html).toContain('22 Nov 2026, 11:00 UTC+01:00');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('labels simulated facts at the top and on every server of the appendix, and shows statuses as words', async () => {
    const run = await demoRun();
    const html = renderReportHtml(reportOf(run));
    expect(html.indexOf(simulatedNotice)).toBeLessThan(html.indexOf('<h1>'));
    expect(html.split('[SIMULATED]</small></h3>').length - 1).toBe(run.results.length);
    for (const word of ['✓ Pass', '! Warning', '✕ Fail', '? Unknown', '– N/A']) expect(html).toContain(word);
    const real = renderReportHtml({ ...reportOf(run), simulated: false });
    expect(real).not.toContain(simulatedNotice);
    expect(real).not.toContain('[SIMULATED]</small>');
  });
});

describe('the CSV report', () => {
  it('parses into one row per server and check, CRLF-terminated, with the documented columns', async () => {
    const run = await hostileRun();
    const csv = renderReportCsv(reportOf(run));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse<Record<string, string>>(csv, { columns: true, record_delimiter: '\r\n' });
    expect(rows).toHaveLength(checkCount(run));
    expect(Object.keys(rows[0] ?? {})).toEqual([...reportCsvColumns]);
    expect(rows[0]?.summary).toBe('\'=HYPERLINK("http://x") <script>alert(1)</script>, "quoted"\nline two');
    expect(rows.every((row) => row.simulated === 'SIMULATED')).toBe(true);
    // The verdict columns: the row's integration and the server's verdict for it.
    const exch05 = rows.filter((row) => row.server === 'exch05.contoso.com');
    expect(new Set(exch05.map((row) => row.readiness))).toEqual(
      new Set(['Not checked: unreachable: Kerberos authentication failed (kerberos)']),
    );
    const exch01Mfa = rows.find((row) => row.server === 'exch01.contoso.com' && row.checkId === 'mfa.logs');
    expect(exch01Mfa).toMatchObject({
      integration: 'MFA module',
      readiness: 'Ready',
      title: 'MFA module log',
    });
  });

  it('guards every cell a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('the JSON report', () => {
  it('validates against docs/report-schema.json, which is up to date with the zod schema', async () => {
    const schemaText = await readFile('docs/report-schema.json', 'utf8');
    // Run `npx tsx scripts/write-report-schema.ts` after changing shared/reports/report-schema.ts.
    expect(JSON.parse(schemaText)).toEqual(reportJsonSchema());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(schemaText) as object,
    );
    const document: unknown = JSON.parse(renderReportJson(reportOf(await hostileRun())));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...(document as object), schemaVersion: 1 })).toBe(false);
  });
});
