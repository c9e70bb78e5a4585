import type { LocalGroupMemberFacts } from '../../shared/facts/local-group-facts';
import type { LabEstate, LabExchangeServer } from './lab-estate';

// The lab's Active Directory as ExreadyLab.psm1 loads it into the [adsi]/[adsisearcher] stand-in: the Exchange
// servers' computer objects and every domain principal of their local groups, with groups' members rebuilt from the
// lab's via chains, so the jump host's real LDAP scripts read what the TypeScript lab simulates.

export interface LabDirectoryPrincipal {
  dn: string;
  objectClass: 'user' | 'group' | 'computer';
  sid: string;
  samAccountName: string;
  member: string[];
}

export interface LabDirectoryComputer {
  dn: string;
  dnsHostName: string;
  samAccountName: string;
  sid: string;
  userAccountControl: number;
  allowedToDelegateTo: string[];
  allowedToActOnBehalfOfOtherIdentityPresent: boolean;
  /** The lab makes reading this object fail with this text (the server's adComputer part fails). */
  searchError: string | null;
}

export interface LabDirectory {
  defaultNamingContext: string;
  configurationNamingContext: string;
  /** One crossRef per domain: its naming context and NetBIOS name. */
  domains: { namingContext: string; netbiosName: string }[];
  computers: LabDirectoryComputer[];
  principals: LabDirectoryPrincipal[];
}

/** The .NET message inside PowerShell's 'Exception calling "X" with "0" argument(s): "..."': the stand-in throws that, PowerShell wraps it. */
function innerMessage(text: string | undefined): string | null {
  if (text === undefined) return null;
  return /^Exception calling "[^"]+" with "\d+" argument\(s\): "(.*)"$/s.exec(text)?.[1] ?? text;
}

const computerSidBase = 'S-1-5-21-3623811015-3361044348-30300820-';

function namingContextOf(dnsDomain: string): string {
  return dnsDomain
    .split('.')
    .filter((label) => label !== '')
    .map((label) => `DC=${label}`)
    .join(',');
}

const classOf = (member: LocalGroupMemberFacts): LabDirectoryPrincipal['objectClass'] | null =>
  member.objectClass === 'Group'
    ? 'group'
    : member.objectClass === 'User'
      ? 'user'
      : member.objectClass === 'Computer'
        ? 'computer'
        : null;

/** The directory behind a lab estate; domains other than the jump host's sit at DC=<netbios>,DC=com. */
export function labDirectory(lab: LabEstate): LabDirectory {
  const dnsDomain = lab.jumpHost.split('.').slice(1).join('.');
  const defaultNamingContext = namingContextOf(dnsDomain);
  const homeNetbios = (dnsDomain.split('.')[0] ?? '').toUpperCase();
  const domains = new Map<string, string>([[homeNetbios, defaultNamingContext]]);
  const contextOf = (netbios: string): string => {
    const key = netbios.toUpperCase();
    const known = domains.get(key);
    if (known !== undefined) return known;
    const context = `DC=${netbios.toLowerCase()},DC=com`;
    domains.set(key, context);
    return context;
  };
  const principals = new Map<string, LabDirectoryPrincipal>();
  const dnByName = new Map<string, string>();
  const principalOf = (member: LocalGroupMemberFacts): LabDirectoryPrincipal | null => {
    const objectClass = classOf(member);
    const [netbios, sam] = member.name.split('\\');
    if (objectClass === null || member.sid === null || netbios === undefined || sam === undefined)
      return null;
    if (!member.sid.startsWith('S-1-5-21-') || member.principalSource === 'Local') return null;
    const key = member.sid.toUpperCase();
    const existing = principals.get(key);
    if (existing !== undefined) return existing;
    const dn = `CN=${sam},CN=Users,${contextOf(netbios)}`;
    const principal: LabDirectoryPrincipal = {
      dn,
      objectClass,
      sid: member.sid,
      samAccountName: sam,
      member: [],
    };
    principals.set(key, principal);
    dnByName.set(member.name.toLowerCase(), dn);
    return principal;
  };
  const servers: LabExchangeServer[] = lab.exchangeServers;
  const members = servers.flatMap((server) => [...server.administrators, ...server.remoteManagementUsers]);
  for (const member of members) principalOf(member);
  // A member reached through groups is a member of the last group of its chain.
  for (const member of members) {
    const parentName = member.via[member.via.length - 1];
    if (parentName === undefined) continue;
    const parentDn = dnByName.get(parentName.toLowerCase());
    const parent = [...principals.values()].find((item) => item.dn === parentDn);
    const child = principalOf(member);
    if (parent === undefined || child === null || parent.member.includes(child.dn)) continue;
    parent.member.push(child.dn);
  }
  const computers = servers.flatMap((server, index): LabDirectoryComputer[] => {
    if (server.adComputer === null) return [];
    const host = (server.fqdn.split('.')[0] ?? server.fqdn).toUpperCase();
    return [
      {
        dn: server.adComputer.distinguishedName,
        dnsHostName: server.fqdn,
        samAccountName: `${host}$`,
        sid: `${computerSidBase}${5000 + index}`,
        userAccountControl: server.adComputer.userAccountControl,
        allowedToDelegateTo: server.adComputer.allowedToDelegateTo,
        allowedToActOnBehalfOfOtherIdentityPresent:
          server.adComputer.allowedToActOnBehalfOfOtherIdentityPresent,
        searchError: innerMessage(server.failingParts.adComputer),
      },
    ];
  });
  return {
    defaultNamingContext,
    configurationNamingContext: `CN=Configuration,${defaultNamingContext}`,
    domains: [...domains].map(([netbiosName, namingContext]) => ({ namingContext, netbiosName })),
    computers,
    principals: [...principals.values()],
  };
}
