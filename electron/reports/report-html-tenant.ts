import { evidencePairs } from '../../shared/reports/evidence-text';
import type { ReadinessReport, ReportCheck, ReportTenant } from '../../shared/reports/report-schema';
import { escapeHtml, statusHtml } from './report-html-parts';

// The Microsoft 365 tenant section of the HTML report: compact, after the Exchange grid; its evidence in the appendix.

type Time = (iso: string) => string;

export const tenantHeading = 'Microsoft 365 tenant';

const simulatedTag = (tenant: ReportTenant) => (tenant.simulated ? ' <small>[SIMULATED]</small>' : '');

function tenantDetails(tenant: ReportTenant, time: Time): string {
  const parts = [
    `Read ${time(tenant.readAt)}`,
    `provisioning app ${tenant.provisioningAppId || '(none)'}`,
    `domains ${tenant.federatedDomains.join(', ') || '(none)'}`,
    `IdP host ${tenant.idpSignInHost ?? '(not given)'}`,
    ...(tenant.caseName === null ? [] : [`demo case ${tenant.caseName}`]),
    ...(tenant.runId === null ? [] : [`tenant run ${tenant.runId}`]),
  ];
  return `<p class="meta">${escapeHtml(parts.join(' · '))}</p>`;
}

function checkRow(check: ReportCheck): string {
  const remedy =
    check.remedy === null ? '' : `<br><span class="remedy">Remedy: ${escapeHtml(check.remedy)}</span>`;
  const references =
    check.references.length === 0
      ? ''
      : `<br><span class="refs">${check.references.map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`).join(' · ')}</span>`;
  return `<tr><th scope="row">${escapeHtml(check.title)}</th><td>${statusHtml(check.status)}</td><td>${escapeHtml(check.summary)}${remedy}${references}</td></tr>`;
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
<colgroup><col class="check-col"><col class="id-col"><col></colgroup>
<thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col">Finding</th></tr></thead><tbody>
${tenant.checks.map(checkRow).join('\n')}
</tbody></table>
${risks(tenant)}</section>`;
}

/** Every tenant section of the report, or nothing when no tenant run goes with it. */
export function tenantSections(report: ReadinessReport, time: Time): string {
  return (report.tenants ?? []).map((tenant, index) => tenantBlock(tenant, index, time)).join('\n');
}

/** The evidence of every tenant check, as readable key and value (the raw Graph fields it was decided on). */
export function tenantAppendix(report: ReadinessReport): string {
  return (report.tenants ?? [])
    .map((tenant) => {
      const rows = tenant.checks.map((check) => {
        const pairs = evidencePairs(check.evidence)
          .map(([key, value]) => `<span class="pair"><b>${escapeHtml(key)}</b> ${escapeHtml(value)}</span>`)
          .join(' ');
        return `<tr><th scope="row">${escapeHtml(check.title)} ${statusHtml(check.status)}</th><td class="evidence">${pairs === '' ? '(no evidence)' : pairs}</td></tr>`;
      });
      return `<section class="appendix-server"><h3>${tenantHeading} ${escapeHtml(tenant.tenant)}${simulatedTag(tenant)}</h3>
<table class="evidence-table"><colgroup><col class="title-col"><col></colgroup>
<thead><tr><th scope="col">Check</th><th scope="col">Evidence</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
    })
    .join('\n');
}
