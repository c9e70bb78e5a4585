import { z } from 'zod';
import { locateJsonSyntaxError } from './json-syntax-position';
import { ps51EnumConverters } from './ps51-enum-values';

export type JsonPath = readonly (string | number)[];

export interface FactsIssue {
  /** JSONPath of the bad field, e.g. $.servers[1].listeners.value[0].port */
  path: string;
  message: string;
  /** The server the field belongs to, when known. */
  server: string | null;
}

/** Facts that could not be read: names where (file or server), the field and why. */
export class FactsParseError extends Error {
  constructor(
    readonly origin: string,
    readonly issues: readonly FactsIssue[],
    readonly position: { line: number; column: number } | null = null,
  ) {
    super(describe(origin, issues, position));
    this.name = 'FactsParseError';
  }
}

function describe(
  origin: string,
  issues: readonly FactsIssue[],
  position: { line: number; column: number } | null,
) {
  const first = issues[0];
  if (first === undefined) return `${origin}: unreadable facts`;
  const where = position === null ? origin : `${origin}:${position.line}:${position.column}`;
  const server = first.server === null ? '' : ` server ${first.server},`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}:${server} ${first.path}: ${first.message}${more}`;
}

export interface Ps51ParseOptions {
  /** Names the input in errors: the server for one collector output, the file for saved facts. */
  origin: string;
  /** Names the server a failing path belongs to (e.g. $.servers[3] -> its fqdn), when the input holds several. */
  serverAt?: (path: JsonPath, raw: unknown) => string | null;
}

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return /^[A-Za-z_$][\w$-]*$/.test(segment) ? `${text}.${segment}` : `${text}['${segment}']`;
  }, '$');
}

/** Parses JSON text written by Windows PowerShell 5.1 (BOM, quirks and all) and validates it against a schema. */
export function parsePs51JsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  options: Ps51ParseOptions,
): z.output<S> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = locateJsonSyntaxError(source) ?? { line: 1, column: 1 };
    throw new FactsParseError(
      options.origin,
      [{ path: '$', message: `is not valid JSON: ${message}`, server: null }],
      position,
    );
  }
  return normalizePs51Json(raw, schema, options);
}

/** Absorbs the PowerShell 5.1 ConvertTo-Json quirks in an already parsed value, then validates it. */
export function normalizePs51Json<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  options: Ps51ParseOptions,
): z.output<S> {
  const hints = new Map<string, string>();
  const value = normalize(raw, schema, [], hints);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const key = formatJsonPath(path);
    const got = describeValueAt(value, path);
    const hint = hints.get(key);
    return {
      path: key,
      message: `${issue.message}${got}${hint === undefined ? '' : ` (${hint})`}`,
      server: options.serverAt?.(path, raw) ?? null,
    };
  });
  throw new FactsParseError(options.origin, issues);
}

function describeValueAt(root: unknown, path: JsonPath): string {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string | number, unknown>)[segment];
  }
  if (current === undefined) return '';
  const text = JSON.stringify(current);
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}

// \/Date(1700000000000)\/ or \/Date(1700000000000+0100)\/: the milliseconds are UTC; the offset only names the writer's zone.
const msDatePattern = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function msDateToIso(text: string): string | null {
  const match = msDatePattern.exec(text);
  if (match === null) return null;
  const date = new Date(Number(match[1]));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// ConvertTo-Json with a too small -Depth flattens deeper objects into their ToString(): "@{a=1}", "System.Object[]".
function looksDepthTruncated(value: string): boolean {
  return /^@\{.*\}$/s.test(value) || /^System\.[\w.`]+(\[\])?$/.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toArray(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  // An empty pipeline assigned to a property arrives as $null.
  if (value === null) return [];
  if (value === undefined) return undefined;
  // An array carrying extended type data serialises as {"value":[...],"Count":n}.
  if (
    isPlainObject(value) &&
    Array.isArray(value.value) &&
    'Count' in value &&
    Object.keys(value).length === 2
  ) {
    return value.value;
  }
  // A one-element array collapses to its element.
  return [value];
}

function normalize(value: unknown, schema: z.ZodType, path: JsonPath, hints: Map<string, string>): unknown {
  const converter = ps51EnumConverters.get(schema);
  const input = converter === undefined ? value : converter(value);

  if (schema instanceof z.ZodOptional) {
    return input === undefined ? undefined : normalize(input, schema.unwrap() as z.ZodType, path, hints);
  }
  if (schema instanceof z.ZodNullable) {
    // PowerShell omits a property that Select-Object never filled; absent and $null mean the same here.
    return input === undefined || input === null
      ? null
      : normalize(input, schema.unwrap() as z.ZodType, path, hints);
  }
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodReadonly || schema instanceof z.ZodCatch) {
    return input === undefined ? undefined : normalize(input, schema.unwrap() as z.ZodType, path, hints);
  }
  if (schema instanceof z.ZodPipe) return normalize(input, schema.in as z.ZodType, path, hints);
  if (schema instanceof z.ZodLazy) return normalize(input, schema.unwrap() as z.ZodType, path, hints);
  if (schema instanceof z.ZodArray) return normalizeArray(input, schema.element as z.ZodType, path, hints);
  if (schema instanceof z.ZodObject) return normalizeObject(input, schema, path, hints);
  if (schema instanceof z.ZodDiscriminatedUnion) return normalizeDiscriminated(input, schema, path, hints);
  if (schema instanceof z.ZodUnion)
    return normalizeUnion(input, schema.options as readonly z.ZodType[], path, hints);
  if (schema instanceof z.ZodEnum) return normalizeEnumText(input, schema.options);
  return normalizeScalar(input, schema);
}

function normalizeArray(
  value: unknown,
  element: z.ZodType,
  path: JsonPath,
  hints: Map<string, string>,
): unknown {
  if (typeof value === 'string' && looksDepthTruncated(value)) {
    hints.set(formatJsonPath(path), 'ConvertTo-Json flattened this list: run it with a larger -Depth');
    return value;
  }
  const items = toArray(value);
  if (!Array.isArray(items)) return items;
  return items.map((item, index) => normalize(item, element, [...path, index], hints));
}

function normalizeObject(
  value: unknown,
  schema: z.ZodObject,
  path: JsonPath,
  hints: Map<string, string>,
): unknown {
  if (typeof value === 'string' && looksDepthTruncated(value)) {
    hints.set(formatJsonPath(path), 'ConvertTo-Json flattened this object: run it with a larger -Depth');
  }
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries<z.ZodType>(schema.shape)) {
    const normalized = normalize(value[key], field, [...path, key], hints);
    if (normalized === undefined) delete result[key];
    else result[key] = normalized;
  }
  return result;
}

function normalizeDiscriminated(
  value: unknown,
  schema: z.ZodDiscriminatedUnion,
  path: JsonPath,
  hints: Map<string, string>,
): unknown {
  if (!isPlainObject(value)) return value;
  const key = (schema.def as { discriminator: string }).discriminator;
  const options = schema.options as readonly z.ZodType[];
  const chosen = options.find((option) => {
    if (!(option instanceof z.ZodObject)) return false;
    const literal = (option.shape as Record<string, z.ZodType>)[key];
    return literal instanceof z.ZodLiteral && (literal.values as Set<unknown>).has(value[key]);
  });
  return chosen === undefined ? value : normalize(value, chosen, path, hints);
}

function normalizeUnion(
  value: unknown,
  options: readonly z.ZodType[],
  path: JsonPath,
  hints: Map<string, string>,
): unknown {
  for (const option of options) {
    const candidate = normalize(value, option, path, new Map());
    if (option.safeParse(candidate).success) return candidate;
  }
  const first = options[0];
  return first === undefined ? value : normalize(value, first, path, hints);
}

function normalizeEnumText(value: unknown, options: readonly (string | number)[]): unknown {
  if (typeof value !== 'string') return value;
  const wanted = value.trim().toLowerCase();
  return options.find((option) => String(option).toLowerCase() === wanted) ?? value;
}

function normalizeScalar(value: unknown, schema: z.ZodType): unknown {
  switch (schema.def.type) {
    case 'string':
      if (typeof value === 'string') return msDateToIso(value) ?? value;
      // Get-Date output keeps its note properties: {"value":"\/Date(...)\/","DisplayHint":2,"DateTime":"..."}.
      if (isPlainObject(value) && typeof value.value === 'string' && 'DateTime' in value) {
        return msDateToIso(value.value) ?? value.value;
      }
      return value;
    case 'number':
      // WSMan hands every setting over as text: Port "5986".
      return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    case 'boolean':
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      return value;
    default:
      return value;
  }
}
