import { reportAttention } from '../../shared/reports/report-attention';
import { formatLocalTime, localiseIsoTimes, localTimeZone } from '../../shared/reports/local-time';
import type { ReadinessReport } from '../../shared/reports/report-schema';
import { escapeHtml, simulatedNotice } from './report-html-parts';
import {
  acceptedRisksSection,
  attentionSection,
  checkGrid,
  evidenceAppendix,
  fixesSection,
  readinessTable,
} from './report-html-sections';
import { ewsDeadlineSection, tenantSections } from './report-html-tenant';

// One self-contained HTML file: inline CSS, no script, every status as a word with a shape (never colour alone).

export { escapeHtml, simulatedNotice };

export interface ReportHtmlOptions {
  /** The IANA zone times are shown in; this machine's by default. */
  timeZone?: string;
}

// Print: A4 portrait, the margins come from the PDF printer (report-pdf.ts); tables are fixed-width and wrap.
const css = `
:root{color-scheme:light}
body{font-family:"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.35;font-size:10pt}
h1{font-size:16pt;margin:.2rem 0}h2{font-size:12pt;margin:1rem 0 .3rem;border-bottom:1px solid #888;break-after:avoid}
h3{font-size:10pt;margin:.5rem 0 .15rem;break-after:avoid}h3 small{font-weight:normal;color:#4a4a4a}
p{margin:.15rem 0}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.3rem 0}
th,td{border:1px solid #999;padding:.15rem .3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
thead th{background:#eee}
.simulated{border:3px solid #000;background:#fff3c4;color:#000;font-weight:bold;padding:.3rem .5rem;margin:.3rem 0}
.estate{font-size:11pt;font-weight:600;margin:.3rem 0;padding-left:1.2rem}
.meta{font-size:8pt}.meta th{background:#f4f4f4}col.name-col{width:15%}
col.server-col{width:28%}col.proved-col{width:24%}col.check-col{width:28%}col.title-col{width:22%}col.id-col{width:7%}col.time-col{width:22%}
.status{font-weight:bold;white-space:nowrap}
.pass{color:#0b6a0b}.warn{color:#7a4a00}.fail{color:#a4000f}.unknown,.na{color:#4a4a4a}
.readiness-table td[class^="proved-"]{font-size:8pt}.proved-succeeded{color:#0b6a0b}.proved-failed{color:#a4000f}.proved-not-proved{color:#4a4a4a;font-style:italic}
.verdict-ready,.verdict-ready-with-risks{color:#0b6a0b}.verdict-not-ready{color:#a4000f;font-weight:600}.verdict-not-checked{color:#4a4a4a;font-style:italic}
.grid{font-size:8pt}.grid th,.grid td{padding:.05rem .2rem}.grid .cell{text-align:center}.grid tr.group th{background:#f4f4f4}
.grid tbody tr{break-inside:avoid}
.tenant-checks{font-size:7.5pt;line-height:1.2}.tenant-checks th,.tenant-checks td{padding:.05rem .2rem}.tenant-checks tbody tr{break-inside:avoid}
.tenant .meta{margin:.1rem 0}.deadline{border:2px solid #7a4a00;padding:.1rem .4rem;margin:.25rem 0;font-size:8.5pt;line-height:1.25}.deadline h2{font-size:10pt;margin:0;border:0}.deadline .refs{font-size:7pt}.tenant-evidence,.tenant .refs{font-size:6.5pt;line-height:1.15}
.legend{font-size:8pt;list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.1rem 1rem}
.finding{border-left:3px solid #888;padding:.05rem .5rem;margin:.35rem 0;break-inside:avoid}
.remedy{color:#333}.refs{font-size:8.5pt;overflow-wrap:anywhere}
a{color:#0b3d91}
.verdicts{font-size:8.5pt}
.evidence-table{font-size:7pt;line-height:1.25}.evidence-table th,.evidence-table td{padding:.05rem .2rem}
.evidence-table tbody tr{break-inside:avoid}.evidence-table th .status{display:block}
.pair{margin-right:.5rem}.said{font-style:italic;margin-right:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  body{max-width:none;padding:0;font-size:9pt}
  a{color:#000;text-decoration:none}
}
`;

/** A deep copy with every string's ISO times in local time: what the server's checks say, as the reader's clock reads. */
function localised<T>(value: T, timeZone: string): T {
  const walk = (inner: unknown): unknown => {
    if (typeof inner === 'string') return localiseIsoTimes(inner, timeZone);
    if (Array.isArray(inner)) return inner.map(walk);
    if (inner !== null && typeof inner === 'object')
      return Object.fromEntries(Object.entries(inner).map(([key, item]) => [key, walk(item)]));
    return inner;
  };
  return walk(value) as T;
}

/** Two name/value pairs per row: the details fit a third of the first page. */
function pairsOf<T>(items: readonly T[]): T[][] {
  const rows: T[][] = [];
  for (let index = 0; index < items.length; index += 2) rows.push(items.slice(index, index + 2));
  return rows;
}

/** The report as one HTML document; every value escaped (the model is already masked). */
export function renderReportHtml(model: ReadinessReport, options: ReportHtmlOptions = {}): string {
  const timeZone = options.timeZone ?? localTimeZone();
  // The report's own times are formatted where shown; the servers' texts and evidence are rewritten here.
  const report: ReadinessReport = {
    ...model,
    servers: localised(model.servers, timeZone),
    acceptedRisks: localised(model.acceptedRisks, timeZone),
    ...(model.tenants === undefined ? {} : { tenants: localised(model.tenants, timeZone) }),
  };
  // A tenant-only report (`exready tenant check --report`) has no Exchange server: only its tenant sections.
  const estateSections = report.servers.length > 0 || (report.tenants ?? []).length === 0;
  const time = (iso: string) => formatLocalTime(iso, timeZone);
  const sim = report.simulated;
  const outline = reportAttention(report);
  const title = `ExReady readiness report${sim ? ' (SIMULATED)' : ''}`;
  const meta: [string, string][] = [
    ['Generated', time(report.generatedAt)],
    ['Facts collected', time(report.collectedAt)],
    ['Run', report.runId ?? '(not saved)'],
    ['Operator', report.operator],
    ['ExReady version', report.appVersion],
    ['Service account', report.estate.serviceAccount ?? '(none)'],
    ['Sync servers', report.estate.syncServers.join(', ') || '(none)'],
    ['Estate fingerprint (SHA-256)', report.estate.fingerprint],
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
${sim ? `<p class="simulated">${simulatedNotice}</p>` : ''}
<h1>${escapeHtml(title)}</h1>
<ul class="estate" aria-label="Readiness of the estate">
${[
  ...report.readiness,
  ...(report.tenants ?? []).flatMap((tenant) => [
    tenant.readiness,
    ...(tenant.exchangeOnlineMail === undefined ? [] : [tenant.exchangeOnlineMail.readiness]),
  ]),
]
  .map((line) => `<li>${escapeHtml(line.text)}</li>`)
  .join('\n')}
</ul>
${ewsDeadlineSection(report)}
<table class="meta"><caption class="visually-hidden">Report details</caption>
<colgroup><col class="name-col"><col><col class="name-col"><col></colgroup><tbody>
${pairsOf(meta)
  .map(
    (row) =>
      `<tr>${row.map(([name, value]) => `<th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td>`).join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>
</header>
<main>
${
  estateSections
    ? `<h2>Readiness per server</h2>
${readinessTable(report)}
<h2>Checks at a glance</h2>
${checkGrid(report, outline)}`
    : ''
}
${tenantSections(report, time)}
${
  estateSections
    ? `<h2>Needs attention</h2>
${attentionSection(report, outline)}
<h2>Accepted risks</h2>
${acceptedRisksSection(outline)}
${fixesSection(report, time)}`
    : ''
}
<section class="appendix" aria-labelledby="appendix">
<h2 id="appendix">Evidence appendix</h2>
${evidenceAppendix(report)}
</section>
</main>
</body>
</html>
`;
}
