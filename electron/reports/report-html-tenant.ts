import { evidencePairs } from '../../shared/reports/evidence-text';
import type { ReadinessReport, ReportCheck, ReportTenant } from '../../shared/reports/report-schema';
import { escapeHtml, statusHtml } from './report-html-parts';

// The Microsoft 365 tenant section of the HTML report: compact, after the Exchange grid, each check's evidence in its row.

type Time = (iso: string) => string;

export const tenantHeading = 'Microsoft 365 tenant';

const simulatedTag = (tenant: ReportTenant) => (tenant.simulated ? ' <small>[SIMULATED]</small>' : '');

/** The ERP judged, as the provisioning app is shown: client id, flow, mailbox, account and the settings' source. */
function erpDetails(tenant: ReportTenant): string {
  const mail = tenant.exchangeOnlineMail;
  if (mail === undefined) return '';
  const target = mail.target;
  const about =
    target === null
      ? ['ERP app (not kept in this run)']
      : [
          `ERP app ${target.clientId} (${target.flow})`,
          `mailbox ${target.mailbox || '(none)'}`,
          ...(target.account === null ? [] : [`account ${target.account}`]),
          `Exchange Online settings ${target.exchangeOnlineSettings ?? 'not read'}`,
        ];
  return `<p class="meta">${escapeHtml(about.join(' · '))} · <strong>${escapeHtml(mail.readiness.text)}</strong> · <span class="verdict-${mail.verdict.kind}">${escapeHtml(mail.verdict.text)}</span></p>`;
}

/**
 * The first page's EWS deadline (ews-retirement.ts): the dates, the days left as of the report's day, what the ERP must
 * do and Microsoft's announcement. Nothing for a report without an ews.* result.
 */
export function ewsDeadlineSection(report: ReadinessReport): string {
  const deadline = report.exchangeOnlineMailDeadline;
  if (deadline === undefined) return '';
  const links = deadline.references
    .map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)
    .join(' · ');
  return `<section class="deadline" aria-labelledby="ews-deadline">
<h2 id="ews-deadline">${escapeHtml(ewsDeadlineHeading)}</h2>
<p><strong>${escapeHtml(deadline.statement)}</strong> ${escapeHtml(deadline.countdown)} ${escapeHtml(deadline.erpMust)} <span class="refs">Microsoft's announcement: ${links}</span></p>
</section>`;
}

export const ewsDeadlineHeading = 'EWS in Exchange Online: the deadline';

function tenantDetails(tenant: ReportTenant, time: Time): string {
  const parts = [
    `Read ${time(tenant.readAt)}`,
    `provisioning app ${tenant.provisioningAppId || '(none)'}`,
    `domains ${tenant.federatedDomains.join(', ') || '(none)'}`,
    `IdP host ${tenant.idpSignInHost ?? '(not given)'}`,
    ...(tenant.caseName === null ? [] : [`demo case ${tenant.caseName}`]),
    ...(tenant.runId === null ? [] : [`tenant run ${tenant.runId}`]),
  ];
  return `<p class="meta">${escapeHtml(parts.join(' · '))}</p>${erpDetails(tenant)}`;
}

function evidenceText(check: ReportCheck): string {
  const pairs = evidencePairs(check.evidence)
    .map(([key, value]) => `<span class="pair"><b>${escapeHtml(key)}</b> ${escapeHtml(value)}</span>`)
    .join(' ');
  return pairs === '' ? '(no evidence)' : pairs;
}

// One row per check; its evidence in the row (not the appendix), so the section stays one compact block.
function checkRow(check: ReportCheck): string {
  const remedy =
    check.remedy === null ? '' : `<br><span class="remedy">Remedy: ${escapeHtml(check.remedy)}</span>`;
  const references =
    check.references.length === 0
      ? ''
      : ` <span class="refs">${check.references.map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`).join(' · ')}</span>`;
  return `<tr><th scope="row">${escapeHtml(check.title)}<br>${statusHtml(check.status)}</th><td><span class="said">${escapeHtml(check.summary)}</span>${remedy}<br><span class="tenant-evidence">${evidenceText(check)}${references}</span></td></tr>`;
}

function risks(tenant: ReportTenant): string {
  if (tenant.acceptedRisks.length === 0) return '';
  const items = tenant.acceptedRisks.map(
    (risk) =>
      `<p><strong>${escapeHtml(risk.title)}</strong>: exposes ${escapeHtml(risk.exposes)} Safer alternatives: ${risk.saferAlternatives.map(escapeHtml).join(' · ')}</p>`,
  );
  return `<section class="finding"><h3>Accepted risks of the tenant</h3>
${items.join('\n')}</section>`;
}

function tenantBlock(tenant: ReportTenant, index: number, time: Time): string {
  return `<section class="tenant" aria-labelledby="tenant-${index}">
<h2 id="tenant-${index}">${tenantHeading} ${escapeHtml(tenant.tenant)}${simulatedTag(tenant)}</h2>
<p class="estate-line"><strong>${escapeHtml(tenant.readiness.text)}</strong> · <span class="verdict-${tenant.verdict.kind}">${escapeHtml(tenant.verdict.text)}</span></p>
${tenantDetails(tenant, time)}
<table class="tenant-checks"><caption class="visually-hidden">Microsoft 365 checks of ${escapeHtml(tenant.tenant)}</caption>
<colgroup><col class="title-col"><col></colgroup>
<thead><tr><th scope="col">Check</th><th scope="col">Finding, evidence and references</th></tr></thead><tbody>
${tenant.checks.map(checkRow).join('\n')}
</tbody></table>
${risks(tenant)}</section>`;
}

/** Every tenant section of the report, or nothing when no tenant run goes with it. */
export function tenantSections(report: ReadinessReport, time: Time): string {
  return (report.tenants ?? []).map((tenant, index) => tenantBlock(tenant, index, time)).join('\n');
}
