import { ReadinessReport } from '../../shared/reports/report-schema';

/** The report as JSON (docs/report-schema.json); parsed first so a writer bug cannot ship an off-schema file. */
export function renderReportJson(report: ReadinessReport): string {
  return `${JSON.stringify(ReadinessReport.parse(report), null, 2)}\n`;
}
