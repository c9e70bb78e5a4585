import type { CheckEvidence, EvidenceValue } from '../checks/check-result';

// Evidence as a reader scans it: "key: value" pairs, lists joined, nested parts in brackets; never raw JSON.

/** One evidence value in words; depth 0 is a top-level value (no brackets around it). */
export function evidenceValueText(value: EvidenceValue, depth = 0): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    const items = value.map((item) => evidenceValueText(item, depth + 1)).join('; ');
    return depth === 0 ? items : `[${items}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '(none)';
  const pairs = entries
    .map(([key, item]) => `${key}: ${evidenceValueText(item ?? null, depth + 1)}`)
    .join(', ');
  return depth === 0 ? pairs : `{${pairs}}`;
}

/** The evidence of a check as key and readable value, in the order the rule wrote it. */
export function evidencePairs(evidence: CheckEvidence): [string, string][] {
  return Object.entries(evidence).map(([key, value]) => [key, evidenceValueText(value)]);
}
