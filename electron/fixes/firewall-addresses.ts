import { lookup } from 'node:dns/promises';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { HostName, parseFirewallAddress } from '../../shared/fixes/fix-values';
import { quoteInput } from '../../shared/domain/quote-input';
import type { LabEstate } from '../lab/lab-estate';

// New-NetFirewallRule -RemoteAddress takes addresses, not names: main resolves names while previewing,
// so the admin sees (and the audit records) the addresses the rule will hold.

/** The addresses a host name resolves to; throws when it resolves to none. */
export type HostResolver = (hostName: string) => Promise<string[]>;

export const dnsResolver: HostResolver = async (hostName) =>
  (await lookup(hostName, { all: true, verbatim: true })).map((entry) => entry.address);

export class AddressResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressResolutionError';
  }
}

/** The fix's parameters with each host name in remoteAddresses replaced by its addresses; others unchanged. */
export async function resolveFirewallNames(
  fixId: string,
  parameters: Record<string, unknown>,
  resolve: HostResolver | undefined,
): Promise<Record<string, unknown>> {
  const listed = parameters.remoteAddresses;
  if (fixId !== remotingFixIds.firewallAllow5986 || resolve === undefined) return parameters;
  const items = typeof listed === 'string' ? listed.split(',').map((item) => item.trim()) : listed;
  if (!Array.isArray(items)) return parameters;
  const resolved: unknown[] = [];
  for (const item of items) {
    const name =
      typeof item === 'string' && parseFirewallAddress(item) === null ? HostName.safeParse(item) : null;
    if (name === null || !name.success) {
      resolved.push(item);
      continue;
    }
    let addresses: string[];
    try {
      addresses = await resolve(name.data);
    } catch (error) {
      throw new AddressResolutionError(
        `remoteAddresses: ${quoteInput(item)} does not resolve to an address (${error instanceof Error ? error.message.slice(0, 200) : 'no answer'}): give its IP address`,
      );
    }
    if (addresses.length === 0)
      throw new AddressResolutionError(`remoteAddresses: ${quoteInput(item)} resolves to no address`);
    resolved.push(...addresses.filter((address) => !resolved.includes(address)));
  }
  return { ...parameters, remoteAddresses: resolved };
}

/** The lab's servers have no DNS: each name it knows gets a documentation address (192.0.2.0/24, RFC 5737). */
export function labResolver(estate: LabEstate): HostResolver {
  const names = [
    estate.jumpHost,
    ...estate.syncServers.map((server) => server.fqdn),
    ...estate.exchangeServers.map((server) => server.fqdn),
  ].map((name) => name.toLowerCase());
  return (hostName) => {
    const index = names.indexOf(hostName.toLowerCase());
    return index < 0 || index > 253
      ? Promise.reject(new Error('the lab has no host of that name'))
      : Promise.resolve([`192.0.2.${index + 1}`]);
  };
}
