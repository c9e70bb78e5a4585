import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { findFix, type FixDefinition, type FixRisk } from '../../shared/fixes/fix-catalogue';
import { fixConnection, type FixConnection } from '../../shared/fixes/fix-connection';
import type { ServerFacts } from '../../shared/facts/server-facts';
import { maskParameters } from '../audit/audit-log';
import { quoteInput } from '../../shared/domain/quote-input';
import { describeFix, formatFixValue } from '../../shared/fixes/fix-description';
import { RequestIssuesError } from '../ipc/request-issues-error';
import type { LatestSyncServerFacts } from './latest-server-facts';
import { observedBefore, type NotObserved, type ObservedBefore } from './observed-before';
import { AddressResolutionError, resolveFirewallNames, type HostResolver } from './firewall-addresses';

/** Unknown fix, bad parameter values (each named by its field), or an undo the audit record does not allow. */
export class FixInputError extends RequestIssuesError {
  constructor(message: string, issues: RequestIssuesError['issues'] = []) {
    super(message, issues);
    this.name = 'FixInputError';
  }
}

/** What the admin sees before confirming: nothing here holds a secret value. */
export interface FixPreview {
  fixId: string;
  title: string;
  server: string;
  /** The check this fix should turn green. */
  checkId: string;
  scriptPath: string;
  /** The script text exactly as it will run; values travel only in the base64 argument. */
  scriptText: string;
  parameters: Record<string, unknown>;
  /** How the script reaches the server: HTTPS 5986 unless the HTTPS listener does not exist yet. */
  connection: FixConnection;
  risk: FixRisk;
  exposes: string | null;
  saferAlternatives: readonly string[];
  undoable: boolean;
  /** The audit entry this plan undoes. */
  undoes: number | null;
}

/** A preview plus the real parameter values the script receives (which may hold secrets: never shown or logged). */
export interface FixPlan {
  preview: FixPreview;
  fix: FixDefinition;
  scriptParameters: Record<string, unknown>;
  /** What the newest run saw of the value the fix changes: the intent's before-value. */
  observedBefore: ObservedBefore | NotObserved;
}

export function fixScriptPath(scriptsDir: string, fix: FixDefinition): string {
  return join(scriptsDir, 'fixes', fix.script);
}

// A parameter that was not given at all says so, not "expected string, received undefined".
function parameterIssues(error: z.ZodError, given: Record<string, unknown>) {
  return error.issues.map((issue) => {
    const [name] = issue.path;
    const missing = issue.path.length === 1 && typeof name === 'string' && given[name] === undefined;
    return {
      path: ['parameters', ...issue.path.map(String)].join('.'),
      message: missing && issue.code === 'invalid_type' ? 'is missing' : issue.message,
    };
  });
}

export interface PlanOptions {
  /** For an undo: the audit entry's before/after, handed to the script as `restore`. */
  restore?: { auditId: number; before: unknown; after: unknown; risk: FixRisk };
  /** The newest collected facts of the server, which decide whether a listener fix must use HTTP 5985. */
  facts?: ServerFacts | null;
  /** The newest facts of a sync server, for a fix that changes one (TrustedHosts). */
  syncFacts?: LatestSyncServerFacts | null;
  /** Resolves host names the firewall fix was given to addresses; without it only addresses are taken. */
  resolveHost?: HostResolver;
}

/** Validates the parameters against the fix's schema and reads the script that will run. */
export async function planFix(
  fixId: string,
  server: string,
  parameters: Record<string, unknown>,
  scriptsDir: string,
  options: PlanOptions = {},
): Promise<FixPlan> {
  const fix = findFix(fixId);
  if (fix === undefined) {
    const message = `There is no fix ${quoteInput(fixId)}`;
    throw new FixInputError(message, [{ path: 'fixId', message }]);
  }
  if (server.trim() === '')
    throw new FixInputError('Name the server the fix is for', [{ path: 'server', message: 'is empty' }]);
  let resolved: Record<string, unknown>;
  try {
    resolved = await resolveFirewallNames(fixId, parameters, options.resolveHost);
  } catch (error) {
    if (!(error instanceof AddressResolutionError)) throw error;
    throw new FixInputError(`${fixId}: ${error.message}`, [
      { path: 'parameters.remoteAddresses', message: error.message },
    ]);
  }
  const parsed = fix.parameters.safeParse(resolved);
  if (!parsed.success) {
    const issues = parameterIssues(parsed.error, resolved);
    throw new FixInputError(`${fixId}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const scriptPath = fixScriptPath(scriptsDir, fix);
  const restore = options.restore;
  const assessed = fix.riskOf(parsed.data);
  const risk = restore?.risk ?? assessed.risk;
  const connection = fixConnection(fix, options.facts ?? null, restore !== undefined);
  const scriptParameters = {
    server,
    ...(connection.transport === 'jump-host' ? {} : { transport: connection.transport }),
    ...parsed.data,
    // The script's own check for "*": every path to running it passes the risk gate (apply, export) first.
    ...('acceptRisk' in parsed.data ? { acceptRisk: risk === 'lowers-security' } : {}),
    ...(restore === undefined ? {} : { restore: { before: restore.before, after: restore.after } }),
  };
  return {
    fix,
    scriptParameters,
    observedBefore: observedBefore(fix, server, {
      exchange: options.facts ?? null,
      sync: options.syncFacts ?? null,
    }),
    preview: {
      fixId,
      title: restore === undefined ? fix.title : `Undo: ${fix.title}`,
      server,
      checkId: fix.checkId,
      scriptPath,
      scriptText: await readFile(scriptPath, 'utf8'),
      parameters: maskParameters(scriptParameters, fix.secretParameters),
      connection,
      risk,
      exposes: risk === 'lowers-security' ? (assessed.exposes ?? fix.exposes) : null,
      saferAlternatives: fix.saferAlternatives,
      undoable: fix.undoable && restore === undefined,
      undoes: restore?.auditId ?? null,
    },
  };
}

/** The preview as text for the command line: the change in words, parameters as typed values, the risk spelled out. */
export function describePreview(
  preview: FixPreview,
  current: Readonly<Record<string, unknown>> | null = null,
): string {
  const shown = Object.entries(preview.parameters).filter(
    ([name]) => name !== 'server' && name !== 'restore',
  );
  const lines = [
    `Change:     ${describeFix({ fixId: preview.fixId, server: preview.server, parameters: preview.parameters, current })}`,
    `Fix:        ${preview.fixId} (${preview.title})`,
    `Server:     ${preview.server}`,
    preview.undoes === null
      ? `Re-checks:  ${preview.checkId} afterwards (it should pass)`
      : `Re-checks:  ${preview.checkId} afterwards; puts back the value audit entry ${preview.undoes} recorded`,
    `Parameters: ${shown.length === 0 ? 'none' : shown.map(([name, value]) => `${name} = ${formatFixValue(value)}`).join('; ')}`,
    `Connects:   ${preview.connection.description}`,
    `Risk:       ${preview.risk === 'lowers-security' ? 'LOWERS SECURITY' : 'none'}`,
  ];
  if (preview.risk === 'lowers-security' && preview.exposes !== null) {
    lines.push(`Exposes:    ${preview.exposes}`);
    for (const alternative of preview.saferAlternatives) lines.push(`Safer:      ${alternative}`);
  }
  lines.push(`Undoable:   ${preview.undoable ? 'yes, from the audit entry' : 'no'}`);
  lines.push(`Script:     ${preview.scriptPath}`, '', preview.scriptText.trimEnd(), '');
  return `${lines.join('\n')}\n`;
}
