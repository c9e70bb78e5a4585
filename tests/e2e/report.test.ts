import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoTenantCases } from '../../electron/lab/demo-tenant';
import { demoEwsCases } from '../../electron/lab/demo-tenant-ews';
import { buildReport } from '../../electron/reports/build-report';
import { buildTenantReport } from '../../electron/reports/build-tenant-report';
import { chromiumArgs, findBrowserExecutable } from '../../electron/reports/browser-executable';
import { renderReport, reportFormats } from '../../electron/reports/report-formats';
import { renderReportHtml } from '../../electron/reports/report-html';
import { chromiumPrintToPdf, reportMarginMm } from '../../electron/reports/report-pdf';
import { tenantHeading } from '../../electron/reports/report-html-tenant';
import { demoTenantRunForReport } from '../../electron/reports/report-tenant-run';
import { ewsRetirementAnnouncements } from '../../shared/tenant/ews/ews-retirement';
import {
  demoAuditEntries,
  demoNow,
  demoRun,
  knownSecret,
  secretFieldValue,
  withInjectedSecrets,
} from '../helpers/demo-run';
import { demoKeptProof } from '../helpers/kept-proofs';
import { artifactsDir } from './harness/paths';

const reportsDir = join(artifactsDir, 'reports');

// As the window and `exready report` build a demo run's report: with the demo tenant (report-tenant-run.ts).
async function demoReport() {
  const run = withInjectedSecrets(await demoRun());
  const tenant = await demoTenantRunForReport();
  // Two servers proved (one worked, one failed at the second hop), the others not: the Proved column shows each kind.
  const proofs = [
    demoKeptProof(run.savedFacts, 'exch01.contoso.com', { at: new Date('2026-11-21T15:00:00Z') }),
    demoKeptProof(run.savedFacts, 'exch02.contoso.com', { at: new Date('2026-11-21T15:05:00Z') }),
  ];
  return buildReport({
    proofs,
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: null, to: demoNow },
    runId: run.runId,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => demoNow,
    knownSecrets: [knownSecret],
    tenants: tenant === null ? [] : [tenant],
  });
}

const mmToPt = (mm: number) => (mm * 72) / 25.4;

interface TextBox {
  str: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface PdfPage {
  width: number;
  height: number;
  boxes: TextBox[];
  /** The page's text joined as pdf.js reads it, whitespace collapsed. */
  text: string;
}

/** Each page's size and the box of every non-blank text item, in PDF points (origin bottom left). */
async function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: true,
    disableFontFace: true,
  }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const boxes: TextBox[] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.str.trim() === '') continue;
      const [, , , scaleY = 0, x = 0, y = 0] = item.transform as number[];
      const size = Math.abs(scaleY) || item.height;
      // The baseline is y: descenders reach a quarter of the font size below it.
      boxes.push({ str: item.str, x0: x, x1: x + item.width, y0: y - size * 0.25, y1: y + size });
    }
    pages.push({ width, height, boxes, text: text.replace(/\s+/g, ' ') });
  }
  return pages;
}

const overlaps = (a: TextBox, b: TextBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

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

  it('prints the demo estate on at most 15 pages, footer clear of the body, nothing past the margins', async () => {
    const report = await demoReport();
    const html = renderReportHtml(report, { timeZone: 'Europe/Berlin' });
    const bytes = await renderReport(report, 'pdf', chromiumPrintToPdf, { timeZone: 'Europe/Berlin' });
    if (typeof bytes === 'string') throw new Error('the PDF format returned text');
    await mkdir(reportsDir, { recursive: true });
    await writeFile(join(reportsDir, 'demo-report-layout.pdf'), bytes);
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    // 15, was 12: the EWS deadline on page 1 and the demo tenant's ten ews.* rows (issue #15) add a page each;
    // two proved servers' Proved cells wrap in the server table and push the appendix one page on (issue #16).
    expect(pages.length).toBeLessThanOrEqual(15);

    // The server table's Proved column, with a proof that worked, one that failed and servers not proved.
    // (compared without spaces: pdf.js joins a wrapped cell's lines without one)
    const provedText = (pages[0]?.text ?? '').replace(/ /g, '');
    expect(provedText).toContain('Proved2026-11-21:bothhopsworked(SIMULATED)');
    expect(provedText).toContain('Prooffailedatexchange-endpoint:double-hop-denied');
    expect(provedText).toContain('Notproved');
    // The first page answers the question: the readiness line of every integration.
    for (const line of report.readiness) expect(pages[0]?.text).toContain(line.text);
    // The demo tenant's section is printed too (its heading on some page), within the same page budget.
    const tenant = report.tenants?.[0];
    expect(tenant?.simulated).toBe(true);
    expect(pages.some((page) => page.text.includes(`${tenantHeading} ${tenant?.tenant ?? ''}`))).toBe(true);
    expect(pages[0]?.text).toContain(tenant?.readiness.text);
    // The demo tenant's ERP (Exchange Online mail): page 1 says when EWS stops, the days left and what the ERP must do.
    const deadline = report.exchangeOnlineMailDeadline;
    expect(deadline?.countdown).toContain('As of 22 November 2026: 130 days left until 1 April 2027');
    // pdf.js joins wrapped lines without their space: compared without whitespace.
    const bare = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
    for (const words of [deadline?.statement, deadline?.countdown, deadline?.erpMust])
      expect(bare(pages[0]?.text)).toContain(bare(words));
    expect(pages[0]?.text).toContain(tenant?.exchangeOnlineMail?.readiness.text);
    expect(pages.some((page) => bare(page.text).includes(bare('EWS retirement in Exchange Online')))).toBe(
      true,
    );

    const margin = { left: mmToPt(reportMarginMm.left), right: mmToPt(reportMarginMm.right) };
    pages.forEach((page, index) => {
      const pageLabel = `page ${index + 1}`;
      const numbering = page.boxes.find((box) => /^Page \d+ of \d+$/.test(box.str));
      expect(numbering?.str, pageLabel).toBe(`Page ${index + 1} of ${pages.length}`);
      if (numbering === undefined) return;
      // The footer is the line of the page number; everything else is body.
      const baseline = (box: TextBox) => box.y0 + (box.y1 - box.y0) * 0.2;
      const footer = page.boxes.filter((box) => Math.abs(baseline(box) - baseline(numbering)) < 1);
      const body = page.boxes.filter((box) => !footer.includes(box));
      expect(footer.map((box) => box.str).join(' '), pageLabel).toContain('SIMULATED');
      expect(body.length, pageLabel).toBeGreaterThan(0);
      const clashes = footer.flatMap((f) =>
        body.filter((b) => overlaps(f, b)).map((b) => `${f.str} / ${b.str}`),
      );
      expect(clashes, pageLabel).toEqual([]);
      const lowestBody = Math.min(...body.map((box) => box.y0));
      expect(lowestBody, pageLabel).toBeGreaterThan(Math.max(...footer.map((box) => box.y1)));
      const pastRight = page.boxes.filter((box) => box.x1 > page.width - margin.right + 1).map((b) => b.str);
      const pastLeft = page.boxes.filter((box) => box.x0 < margin.left - 1).map((b) => b.str);
      expect(pastRight, pageLabel).toEqual([]);
      expect(pastLeft, pageLabel).toEqual([]);
    });

    // Each reference prints its URL once: the link text, never again after it (no a[href]::after).
    const allText = pages.map((page) => page.text.replace(/ /g, '')).join('');
    const links = [...html.matchAll(/<a href="([^"]+)">/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const url of new Set(links)) {
      const expected = links.filter((link) => link === url).length;
      expect(allText.split(url.replace(/&amp;/g, '&')).length - 1, url).toBe(expected);
    }
  });

  it("prints a tenant report's EWS deadline on page 1 when it has an ews.* result, and none without", async () => {
    const pdfOf = async (name: string) => {
      const entry =
        demoEwsCases.find((item) => item.name === name) ?? demoTenantCases.find((item) => item.name === name);
      const tenant = await demoTenantRunForReport(entry);
      const report = buildTenantReport({
        tenants: tenant === null ? [] : [tenant],
        runId: null,
        appVersion: '0.1.0',
        operator: 'CONTOSO\\admin',
        now: () => new Date('2026-12-02T10:00:00Z'),
      });
      const bytes = await renderReport(report, 'pdf', chromiumPrintToPdf, { timeZone: 'UTC' });
      if (typeof bytes === 'string') throw new Error('the PDF format returned text');
      return { report, pages: await pdfPages(bytes) };
    };
    const bare = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
    const { report, pages } = await pdfOf('contoso-erp-app-only-ready');
    const deadline = report.exchangeOnlineMailDeadline;
    expect(deadline?.daysLeft).toBe(120);
    for (const words of [deadline?.statement, deadline?.countdown, deadline?.erpMust])
      expect(bare(pages[0]?.text)).toContain(bare(words));
    expect(bare(pages[0]?.text)).toContain(bare(ewsRetirementAnnouncements[0]));
    const plain = await pdfOf('fabrikam-ready');
    expect(plain.pages.map((page) => page.text).join(' ')).not.toContain('EWS in Exchange Online is blocked');
  });

  it('lays every table inside the A4 text width when printed, so no right border is clipped', async () => {
    await mkdir(reportsDir, { recursive: true });
    const file = join(reportsDir, 'demo-report-print.html');
    await writeFile(file, renderReportHtml(await demoReport(), { timeZone: 'Europe/Berlin' }));
    // A4 is 210 mm wide; the printable width is what the margins leave, at CSS's 96 px per inch.
    const width = Math.floor(((210 - reportMarginMm.left - reportMarginMm.right) / 25.4) * 96);
    const browser = await chromium.launch({ executablePath: findBrowserExecutable(), args: chromiumArgs });
    try {
      const page = await (await browser.newContext({ viewport: { width, height: 1000 } })).newPage();
      await page.goto(pathToFileURL(file).href);
      await page.emulateMedia({ media: 'print' });
      const overflow = await page.evaluate((limit) => {
        const wide = [...document.querySelectorAll('table, th, td, p, li, h1, h2, h3')]
          .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
          .map((element) => `${element.tagName} ${(element.textContent ?? '').slice(0, 40)}`);
        return { scrollWidth: document.documentElement.scrollWidth, wide };
      }, width);
      expect(overflow.wide).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(width);
      expect(await page.locator('table').count()).toBeGreaterThan(3);
    } finally {
      await browser.close();
    }
  });
});
