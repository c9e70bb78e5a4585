import { readFile } from 'node:fs/promises';
import { RecordedResponses } from '../../shared/tenant/recorded-responses';
import { locateJsonSyntaxError } from '../powershell/json-syntax-position';
import { formatJsonPath } from '../powershell/ps51-json';

/** A recorded-responses file that cannot be replayed: names the file, the JSON path (or line:column) and why. */
export class RecordedResponsesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordedResponsesError';
  }
}

export function parseRecordedResponses(text: string, origin: string): RecordedResponses {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const position = locateJsonSyntaxError(source) ?? { line: 1, column: 1 };
    const why = error instanceof Error ? error.message : String(error);
    throw new RecordedResponsesError(
      `${origin}:${position.line}:${position.column}: is not valid JSON: ${why}`,
    );
  }
  const parsed = RecordedResponses.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  const path = formatJsonPath(
    (first?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol'),
  );
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new RecordedResponsesError(
    `${origin}: ${path}: ${first?.message ?? 'is not a recorded-responses file'}${more}`,
  );
}

export async function readRecordedResponses(path: string): Promise<RecordedResponses> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RecordedResponsesError(`${path}: cannot be read (${code})`);
  }
  return parseRecordedResponses(text, path);
}
