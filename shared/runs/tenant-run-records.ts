import { z } from 'zod';
import { CheckResult, CheckStatus } from '../checks/check-result';

// A Microsoft 365 tenant check kept in the history (userData/tenant-runs): results only, never a Graph body or token.

export const TenantRunSource = z.enum(['live', 'recorded', 'lab']);
export type TenantRunSource = z.infer<typeof TenantRunSource>;

/** The ERP the ews.* checks were about (issue #15): what the run was judged against, never its password or secret. */
export const ExchangeOnlineMailTarget = z.object({
  /** The ERP app's application (client) id. */
  clientId: z.string().min(1),
  flow: z.enum(['delegated', 'app-only']),
  /** The mailbox the ERP reads and sends from. */
  mailbox: z.string(),
  /** Delegated only: the ERP's account; null for app-only. */
  account: z.string().nullable(),
  /** Where the Exchange Online settings came from ("imported from FILE"); null when they were not read. */
  exchangeOnlineSettings: z.string().nullable(),
});
export type ExchangeOnlineMailTarget = z.infer<typeof ExchangeOnlineMailTarget>;

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
  /** '' for a run recorded for the ERP alone (no provisioning app judged). */
  provisioningAppId: z.string(),
  federatedDomains: z.array(z.string()),
  idpSignInHost: z.string().nullable(),
  /** With --ews: the ERP judged; absent in runs saved before it was kept, and without --ews. */
  exchangeOnlineMail: ExchangeOnlineMailTarget.optional(),
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
