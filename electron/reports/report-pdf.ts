import {
  chromiumArgs,
  chromiumSandboxFor,
  currentSandboxHost,
  findBrowserExecutable,
  type SandboxHost,
} from './browser-executable';
import { simulatedNotice } from './report-html-parts';

/** The page furniture Chromium prints in the margins, never over the body: its header/footer templates. */
export interface PdfLayout {
  headerTemplate: string;
  footerTemplate: string;
  /** Page margins in millimetres; the footer sits inside the bottom one. */
  marginMm: { top: number; bottom: number; left: number; right: number };
}

/** Prints an HTML document to PDF: Electron's webContents.printToPDF in the app, Chromium in the CLI and tests. */
export type PrintToPdf = (html: string, layout: PdfLayout) => Promise<Uint8Array>;

/** The margins of every PDF report (A4): the body stays inside them, the footer sits in the bottom one. */
export const reportMarginMm = { top: 12, bottom: 14, left: 12, right: 12 } as const;

/** The footer on every page: the lab label when simulated, and "Page n of m". */
export function reportPdfLayout(simulated: boolean): PdfLayout {
  const label = simulated ? simulatedNotice : 'ExReady readiness report';
  // Chromium's templates default to a tiny font and no padding: both set here.
  const footerTemplate = `<div style="font-family:Arial,sans-serif;font-size:8px;width:100%;padding:0 ${reportMarginMm.left}mm;display:flex;justify-content:space-between;color:#000"><span${simulated ? ' style="font-weight:bold"' : ''}>${label}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
  return { headerTemplate: '<span></span>', footerTemplate, marginMm: { ...reportMarginMm } };
}

/** The PDF of a report is its HTML, printed with the report's footer: one layout for screen, paper and PDF. */
export function renderReportPdf(
  html: string,
  simulated: boolean,
  printToPdf: PrintToPdf,
): Promise<Uint8Array> {
  return printToPdf(html, reportPdfLayout(simulated));
}

/** Playwright's launch options for printing: its default adds --no-sandbox, so the sandbox is asked for. */
export function pdfBrowserLaunchOptions(host: SandboxHost, say: (text: string) => void) {
  const { sandbox, reason } = chromiumSandboxFor(host);
  if (reason !== null) say(reason);
  return { executablePath: findBrowserExecutable(), args: chromiumArgs, chromiumSandbox: sandbox };
}

const mm = (value: number) => `${value}mm`;

/** A PrintToPdf on a headless Chromium (playwright-core), for the command line and the tests. */
export const chromiumPrintToPdf: PrintToPdf = async (html, layout) => {
  // Loaded on demand: only PDF exports need a browser.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(
    pdfBrowserLaunchOptions(currentSandboxHost(), (text) => process.stderr.write(`exready: ${text}\n`)),
  );
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const { top, bottom, left, right } = layout.marginMm;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: layout.headerTemplate,
      footerTemplate: layout.footerTemplate,
      margin: { top: mm(top), bottom: mm(bottom), left: mm(left), right: mm(right) },
    });
    // A plain Uint8Array, as Electron's printToPDF gives (a Buffer is refused by some readers).
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
};
