import { z } from 'zod';
import { describeFqdnProblem } from '../domain/hostname';
import { quoteInput } from '../domain/quote-input';

// The kinds of value fix parameters hold: host names, network addresses, TrustedHosts entries.
// Each is validated as typed (before any lower-casing), so a look-alike such as U+212A never becomes "k".

const printableAscii = /^[\x21-\x7e]*$/;

/** Names the first character that is not printable ASCII (a look-alike, white space or control), or null. */
export function describeNonAscii(value: string): string | null {
  if (printableAscii.test(value)) return null;
  const char = [...value].find((c) => !printableAscii.test(c)) ?? '';
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return /\s/.test(char)
    ? 'contains white space'
    : `contains U+${code}, which is not ASCII (a look-alike of a letter is refused)`;
}

function hostNameProblem(value: string): string | null {
  return describeNonAscii(value) ?? describeFqdnProblem(value);
}

/** A fully qualified host name (exch01.contoso.com), ASCII only; stored lower-case without a trailing dot. */
export const HostName = z
  .string()
  .max(253, 'a host name is at most 253 characters')
  .superRefine((value, ctx) => {
    const problem = hostNameProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `${quoteInput(value)} ${problem}` });
  })
  .transform((value) => value.toLowerCase().replace(/\.$/, ''));

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Pattern = new RegExp(`^${octet}(\\.${octet}){3}$`);

export function isIpv4(value: string): boolean {
  return ipv4Pattern.test(value);
}

/** IPv6 in its written forms (full, "::"-compressed, with a dotted IPv4 tail); no zone ids. */
export function isIpv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || value.split('::').length > 2) return false;
  let text = value;
  let groups = 0;
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail !== null) {
    if (!isIpv4(tail[1] ?? '')) return false;
    text = text.slice(0, text.length - (tail[1] ?? '').length) + '0';
    groups += 1;
  }
  const [head = '', rest] = text.split('::');
  const parts = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...parts(head), ...(rest === undefined ? [] : parts(rest))];
  if (!all.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  const count = all.length + groups - (tail === null ? 0 : 1);
  return rest === undefined ? count === 8 : count <= 7;
}

export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}

/** The keywords New-NetFirewallRule -RemoteAddress takes besides addresses (case-insensitive). */
export const firewallAddressKeywords = [
  'Any',
  'LocalSubnet',
  'DNS',
  'DHCP',
  'WINS',
  'DefaultGateway',
  'Internet',
  'Intranet',
  'IntranetRemoteAccess',
  'PlayToDevice',
] as const;

export type FirewallAddress =
  | { kind: 'address'; text: string }
  | { kind: 'subnet'; text: string; prefix: number; bits: 32 | 128 }
  | { kind: 'range'; text: string; from: string; to: string }
  | { kind: 'keyword'; text: string };

function maskPrefix(mask: string): number | null {
  if (!isIpv4(mask)) return null;
  const bits = mask
    .split('.')
    .map((part) => Number(part).toString(2).padStart(8, '0'))
    .join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : null;
}

/** Reads one -RemoteAddress entry: an address, a subnet (CIDR or mask), a range a-b, or a keyword; null if none. */
export function parseFirewallAddress(value: string): FirewallAddress | null {
  const keyword = firewallAddressKeywords.find((word) => word.toLowerCase() === value.toLowerCase());
  if (keyword !== undefined || value === '*') return { kind: 'keyword', text: keyword ?? 'Any' };
  if (isIpAddress(value)) return { kind: 'address', text: value };
  const slash = value.split('/');
  if (slash.length === 2) {
    const [base = '', size = ''] = slash;
    const bits = isIpv4(base) ? 32 : isIpv6(base) ? 128 : null;
    if (bits === null) return null;
    const prefix = /^\d{1,3}$/.test(size) ? Number(size) : bits === 32 ? maskPrefix(size) : null;
    if (prefix === null || prefix > bits) return null;
    return { kind: 'subnet', text: value, prefix, bits };
  }
  const dash = value.split('-');
  if (dash.length === 2) {
    const [from = '', to = ''] = dash;
    const sameFamily = (isIpv4(from) && isIpv4(to)) || (isIpv6(from) && isIpv6(to));
    return sameFamily ? { kind: 'range', text: value, from, to } : null;
  }
  return null;
}

/** One -RemoteAddress entry of a firewall rule: never a host name (names are resolved in main's preview). */
export const FirewallAddressEntry = z
  .string()
  .max(100, 'a remote address is at most 100 characters')
  .superRefine((value, ctx) => {
    const problem = describeNonAscii(value);
    if (problem !== null || parseFirewallAddress(value) === null)
      ctx.addIssue({
        code: 'custom',
        message: `${quoteInput(value)} ${problem ?? 'is not an IPv4/IPv6 address, a subnet (10.0.0.0/24), a range (10.0.0.1-10.0.0.9) or a firewall keyword'}`,
      });
  });

/** One TrustedHosts entry: a host name, an IP address, a *.domain wildcard, or "*" (all hosts). */
export const TrustedHostsEntry = z
  .string()
  .max(255, 'a TrustedHosts entry is at most 255 characters')
  .superRefine((value, ctx) => {
    const problem = trustedHostsEntryProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `${quoteInput(value)} ${problem}` });
  })
  .transform((value) => value.toLowerCase());

function trustedHostsEntryProblem(value: string): string | null {
  const nonAscii = describeNonAscii(value);
  if (nonAscii !== null) return nonAscii;
  if (value === '*' || isIpAddress(value)) return null;
  if (value.startsWith('*.')) {
    const domain = value.slice(2);
    if (!domain.includes('.')) return /^[a-z0-9-]{1,63}$/i.test(domain) ? null : 'is not a *.domain wildcard';
    const problem = describeFqdnProblem(domain);
    return problem === null ? null : `is not a *.domain wildcard: the domain ${problem}`;
  }
  if (value.includes('*')) return 'has a wildcard other than a leading "*." (only "*.domain" or "*")';
  if (value.includes(',')) return 'holds a comma: give one host per entry';
  // A short (NetBIOS-style) name is a valid TrustedHosts entry.
  if (/^(?!-)[a-z0-9-]{1,63}(?<!-)$/i.test(value) && !/^\d+$/.test(value)) return null;
  return hostNameProblem(value);
}
