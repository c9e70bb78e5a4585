import { z } from 'zod';
import type { FixDefinition } from './fix-catalogue';
import type { FixRisk } from './fix-risk';

// What `exready fix --list` shows: every fix with its parameters, read from the fix's own zod schema.

export interface FixParameterInfo {
  name: string;
  /** The value's type in words: "text", "true|false", "None|Relaxed|Strict", "list of text, comma-separated". */
  type: string;
  required: boolean;
  /** The value used when the parameter is not given; null when there is none. */
  default: string | null;
  description: string;
}

export interface FixListing {
  id: string;
  title: string;
  checkId: string;
  /** The risk with the safest values; riskDependsOnValues: some values lower security (they need --accept-risk). */
  risk: FixRisk;
  riskDependsOnValues: boolean;
  exposes: string | null;
  undoable: boolean;
  target: FixDefinition['target'];
  parameters: FixParameterInfo[];
}

const JsonSchemaProperty = z.object({
  type: z.string().optional(),
  enum: z.array(z.unknown()).optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
  items: z.object({ type: z.string().optional() }).optional(),
});
const JsonSchemaObject = z.object({
  properties: z.record(z.string(), JsonSchemaProperty).default({}),
  required: z.array(z.string()).default([]),
});

const typeWords: Record<string, string> = { string: 'text', boolean: 'true|false', integer: 'whole number' };

function typeOf(property: z.infer<typeof JsonSchemaProperty>): string {
  if (property.enum !== undefined) return property.enum.map(String).join('|');
  if (property.type === 'array')
    return `list of ${typeWords[property.items?.type ?? 'string'] ?? 'text'}, comma-separated`;
  return typeWords[property.type ?? 'string'] ?? property.type ?? 'text';
}

/** The parameters of one fix, in schema order, from its zod schema (as typed on the command line). */
export function fixParameterInfo(fix: FixDefinition): FixParameterInfo[] {
  const schema = JsonSchemaObject.parse(
    z.toJSONSchema(fix.parameters, { io: 'input', unrepresentable: 'any' }),
  );
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    type: typeOf(property),
    // A parameter with a default may be left out even when the output type requires it.
    required: schema.required.includes(name) && property.default === undefined,
    default: property.default === undefined ? null : JSON.stringify(property.default).replace(/^"|"$/g, ''),
    description: property.description ?? '',
  }));
}

export function fixListing(fix: FixDefinition): FixListing {
  return {
    id: fix.id,
    title: fix.title,
    checkId: fix.checkId,
    risk: fix.risk,
    // A fix safe by default that still names an exposure lowers security only with some values (fix-risk.ts).
    riskDependsOnValues: fix.risk === 'none' && fix.exposes !== null,
    exposes: fix.exposes,
    undoable: fix.undoable,
    target: fix.target,
    parameters: fixParameterInfo(fix),
  };
}

/** One fix as text: its id and title, then what it needs, one parameter a line. */
export function fixListingText(listing: FixListing): string {
  const risk =
    listing.risk === 'lowers-security'
      ? 'LOWERS SECURITY'
      : listing.riskDependsOnValues
        ? 'none, unless the values lower security'
        : 'none';
  const lines = [
    `${listing.id}: ${listing.title}`,
    `    turns green ${listing.checkId}; risk: ${risk}; undoable: ${listing.undoable ? 'yes' : 'no'}`,
  ];
  if (listing.exposes !== null)
    lines.push(
      `    ${listing.risk === 'lowers-security' ? 'exposes' : 'lowers security when'}: ${listing.exposes}`,
    );
  if (listing.parameters.length === 0) lines.push('    parameters: none');
  for (const parameter of listing.parameters) {
    const needs = parameter.required
      ? 'required'
      : parameter.default === null
        ? 'optional'
        : `default ${parameter.default}`;
    lines.push(
      `    --param ${parameter.name}=<${parameter.type}>  (${needs}) ${parameter.description}`.trimEnd(),
    );
  }
  return lines.join('\n');
}
