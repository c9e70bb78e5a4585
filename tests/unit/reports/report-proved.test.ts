import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { renderReportCsv } from '../../../electron/reports/report-csv';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import type { KeptProof } from '../../../shared/prove/kept-proof';
import { ReadinessReport } from '../../../shared/reports/report-schema';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';
import { demoKeptProof } from '../../helpers/kept-proofs';

// The Proved column of the server table: each server's newest proof, or "Not proved", in every text format.

const hoursBefore = (hours: number) => new Date(demoNow.getTime() - hours * 60 * 60 * 1000);

async function provedReport() {
  const run = await demoRun();
  const proofs: KeptProof[] = [
    demoKeptProof(run.savedFacts, 'exch01.contoso.com', { at: hoursBefore(30), auditId: 3 }),
    // exch02: an older proof that worked, then the newest that was denied at the second hop.
    demoKeptProof(run.savedFacts, 'exch02.contoso.com', { at: hoursBefore(50), works: true }),
    demoKeptProof(run.savedFacts, 'exch02.contoso.com', { at: hoursBefore(2), auditId: 5 }),
    demoKeptProof(run.savedFacts, 'exch04.contoso.com', {
      at: hoursBefore(1),
      simulate: 'tls-name-mismatch',
    }),
    // A real proof does not belong in the demo's (simulated) report.
    demoKeptProof(run.savedFacts, 'exch03.contoso.com', {
      at: hoursBefore(1),
      simulated: false,
      works: true,
    }),
  ];
  return buildReport({
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: null, to: demoNow },
    runId: run.runId,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => demoNow,
    proofs,
  });
}

const cellOf = (report: ReadinessReport, server: string) =>
  report.servers.find((item) => item.fqdn === server)?.proved;

describe('the Proved column', () => {
  it('holds each server newest proof of its kind, or Not proved, as a typed field of the model', async () => {
    const report = await provedReport();
    expect(ReadinessReport.parse(report)).toEqual(report);
    expect(cellOf(report, 'exch01.contoso.com')).toMatchObject({
      outcome: 'succeeded',
      text: 'Proved 2026-11-21: both hops worked (SIMULATED)',
      syncServer: 'sync01.contoso.com',
      auditId: 3,
      failedHop: null,
      simulated: true,
    });
    expect(cellOf(report, 'exch02.contoso.com')).toMatchObject({
      outcome: 'failed',
      text: 'Proof failed at exchange-endpoint: double-hop-denied (2026-11-22) (SIMULATED)',
      failedHop: 'exchange-endpoint',
      failure: 'double-hop-denied',
      auditId: 5,
    });
    expect(cellOf(report, 'exch04.contoso.com')?.text).toBe(
      'Proof failed at winrm-https: tls-name-mismatch (2026-11-22) (SIMULATED)',
    );
    for (const server of ['exch03.contoso.com', 'exch05.contoso.com'])
      expect(cellOf(report, server)).toEqual({
        outcome: 'not-proved',
        text: 'Not proved',
        at: null,
        syncServer: null,
        failedHop: null,
        failure: null,
        auditId: null,
        simulated: false,
      });
  });

  it('HTML: a Proved column in the server table, one cell per server', async () => {
    const report = await provedReport();
    const html = renderReportHtml(report);
    const start = html.indexOf('<table class="readiness-table"');
    const table = html.slice(start, html.indexOf('</table>', start));
    expect(table).toContain('<th scope="col">Proved</th>');
    expect(table.match(/<td class="proved-/g)).toHaveLength(report.servers.length);
    expect(table).toContain(
      '<td class="proved-succeeded">Proved 2026-11-21: both hops worked (SIMULATED)</td>',
    );
    expect(table).toContain('<td class="proved-failed">Proof failed at exchange-endpoint: double-hop-denied');
    expect(table).toContain('<td class="proved-not-proved">Not proved</td>');
  });

  it('CSV: the proved column on every server row', async () => {
    const rows = parse<Record<string, string>>(renderReportCsv(await provedReport()), {
      columns: true,
      record_delimiter: '\r\n',
    });
    const of = (server: string) =>
      new Set(rows.filter((row) => row.server === server).map((row) => row.proved));
    expect(of('exch01.contoso.com')).toEqual(new Set(['Proved 2026-11-21: both hops worked (SIMULATED)']));
    expect(of('exch03.contoso.com')).toEqual(new Set(['Not proved']));
  });

  it('JSON: the proved field validates against docs/report-schema.json', async () => {
    const schema = JSON.parse(await readFile('docs/report-schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const document = JSON.parse(renderReportJson(await provedReport())) as {
      schemaVersion: number;
      servers: { fqdn: string; proved: { outcome: string } }[];
    };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.schemaVersion).toBe(4);
    expect(document.servers.map((server) => server.proved.outcome)).toContain('succeeded');
    const withoutProved = {
      ...document,
      servers: document.servers.map(({ proved: _proved, ...rest }) => rest),
    };
    expect(validate(withoutProved)).toBe(false);
  });

  it('without a proof history, every server is Not proved', async () => {
    const run = await demoRun();
    const report = buildReport({
      savedFacts: run.savedFacts,
      results: run.results,
      auditEntries: [],
      period: { from: null, to: demoNow },
      runId: run.runId,
      appVersion: '0.1.0',
      operator: 'CONTOSO\\admin',
      now: () => demoNow,
    });
    expect(new Set(report.servers.map((server) => server.proved.text))).toEqual(new Set(['Not proved']));
  });
});
