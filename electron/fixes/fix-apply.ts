import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { AuditOutcome } from '../../shared/audit/audit-entry';
import { FixScriptResult } from '../../shared/fixes/fix-result';
import type { PowerShellHost } from '../powershell/powershell-host';
import { auditAndRecheck, intendChange, runResultScript } from '../services/script-change';
import type { FixPlan } from './fix-preview';

/** The admin did not confirm, or did not accept the risk of a fix that lowers security: nothing ran. */
export class FixConsentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixConsentError';
  }
}

export interface FixConsent {
  confirmed: boolean;
  /** The separate "I accept this risk", required for a fix that lowers security. */
  riskAccepted: boolean;
}

export interface FixDeps {
  host: PowerShellHost;
  audit: AuditLog;
  operator: string;
  /** Re-collects and re-evaluates the server after a successful change. */
  recheck?: (server: string) => Promise<void>;
  timeoutMs?: number;
  /** The lab host: the audit entry says the change was simulated. */
  simulated?: boolean;
  /** The lab's name, recorded so the entry can be undone only in that lab. */
  lab?: string | null;
}

export interface FixOutcome {
  outcome: Exclude<AuditOutcome, 'cancelled'>;
  /** True only when the script changed the server and re-read the desired state. */
  changed: boolean;
  auditId: number;
  before: FixScriptResult['before'] | null;
  after: FixScriptResult['after'] | null;
  message: string;
  error: string | null;
  recheckError: string | null;
  /** The change ran but its outcome line could not be written (the intent is on disk). */
  auditError: string | null;
}

const JsonValue = z.json();
const JsonRecord = z.record(z.string(), JsonValue);

const outcomeOf = (result: FixScriptResult | null): FixOutcome['outcome'] => {
  if (result === null) return 'failed';
  if (result.status === 'applied' || result.status === 'unchanged') return 'succeeded';
  return result.status;
};

// An undo expects the audited after-value; a fix records what the newest run saw (its script re-reads it live).
const expectedBefore = (plan: FixPlan): z.infer<typeof JsonValue> => {
  const restore = JsonRecord.safeParse(plan.scriptParameters.restore);
  if (restore.success) return restore.data.after ?? null;
  return JsonValue.parse(plan.observedBefore);
};

/**
 * Writes the intent (flushed) before anything runs, runs the previewed fix through the host, writes its outcome,
 * and re-checks the server only after a success. When the intent cannot be written nothing runs (AuditWriteError).
 */
export async function applyFix(
  plan: FixPlan,
  consent: FixConsent,
  deps: FixDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<FixOutcome> {
  const { preview } = plan;
  if (!consent.confirmed) throw new FixConsentError(`${preview.fixId}: not confirmed; nothing was changed`);
  if (preview.risk === 'lowers-security' && !consent.riskAccepted)
    throw new FixConsentError(
      `${preview.fixId} lowers security: accept the risk explicitly (${preview.exposes ?? 'see the preview'})`,
    );
  const change = await intendChange(
    {
      operator: deps.operator,
      server: preview.server,
      action: preview.fixId,
      parameters: JsonRecord.parse(preview.parameters),
      before: expectedBefore(plan),
      undoes: preview.undoes,
      simulated: deps.simulated ?? false,
      lab: deps.lab ?? null,
    },
    deps,
  );
  const run = await runResultScript({
    host: deps.host,
    scriptPath: preview.scriptPath,
    parameters: plan.scriptParameters,
    schema: FixScriptResult,
    signal,
    timeoutMs: deps.timeoutMs ?? 120_000,
    label: `the ${preview.fixId} script`,
  });
  const { result } = run;
  // A lab undo that finds nothing to put back did not undo anything: it is not recorded as a success.
  const idleLabUndo = deps.simulated === true && preview.undoes !== null && result?.status === 'unchanged';
  const outcome = idleLabUndo ? 'refused' : outcomeOf(result);
  const error = idleLabUndo
    ? `nothing to undo: the lab already has the value from before audit entry ${preview.undoes ?? ''} (was the lab reset?)`
    : (run.error ?? result?.error ?? (outcome === 'succeeded' ? null : (result?.message ?? null)));
  const { auditId, recheckError, auditError } = await auditAndRecheck(
    change,
    { before: result?.before ?? null, after: result?.after ?? null, outcome, error },
    {
      audit: deps.audit,
      ...(deps.recheck === undefined ? {} : { recheck: deps.recheck }),
    },
  );
  return {
    outcome,
    changed: outcome === 'succeeded' && result?.changed === true,
    auditId,
    before: result?.before ?? null,
    after: result?.after ?? null,
    message: result?.message ?? '',
    error,
    recheckError,
    auditError,
  };
}
