import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { CbtHardeningLevel } from '../../shared/facts/winrm-facts';
import { findFix, type FixRisk } from '../../shared/fixes/fix-catalogue';
import { secretMask } from '../../shared/security/secrets';
import { FixInputError, planFix, type FixPlan } from './fix-preview';

// The CBT before-value exactly as the script writes it: 'none' is not None, and must not pass as a safe undo.
const CbtBefore = z.object({ level: CbtHardeningLevel });

// Putting CBT back to None lowers security again; every other undo restores a safer or equal state.
function undoRisk(entry: AuditEntry): FixRisk {
  if (entry.action !== remotingFixIds.cbtHardeningNone) return 'none';
  const before = CbtBefore.safeParse(entry.before);
  if (!before.success)
    throw new FixInputError(
      `Audit entry ${entry.id}: before.level ${JSON.stringify((entry.before as { level?: unknown } | null)?.level ?? null)} is not exactly None, Relaxed or Strict: undo it by hand`,
    );
  return before.data.level === 'None' ? 'lowers-security' : 'none';
}

/** Where the undo would run: a lab by name, or the real servers (null). */
export interface UndoOrigin {
  lab: string | null;
}

// A lab's before-values are invented: they must never be written to the real host of the same name, nor the reverse.
function refuseOtherOrigin(entry: AuditEntry, origin: UndoOrigin): void {
  if (entry.simulated && origin.lab === null)
    throw new FixInputError(
      `Audit entry ${entry.id} was made in the ${entry.lab ?? 'demo'} lab (simulated), not on ${entry.server}: undo it in that lab (--lab ${entry.lab ?? 'demo'}); nothing was changed`,
    );
  if (entry.simulated && entry.lab !== null && entry.lab !== origin.lab)
    throw new FixInputError(
      `Audit entry ${entry.id} was made in the ${entry.lab} lab, not the ${origin.lab ?? ''} lab: undo it there`,
    );
  if (!entry.simulated && origin.lab !== null)
    throw new FixInputError(
      `Audit entry ${entry.id} changed the real ${entry.server}: it cannot be undone in a lab`,
    );
}

/** The plan that puts back the before-value of an audited fix; refuses clearly when the record does not allow it. */
export async function planUndo(
  auditId: number,
  audit: AuditLog,
  scriptsDir: string,
  origin: UndoOrigin = { lab: null },
): Promise<FixPlan> {
  const log = await audit.inspect();
  const { entries } = log;
  const entry = entries.find((item) => item.id === auditId);
  if (entry === undefined) throw new FixInputError(`There is no audit entry ${auditId}`);
  const lines = log.linesOf.get(auditId) ?? [];
  const doubt = log.problems.find((problem) => problem.lines.some((line) => lines.includes(line)));
  if (doubt !== undefined)
    throw new FixInputError(
      `Audit entry ${auditId} cannot be trusted (${audit.path}:${doubt.line}: ${doubt.detail}): run 'exready audit verify'; nothing was changed`,
    );
  refuseOtherOrigin(entry, origin);
  const fix = findFix(entry.action);
  if (fix === undefined) throw new FixInputError(`Audit entry ${auditId} (${entry.action}) is not a fix`);
  if (entry.undoes !== null) throw new FixInputError(`Audit entry ${auditId} is itself an undo`);
  if (!fix.undoable)
    throw new FixInputError(`${fix.id} cannot be undone: ${fix.title} has no single before-value`);
  if (entry.outcome !== 'succeeded')
    throw new FixInputError(
      `Audit entry ${auditId} did not succeed (${entry.outcome}): there is nothing to undo`,
    );
  if (JSON.stringify(entry.before) === JSON.stringify(entry.after))
    throw new FixInputError(`Audit entry ${auditId} changed nothing: there is nothing to undo`);
  if (entries.some((item) => item.undoes === auditId && item.outcome === 'succeeded'))
    throw new FixInputError(`Audit entry ${auditId} was already undone`);
  // The server and the transport are the plan's own, not parameters of the fix.
  const { server: _server, transport: _transport, ...parameters } = entry.parameters;
  if (Object.values(parameters).includes(secretMask))
    throw new FixInputError(`Audit entry ${auditId} holds masked secrets: undo it by hand`);
  return planFix(entry.action, entry.server, parameters, scriptsDir, {
    restore: { auditId, before: entry.before, after: entry.after, risk: undoRisk(entry) },
  });
}
