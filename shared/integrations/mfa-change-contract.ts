import { z } from 'zod';
import { WebProofAfterChange } from '../prove/web-probe-result';

// What the window sees of an MFA web.config change: the masked preview and the outcome, never the content.

export const WebConfigChangeData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('section-created'),
    section: z.enum(['appSettings', 'system.webServer', 'modules']),
    parent: z.string(),
  }),
  z.object({ kind: z.literal('app-setting-added'), key: z.string(), value: z.string() }),
  z.object({
    kind: z.literal('app-setting-updated'),
    key: z.string(),
    from: z.string().nullable(),
    to: z.string(),
  }),
  z.object({ kind: z.literal('app-setting-removed'), key: z.string(), from: z.string().nullable() }),
  z.object({ kind: z.literal('module-added'), name: z.string(), type: z.string() }),
  z.object({
    kind: z.literal('module-type-updated'),
    name: z.string(),
    from: z.string().nullable(),
    to: z.string(),
  }),
  z.object({ kind: z.literal('module-moved-to-end'), name: z.string() }),
]);

export const MfaPlanPreview = z.object({
  planId: z.uuid(),
  server: z.string(),
  app: z.string(),
  path: z.string(),
  /** Unified diff, secrets masked. */
  diff: z.string(),
  changes: z.array(WebConfigChangeData),
  beforeSha256: z.string(),
  afterSha256: z.string(),
  unchanged: z.boolean(),
  assemblyFile: z.string().nullable(),
  /** Planned on the demo estate: applying it changes the lab, never a server. */
  simulated: z.boolean(),
});

const Outcome = z.enum(['succeeded', 'failed', 'refused']);

export const MfaApplyOutcome = z.union([
  z.object({ outcome: z.literal('unchanged') }),
  z.object({
    outcome: Outcome,
    auditId: z.number().int(),
    before: z.string().nullable(),
    after: z.string().nullable(),
    backup: z.string().nullable(),
    error: z.string().nullable(),
    recheckError: z.string().nullable(),
    /** The OWA/ECP probe run after a successful write. */
    webProof: WebProofAfterChange.optional(),
  }),
]);

export const MfaRollbackOutcome = z.object({
  outcome: Outcome,
  auditId: z.number().int(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  preRollbackBackup: z.string().nullable(),
  error: z.string().nullable(),
  recheckError: z.string().nullable(),
  /** The OWA/ECP probe run after a successful rollback. */
  webProof: WebProofAfterChange.optional(),
});

export const MfaRecycleOutcome = z.object({
  health: z.enum(['healthy', 'unhealthy-after-timeout', 'failed', 'refused']),
  outcome: Outcome,
  auditId: z.number().int(),
  appPool: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  attempts: z.number().int(),
  seconds: z.number(),
  error: z.string().nullable(),
});
