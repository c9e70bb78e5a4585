import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import type { ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import { tenantCheckTitles, type TenantCheckId } from '../../../shared/tenant/tenant-check-ids';

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
  const title = tenantCheckTitles[result.checkId as TenantCheckId] ?? result.checkId;
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
  verdict: ReadinessVerdict;
  results: readonly CheckResult[];
}

/** The readable tenant checklist: one block per case (a recorded file has one, the demo several). */
export function formatTenantText(simulated: boolean, blocks: readonly TenantReportBlock[]): string {
  const lines: string[] = [];
  if (simulated) lines.push('SIMULATED: a made-up demo tenant, not read from Microsoft Graph');
  for (const block of blocks) {
    if (lines.length > 0) lines.push('');
    lines.push(
      block.heading,
      ...block.about.map((line) => `  ${line}`),
      `  Microsoft 365: ${block.verdict.text}`,
    );
    for (const result of block.results) lines.push(...resultLines(result));
  }
  const all = blocks.flatMap((block) => block.results);
  const failed = all.filter((result) => result.status === 'fail').length;
  lines.push(
    '',
    failed > 0 ? `Result: FAIL (${failed} check${failed === 1 ? '' : 's'} failed)` : 'Result: nothing failed',
  );
  return `${lines.join('\n')}\n`;
}
