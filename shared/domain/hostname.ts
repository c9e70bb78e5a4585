import { z } from 'zod';
import { quoteInput } from './quote-input';

// A DNS label: letters, digits, hyphens; no leading or trailing hyphen; 1-63 chars.
const labelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Why a host name is not a fully qualified domain name, or null when it is one; `example` shows one that is. */
export function describeFqdnProblem(value: string, example = 'exch01.contoso.com'): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > 253) return 'is longer than 253 characters';
  if (/\s/.test(value)) return 'contains white space';
  const foreign = [...value].find((char) => !/^[\x21-\x7e]$/.test(char));
  if (foreign !== undefined)
    return `contains U+${(foreign.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which is not ASCII (a look-alike of a letter is refused)`;
  const labels = value.replace(/\.$/, '').split('.');
  if (labels.length < 2) return `is not fully qualified (expected e.g. ${example})`;
  const bad = labels.find((label) => !labelPattern.test(label));
  if (bad !== undefined) return `has an invalid label "${bad}"`;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'is an IP address, not a host name';
  return null;
}

/** A fully qualified host name, stored lower-case without a trailing dot. */
// Validated as typed, then lower-cased: lower-casing first turned the Kelvin sign U+212A into "k".
export const Fqdn = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = describeFqdnProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `${quoteInput(value)} ${problem}` });
  })
  .transform((value) => value.toLowerCase().replace(/\.$/, ''));
export type Fqdn = z.output<typeof Fqdn>;

/** Splits pasted text (one per line, or separated by commas, semicolons or spaces) into host names. */
export function splitHostList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
