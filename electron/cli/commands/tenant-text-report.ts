import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import type { ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import { ewsCheckTitles } from '../../../shared/tenant/ews/ews-references';
import type { EwsDeadlineNotice } from '../../../shared/tenant/ews/ews-retirement';
import { tenantCheckTitles } from '../../../shared/tenant/tenant-check-ids';

const titles: Readonly<Record<string, string>> = { ...tenantCheckTitles, ...ewsCheckTitles };

// Words, not colour, as the server checklist: the same in a console, a log file and a screen reader.
const statusWord: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  unknown: 'UNKNOWN',
  'n/a': 'N/A',
};
const indent = ' '.repeat(11);
const maxEvidence = 240;

function evidenceText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxEvidence ? `${text.slice(0, maxEvidence - 3)}...` : text;
}

function resultLines(result: CheckResult): string[] {
  const title = titles[result.checkId] ?? result.checkId;
  const lines = [
    `  ${statusWord[result.status].padEnd(9)}${result.checkId} (${title})`,
    `${indent}${result.summary}`,
  ];
  for (const [key, value] of Object.entries(result.evidence))
    lines.push(`${indent}  ${key}: ${evidenceText(value)}`);
  if (result.remedy !== undefined) lines.push(`${indent}Remedy: ${result.remedy}`);
  if (result.acceptedRisk !== undefined) {
    lines.push(`${indent}Accepted risk: ${result.acceptedRisk.exposes}`);
    lines.push(`${indent}Safer: ${result.acceptedRisk.saferAlternatives.join(' | ')}`);
  }
  if (result.references.length > 0) lines.push(`${indent}See: ${result.references.join(' ')}`);
  return lines;
}

export interface TenantReportBlock {
  heading: string;
  /** Lines under the heading: source, time, the inventory it was judged against. */
  about: string[];
  /** One per integration judged: Microsoft 365, Exchange Online mail. */
  verdicts: readonly ReadinessVerdict[];
  results: readonly CheckResult[];
  /** Where two integrations meet on one domain, one line each. */
  crossIntegration: readonly string[];
}

/** The EWS deadline, first after the lab label: the date EWS stops and what the ERP must do. */
export function deadlineLines(deadline: EwsDeadlineNotice): string[] {
  return [
    'EWS deadline (Exchange Online mail)',
    `  ${deadline.statement}`,
    `  ${deadline.countdown}`,
    `  ${deadline.erpMust}`,
    `  Microsoft's announcement: ${deadline.references.join(' ')}`,
  ];
}

/** The readable tenant checklist: one block per case (a recorded file has one, the demo several). */
export function formatTenantText(
  simulated: boolean,
  blocks: readonly TenantReportBlock[],
  estate: readonly string[] = [],
  deadline: EwsDeadlineNotice | null = null,
): string {
  const lines: string[] = [];
  if (simulated) lines.push('SIMULATED: a made-up demo tenant, not read from Microsoft Graph');
  if (deadline !== null) lines.push(...deadlineLines(deadline));
  for (const block of blocks) {
    if (lines.length > 0) lines.push('');
    lines.push(
      block.heading,
      ...block.about.map((line) => `  ${line}`),
      ...block.verdicts.map((verdict) => `  ${verdict.integration}: ${verdict.text}`),
    );
    for (const result of block.results) lines.push(...resultLines(result));
  }
  const all = blocks.flatMap((block) => block.results);
  const failed = all.filter((result) => result.status === 'fail').length;
  if (estate.length > 0) lines.push('', 'Estate summary', ...estate.map((line) => `  ${line}`));
  lines.push(
    '',
    failed > 0 ? `Result: FAIL (${failed} check${failed === 1 ? '' : 's'} failed)` : 'Result: nothing failed',
  );
  return `${lines.join('\n')}\n`;
}
