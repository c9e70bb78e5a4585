/**
 * Reads the DACL of an SDDL string (SecurityDescriptorSddl of a session configuration) by SID, so a verdict does not
 * depend on the language Windows prints account names in.
 * Alias table: https://learn.microsoft.com/windows/win32/secauthz/sid-strings (machine-independent aliases only;
 * domain-relative ones such as DA or DU are kept as their alias and never match a well-known SID).
 */

/** The well-known SIDs a session-configuration verdict needs. */
export const wellKnownSids = {
  everyone: 'S-1-1-0',
  network: 'S-1-5-2',
  interactive: 'S-1-5-4',
  authenticatedUsers: 'S-1-5-11',
  localSystem: 'S-1-5-18',
  administrators: 'S-1-5-32-544',
  users: 'S-1-5-32-545',
  remoteManagementUsers: 'S-1-5-32-580',
} as const;

const sidAliases: Readonly<Record<string, string>> = {
  AC: 'S-1-15-2-1',
  AN: 'S-1-5-7',
  AO: 'S-1-5-32-548',
  AU: wellKnownSids.authenticatedUsers,
  BA: wellKnownSids.administrators,
  BG: 'S-1-5-32-546',
  BO: 'S-1-5-32-551',
  BU: wellKnownSids.users,
  CO: 'S-1-3-0',
  CG: 'S-1-3-1',
  ED: 'S-1-5-9',
  ER: 'S-1-5-32-573',
  IS: 'S-1-5-32-568',
  IU: wellKnownSids.interactive,
  LS: 'S-1-5-19',
  LU: 'S-1-5-32-559',
  MU: 'S-1-5-32-558',
  NO: 'S-1-5-32-556',
  NS: 'S-1-5-20',
  NU: wellKnownSids.network,
  OW: 'S-1-3-4',
  PO: 'S-1-5-32-550',
  PS: 'S-1-5-10',
  PU: 'S-1-5-32-547',
  RC: 'S-1-5-12',
  RD: 'S-1-5-32-555',
  RE: 'S-1-5-32-552',
  RM: wellKnownSids.remoteManagementUsers,
  RU: 'S-1-5-32-554',
  SO: 'S-1-5-32-549',
  SU: 'S-1-5-6',
  SY: wellKnownSids.localSystem,
  WD: wellKnownSids.everyone,
  WR: 'S-1-5-33',
};

// Aliases that stand for a SID of the machine's or the domain's own authority: valid, but not comparable here.
const domainRelativeAliases = new Set([
  'CA',
  'CD',
  'CN',
  'DA',
  'DC',
  'DD',
  'DG',
  'DU',
  'EA',
  'EK',
  'KA',
  'LA',
  'LG',
  'PA',
  'RO',
  'RS',
  'SA',
  'AP',
]);

/** Generic rights of an ACE; WSMan plugins are granted through these (the SDDL dialog offers Read, Write, Execute, Full). */
export type SddlRight = 'all' | 'execute' | 'write' | 'read';

const rightLetters: Readonly<Record<string, SddlRight>> = {
  GA: 'all',
  GX: 'execute',
  GW: 'write',
  GR: 'read',
};

const genericBits: readonly [number, SddlRight][] = [
  [0x10000000, 'all'],
  [0x20000000, 'execute'],
  [0x40000000, 'write'],
  [0x80000000, 'read'],
];

// Flags an ACE in a DACL may carry; IO (inherit only) means the ACE does not apply to the object itself.
const aceFlags = new Set(['CI', 'OI', 'NP', 'IO', 'ID', 'SA', 'FA', 'TP', 'CR']);

export interface DaclEntry {
  access: 'allow' | 'deny';
  /** S-1-... when the trustee is a SID or a machine-independent alias, else the alias as written (e.g. DU). */
  sid: string;
  rights: SddlRight[];
  /** The ACE as written, for evidence. */
  text: string;
}

export type DaclReading =
  /** No DACL at all (no D: part, or D:NO_ACCESS_CONTROL): Windows grants every access to everyone. */
  | { kind: 'null'; problems: string[] }
  /** A DACL, possibly empty: an empty DACL grants no one anything. */
  | { kind: 'list'; entries: DaclEntry[]; problems: string[] };

function readRights(text: string): SddlRight[] | null {
  if (/^0x[0-9a-f]+$/i.test(text)) {
    const mask = Number.parseInt(text.slice(2), 16);
    // Specific WSMan rights bits are not documented for plugins: only the generic bits count.
    return genericBits.filter(([bit]) => (mask & bit) !== 0).map(([, right]) => right);
  }
  if (text.length % 2 !== 0) return null;
  const rights: SddlRight[] = [];
  for (let index = 0; index < text.length; index += 2) {
    const right = rightLetters[text.slice(index, index + 2).toUpperCase()];
    if (right === undefined) return null;
    rights.push(right);
  }
  return rights;
}

function readTrustee(text: string): string | null {
  const upper = text.toUpperCase();
  if (/^S-1-\d+(-\d+)*$/i.test(text)) return upper;
  const known = sidAliases[upper];
  if (known !== undefined) return known;
  return domainRelativeAliases.has(upper) ? upper : null;
}

function readAce(text: string): { entry?: DaclEntry; problem?: string } {
  const fields = text.split(';');
  if (fields.length < 6) return { problem: `ACE (${text}) does not have six fields` };
  const [type = '', flags = '', rights = '', , , trustee = ''] = fields;
  const upperType = type.toUpperCase();
  // Object ACEs (OA/OD) carry an object GUID that has no meaning on a WSMan plugin: they apply like A/D.
  const access =
    upperType === 'A' || upperType === 'OA'
      ? 'allow'
      : upperType === 'D' || upperType === 'OD'
        ? 'deny'
        : null;
  if (access === null) return { problem: `ACE (${text}) has type ${type}, which cannot be evaluated` };
  const flagList: string[] = flags.toUpperCase().match(/.{1,2}/g) ?? [];
  if (flagList.some((flag) => !aceFlags.has(flag)))
    return { problem: `ACE (${text}) has unknown flags ${flags}` };
  const readRightsValue = readRights(rights);
  if (readRightsValue === null) return { problem: `ACE (${text}) has unknown rights ${rights}` };
  const sid = readTrustee(trustee);
  if (sid === null) return { problem: `ACE (${text}) names an unknown trustee ${trustee}` };
  if (flagList.includes('IO')) return {};
  return { entry: { access, sid, rights: readRightsValue, text: `(${text})` } };
}

/** Splits an SDDL string into its O:, G:, D: and S: parts (letters outside parentheses); null when it is not SDDL. */
function splitSddl(text: string): Map<string, string> | null {
  const parts = new Map<string, string>();
  let current: string | null = null;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (depth === 0 && text.charAt(index + 1) === ':' && 'OGDS'.includes(char)) {
      if (parts.has(char)) return null;
      current = char;
      parts.set(char, '');
      index += 1;
      continue;
    }
    if (current === null) return null;
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0) return null;
    parts.set(current, (parts.get(current) ?? '') + char);
  }
  return depth === 0 && current !== null ? parts : null;
}

/** The D: part of an SDDL string: its ACEs by SID, or the problems that kept it from being read. */
export function readSddlDacl(sddl: string): DaclReading {
  const parts = splitSddl(sddl.trim());
  if (parts === null)
    return { kind: 'list', entries: [], problems: ['the SDDL cannot be read (not O:, G:, D:, S: parts)'] };
  const dacl = parts.get('D');
  // No D: part means no DACL is present, which Windows treats as a NULL DACL.
  if (dacl === undefined) return { kind: 'null', problems: [] };
  const split = /^([A-Z_]*)((?:\([^()]*\))*)$/i.exec(dacl);
  if (split === null)
    return { kind: 'list', entries: [], problems: [`the D: part "${dacl}" cannot be read`] };
  const [, controlFlags = '', aces = ''] = split;
  if (/NO_ACCESS_CONTROL/i.test(controlFlags)) return { kind: 'null', problems: [] };
  if (!/^(P|AI|AR)*$/i.test(controlFlags))
    return { kind: 'list', entries: [], problems: [`the D: part has unknown flags ${controlFlags}`] };
  const entries: DaclEntry[] = [];
  const problems: string[] = [];
  for (const match of aces.matchAll(/\(([^()]*)\)/g)) {
    const read = readAce(match[1] ?? '');
    if (read.entry !== undefined) entries.push(read.entry);
    if (read.problem !== undefined) problems.push(read.problem);
  }
  return { kind: 'list', entries, problems };
}

/** A remote (network) logon carries these SIDs besides the caller's groups. */
export const remoteLogonSids: readonly string[] = [
  wellKnownSids.everyone,
  wellKnownSids.authenticatedUsers,
  wellKnownSids.network,
];

export interface SddlAccessDecision {
  decision: 'allowed' | 'denied' | 'not-granted';
  allowedBy: DaclEntry[];
  deniedBy: DaclEntry[];
}

const covers = (rights: readonly SddlRight[], wanted: SddlRight) =>
  rights.includes('all') || rights.includes(wanted);

/**
 * Whether a remote caller holding these SIDs may open a session: as the permission dialog states, it needs Execute
 * (Invoke) and Read, from any of its allow ACEs; a deny ACE that takes either away wins over every allow. A
 * Write-only or Read-only grant does not let the caller in.
 */
export function decideSddlAccess(reading: DaclReading, sids: readonly string[]): SddlAccessDecision {
  if (reading.kind === 'null') return { decision: 'allowed', allowedBy: [], deniedBy: [] };
  const held = new Set([...sids, ...remoteLogonSids]);
  const applying = reading.entries.filter((entry) => held.has(entry.sid));
  const deniedBy = applying.filter(
    (entry) => entry.access === 'deny' && (covers(entry.rights, 'execute') || covers(entry.rights, 'read')),
  );
  const allowedBy = applying.filter(
    (entry) => entry.access === 'allow' && (covers(entry.rights, 'execute') || covers(entry.rights, 'read')),
  );
  const granted = allowedBy.flatMap((entry) => entry.rights);
  if (deniedBy.length > 0) return { decision: 'denied', allowedBy, deniedBy };
  if (covers(granted, 'execute') && covers(granted, 'read'))
    return { decision: 'allowed', allowedBy, deniedBy };
  return { decision: 'not-granted', allowedBy, deniedBy };
}
