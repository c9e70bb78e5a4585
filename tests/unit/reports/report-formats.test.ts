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
    expect(html).toContain('.server{break-before:page}');
  });

  it('labels simulated facts at the top and on every server page, and shows statuses as words', async () => {
    const run = await demoRun();
    const html = renderReportHtml(reportOf(run));
    expect(html.split(simulatedNotice).length - 1).toBeGreaterThanOrEqual(run.results.length + 1);
    for (const word of ['✔ PASS', '⚠ WARN', '✖ FAIL', '? UNKNOWN']) expect(html).toContain(word);
    const real = renderReportHtml({ ...reportOf(run), simulated: false });
    expect(real).not.toContain(simulatedNotice);
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
    expect(validate({ ...(document as object), schemaVersion: 2 })).toBe(false);
  });
});
