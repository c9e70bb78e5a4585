import { z } from 'zod';

// A DNS label: letters, digits, hyphens; no leading or trailing hyphen; 1-63 chars.
const labelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Why a host name is not a fully qualified domain name, or null when it is one. */
export function describeFqdnProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > 253) return 'is longer than 253 characters';
  if (/\s/.test(value)) return 'contains white space';
  const labels = value.replace(/\.$/, '').split('.');
  if (labels.length < 2) return 'is not fully qualified (expected e.g. exch01.contoso.com)';
  const bad = labels.find((label) => !labelPattern.test(label));
  if (bad !== undefined) return `has an invalid label "${bad}"`;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'is an IP address, not a host name';
  return null;
}

/** A fully qualified host name, stored lower-case without a trailing dot. */
export const Fqdn = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase().replace(/\.$/, ''))
  .superRefine((value, ctx) => {
    const problem = describeFqdnProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
  });
export type Fqdn = z.output<typeof Fqdn>;

/** Splits pasted text (one per line, or separated by commas, semicolons or spaces) into host names. */
export function splitHostList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
