import { z } from 'zod';
import { CheckResult, CheckStatus } from '../checks/check-result';

// A Microsoft 365 tenant check kept in the history (userData/tenant-runs): results only, never a Graph body or token.

export const TenantRunSource = z.enum(['live', 'recorded', 'lab']);
export type TenantRunSource = z.infer<typeof TenantRunSource>;

export const SavedTenantRun = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('exready.tenant-run'),
  runId: z.string().min(1),
  /** Order of saving in this history (set on save). */
  sequence: z.number().int().nonnegative().default(0),
  savedAt: z.iso.datetime({ offset: true }),
  source: TenantRunSource,
  /** The demo case for a lab run; null otherwise. */
  caseName: z.string().min(1).nullable(),
  /** True for the lab and for simulated recordings: every report says so. */
  simulated: z.boolean(),
  tenant: z.string().min(1),
  /** When the tenant was read (recordedAt for a replay); the rules judged as of then. */
  readAt: z.iso.datetime({ offset: true }),
  provisioningAppId: z.string(),
  federatedDomains: z.array(z.string()),
  idpSignInHost: z.string().nullable(),
  results: z.array(CheckResult),
});
export type SavedTenantRun = z.infer<typeof SavedTenantRun>;
export type NewSavedTenantRun = z.input<typeof SavedTenantRun>;

/** A line of the tenant history list. */
export const TenantRunSummary = z.object({
  runId: z.string(),
  sequence: z.number().int(),
  savedAt: z.string(),
  readAt: z.string(),
  tenant: z.string(),
  source: TenantRunSource,
  caseName: z.string().nullable(),
  simulated: z.boolean(),
  totals: z.record(CheckStatus, z.number().int().nonnegative()),
});
export type TenantRunSummary = z.infer<typeof TenantRunSummary>;
