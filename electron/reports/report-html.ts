import type { CheckStatus, EvidenceValue } from '../../shared/checks/check-result';
import type {
  ReadinessReport,
  ReportCheck,
  ReportServer,
  StatusCounts,
} from '../../shared/reports/report-schema';

// One self-contained HTML file: inline CSS, no script, every status as a word with a text icon (never colour alone).

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapeMap[char] ?? char);
}

const statusLabel: Record<CheckStatus, string> = {
  pass: '✔ PASS',
  warn: '⚠ WARN',
  fail: '✖ FAIL',
  unknown: '? UNKNOWN',
  'n/a': '– N/A',
};
const statusClass: Record<CheckStatus, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  unknown: 'unknown',
  'n/a': 'na',
};

export const simulatedNotice = 'SIMULATED: lab facts, not collected from real servers';

const css = `
:root{color-scheme:light}
body{font-family:"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.4}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin-top:1.5rem;border-bottom:1px solid #888}h3{font-size:1.05rem;margin:.8rem 0 .2rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}
.simulated{border:3px solid #000;background:#fff3c4;color:#000;font-weight:bold;padding:.4rem .6rem;margin:.4rem 0}
.status{font-weight:bold;white-space:nowrap}
.pass{color:#0b6a0b}.warn{color:#7a4a00}.fail{color:#a4000f}.unknown{color:#4a4a4a}.na{color:#4a4a4a}
dl.evidence{margin:.2rem 0;display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;font-size:.9rem}
dl.evidence dt{font-weight:600}dl.evidence dd{margin:0;font-family:Consolas,monospace;word-break:break-word}
.check{border:1px solid #bbb;padding:.4rem .6rem;margin:.5rem 0;break-inside:avoid}
.meta td:first-child{font-weight:600;width:12rem}
.print-simulated{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  .server{break-before:page}
  a{color:#000}a[href]::after{content:" (" attr(href) ")";font-size:8pt}
  .print-simulated{display:block;position:fixed;bottom:0;left:0;right:0;text-align:center;font-weight:bold;font-size:9pt}
  body.is-simulated{margin-bottom:1.5rem}
}
`;

function countsText(counts: StatusCounts): string {
  return (Object.keys(statusLabel) as CheckStatus[])
    .map((status) => `${counts[status]} ${status}`)
    .join(', ');
}

function statusCell(status: CheckStatus): string {
  return `<span class="status ${statusClass[status]}">${escapeHtml(statusLabel[status])}</span>`;
}

function evidenceText(value: EvidenceValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function renderCheck(check: ReportCheck, simulated: boolean): string {
  const evidence = Object.entries(check.evidence);
  return `<div class="check">
<h4>${statusCell(check.status)} ${escapeHtml(check.title)} <small>(${escapeHtml(check.checkId)})</small>${simulated ? ' <small>[SIMULATED]</small>' : ''}</h4>
<p>${escapeHtml(check.summary)}</p>
${evidence.length === 0 ? '' : `<dl class="evidence">${evidence.map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(evidenceText(value))}</dd>`).join('')}</dl>`}
${check.remedy === null ? '' : `<p><strong>Remedy:</strong> ${escapeHtml(check.remedy)}${check.fixId === null ? '' : ` <small>(fix ${escapeHtml(check.fixId)})</small>`}</p>`}
${check.acceptedRisk === null ? '' : `<p><strong>Accepted risk:</strong> ${escapeHtml(check.acceptedRisk.exposes)}</p>`}
${check.references.length === 0 ? '' : `<p><strong>References:</strong> ${check.references.map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`).join(', ')}</p>`}
</div>`;
}

function renderServer(server: ReportServer, simulated: boolean): string {
  return `<section class="server" aria-labelledby="server-${escapeHtml(server.fqdn)}">
${simulated ? `<p class="simulated">${simulatedNotice}</p>` : ''}
<h3 id="server-${escapeHtml(server.fqdn)}">${escapeHtml(server.fqdn)}</h3>
<p>Collection: ${escapeHtml(server.collection)}. ${escapeHtml(countsText(server.counts))}.</p>
${server.checks.map((check) => renderCheck(check, simulated)).join('\n')}
</section>`;
}

/** The report as one HTML document; every value escaped (the model is already masked). */
export function renderReportHtml(report: ReadinessReport): string {
  const sim = report.simulated;
  const title = `ExReady readiness report${sim ? ' (SIMULATED)' : ''}`;
  const meta: [string, string][] = [
    ['Generated', report.generatedAt],
    ['Facts collected', report.collectedAt],
    ['Run', report.runId ?? '(not saved)'],
    ['Operator', report.operator],
    ['ExReady version', report.appVersion],
    ['Service account', report.estate.serviceAccount ?? '(none)'],
    ['Sync servers', report.estate.syncServers.join(', ') || '(none)'],
    ['Exchange servers', String(report.estate.exchangeServers.length)],
    ['Estate fingerprint (SHA-256)', report.estate.fingerprint],
  ];
  const fixes = report.fixesApplied;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body${sim ? ' class="is-simulated"' : ''}>
${sim ? `<div class="print-simulated" aria-hidden="true">${simulatedNotice}</div>` : ''}
<header>
${sim ? `<p class="simulated">${simulatedNotice}</p>` : ''}
<h1>${escapeHtml(title)}</h1>
<table class="meta"><caption class="visually-hidden">Report details</caption><tbody>
${meta.map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</tbody></table>
</header>
<main>
<h2>Summary</h2>
<table><thead><tr><th scope="col">Integration</th><th scope="col">Verdict</th><th scope="col">Checks</th><th scope="col">By status</th></tr></thead><tbody>
${report.integrations.map((item) => `<tr><td>${escapeHtml(item.integration)}</td><td><strong>${escapeHtml(item.verdict.toUpperCase())}</strong></td><td>${item.checks}</td><td>${escapeHtml(countsText(item.counts))}</td></tr>`).join('\n')}
</tbody></table>
<h2>Servers</h2>
<table><thead><tr><th scope="col">Server</th><th scope="col">Collection</th><th scope="col">By status</th></tr></thead><tbody>
${report.servers.map((server) => `<tr><td><a href="#server-${escapeHtml(server.fqdn)}">${escapeHtml(server.fqdn)}</a></td><td>${escapeHtml(server.collection)}</td><td>${escapeHtml(countsText(server.counts))}</td></tr>`).join('\n')}
</tbody></table>
<h2>Accepted risks</h2>
${
  report.acceptedRisks.length === 0
    ? '<p>None.</p>'
    : `<table><thead><tr><th scope="col">Server</th><th scope="col">Check</th><th scope="col">Status</th><th scope="col">Exposes</th><th scope="col">Safer alternatives</th></tr></thead><tbody>
${report.acceptedRisks.map((risk) => `<tr><td>${escapeHtml(risk.server)}</td><td>${escapeHtml(risk.title)}</td><td>${statusCell(risk.status)}</td><td>${escapeHtml(risk.exposes)}</td><td><ul>${risk.saferAlternatives.map((alt) => `<li>${escapeHtml(alt)}</li>`).join('')}</ul></td></tr>`).join('\n')}
</tbody></table>`
}
<h2>Fixes applied ${escapeHtml(fixes.from === null ? `up to ${fixes.to}` : `from ${fixes.from} to ${fixes.to}`)}</h2>
${
  fixes.entries.length === 0
    ? '<p>None.</p>'
    : `<table><thead><tr><th scope="col">Audit id</th><th scope="col">When</th><th scope="col">Operator</th><th scope="col">Server</th><th scope="col">Action</th><th scope="col">Outcome</th></tr></thead><tbody>
${fixes.entries.map((fix) => `<tr><td>${fix.auditId}</td><td>${escapeHtml(fix.at)}</td><td>${escapeHtml(fix.operator)}</td><td>${escapeHtml(fix.server)}</td><td>${escapeHtml(fix.action)}${fix.simulated ? ' [SIMULATED]' : ''}</td><td>${escapeHtml(fix.outcome)}${fix.error === null ? '' : `: ${escapeHtml(fix.error)}`}</td></tr>`).join('\n')}
</tbody></table>`
}
<h2>Checks per server</h2>
${report.servers.map((server) => renderServer(server, sim)).join('\n')}
</main>
</body>
</html>
`;
}
