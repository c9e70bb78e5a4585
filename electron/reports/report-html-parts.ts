import type { CheckStatus } from '../../shared/checks/check-result';

// The small pieces every section of the HTML report shares: escaping, status words and shapes.

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

/** The words and shapes of the window (renderer/src/checks/check-columns.ts), so a status reads the same everywhere. */
export const statusWords: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  'n/a': 'N/A',
};
export const statusShapes: Record<CheckStatus, string> = {
  pass: '✓',
  warn: '!',
  fail: '✕',
  unknown: '?',
  'n/a': '–',
};
const statusClass: Record<CheckStatus, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  unknown: 'unknown',
  'n/a': 'na',
};

/** A status as shape and word (never colour alone). */
export function statusHtml(status: CheckStatus): string {
  return `<span class="status ${statusClass[status]}">${statusShapes[status]} ${statusWords[status]}</span>`;
}

export const simulatedNotice = 'SIMULATED: lab facts, not collected from real servers';

/** "exch01" for "exch01.contoso.com": the grid's column heads, unless two servers share it. */
export function shortNames(fqdns: readonly string[]): Map<string, string> {
  const short = (fqdn: string) => fqdn.split('.')[0] ?? fqdn;
  const taken = new Map<string, number>();
  for (const fqdn of fqdns) taken.set(short(fqdn), (taken.get(short(fqdn)) ?? 0) + 1);
  return new Map(fqdns.map((fqdn) => [fqdn, (taken.get(short(fqdn)) ?? 0) > 1 ? fqdn : short(fqdn)]));
}
