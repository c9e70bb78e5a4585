import { extname } from 'node:path';
import type { ReadinessReport } from '../../shared/reports/report-schema';
import { renderReportCsv } from './report-csv';
import { renderReportHtml, type ReportHtmlOptions } from './report-html';
import { renderReportJson } from './report-json';
import { renderReportPdf, type PrintToPdf } from './report-pdf';

export const reportFormats = ['html', 'pdf', 'json', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

/** The format a file name asks for (.html/.htm, .pdf, .json, .csv), or null. */
export function reportFormatOf(path: string): ReportFormat | null {
  const extension = extname(path).slice(1).toLowerCase();
  if (extension === 'htm') return 'html';
  return isReportFormat(extension) ? extension : null;
}

/** The bytes of a report in one format; the model is masked already, so every format is. */
export async function renderReport(
  report: ReadinessReport,
  format: ReportFormat,
  printToPdf: PrintToPdf,
  options: ReportHtmlOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return renderReportHtml(report, options);
    case 'pdf':
      return renderReportPdf(renderReportHtml(report, options), report.simulated, printToPdf);
    case 'json':
      return renderReportJson(report);
    case 'csv':
      return renderReportCsv(report);
  }
}
