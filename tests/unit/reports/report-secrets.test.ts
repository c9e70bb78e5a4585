import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { renderReportCsv } from '../../../electron/reports/report-csv';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import { secretMask } from '../../../shared/security/secrets';
import {
  demoAuditEntries,
  demoNow,
  demoRun,
  knownSecret,
  secretFieldValue,
  withInjectedSecrets,
} from '../../helpers/demo-run';

describe('secrets in reports', () => {
  it('masks known secret values and secret-named fields in the HTML, JSON and CSV', async () => {
    const run = withInjectedSecrets(await demoRun());
    const report = buildReport({
      savedFacts: run.savedFacts,
      results: run.results,
      auditEntries: demoAuditEntries,
      period: { from: null, to: demoNow },
      runId: run.runId,
      appVersion: '0.1.0',
      operator: 'CONTOSO\\admin',
      now: () => demoNow,
      knownSecrets: [knownSecret],
    });
    const outputs = [renderReportHtml(report), renderReportJson(report), renderReportCsv(report)];
    for (const output of outputs) {
      expect(output).not.toContain(knownSecret);
      expect(output).not.toContain(secretFieldValue);
    }
    expect(report.servers[0]?.checks[0]?.evidence.apiKey).toBe(secretMask);
    // Booleans under secret-looking names reveal nothing and stay readable.
    expect(JSON.stringify(report)).not.toContain(`"hasPrivateKey":"${secretMask}"`);
  });
});
