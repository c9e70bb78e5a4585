import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { AuditResult, NewAuditIntent } from '../../shared/audit/audit-entry';
import type { PowerShellHost } from '../powershell/powershell-host';

// The steps every audited change on a server shares: write the intent (flushed) before anything runs, run our
// script through the host, read its one JSON result line, write the outcome whatever happened, and re-check the
// server only after a success.

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** `<physicalPath>\<file>` for a file in an IIS app's folder, whatever slashes the path ends with. */
export function appFilePath(physicalPath: string, fileName: string): string {
  return `${physicalPath.replace(/[\\/]+$/, '')}\\${fileName}`;
}

/** The last stdout line that is a JSON object the schema accepts, or null. */
export function readResultLine<S extends z.ZodType>(schema: S, lines: readonly string[]): z.infer<S> | null {
  for (const line of [...lines].reverse()) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const parsed = schema.safeParse(JSON.parse(trimmed));
      if (parsed.success) return parsed.data;
    } catch {
      continue;
    }
  }
  return null;
}

export interface ScriptRunRequest<S extends z.ZodType> {
  host: PowerShellHost;
  scriptPath: string;
  /** Sent as the one base64 JSON argument by the host (script-command.ts): never script text. */
  parameters: Record<string, unknown>;
  schema: S;
  signal: AbortSignal;
  timeoutMs: number;
  /** e.g. "the restore script", for the error when no result line came. */
  label: string;
}

/** The script's parsed result, or why there is none (thrown by the host, or no result line): never throws. */
export async function runResultScript<S extends z.ZodType>(
  request: ScriptRunRequest<S>,
): Promise<{ result: z.infer<S> | null; error: string | null }> {
  const lines: string[] = [];
  try {
    const run = await request.host.run(request.scriptPath, request.parameters, {
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      onLine: (line) => lines.push(line),
    });
    const result = readResultLine(request.schema, lines);
    if (result !== null) return { result, error: null };
    const detail = run.errors.length > 0 ? `: ${run.errors.join(' | ')}` : '';
    return { result: null, error: `${request.label} printed no result${detail}` };
  } catch (thrown) {
    return { result: null, error: errorMessage(thrown) };
  }
}

export interface AuditAndRecheckDeps {
  audit: AuditLog;
  /** Re-collects and re-evaluates the server after a change; omitted when nothing needs re-checking. */
  recheck?: (server: string) => Promise<void>;
}

/** A change whose intent is on disk: only now may it run. */
export interface IntendedChange {
  auditId: number;
  server: string;
}

/**
 * Writes the intent of a change before anything changes. Throws AuditWriteError (the change must not run)
 * when the log cannot be written: a change that is recorded nowhere is never made.
 */
export async function intendChange(
  intent: NewAuditIntent,
  deps: Pick<AuditAndRecheckDeps, 'audit'>,
  secretNames: readonly string[] = [],
): Promise<IntendedChange> {
  return { auditId: await deps.audit.intend(intent, secretNames), server: intent.server };
}

/**
 * Writes the outcome of the intended change, then re-checks the server only when it succeeded. Neither a failed
 * outcome write nor a failed re-check is thrown: the change already happened, so both are reported.
 */
export async function auditAndRecheck(
  change: IntendedChange,
  result: AuditResult,
  deps: AuditAndRecheckDeps,
): Promise<{ auditId: number; recheckError: string | null; auditError: string | null }> {
  let auditError: string | null = null;
  try {
    await deps.audit.complete(change.auditId, result);
  } catch (thrown) {
    auditError = `the outcome of audit entry ${change.auditId} could not be recorded: ${errorMessage(thrown)}`;
  }
  let recheckError: string | null = null;
  if (result.outcome === 'succeeded' && deps.recheck !== undefined) {
    try {
      await deps.recheck(change.server);
    } catch (thrown) {
      recheckError = errorMessage(thrown);
    }
  }
  return { auditId: change.auditId, recheckError, auditError };
}
