import { z } from 'zod';
import { CheckResult, CheckStatus } from '../checks/check-result';
import { SavedFacts } from '../facts/saved-facts';

/** One check run as kept in the history: the facts and their results, so any report can be rebuilt. */
export const SavedRun = z.object({
  schemaVersion: z.literal(1),
  runId: z.string().min(1),
  /** Order of saving in this history (set on save): breaks ties between runs saved in the same millisecond. */
  sequence: z.number().int().nonnegative().default(0),
  savedAt: z.iso.datetime({ offset: true }),
  evaluatedAt: z.iso.datetime({ offset: true }),
  savedFacts: SavedFacts,
  results: z.array(z.object({ fqdn: z.string(), results: z.array(CheckResult) })),
});
export type SavedRun = z.infer<typeof SavedRun>;
export type NewSavedRun = z.input<typeof SavedRun>;

export const StatusTotals = z.record(CheckStatus, z.number().int().nonnegative());
export type StatusTotals = z.infer<typeof StatusTotals>;

/** A line of the history list. */
export const RunSummary = z.object({
  runId: z.string(),
  sequence: z.number().int(),
  collectedAt: z.string(),
  savedAt: z.string(),
  simulated: z.boolean(),
  servers: z.number().int(),
  totals: StatusTotals,
});
export type RunSummary = z.infer<typeof RunSummary>;

/** One check whose status differs between two runs; null where the check was absent from that run. */
export const CheckChange = z.object({
  server: z.string(),
  checkId: z.string(),
  before: CheckStatus.nullable(),
  after: CheckStatus.nullable(),
});
export type CheckChange = z.infer<typeof CheckChange>;

export const RunComparison = z.object({
  before: z.string(),
  after: z.string(),
  serversAdded: z.array(z.string()),
  serversRemoved: z.array(z.string()),
  changes: z.array(CheckChange),
});
export type RunComparison = z.infer<typeof RunComparison>;
