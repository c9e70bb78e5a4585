import { readFile } from 'node:fs/promises';
import { ExoSettings, type ExoSettingsRead } from '../../../shared/tenant/ews/exo-settings';
import { locateJsonSyntaxError } from '../../powershell/json-syntax-position';
import { formatJsonPath } from '../../powershell/ps51-json';

/** An --exo-settings file that cannot be imported: names the file, the JSON path (or line:column) and why. */
export class ExoSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExoSettingsError';
  }
}

export function parseExoSettings(text: string, origin: string): ExoSettingsRead {
  // Windows PowerShell 5.1's Out-File and > write UTF-16 or UTF-8 with a BOM.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const position = locateJsonSyntaxError(source) ?? { line: 1, column: 1 };
    const why = error instanceof Error ? error.message : String(error);
    throw new ExoSettingsError(`${origin}:${position.line}:${position.column}: is not valid JSON: ${why}`);
  }
  const parsed = ExoSettings.safeParse(raw);
  if (parsed.success) return { state: 'read', source: `imported from ${origin}`, value: parsed.data };
  const first = parsed.error.issues[0];
  const path = formatJsonPath(
    (first?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol'),
  );
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
  throw new ExoSettingsError(
    `${origin}: ${path}: ${first?.message ?? 'is not the output of Get-ExoEwsSettings.ps1'}${more}`,
  );
}

export async function readExoSettings(path: string): Promise<ExoSettingsRead> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ExoSettingsError(`${path}: cannot be read (${code})`);
  }
  // `> file` in Windows PowerShell 5.1 writes UTF-16 LE with a BOM.
  const text =
    buffer[0] === 0xff && buffer[1] === 0xfe
      ? buffer.subarray(2).toString('utf16le')
      : buffer.toString('utf8');
  return parseExoSettings(text, path);
}
