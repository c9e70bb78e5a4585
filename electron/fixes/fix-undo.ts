import type { AuditLog } from '../audit/audit-log';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { findFix, type FixRisk } from '../../shared/fixes/fix-catalogue';
import { secretMask } from '../../shared/security/secrets';
import { FixInputError, planFix, type FixPlan } from './fix-preview';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

// Putting CBT back to None lowers security again; every other undo restores a safer or equal state.
function undoRisk(fixId: string, before: unknown): FixRisk {
  return fixId === remotingFixIds.cbtHardeningNone && isRecord(before) && before.level === 'None'
    ? 'lowers-security'
    : 'none';
}

/** The plan that puts back the before-value of an audited fix; refuses clearly when the record does not allow it. */
export async function planUndo(auditId: number, audit: AuditLog, scriptsDir: string): Promise<FixPlan> {
  const entries = await audit.entries();
  const entry = entries.find((item) => item.id === auditId);
  if (entry === undefined) throw new FixInputError(`There is no audit entry ${auditId}`);
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
    restore: { auditId, before: entry.before, after: entry.after, risk: undoRisk(fix.id, entry.before) },
  });
}
