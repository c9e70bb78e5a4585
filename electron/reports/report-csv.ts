import type { ReadinessReport } from '../../shared/reports/report-schema';

// One row per server x check, then one per tenant x check (row kind `tenant`, at the end), RFC 4180 (quoted when needed, CRLF), with spreadsheet formula injection guarded.

export const reportCsvColumns = [
  'server',
  'checkId',
  'title',
  'status',
  'summary',
  'remedy',
  'fixId',
  'acceptedRisk',
  // Added so the lab label travels with every row, as it does on every page of the other formats.
  'simulated',
  // Appended (older columns keep their place): the row's integration and the server's verdict for it.
  'integration',
  'readiness',
  // Appended: `server` for a row of an Exchange server, `tenant` for a Microsoft 365 tenant's (server: the tenant),
  // `deadline` for the EWS deadline row that opens a report with an Exchange Online mail result.
  'rowKind',
  // Appended: the server's newest proof of the sync service's path (the Proved column); empty on a tenant row.
  'proved',
] as const;
type CsvColumn = (typeof reportCsvColumns)[number];

/** The EWS deadline as the first row under the header (no status: it is no check), its cells by column name. */
function deadlineRow(report: ReadinessReport): string[] | null {
  const deadline = report.exchangeOnlineMailDeadline;
  if (deadline === undefined) return null;
  const cells: Partial<Record<CsvColumn, string>> = {
    title: 'EWS in Exchange Online: the deadline',
    summary: `${deadline.statement} ${deadline.countdown}`,
    remedy: `${deadline.erpMust} Microsoft's announcement: ${deadline.references.join(' ')}`,
    simulated: report.simulated ? 'SIMULATED' : '',
    integration: 'Exchange Online mail',
    rowKind: 'deadline',
  };
  return reportCsvColumns.map((column) => cells[column] ?? '');
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: string): string {
  const text = guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderReportCsv(report: ReadinessReport): string {
  const rows: string[][] = [[...reportCsvColumns]];
  const deadline = deadlineRow(report);
  if (deadline !== null) rows.push(deadline);
  for (const server of report.servers) {
    const verdicts = new Map(server.readiness.map((verdict) => [verdict.integration, verdict.text]));
    for (const check of server.checks) {
      rows.push([
        server.fqdn,
        check.checkId,
        check.title,
        check.status,
        check.summary,
        check.remedy ?? '',
        check.fixId ?? '',
        check.acceptedRisk?.exposes ?? '',
        report.simulated ? 'SIMULATED' : '',
        check.integration,
        verdicts.get(check.integration) ?? '',
        'server',
        server.proved.text,
      ]);
    }
  }
  for (const tenant of report.tenants ?? []) {
    for (const check of tenant.checks) {
      rows.push([
        tenant.tenant,
        check.checkId,
        check.title,
        check.status,
        check.summary,
        check.remedy ?? '',
        check.fixId ?? '',
        check.acceptedRisk?.exposes ?? '',
        tenant.simulated ? 'SIMULATED' : '',
        check.integration,
        // An ews.* row carries the ERP's verdict, an m365.* row the tenant's.
        (check.integration === 'Exchange Online mail' ? tenant.exchangeOnlineMail?.verdict : tenant.verdict)
          ?.text ?? '',
        'tenant',
        '',
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
