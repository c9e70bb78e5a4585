import {
  chromiumArgs,
  chromiumSandboxFor,
  currentSandboxHost,
  findBrowserExecutable,
  type SandboxHost,
} from './browser-executable';

/** Prints an HTML document to PDF: Electron's webContents.printToPDF in the app, Chromium in the CLI and tests. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

/** The PDF of a report is its HTML, printed: one layout for screen, paper and PDF. */
export function renderReportPdf(html: string, printToPdf: PrintToPdf): Promise<Uint8Array> {
  return printToPdf(html);
}

/** Playwright's launch options for printing: its default adds --no-sandbox, so the sandbox is asked for. */
export function pdfBrowserLaunchOptions(host: SandboxHost, say: (text: string) => void) {
  const { sandbox, reason } = chromiumSandboxFor(host);
  if (reason !== null) say(reason);
  return { executablePath: findBrowserExecutable(), args: chromiumArgs, chromiumSandbox: sandbox };
}

/** A PrintToPdf on a headless Chromium (playwright-core), for the command line and the tests. */
export const chromiumPrintToPdf: PrintToPdf = async (html) => {
  // Loaded on demand: only PDF exports need a browser.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(
    pdfBrowserLaunchOptions(currentSandboxHost(), (text) => process.stderr.write(`exready: ${text}\n`)),
  );
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
    // A plain Uint8Array, as Electron's printToPDF gives (a Buffer is refused by some readers).
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
};
