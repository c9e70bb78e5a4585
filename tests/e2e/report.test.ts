import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../electron/reports/build-report';
import { chromiumArgs, findBrowserExecutable } from '../../electron/reports/browser-executable';
import { renderReport, reportFormats } from '../../electron/reports/report-formats';
import { renderReportHtml } from '../../electron/reports/report-html';
import { chromiumPrintToPdf } from '../../electron/reports/report-pdf';
import {
  demoAuditEntries,
  demoNow,
  demoRun,
  knownSecret,
  secretFieldValue,
  withInjectedSecrets,
} from '../helpers/demo-run';
import { artifactsDir } from './harness/paths';

const reportsDir = join(artifactsDir, 'reports');

async function demoReport() {
  const run = withInjectedSecrets(await demoRun());
  return buildReport({
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
}

/** Every line of text pdf.js reads out of the PDF, page by page. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: true,
    disableFontFace: true,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: document.numPages, text: pages.join('\n') };
}

describe('the readiness report of the demo estate', () => {
  it('opens in Chromium with no console error and no serious accessibility violation', async () => {
    await mkdir(reportsDir, { recursive: true });
    const file = join(reportsDir, 'demo-report.html');
    await writeFile(file, renderReportHtml(await demoReport()));
    const browser = await chromium.launch({ executablePath: findBrowserExecutable(), args: chromiumArgs });
    try {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator('h1').textContent()).toContain('SIMULATED');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: join(reportsDir, 'demo-report.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('prints a PDF whose text names every server and holds no secret, like every other format', async () => {
    const report = await demoReport();
    await mkdir(reportsDir, { recursive: true });
    const outputs: string[] = [];
    for (const format of reportFormats) {
      const bytes = await renderReport(report, format, chromiumPrintToPdf);
      await writeFile(join(reportsDir, `demo-report.${format}`), bytes);
      if (typeof bytes === 'string') {
        outputs.push(bytes);
        continue;
      }
      const { pages, text } = await pdfText(bytes);
      expect(pages).toBeGreaterThan(0);
      for (const server of report.servers) expect(text).toContain(server.fqdn);
      expect(text).toContain('SIMULATED');
      outputs.push(text, Buffer.from(bytes).toString('latin1'));
    }
    for (const output of outputs) {
      expect(output).not.toContain(knownSecret);
      expect(output).not.toContain(secretFieldValue);
    }
  });
});
