import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventoryCsv } from '../../../electron/services/inventory-csv';
import { repoRoot } from '../../helpers/test-router';

const fixture = (name: string) => readFile(join(repoRoot, 'tests', 'fixtures', 'inventory', name), 'utf8');

describe('parseInventoryCsv', () => {
  it('reads a semicolon export with CRLF line ends, normalising names and roles', async () => {
    expect(parseInventoryCsv(await fixture('servers-semicolon-crlf.csv'))).toEqual({
      ok: true,
      entries: [
        { fqdn: 'exch01.contoso.com', role: 'exchange', version: null },
        { fqdn: 'exch02.contoso.com', role: 'exchange', version: null },
        { fqdn: 'sync01.contoso.com', role: 'sync', version: null },
      ],
    });
  });

  it('refuses the whole file and names every bad line (BOM, quoted commas handled)', async () => {
    expect(parseInventoryCsv(await fixture('servers-with-errors.csv'))).toEqual({
      ok: false,
      problems: [
        { line: 3, message: '"exch03" is not fully qualified (expected e.g. exch01.contoso.com)' },
        { line: 4, message: 'role "database" is not exchange or sync' },
      ],
    });
  });

  it('treats every row as an Exchange server when there is no role column', () => {
    expect(parseInventoryCsv('fqdn\nexch01.contoso.com\n')).toMatchObject({
      ok: true,
      entries: [{ fqdn: 'exch01.contoso.com', role: 'exchange' }],
    });
  });

  it('says which columns it looks for when none matches', () => {
    const result = parseInventoryCsv('host_ip,owner\n10.0.0.1,me\n');
    expect(result).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringContaining('dnshostname') }],
    });
  });

  it('reports malformed CSV with the line csv-parse stopped at', () => {
    const result = parseInventoryCsv('fqdn,role\nexch01.contoso.com,"exchange\nexch02.contoso.com,sync\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/quote/i);
  });

  it('refuses an empty file and a header with no rows', () => {
    expect(parseInventoryCsv('')).toMatchObject({ ok: false, problems: [{ message: 'the file is empty' }] });
    expect(parseInventoryCsv('fqdn\n')).toMatchObject({
      ok: false,
      problems: [{ message: 'the file lists no server' }],
    });
  });
});
