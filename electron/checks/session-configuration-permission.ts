export type PermissionAccess = 'allow' | 'deny';

export interface PermissionEntry {
  principal: string;
  access: PermissionAccess;
}

export interface ParsedPermission {
  entries: PermissionEntry[];
  /** The Permission value was empty: the configuration grants no one explicitly (it is not "everyone allowed"). */
  empty: boolean;
  /** Parts that could not be read, e.g. a value truncated by Format-Table ("AccessAll..."). */
  problems: string[];
}

/**
 * Reads the Permission property of Get-PSSessionConfiguration as PowerShell prints it:
 * "NT AUTHORITY\NETWORK AccessDenied, BUILTIN\Administrators AccessAllowed", possibly wrapped over lines.
 */
export function parseSessionPermission(raw: string | null): ParsedPermission {
  // Format-List indents continuation lines and Format-Table -Wrap breaks at column 0: both are just white space.
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return { entries: [], empty: true, problems: [] };
  const entries: PermissionEntry[] = [];
  const problems: string[] = [];
  if (/(\.\.\.|\u2026)$/.test(text))
    problems.push('the value was cut short by PowerShell formatting ("...")');
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^(.+?)\s+(AccessAllowed|AccessDenied)$/i.exec(item);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      entries.push({
        principal: match[1],
        access: match[2].toLowerCase() === 'accessdenied' ? 'deny' : 'allow',
      });
    } else if (!/(\.\.\.|\u2026)$/.test(item)) {
      problems.push(`cannot read "${item}"`);
    }
  }
  return { entries, empty: false, problems };
}

/** Principal names compared as Windows does: case-insensitive; spacing ignored ("NTAUTHORITY" = "NT AUTHORITY"). */
export function samePrincipal(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
}

/** Well-known principals that every remote (network) logon carries in its token. */
export const everyRemoteLogon = ['Everyone', 'NT AUTHORITY\\Authenticated Users', 'NT AUTHORITY\\NETWORK'];

export interface AccessDecision {
  decision: 'allowed' | 'denied' | 'not-granted';
  allowedBy: string[];
  deniedBy: string[];
}

/** What the session configuration grants a remote caller holding these identities; a deny entry always wins. */
export function decideRemoteAccess(
  entries: readonly PermissionEntry[],
  identities: readonly string[],
): AccessDecision {
  const held = [...identities, ...everyRemoteLogon];
  const applies = (entry: PermissionEntry) =>
    held.some((identity) => samePrincipal(identity, entry.principal));
  const deniedBy = entries
    .filter((entry) => entry.access === 'deny' && applies(entry))
    .map((entry) => entry.principal);
  const allowedBy = entries
    .filter((entry) => entry.access === 'allow' && applies(entry))
    .map((entry) => entry.principal);
  const decision = deniedBy.length > 0 ? 'denied' : allowedBy.length > 0 ? 'allowed' : 'not-granted';
  return { decision, allowedBy, deniedBy };
}

export const administratorsGroup = 'BUILTIN\\Administrators';
export const remoteManagementUsersGroup = 'BUILTIN\\Remote Management Users';
