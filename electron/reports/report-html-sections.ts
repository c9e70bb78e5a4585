import type { CheckStatus } from '../../shared/checks/check-result';
import { findFix } from '../../shared/fixes/fix-catalogue';
import { onPremisesIntegrations } from '../../shared/readiness/integration';
import type { AttentionCheck, GroupedRisk, ReportAttention } from '../../shared/reports/report-attention';
import { evidencePairs } from '../../shared/reports/evidence-text';
import type { ReadinessReport, ReportServer } from '../../shared/reports/report-schema';
import { escapeHtml, shortNames, statusHtml } from './report-html-parts';

// The sections of the HTML report, in reading order: readiness, the grid, what needs attention, the appendix.

type Time = (iso: string) => string;

const list = (items: readonly string[]) => items.map(escapeHtml).join(', ');

/** A fix or audit action by its catalogue title, its id after it (the id is what `exready fix` takes). */
function fixName(id: string): string {
  const title = findFix(id)?.title;
  return title === undefined ? escapeHtml(id) : `${escapeHtml(title)} <small>(${escapeHtml(id)})</small>`;
}
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The verdict of every server per integration, in the words of shared/readiness. */
export function readinessTable(report: ReadinessReport): string {
  const integrations = report.readiness.map((line) => line.integration);
  const head = integrations.map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
  const rows = report.servers.map((server) => {
    const cells = integrations.map((name) => {
      const verdict = server.readiness.find((item) => item.integration === name);
      return `<td class="verdict-${verdict?.kind ?? 'not-checked'}">${escapeHtml(verdict?.text ?? 'Not checked')}</td>`;
    });
    // The Proved column: the newest proof of the sync service's path (shared/reports/report-proof.ts).
    const proved = `<td class="proved-${server.proved.outcome}">${escapeHtml(server.proved.text)}</td>`;
    return `<tr><th scope="row">${escapeHtml(server.fqdn)}</th>${cells.join('')}${proved}</tr>`;
  });
  return `<table class="readiness-table"><caption class="visually-hidden">Readiness per server</caption>
<colgroup><col class="server-col">${integrations.map(() => '<col>').join('')}<col class="proved-col"></colgroup>
<thead><tr><th scope="col">Server</th>${head}<th scope="col">Proved</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

const legendOrder: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'unknown', 'n/a'];
const legendMeaning: Record<CheckStatus, string> = {
  pass: 'as the integration needs',
  warn: 'works, but should be looked at',
  fail: 'blocks the integration',
  unknown: 'could not be read: blocks until read',
  'n/a': 'does not apply to this server',
};

/** Servers as columns, checks as rows: a shape and a word per cell, HealthChecker style. */
export function checkGrid(report: ReadinessReport, outline: ReportAttention): string {
  const names = shortNames(report.servers.map((server) => server.fqdn));
  const byServer = report.servers.map(
    (server) => new Map(server.checks.map((check) => [check.checkId, check.status])),
  );
  const head = report.servers
    .map((server) => `<th scope="col" class="cell">${escapeHtml(names.get(server.fqdn) ?? server.fqdn)}</th>`)
    .join('');
  const body = onPremisesIntegrations.flatMap((integration) => {
    const rows = outline.checks.filter((row) => row.integration === integration);
    if (rows.length === 0) return [];
    return [
      `<tr class="group"><th scope="rowgroup" colspan="${report.servers.length + 1}">${escapeHtml(integration)}</th></tr>`,
      ...rows.map((row) => {
        const cells = byServer.map((statuses) => {
          const status = statuses.get(row.checkId);
          return `<td class="cell">${status === undefined ? '' : statusHtml(status)}</td>`;
        });
        return `<tr><th scope="row">${escapeHtml(row.title)}</th>${cells.join('')}</tr>`;
      }),
    ];
  });
  const legend = legendOrder
    .map((status) => `<li>${statusHtml(status)}: ${escapeHtml(legendMeaning[status])}</li>`)
    .join('');
  return `<table class="grid"><caption class="visually-hidden">Checks per server</caption>
<colgroup><col class="check-col">${report.servers.map(() => '<col>').join('')}</colgroup>
<thead><tr><th scope="col">Check</th>${head}</tr></thead><tbody>
${body.join('\n')}
</tbody></table>
<ul class="legend" aria-label="Legend">${legend}<li>Columns: ${report.servers.map((server) => escapeHtml(server.fqdn)).join(', ')}</li></ul>`;
}

function attentionBlock(check: AttentionCheck): string {
  const findings = check.findings.map(
    (finding) =>
      `<p>${statusHtml(finding.status)} on <strong>${list(finding.servers)}</strong>: ${escapeHtml(finding.summary)}${
        finding.remedy === null
          ? ''
          : `<br><span class="remedy">Remedy: ${escapeHtml(finding.remedy)}${finding.fixId === null ? '' : `<br>ExReady fix: ${fixName(finding.fixId)}`}</span>`
      }</p>`,
  );
  const references =
    check.references.length === 0
      ? ''
      : `<p class="refs">References: ${check.references.map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`).join(' · ')}</p>`;
  return `<section class="finding"><h3>${escapeHtml(check.title)} <small>${escapeHtml(check.integration)}</small></h3>
${findings.join('\n')}
${references}</section>`;
}

/** The servers not read (once each), then each check needing attention once, worst first. */
export function attentionSection(report: ReadinessReport, outline: ReportAttention): string {
  const notChecked = outline.notChecked.map(({ server, remedy }) => {
    const reason = report.servers.find((item) => item.fqdn === server)?.readiness[0]?.text ?? 'Not checked';
    return `<p>${statusHtml('unknown')} <strong>${escapeHtml(server)}</strong>: ${escapeHtml(reason)}.<br><span class="remedy">Remedy: ${escapeHtml(remedy)}</span></p>`;
  });
  const parts = [
    notChecked.length === 0
      ? ''
      : `<section class="finding"><h3>Servers not checked <small>${plural(notChecked.length, 'server')}, every check unknown</small></h3>
${notChecked.join('\n')}</section>`,
    ...outline.attention.map(attentionBlock),
  ].filter((part) => part !== '');
  return parts.length === 0 ? '<p>Nothing: every check passed or does not apply.</p>' : parts.join('\n');
}

function riskBlock(risk: GroupedRisk): string {
  return `<section class="finding"><h3>${escapeHtml(risk.title)} <small>${plural(risk.servers.length, 'server')}</small></h3>
<p>On <strong>${list(risk.servers)}</strong>. Exposes: ${escapeHtml(risk.exposes)}</p>
<p>Safer alternatives: ${risk.saferAlternatives.map(escapeHtml).join(' · ')}</p></section>`;
}

/** Each accepted risk once, with the servers that carry it. */
export function acceptedRisksSection(outline: ReportAttention): string {
  return outline.acceptedRisks.length === 0
    ? '<p>None.</p>'
    : outline.acceptedRisks.map(riskBlock).join('\n');
}

/** The audit entries of the period, at local time. */
export function fixesSection(report: ReadinessReport, time: Time): string {
  const fixes = report.fixesApplied;
  const period =
    fixes.from === null ? `up to ${time(fixes.to)}` : `from ${time(fixes.from)} to ${time(fixes.to)}`;
  const rows = fixes.entries.map(
    (fix) =>
      `<tr><td>${fix.auditId}</td><td>${escapeHtml(time(fix.at))}</td><td>${escapeHtml(fix.operator)}</td><td>${escapeHtml(fix.server)}</td><td>${fixName(fix.action)}${fix.simulated ? ' [SIMULATED]' : ''}</td><td>${escapeHtml(fix.outcome)}${fix.error === null ? '' : `: ${escapeHtml(fix.error)}`}</td></tr>`,
  );
  return `<h2>Fixes applied ${escapeHtml(period)}</h2>
${
  rows.length === 0
    ? '<p>None.</p>'
    : `<table class="fixes"><colgroup><col class="id-col"><col class="time-col"><col><col><col><col></colgroup>
<thead><tr><th scope="col">Audit</th><th scope="col">When</th><th scope="col">Operator</th><th scope="col">Server</th><th scope="col">Action</th><th scope="col">Outcome</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}`;
}

function appendixServer(server: ReportServer, simulated: boolean): string {
  const verdicts = server.readiness.map((verdict) => `${verdict.integration}: ${verdict.text}`).join(' · ');
  const head = `<h3>${escapeHtml(server.fqdn)}${simulated ? ' <small>[SIMULATED]</small>' : ''}</h3>
<p class="verdicts">${escapeHtml(verdicts)}</p>`;
  if (server.unreachable !== null)
    return `<section class="appendix-server">${head}
<p>Nothing was read (cause: ${escapeHtml(server.unreachable.cause)}). The error as PowerShell reported it: ${escapeHtml(server.unreachable.message)}</p></section>`;
  const rows = server.checks.map((check) => {
    const pairs = evidencePairs(check.evidence)
      .map(([key, value]) => `<span class="pair"><b>${escapeHtml(key)}</b> ${escapeHtml(value)}</span>`)
      .join(' ');
    return `<tr><th scope="row">${escapeHtml(check.title)} ${statusHtml(check.status)}</th><td class="evidence"><span class="said">${escapeHtml(check.summary)}</span> ${pairs === '' ? '(no evidence)' : pairs}</td></tr>`;
  });
  return `<section class="appendix-server">${head}
<table class="evidence-table"><colgroup><col class="title-col"><col></colgroup>
<thead><tr><th scope="col">Check</th><th scope="col">Evidence</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

/** The evidence of every check, per server, as readable key and value. */
export function evidenceAppendix(report: ReadinessReport): string {
  return report.servers.map((server) => appendixServer(server, report.simulated)).join('\n');
}
