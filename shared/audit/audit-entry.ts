import { z } from 'zod';

/** What happened to a change: only `succeeded` means the server now holds the after-values. */
export const AuditOutcome = z.enum(['succeeded', 'failed', 'refused', 'cancelled']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/**
 * One change ExReady made or tried on a server (a fix, a web.config edit, an undo): the record a
 * change board reads, and what an undo is built from. Parameters are stored with secrets masked.
 */
export const AuditEntry = z.object({
  schemaVersion: z.literal(1),
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
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type NewAuditEntry = Omit<z.input<typeof AuditEntry>, 'id' | 'schemaVersion' | 'at'> & { at?: string };
