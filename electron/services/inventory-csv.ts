import { parse } from 'csv-parse/sync';
import { describeFqdnProblem } from '../../shared/domain/hostname';
import type { InventoryEntry } from '../../shared/domain/inventory';

export interface CsvProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type CsvImport = { ok: true; entries: InventoryEntry[] } | { ok: false; problems: CsvProblem[] };

// Header names admins' exports use for the server and its role (Exchange, AD and CMDB exports differ).
const nameColumns = ['fqdn', 'server', 'servername', 'name', 'hostname', 'dnshostname', 'computername'];
const roleColumns = ['role', 'type', 'serverrole'];
const roleWords: Record<string, InventoryEntry['role']> = {
  exchange: 'exchange',
  exch: 'exchange',
  mailbox: 'exchange',
  sync: 'sync',
  syncserver: 'sync',
  monosync: 'sync',
};

function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
}

/**
 * Reads servers from CSV (comma or semicolon, header row required, optional BOM). All or nothing:
 * any bad line refuses the whole file, each problem with its line, so nothing is half-imported.
 */
export function parseInventoryCsv(text: string): CsvImport {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With info: true each row is {record, info}; csv-parse's typings do not narrow on that option.
    rows = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: (error as Error).message }] };
  }
  const [header, ...body] = rows;
  if (header === undefined) return { ok: false, problems: [{ line: 1, message: 'the file is empty' }] };
  const keys = header.record.map(headerKey);
  const nameIndex = keys.findIndex((key) => nameColumns.includes(key));
  const roleIndex = keys.findIndex((key) => roleColumns.includes(key));
  if (nameIndex < 0) {
    return {
      ok: false,
      problems: [
        {
          line: header.info.lines,
          message: `no server column: the header needs one of ${nameColumns.join(', ')}`,
        },
      ],
    };
  }

  const entries: InventoryEntry[] = [];
  const problems: CsvProblem[] = [];
  for (const { record, info } of body) {
    const fqdn = (record[nameIndex] ?? '').trim().toLowerCase().replace(/\.$/, '');
    const roleText = roleIndex < 0 ? 'exchange' : (record[roleIndex] ?? '').trim().toLowerCase();
    const role = roleWords[roleText.replace(/[\s_-]/g, '')];
    const fqdnProblem = describeFqdnProblem(fqdn);
    if (fqdnProblem !== null) problems.push({ line: info.lines, message: `"${fqdn}" ${fqdnProblem}` });
    if (role === undefined)
      problems.push({ line: info.lines, message: `role "${roleText}" is not exchange or sync` });
    if (fqdnProblem === null && role !== undefined) entries.push({ fqdn, role, version: null });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (entries.length === 0)
    return { ok: false, problems: [{ line: header.info.lines, message: 'the file lists no server' }] };
  return { ok: true, entries };
}
