import { describeFqdnProblem, splitHostList } from '../../../shared/domain/hostname';
import { describeServiceAccountProblem } from '../../../shared/domain/service-account';
import { runCheck, type CheckRunProgress, type FactsAssembler } from '../../services/check-run-service';
import type { LabEstate } from '../../lab/lab-estate';
import type { CollectionSource } from '../../services/collection-source';
import { openLabCollection, simulatedAssembler } from '../../services/lab-collection';
import { writeSavedFactsFile } from '../../storage/saved-facts-file';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { printEvaluation } from './evaluation-text-report';
import { recordCheckRun, type CheckRecordsDeps } from './check-run-records';
import { reportFormatOf } from '../../reports/report-formats';
import { userDataDir } from '../../user-data-dir';
import { keptProofsOrNone } from '../../storage/proof-history';

export const checkUsage = `Usage: exready check --servers <fqdn,...> --sync-server <fqdn> [--sync-server <fqdn>]
                     --service-account <DOMAIN\\name | name@domain> [options]

Collects the Remote PowerShell facts of the Exchange servers (one PowerShell round trip per server, in
parallel), evaluates them and prints the checklist per server.

Options:
  --servers <list>          Exchange servers, fully qualified, separated by commas (repeatable).
  --sync-server <fqdn>      A server the sync service connects from (repeatable).
  --service-account <name>  The account the sync service connects as.
  --json                    Print the results as JSON instead of the checklist.
  --facts-out <file>        Also save the collected facts (for 'exready evaluate --facts').
  --report <file>           Also write the readiness report (.html, .pdf, .json or .csv).
  --history <dir>           Where runs/ is kept (default: the app's user data folder); every run is saved.
  --throttle <n>            Servers collected at once, 1-256 (default 16).
  --timeout <seconds>       Per-server connection budget, 5-3600 (default 120).
  --powershell <path>       The PowerShell to run (default: Windows PowerShell 5.1).
  --lab demo                Check the built-in simulated estate instead of real servers (no PowerShell);
                            --servers, --sync-server and --service-account default to the lab's.
                            What 'exready fix --lab demo' changed is kept (in the user data folder).
  --reset                   With --lab: put the lab back to its built-in state first.
  -h, --help                Show this help.

Exit codes: 0 nothing failed, 1 a check failed (or the collection did), 2 bad input.
`;

export interface CheckCommandOptions {
  exchangeServers: string[];
  syncServers: string[];
  serviceAccount: string;
  json: boolean;
  factsOut: string | null;
  throttle: number | undefined;
  timeoutSeconds: number | undefined;
  powershell: string | null;
  lab: string | null;
  report: string | null;
  history: string | null;
  /** --reset: the lab was put back to its built-in state before this check. */
  reset: boolean;
}

/** What the command runs on; the entry point passes PowerShell, the tests a fake source. */
export interface CheckCommandDeps extends CheckRecordsDeps {
  /** Throws when no PowerShell can run (reported as bad input: nothing was contacted). */
  openSource(options: {
    powershell: string | null;
  }): Promise<{ source: CollectionSource; close(): Promise<void> }>;
  assemble: FactsAssembler;
  /** Simulated estates selectable with --lab NAME. */
  labs?: Readonly<Record<string, LabEstate>>;
  signal?: AbortSignal;
  newRunId?: () => string;
  defaultHistoryDir?: () => string;
}

const valueOptions = [
  '--servers',
  '--sync-server',
  '--service-account',
  '--facts-out',
  '--throttle',
  '--timeout',
  '--powershell',
  '--lab',
  '--report',
  '--history',
] as const;
type ValueOption = (typeof valueOptions)[number];

function isValueOption(name: string): name is ValueOption {
  return (valueOptions as readonly string[]).includes(name);
}

function hosts(option: string, values: readonly string[]): string[] {
  const names = values.flatMap(splitHostList);
  for (const name of names) {
    const problem = describeFqdnProblem(name.toLowerCase().replace(/\.$/, ''));
    if (problem !== null) throw new CliUsageError(`${option}: "${name}" ${problem}`);
  }
  return [...new Set(names.map((name) => name.toLowerCase().replace(/\.$/, '')))];
}

function integer(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max)
    throw new CliUsageError(`${option}: "${value}" is not a whole number from ${min} to ${max}`);
  return number;
}

function single(values: Map<ValueOption, string[]>, option: ValueOption): string | undefined {
  const given = values.get(option) ?? [];
  if (given.length > 1) throw new CliUsageError(`${option} is given more than once`);
  return given[0];
}

export function parseCheckArguments(
  args: readonly string[],
  labs: Readonly<Record<string, LabEstate>> = {},
): CheckCommandOptions | 'help' {
  const values = new Map<ValueOption, string[]>();
  let json = false;
  let reset = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--reset') {
      reset = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!isValueOption(name))
      throw new CliUsageError(
        arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`,
      );
    let value: string | undefined;
    if (name !== arg) value = arg.slice(equals + 1);
    else {
      value = args[index + 1];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
      index += 1;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }

  const labName = single(values, '--lab') ?? null;
  if (reset && labName === null) throw new CliUsageError('--reset puts a lab back: use it with --lab demo');
  const lab = labName === null ? undefined : labs[labName];
  if (labName !== null && lab === undefined)
    throw new CliUsageError(
      `--lab: "${labName}" is not a lab (known: ${Object.keys(labs).join(', ') || 'none'})`,
    );
  const exchangeServers = hosts(
    '--servers',
    values.get('--servers') ?? lab?.exchangeServers.map((server) => server.fqdn) ?? [],
  );
  if (exchangeServers.length === 0) throw new CliUsageError('--servers <fqdn,...> is required');
  const syncServers = hosts(
    '--sync-server',
    values.get('--sync-server') ?? lab?.syncServers.map((server) => server.fqdn) ?? [],
  );
  if (syncServers.length === 0) throw new CliUsageError('--sync-server <fqdn> is required');
  const serviceAccount = (single(values, '--service-account') ?? lab?.serviceAccount ?? undefined)?.trim();
  if (serviceAccount === undefined) throw new CliUsageError('--service-account <DOMAIN\\name> is required');
  const accountProblem = describeServiceAccountProblem(serviceAccount);
  if (accountProblem !== null)
    throw new CliUsageError(`--service-account: "${serviceAccount}" ${accountProblem}`);
  const factsOut = single(values, '--facts-out') ?? null;
  if (factsOut === '') throw new CliUsageError('--facts-out needs a file name');
  const report = single(values, '--report') ?? null;
  if (report !== null && reportFormatOf(report) === null)
    throw new CliUsageError(`--report: "${report}" does not end in .html, .pdf, .json or .csv`);
  return {
    exchangeServers,
    syncServers,
    serviceAccount,
    json,
    factsOut,
    throttle: integer('--throttle', single(values, '--throttle'), 1, 256),
    timeoutSeconds: integer('--timeout', single(values, '--timeout'), 5, 3600),
    powershell: single(values, '--powershell') ?? null,
    lab: labName,
    report,
    history: single(values, '--history') ?? null,
    reset,
  };
}

function describeProgress(progress: CheckRunProgress): string | null {
  switch (progress.kind) {
    case 'started':
      return `Collecting ${progress.total} Exchange server${progress.total === 1 ? '' : 's'}...`;
    case 'server':
      return `[${progress.done}/${progress.total}] ${progress.server}: ${progress.outcome}`;
    case 'warning':
      return `warning: ${progress.server === null ? '' : `${progress.server}: `}${progress.message}`;
    default:
      return null;
  }
}

/**
 * The progress lines of one event; when the collection ends, one line for each server that never answered
 * (a silent server otherwise has no line at all).
 */
export function progressLines(
  progress: CheckRunProgress,
  servers: readonly string[],
  answered: Set<string>,
): string[] {
  if (progress.kind === 'server') answered.add(progress.server);
  const line = describeProgress(progress);
  if (progress.kind !== 'collected') return line === null ? [] : [line];
  const silent = servers.filter((server) => !answered.has(server));
  return silent.map(
    (server, index) =>
      `[${progress.done + index + 1}/${progress.total}] ${server}: no answer (the collection ended before it answered)`,
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `exready check`: collects the estate now, prints the checklist, optionally saves the facts. */
export async function runCheckCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: CheckCommandDeps,
): Promise<ExitCode> {
  let options: CheckCommandOptions | 'help';
  try {
    options = parseCheckArguments(args, deps.labs);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`exready check: ${error.message}\n\n${checkUsage}`);
    return ExitCode.badInput;
  }
  if (options === 'help') {
    io.stdout(checkUsage);
    return ExitCode.ok;
  }

  const lab = options.lab === null ? undefined : deps.labs?.[options.lab];
  if (options.reset) io.stderr(`The ${options.lab ?? ''} lab is back to its built-in state.\n`);
  // A lab run goes through the same reader, assembler and rules; only the lines are simulated.
  const assemble: FactsAssembler = lab === undefined ? deps.assemble : simulatedAssembler(deps.assemble);
  let opened;
  try {
    opened =
      lab === undefined
        ? await deps.openSource({ powershell: options.powershell })
        : openLabCollection(lab, now);
  } catch (error) {
    io.stderr(`exready check: ${message(error)}\n`);
    return ExitCode.badInput;
  }

  const historyDir = options.history ?? (deps.defaultHistoryDir ?? userDataDir)();
  const proofs = await keptProofsOrNone(historyDir, (text) => io.stderr(`exready check: ${text}\n`));
  const answered = new Set<string>();
  let outcome;
  try {
    outcome = await runCheck(
      options,
      { source: opened.source, assemble, now, newRunId: deps.newRunId, proofs },
      {
        signal: deps.signal ?? new AbortController().signal,
        onProgress: (progress) => {
          for (const line of progressLines(progress, options.exchangeServers, answered))
            io.stderr(`${line}\n`);
        },
      },
    );
  } catch (error) {
    io.stderr(`exready check: ${deps.signal?.aborted === true ? 'cancelled' : message(error)}\n`);
    return ExitCode.failed;
  } finally {
    await opened.close();
  }

  let saveFailed = false;
  if (options.factsOut !== null) {
    try {
      await writeSavedFactsFile(options.factsOut, outcome.savedFacts);
    } catch (error) {
      saveFailed = true;
      io.stderr(`exready check: could not save the facts to ${options.factsOut}: ${message(error)}\n`);
    }
  }

  if (!(await recordCheckRun(outcome, { historyDir, report: options.report }, io, now, deps)))
    saveFailed = true;

  const { savedFacts, results, totals } = outcome;
  printEvaluation(
    io,
    {
      json: options.json,
      source: `${options.lab === null ? 'live check' : `lab ${options.lab} (simulated check)`}${
        options.factsOut === null || saveFailed ? '' : `, facts saved to ${options.factsOut}`
      }`,
      extra: { runId: outcome.request.runId, factsOut: options.factsOut, warnings: outcome.warnings },
    },
    savedFacts,
    outcome.evaluatedAt,
    results,
  );
  return totals.fail > 0 || saveFailed ? ExitCode.failed : ExitCode.ok;
}
