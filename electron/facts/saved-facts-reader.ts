import { readFile } from 'node:fs/promises';
import { SavedFacts } from '../../shared/facts/saved-facts';
import { parsePs51JsonText, type JsonPath } from '../powershell/ps51-json';

/**
 * Text of a facts file in whatever encoding Windows PowerShell 5.1 wrote it: `>` and Out-File write UTF-16 LE
 * with a BOM, Set-Content -Encoding UTF8 writes UTF-8 with a BOM, PowerShell 7 writes UTF-8 without one.
 */
export function decodeFactsFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

function fqdnAt(list: unknown, index: JsonPath[number] | undefined): string | null {
  if (!Array.isArray(list) || typeof index !== 'number') return null;
  const item: unknown = list[index];
  if (item === null || typeof item !== 'object' || !('fqdn' in item)) return null;
  return typeof item.fqdn === 'string' ? item.fqdn : null;
}

/** Names the server a failing field belongs to: $.servers[i] and $.context.syncServers[i] carry their fqdn. */
export function serverAtPath(path: JsonPath, raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const root = raw as Record<string, unknown>;
  if (path[0] === 'servers') return fqdnAt(root.servers, path[1]);
  if (path[0] === 'context' && path[1] === 'syncServers') {
    const context = root.context;
    return context !== null && typeof context === 'object'
      ? fqdnAt((context as Record<string, unknown>).syncServers, path[2])
      : null;
  }
  return null;
}

/** Validates saved facts text; errors name the file, the server and the field (or line:column for bad JSON). */
export function parseSavedFacts(text: string, origin: string): SavedFacts {
  return parsePs51JsonText(text, SavedFacts, { origin, serverAt: serverAtPath });
}

export async function readSavedFacts(path: string): Promise<SavedFacts> {
  return parseSavedFacts(decodeFactsFile(await readFile(path)), path);
}
