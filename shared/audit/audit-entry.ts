import { z } from 'zod';

/** What happened to a change: only `succeeded` means the server now holds the after-values. */
export const AuditOutcome = z.enum(['succeeded', 'failed', 'refused', 'cancelled']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/**
 * One change ExReady made or tried on a server (a fix, a web.config edit, an undo): the record a
 * change board reads, and what an undo is built from. Parameters are stored with secrets masked.
 * In the log it is two lines (the intent, written before anything changes, and its outcome); this is both merged.
 */
export const AuditEntry = z.object({
  /** 1: a legacy line written after the change; 2: an intent and its outcome, hash-chained. */
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  /** Sequential, 1-based, unique within the log: `exready undo --audit-id N`. */
  id: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  /** The Windows identity that ran it (DOMAIN\user). */
  operator: z.string().min(1),
  server: z.string().min(1),
  /** The fix id or edit, e.g. "winrm.trustedhosts.append", "webconfig.apply". */
  action: z.string().min(1),
  parameters: z.record(z.string(), z.json()),
  before: z.json(),
  after: z.json(),
  outcome: AuditOutcome,
  /** Why it failed or was refused, as the server or the check said. */
  error: z.string().nullable(),
  /** The entry this one undid, when it is an undo. */
  undoes: z.number().int().positive().nullable(),
  /** Facts were simulated (lab): shown as such in every report. */
  simulated: z.boolean().default(false),
  /** The lab the change went to (e.g. "demo"); null for a real server. Such an entry is undone only in that lab. */
  lab: z.string().min(1).nullable().default(null),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type NewAuditEntry = Omit<z.input<typeof AuditEntry>, 'id' | 'schemaVersion' | 'at'> & { at?: string };

/** What is known before a change starts: written (and flushed) before anything on the server changes. */
export type NewAuditIntent = Omit<NewAuditEntry, 'after' | 'outcome' | 'error'>;

/** What a change ended with: written after it, linked to its intent by id. */
export type AuditResult = Pick<NewAuditEntry, 'before' | 'after' | 'outcome' | 'error'>;

// SHA-256 (hex) of the previous line's exact text; null only on the log's first line.
const previous = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .nullable();

/** The intent line: who, when, which server, which change, parameters masked, the before-value known so far. */
export const AuditIntentLine = z.object({
  schemaVersion: z.literal(2),
  kind: z.literal('intent'),
  id: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  operator: z.string().min(1),
  server: z.string().min(1),
  action: z.string().min(1),
  parameters: z.record(z.string(), z.json()),
  before: z.json(),
  undoes: z.number().int().positive().nullable(),
  simulated: z.boolean(),
  lab: z.string().min(1).nullable(),
  previous,
});
export type AuditIntentLine = z.infer<typeof AuditIntentLine>;

/** The outcome line of an intent. */
export const AuditOutcomeLine = z.object({
  schemaVersion: z.literal(2),
  kind: z.literal('outcome'),
  intent: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  before: z.json(),
  after: z.json(),
  outcome: AuditOutcome,
  error: z.string().nullable(),
  previous,
});
export type AuditOutcomeLine = z.infer<typeof AuditOutcomeLine>;

/** Written when an append found the log not as ExReady left it (cut, edited, added to): the chain goes on after it. */
export const AuditBreakLine = z.object({
  schemaVersion: z.literal(2),
  kind: z.literal('break'),
  at: z.iso.datetime({ offset: true }),
  /** What was found, in words. */
  detail: z.string().min(1),
  /** The lines the finding is about (1-based). */
  lines: z.array(z.number().int().positive()),
  previous,
});
export type AuditBreakLine = z.infer<typeof AuditBreakLine>;

export const AuditLine = z.discriminatedUnion('kind', [AuditIntentLine, AuditOutcomeLine, AuditBreakLine]);
export type AuditLine = z.infer<typeof AuditLine>;
