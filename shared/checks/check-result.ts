import { z } from 'zod';

export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'unknown', 'n/a']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** The raw values a rule decided on, as key/value data for the UI and the report. */
export const CheckEvidence = z.record(z.string(), z.json());
export type CheckEvidence = z.infer<typeof CheckEvidence>;
export type EvidenceValue = CheckEvidence[string];

/** A setting the integration asks for that lowers the server's protection: what it exposes and what is safer. */
export const AcceptedRisk = z.object({
  exposes: z.string().min(1),
  saferAlternatives: z.array(z.string().min(1)).min(1),
});
export type AcceptedRisk = z.infer<typeof AcceptedRisk>;

export const CheckResult = z.object({
  checkId: z.string().min(1),
  status: CheckStatus,
  summary: z.string().min(1),
  evidence: CheckEvidence,
  remedy: z.string().min(1).optional(),
  /** The fix that should turn this check green; absent when no local fix exists (e.g. Group Policy owns it). */
  fixId: z.string().min(1).optional(),
  references: z.array(z.url()),
  acceptedRisk: AcceptedRisk.optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

// Worst first: one failing part makes a check fail; a part not collected outranks warnings.
const severity: Record<CheckStatus, number> = { fail: 4, unknown: 3, warn: 2, pass: 1, 'n/a': 0 };

/** The status of a check made of several parts (per sync server, per certificate problem). */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>(
    (worst, status) => (severity[status] > severity[worst] ? status : worst),
    'n/a',
  );
}
