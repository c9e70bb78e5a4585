import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditWriteError, type AuditLog } from '../../audit/audit-log';
import { demoEstate } from '../../lab/demo-estate';
import type { LabEstate } from '../../lab/lab-estate';
import { applyFix, type FixOutcome } from '../../fixes/fix-apply';
import { exportFixPlan, exportRefusal } from '../../fixes/fix-export';
import { dnsResolver, labResolver, type HostResolver } from '../../fixes/firewall-addresses';
import { describePreview, FixInputError, planFix, type FixPlan } from '../../fixes/fix-preview';
import { planUndo } from '../../fixes/fix-undo';
import { checkLabEstate, collectLabEstate, findCheck } from '../../fixes/lab-recheck';
import type { ServerFacts } from '../../../shared/facts/server-facts';
import type { LatestSyncServerFacts } from '../../fixes/latest-server-facts';
import { createLabFixHost, type LabFixHost } from '../../lab/lab-fix-host';
import type { PowerShellHost } from '../../powershell/powershell-host';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { describeFqdnProblem } from '../../../shared/domain/hostname';
import { findFix, fixCatalogue } from '../../../shared/fixes/fix-catalogue';
import { fixListing, fixListingText, fixParameterInfo } from '../../../shared/fixes/fix-list';

export const fixUsage = `Usage:
  exready fix --list [--json]
  exready fix --server FQDN --fix ID [--param KEY=VALUE ...] [--yes] [--accept-risk] [--lab demo] [--powershell PATH]
  exready fix --export plan.ps1 --server FQDN --fix ID [--fix ID ...] [--param [ID:]KEY=VALUE ...] [--accept-risk]
  exready undo --audit-id N [--yes] [--lab demo] [--powershell PATH]

The preview (script, parameters with secrets masked, risk, the check it turns green) is printed first.
Without --yes the command asks on the terminal; run non-interactively it refuses.
A fix whose values lower security (CBT None, delegation, TrustedHosts "*" or "*.com", a firewall scope
wider than single addresses) also needs --accept-risk (or typing "I accept this risk"), exported or applied.
The firewall fix takes addresses; host names are resolved to addresses in the preview.
The audit entry is written before anything changes; when it cannot be written nothing runs.
An entry made in a lab is undone only with that --lab.
Exit codes: 0 done or nothing to change, 1 refused or failed, 2 bad input.
`;

export interface FixCommandDeps {
  audit: AuditLog;
  /** resources/powershell. */
  scriptsDir: string;
  operator: string;
  /** Asks one question on the terminal; null when not interactive (then only --yes confirms). */
  prompt: ((question: string) => Promise<string>) | null;
  /** The real PowerShell host (`--powershell`, or null for the default); absent: only --lab runs work. Disposed after the run. */
  openHost?: (executable: string | null) => Promise<PowerShellHost>;
  /** Re-collects and re-evaluates a server after a real change, with the same PowerShell. */
  recheck?: (server: string, executable: string | null) => Promise<void>;
  /** The lab host for a lab name; tests pass one that keeps its state between commands. */
  labHost?: (name: string) => LabFixHost | undefined;
  labs?: Readonly<Record<string, LabEstate>>;
  /** The server's newest collected facts (the run history): they decide whether a listener fix needs HTTP 5985. */
  serverFacts?: (server: string) => Promise<ServerFacts | null>;
  /** The evidence of a check in the newest saved run of a server, for the preview's sentence. */
  checkEvidence?: (server: string, checkId: string) => Promise<Readonly<Record<string, unknown>> | null>;
  /** The newest saved facts of a sync server, for the intent's before-value of a TrustedHosts fix. */
  syncServerFacts?: (server: string) => Promise<LatestSyncServerFacts | null>;
  /** Resolves the firewall fix's host names to addresses in the preview (DNS unless given). */
  resolveHost?: HostResolver;
}

function resolverFor(labName: string | undefined, deps: FixCommandDeps): HostResolver {
  if (labName === undefined) return deps.resolveHost ?? dnsResolver;
  const estate = deps.labHost?.(labName)?.estate() ?? (deps.labs ?? { demo: demoEstate })[labName];
  return estate === undefined ? () => Promise.resolve([]) : labResolver(estate);
}

const acceptPhrase = 'I accept this risk';

// parseArgs echoes the offending argument, which could be a secret value: keep only the first sentence.
function usageError(error: unknown): CliUsageError {
  return new CliUsageError(
    error instanceof Error ? (error.message.split('.')[0] ?? '') : 'invalid arguments',
  );
}

function parseFixArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      options: {
        server: { type: 'string' },
        fix: { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        yes: { type: 'boolean' },
        'accept-risk': { type: 'boolean' },
        lab: { type: 'string' },
        powershell: { type: 'string' },
        export: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw usageError(error);
  }
}

function parseUndoArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      options: {
        'audit-id': { type: 'string' },
        yes: { type: 'boolean' },
        'accept-risk': { type: 'boolean' },
        lab: { type: 'string' },
        powershell: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw usageError(error);
  }
}

/** `--server` as `check` takes it: fully qualified, checked before anything is planned or audited. */
function serverName(value: string | undefined): string {
  const server = (value ?? '').trim();
  if (server === '') throw new CliUsageError('--server FQDN is required');
  const problem = describeFqdnProblem(server.toLowerCase().replace(/\.$/, ''));
  if (problem !== null) throw new CliUsageError(`--server: "${server}" ${problem}`);
  return server;
}

/** A parameter problem in words: which --param, what it takes, and where the list of fixes is. */
function describeFixInput(error: FixInputError): string {
  const fixId = /^([a-z0-9.-]+): /.exec(error.message)?.[1];
  const fix = fixId === undefined ? undefined : findFix(fixId);
  const parameterIssues = error.issues.filter((issue) => issue.path.startsWith('parameters'));
  if (fix === undefined || parameterIssues.length === 0) return error.message;
  const info = fixParameterInfo(fix);
  const known = info.map((parameter) => parameter.name);
  const lines = parameterIssues.map((issue) => {
    const name = issue.path.split('.')[1];
    const parameter = info.find((item) => item.name === name);
    if (parameter === undefined)
      return `  ${issue.message}${known.length === 0 ? ' (this fix takes no --param)' : ` (it takes: ${known.join(', ')})`}`;
    return `  ${parameter.name}: ${issue.message} (--param ${parameter.name}=<${parameter.type}>: ${parameter.description})`;
  });
  return `${fix.id}: the parameters are not valid:\n${lines.join('\n')}\nSee 'exready fix --list' for every fix and its parameters.`;
}

/** `exready fix --list [--json]`: every fix of the catalogue with its parameters and risk. */
function listFixes(io: CliIo, json: boolean): ExitCode {
  const listings = fixCatalogue.map(fixListing);
  io.stdout(
    json
      ? `${JSON.stringify({ schemaVersion: 1, fixes: listings }, null, 2)}\n`
      : `${listings.map(fixListingText).join('\n\n')}\n`,
  );
  return ExitCode.ok;
}

/** `--param KEY=VALUE` or, for one fix of several, `--param ID:KEY=VALUE`. */
function parametersFor(fixId: string, texts: readonly string[], scoped: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const text of texts) {
    const equals = text.indexOf('=');
    // The text is not echoed: it may be a secret typed without its key.
    if (equals <= 0) throw new CliUsageError('--param expects KEY=VALUE');
    const name = text.slice(0, equals);
    const colon = name.lastIndexOf(':');
    if (colon >= 0 && name.slice(0, colon) !== fixId) continue;
    if (colon < 0 && scoped)
      throw new CliUsageError('with several --fix, name the fix: --param ID:KEY=VALUE');
    out[name.slice(colon + 1)] = text.slice(equals + 1);
  }
  return out;
}

interface Runner {
  host: PowerShellHost;
  simulated: boolean;
  lab: LabFixHost | null;
  labName: string | null;
}

/** What the preview decides the connection from: the lab's own collection, or the newest saved run of the server. */
async function factsFor(
  server: string,
  labName: string | undefined,
  deps: FixCommandDeps,
  now: () => Date,
): Promise<ServerFacts | null> {
  if (labName === undefined) return (await deps.serverFacts?.(server)) ?? null;
  const estate = deps.labHost?.(labName)?.estate() ?? (deps.labs ?? { demo: demoEstate })[labName];
  if (estate === undefined) return null;
  const outcome = await collectLabEstate(estate, now());
  return outcome.savedFacts.servers.find((item) => item.fqdn === server.toLowerCase()) ?? null;
}

async function syncFactsFor(
  server: string,
  labName: string | undefined,
  deps: FixCommandDeps,
  now: () => Date,
): Promise<LatestSyncServerFacts | null> {
  if (labName === undefined) return (await deps.syncServerFacts?.(server)) ?? null;
  const estate = deps.labHost?.(labName)?.estate() ?? (deps.labs ?? { demo: demoEstate })[labName];
  if (estate === undefined) return null;
  const { savedFacts } = await collectLabEstate(estate, now());
  const facts = savedFacts.context.syncServers.find((item) => item.fqdn === server.toLowerCase());
  return facts === undefined ? null : { facts, collectedAt: savedFacts.collectedAt };
}

async function openRunner(
  labName: string | undefined,
  powershell: string | null,
  deps: FixCommandDeps,
): Promise<Runner> {
  if (labName !== undefined) {
    const estate = (deps.labs ?? { demo: demoEstate })[labName];
    const lab = deps.labHost?.(labName) ?? (estate === undefined ? undefined : createLabFixHost(estate));
    if (lab === undefined) throw new CliUsageError(`unknown lab '${labName}'`);
    return { host: lab.host, simulated: true, lab, labName };
  }
  if (deps.openHost === undefined)
    throw new CliUsageError('PowerShell is not available here: use --lab demo');
  return { host: await deps.openHost(powershell), simulated: false, lab: null, labName: null };
}

/** Asks for the confirmation and, for a fix that lowers security, the separate acceptance; null when given. */
async function consentRefusal(
  plan: FixPlan,
  flags: { yes: boolean; acceptRisk: boolean },
  io: CliIo,
  deps: FixCommandDeps,
): Promise<string | null> {
  const risky = plan.preview.risk === 'lowers-security';
  if (!flags.yes) {
    if (deps.prompt === null) return 'not confirmed: pass --yes to run without a terminal';
    const answer = await deps.prompt(`Apply ${plan.preview.fixId} to ${plan.preview.server}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) return 'not confirmed';
  }
  if (risky && !flags.acceptRisk) {
    if (deps.prompt === null) return 'this fix lowers security: pass --accept-risk to accept it';
    io.stdout(`This fix lowers security. ${plan.preview.exposes ?? ''}\n`);
    const answer = await deps.prompt(`Type "${acceptPhrase}" to go on: `);
    if (answer.trim().toLowerCase() !== acceptPhrase.toLowerCase()) return 'the risk was not accepted';
  }
  return null;
}

const simulatedLabel = (lab: string) =>
  `SIMULATED: the ${lab} lab (kept in the user data folder); no real server is changed`;

function report(io: CliIo, outcome: FixOutcome, lab: string | null): ExitCode {
  const prefix = lab === null ? '' : 'SIMULATED: ';
  if (outcome.outcome !== 'succeeded') {
    io.stderr(
      `${prefix}${outcome.outcome}: ${outcome.error ?? 'no reason given'} (audit entry ${outcome.auditId})\n`,
    );
    return ExitCode.failed;
  }
  io.stdout(
    outcome.changed
      ? `${prefix}Done (audit entry ${outcome.auditId}): ${outcome.message}\n`
      : `${prefix}Nothing to change (audit entry ${outcome.auditId}): ${outcome.message}\n`,
  );
  if (outcome.recheckError !== null) io.stderr(`The re-check failed: ${outcome.recheckError}\n`);
  if (outcome.auditError !== null) {
    io.stderr(`The change ran but ${outcome.auditError}\n`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

// The evidence of the check the fix turns green, as the newest run (or the lab now) shows it: the "from" of the sentence.
async function currentEvidence(
  plan: FixPlan,
  labName: string | undefined,
  deps: FixCommandDeps,
  now: () => Date,
): Promise<Readonly<Record<string, unknown>> | null> {
  const { server, checkId } = plan.preview;
  if (labName === undefined) return (await deps.checkEvidence?.(server, checkId)) ?? null;
  const estate = deps.labHost?.(labName)?.estate() ?? (deps.labs ?? { demo: demoEstate })[labName];
  if (estate === undefined) return null;
  return findCheck(await checkLabEstate(estate, now()), server, checkId)?.evidence ?? null;
}

async function run(
  plan: FixPlan,
  flags: { yes: boolean; acceptRisk: boolean; lab?: string; powershell: string | null },
  io: CliIo,
  deps: FixCommandDeps,
  now: () => Date,
) {
  // A lab run says so first, before the preview and again with the outcome: nothing real is changed.
  if (flags.lab !== undefined) io.stdout(`${simulatedLabel(flags.lab)}\n`);
  io.stdout(describePreview(plan.preview, await currentEvidence(plan, flags.lab, deps, now)));
  const refusal = await consentRefusal(plan, flags, io, deps);
  if (refusal !== null) {
    io.stderr(`Refused: ${refusal}. Nothing was changed.\n`);
    return ExitCode.failed;
  }
  const runner = await openRunner(flags.lab, flags.powershell, deps);
  let outcome: FixOutcome;
  try {
    outcome = await applyFix(
      plan,
      {
        confirmed: true, // consentRefusal above asked for both; nothing reaches here without them.
        riskAccepted: true,
      },
      {
        host: runner.host,
        audit: deps.audit,
        operator: deps.operator,
        simulated: runner.simulated,
        lab: runner.labName,
        ...(runner.lab !== null || deps.recheck === undefined
          ? {}
          : { recheck: (server: string) => deps.recheck?.(server, flags.powershell) ?? Promise.resolve() }),
      },
    );
  } catch (error) {
    if (!(error instanceof AuditWriteError)) throw error;
    io.stderr(`Refused: ${error.message}. Nothing was changed.\n`);
    return ExitCode.failed;
  } finally {
    // The pool's shells keep the process alive: a real host is stopped once the fix is done, whatever happened.
    if (runner.lab === null) await runner.host.dispose();
  }
  const code = report(io, outcome, runner.labName);
  if (runner.lab !== null && outcome.outcome === 'succeeded') {
    const check = findCheck(
      await checkLabEstate(runner.lab.estate(), now()),
      plan.preview.server,
      plan.preview.checkId,
    );
    io.stdout(
      `${runner.labName === null ? '' : 'SIMULATED: '}Re-check ${plan.preview.checkId}: ${check === null ? 'not found' : `${check.status}: ${check.summary}`}\n`,
    );
  }
  return code;
}

async function guarded(io: CliIo, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof FixInputError) {
      io.stderr(`${describeFixInput(error)}\n`);
      return ExitCode.badInput;
    }
    if (error instanceof CliUsageError) {
      io.stderr(`${error.message}\n\n${fixUsage}`);
      return ExitCode.badInput;
    }
    throw error;
  }
}

/** `exready fix ...`: preview, confirm, apply through the runner, audit, re-check; or export a plan. */
export function runFixCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: FixCommandDeps,
): Promise<ExitCode> {
  return guarded(io, async () => {
    const values = parseFixArgs(args);
    if (values.help === true) {
      io.stdout(fixUsage);
      return ExitCode.ok;
    }
    if (values.list === true) return listFixes(io, values.json === true);
    if (values.json === true) throw new CliUsageError('--json goes with --list');
    const server = serverName(values.server);
    const fixes = values.fix ?? [];
    const params = values.param ?? [];
    if (fixes.length === 0) throw new CliUsageError('--fix ID is required');
    if (typeof values.export === 'string') {
      const scoped = fixes.length > 1;
      const plans = [];
      const facts = await factsFor(server, undefined, deps, now);
      const syncFacts = await syncFactsFor(server, undefined, deps, now);
      for (const fixId of fixes)
        plans.push(
          await planFix(fixId, server, parametersFor(fixId, params, scoped), deps.scriptsDir, {
            facts,
            syncFacts,
            resolveHost: resolverFor(undefined, deps),
          }),
        );
      const riskAccepted = values['accept-risk'] === true;
      const refusal = exportRefusal(plans, { riskAccepted });
      if (refusal !== null) {
        io.stderr(`Refused: ${refusal} (pass --accept-risk). Nothing was exported.\n`);
        return ExitCode.failed;
      }
      const path = resolve(values.export);
      await writeFile(path, exportFixPlan(plans, now(), { riskAccepted }), 'utf8');
      io.stdout(
        `Wrote ${plans.length} fix(es) to ${path}; each changes nothing when its value is already right.\n`,
      );
      return ExitCode.ok;
    }
    if (fixes.length > 1) throw new CliUsageError('apply one --fix at a time (or --export several)');
    const fixId = fixes[0] ?? '';
    const options = consentOptions(values);
    const plan = await planFix(fixId, server, parametersFor(fixId, params, false), deps.scriptsDir, {
      facts: await factsFor(server, options.lab, deps, now),
      syncFacts: await syncFactsFor(server, options.lab, deps, now),
      resolveHost: resolverFor(options.lab, deps),
    });
    return run(plan, options, io, deps, now);
  });
}

/** What the flags say about consent and the lab, shared by fix and undo. */
function consentOptions(values: {
  yes?: boolean;
  'accept-risk'?: boolean;
  lab?: string | boolean;
  powershell?: string | boolean;
}) {
  return {
    yes: values.yes === true,
    acceptRisk: values['accept-risk'] === true,
    powershell: typeof values.powershell === 'string' ? values.powershell : null,
    ...(typeof values.lab === 'string' ? { lab: values.lab } : {}),
  };
}

/** `exready undo --audit-id N`: the inverse of an audited fix, from its before-value, previewed and confirmed. */
export function runUndoCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: FixCommandDeps,
): Promise<ExitCode> {
  return guarded(io, async () => {
    const values = parseUndoArgs(args);
    if (values.help === true) {
      io.stdout(fixUsage);
      return ExitCode.ok;
    }
    const id = Number(values['audit-id']);
    if (!Number.isInteger(id) || id <= 0)
      throw new CliUsageError('--audit-id N is required (a positive number)');
    const options = consentOptions(values);
    const plan = await planUndo(id, deps.audit, deps.scriptsDir, { lab: options.lab ?? null });
    return run(plan, options, io, deps, now);
  });
}
