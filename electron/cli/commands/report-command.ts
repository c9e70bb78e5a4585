import { join } from 'node:path';
import { appVersion } from '../../app-version';
import { AuditLog } from '../../audit/audit-log';
import { currentOperator } from '../../audit/operator';
import { isReportFormat, renderReport, reportFormatOf, reportFormats } from '../../reports/report-formats';
import { reportFromRun } from '../../reports/report-from-run';
import { tenantRunForReport } from '../../reports/report-tenant-run';
import { chromiumPrintToPdf, type PrintToPdf } from '../../reports/report-pdf';
import { writeFileAtomic } from '../../storage/atomic-file';
import { keptProofsOrNone } from '../../storage/proof-history';
import { RunHistory, RunNotFoundError } from '../../storage/run-history';
import { userDataDir } from '../../user-data-dir';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';

export const reportUsage = `Usage: exready report --run <id|latest> --out <file> [--format html|pdf|json|csv] [options]

Writes the readiness report of a saved check run (no server is contacted): the facts, their results
and the fixes the audit log recorded since the previous run, with the newest tenant run of the same kind
(simulated with simulated; the demo tenant for a lab run without one). Secrets are masked in every format.

Options:
  --run <id|latest>     The run to report on (see the history folder's runs/).
  --out <file>          Where to write the report.
  --format <format>     html, pdf, json or csv (default: from the --out extension).
  --history <dir>       The folder holding runs/ and audit.jsonl (default: the app's user data folder).
  --audit <file>        The audit log to list fixes from (default: <history>/audit.jsonl).
  -h, --help            Show this help.

Exit codes: 0 written, 1 the report could not be written, 2 bad input (unknown run, option or format).
`;

export interface ReportCommandDeps {
  /** Electron's printToPDF in the app; headless Chromium by default. */
  printToPdf?: PrintToPdf;
  knownSecrets?: () => Iterable<string>;
  operator?: () => string;
  defaultHistoryDir?: () => string;
}

interface ReportOptions {
  run: string;
  out: string;
  format: (typeof reportFormats)[number];
  history: string | null;
  audit: string | null;
}

const valueOptions = ['--run', '--out', '--format', '--history', '--audit'] as const;
type ValueOption = (typeof valueOptions)[number];
const isValueOption = (name: string): name is ValueOption =>
  (valueOptions as readonly string[]).includes(name);

function parseArguments(args: readonly string[]): ReportOptions | 'help' {
  const values = new Map<ValueOption, string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
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
      index += 1;
    }
    if (value === undefined || value === '' || value.startsWith('--'))
      throw new CliUsageError(`${name} needs a value`);
    if (values.has(name)) throw new CliUsageError(`${name} is given more than once`);
    values.set(name, value);
  }
  const run = values.get('--run');
  if (run === undefined) throw new CliUsageError('--run <id|latest> is required');
  const out = values.get('--out');
  if (out === undefined) throw new CliUsageError('--out <file> is required');
  const given = values.get('--format');
  if (given !== undefined && !isReportFormat(given))
    throw new CliUsageError(`--format: "${given}" is not one of ${reportFormats.join(', ')}`);
  const format = given ?? reportFormatOf(out);
  if (format === null)
    throw new CliUsageError(`--format is required: "${out}" does not end in .${reportFormats.join(', .')}`);
  return { run, out, format, history: values.get('--history') ?? null, audit: values.get('--audit') ?? null };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `exready report`: rebuilds a saved run's readiness report in one format. */
export async function runReportCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: ReportCommandDeps = {},
): Promise<ExitCode> {
  let options: ReportOptions | 'help';
  try {
    options = parseArguments(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`exready report: ${error.message}\n\n${reportUsage}`);
    return ExitCode.badInput;
  }
  if (options === 'help') {
    io.stdout(reportUsage);
    return ExitCode.ok;
  }

  const historyDir = options.history ?? (deps.defaultHistoryDir ?? userDataDir)();
  const history = new RunHistory(historyDir);
  let run;
  try {
    run = await history.open(options.run);
  } catch (error) {
    io.stderr(`exready report: ${message(error)} in ${history.folder}\n`);
    return error instanceof RunNotFoundError ? ExitCode.badInput : ExitCode.failed;
  }
  try {
    const audit = new AuditLog(options.audit ?? join(historyDir, 'audit.jsonl'));
    const report = reportFromRun(
      run,
      await history.list(),
      await audit.entries(),
      {
        appVersion,
        operator: (deps.operator ?? currentOperator)(),
        now,
        knownSecrets: deps.knownSecrets?.() ?? [],
        proofs: await keptProofsOrNone(historyDir, (text) => io.stderr(`exready report: ${text}\n`)),
      },
      await tenantRunForReport(historyDir, run.savedFacts.simulated === true),
    );
    const bytes = await renderReport(report, options.format, deps.printToPdf ?? chromiumPrintToPdf);
    await writeFileAtomic(options.out, bytes);
    io.stderr(
      `${report.simulated ? 'SIMULATED: ' : ''}${options.format.toUpperCase()} report of run ${run.runId} written to ${options.out}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    io.stderr(`exready report: could not write ${options.out}: ${message(error)}\n`);
    return ExitCode.failed;
  }
}
