import { z } from 'zod';
import { parseFirewallAddress } from './fix-values';

// Risk follows the values: the same fix is harmless with exact hosts and lowers security with a wildcard.

export const FixRisk = z.enum(['none', 'lowers-security']);
export type FixRisk = z.infer<typeof FixRisk>;

export interface RiskAssessment {
  risk: FixRisk;
  /** What these values expose, for the preview and the "I accept this risk" prompt; null when nothing. */
  exposes: string | null;
}

export const noRisk: RiskAssessment = { risk: 'none', exposes: null };

const lowers = (exposes: string): RiskAssessment => ({ risk: 'lowers-security', exposes });

// Two-label public suffixes: "*.co.uk" is as wide as "*.com".
const publicSuffixes = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'co.jp',
  'co.nz',
  'com.br',
  'com.tr',
  'co.za',
]);

/** A TrustedHosts entry wider than one DNS domain: "*", or "*.tld" / "*.co.uk". */
export function isWideTrustedHostsEntry(entry: string): boolean {
  const value = entry.trim().toLowerCase();
  if (value === '*') return true;
  if (!value.startsWith('*.')) return false;
  const domain = value.slice(2).replace(/\.$/, '');
  return !domain.includes('.') || publicSuffixes.has(domain);
}

export function trustedHostsRisk(hosts: readonly string[]): RiskAssessment {
  const wide = hosts.filter(isWideTrustedHostsEntry);
  if (wide.length === 0) return noRisk;
  const named = wide.map((entry) => `"${entry.trim()}"`).join(', ');
  return lowers(
    wide.some((entry) => entry.trim() === '*')
      ? `TrustedHosts ${named} lets the sync server send credentials to any host without authenticating it.`
      : `TrustedHosts ${named} lets the sync server send credentials, unauthenticated, to any host in more than one DNS domain.`,
  );
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

function ipv6Number(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [group];
          const n = ipv4Number(group);
          return [Math.floor(n / 65536).toString(16), (n % 65536).toString(16)];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((sum, group) => sum * 65536n + BigInt(`0x${group}`), 0n);
}

/** Why one -RemoteAddress entry reaches more than a single host, or null when it is one host. */
export function firewallEntryExposure(entry: string): string | null {
  const parsed = parseFirewallAddress(entry.trim());
  if (parsed === null || parsed.kind === 'address') return null;
  if (parsed.kind === 'keyword')
    return parsed.text === 'Any'
      ? '"Any" (every address, the internet included)'
      : `"${parsed.text}" (every address Windows counts as ${parsed.text})`;
  if (parsed.kind === 'subnet') {
    if (parsed.prefix === parsed.bits) return null;
    const size = 2n ** BigInt(parsed.bits - parsed.prefix);
    return parsed.prefix === 0
      ? `"${parsed.text}" (every ${parsed.bits === 32 ? 'IPv4' : 'IPv6'} address)`
      : `"${parsed.text}" (${size.toLocaleString('en-US')} addresses)`;
  }
  const v4 = !parsed.from.includes(':');
  const from = v4 ? BigInt(ipv4Number(parsed.from)) : ipv6Number(parsed.from);
  const to = v4 ? BigInt(ipv4Number(parsed.to)) : ipv6Number(parsed.to);
  const size = (to >= from ? to - from : from - to) + 1n;
  return size === 1n ? null : `"${parsed.text}" (${size.toLocaleString('en-US')} addresses)`;
}

/** A scope wider than the sync servers' own addresses: keywords, subnets and ranges beyond one host. */
export function firewallScopeRisk(remoteAddresses: readonly string[]): RiskAssessment {
  const wide = remoteAddresses.map(firewallEntryExposure).filter((text) => text !== null);
  if (wide.length === 0) return noRisk;
  return lowers(
    `Inbound WinRM over HTTPS (TCP 5986) opens to ${wide.join(', ')}, not only the sync servers: anyone there can try credentials against this Exchange server.`,
  );
}
