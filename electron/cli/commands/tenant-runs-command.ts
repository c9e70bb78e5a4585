import { CheckStatus } from '../../../shared/checks/check-result';
import { appVersion } from '../../app-version';
import { currentOperator } from '../../audit/operator';
import { buildTenantReport } from '../../reports/build-tenant-report';
import { renderReport, reportFormatOf, type ReportFormat } from '../../reports/report-formats';
import { chromiumPrintToPdf, type PrintToPdf } from '../../reports/report-pdf';
import { writeFileAtomic } from '../../storage/atomic-file';
import {
  TenantRunHistory,
  TenantRunNotFoundError,
  type TenantRunSummary,
} from '../../storage/tenant-run-history';
import { StoredFileError } from '../../storage/json-store';
import { userDataDir } from '../../user-data-dir';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';

// `exready tenant runs` and `exready tenant report`: the saved tenant runs (tenant-runs/), listed and reported.

export interface TenantRunsDeps {
  now: () => Date;
  defaultHistoryDir?: () => string;
  printToPdf?: PrintToPdf;
  operator?: () => string;
}

/** Parses `--name value` / `--name=value` options of the allowed names and the flags given; refuses anything else. */
function parseOptions<V extends string, F extends string>(
  args: readonly string[],
  valueNames: readonly V[],
  flagNames: readonly F[],
): { values: Map<V, string>; flags: Set<F> } {
  const values = new Map<V, string>();
  const flags = new Set<F>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if ((flagNames as readonly string[]).includes(arg)) {
      flags.add(arg as F);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!(valueNames as readonly string[]).includes(name))
      throw new CliUsageError(
        arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`,
      );
    const value = name === arg ? args[index + 1] : arg.slice(equals + 1);
    if (name === arg) index += 1;
    if (value === undefined || value.trim() === '' || (name === arg && value.startsWith('--')))
      throw new CliUsageError(`${name} needs a value`);
    if (values.has(name as V)) throw new CliUsageError(`${name} is given more than once`);
    values.set(name as V, value);
  }
  return { values, flags };
}

const historyOf = (dir: string | undefined, deps: TenantRunsDeps) =>
  new TenantRunHistory(dir ?? (deps.defaultHistoryDir ?? userDataDir)());

const totalsText = (totals: TenantRunSummary['totals']) =>
  CheckStatus.options.map((status) => `${totals[status] ?? 0} ${status}`).join(', ');

/** One line per run, newest first: what an admin needs to pick one for `tenant report --run`. */
export function formatTenantRuns(folder: string, runs: readonly TenantRunSummary[]): string {
  if (runs.length === 0) return `No tenant run is saved in ${folder}.\n`;
  const lines = runs.map((run) =>
    [
      run.runId,
      `read ${run.readAt}`,
      run.tenant,
      run.source,
      ...(run.caseName === null ? [] : [`case ${run.caseName}`]),
      ...(run.simulated ? ['SIMULATED'] : []),
      totalsText(run.totals),
    ].join('  '),
  );
  return `Saved tenant runs in ${folder}, newest first:\n${lines.join('\n')}\n`;
}

/** `exready tenant runs [--json] [--history DIR]`. */
export async function runTenantRunsCommand(
  args: readonly string[],
  io: CliIo,
  deps: TenantRunsDeps,
): Promise<ExitCode> {
  const { values, flags } = parseOptions(args, ['--history'] as const, ['--json'] as const);
  const history = historyOf(values.get('--history'), deps);
  const runs = await history.list();
  if (flags.has('--json'))
    io.stdout(
      `${JSON.stringify({ schemaVersion: 1, kind: 'exready-tenant-runs', folder: history.folder, runs }, null, 2)}\n`,
    );
  else io.stdout(formatTenantRuns(history.folder, runs));
  return ExitCode.ok;
}

/** `exready tenant report --run <id|latest> --report FILE [--history DIR]`: a saved run's tenant report. */
export async function runTenantReportCommand(
  args: readonly string[],
  io: CliIo,
  deps: TenantRunsDeps,
): Promise<ExitCode> {
  const { values } = parseOptions(args, ['--run', '--report', '--history'] as const, [] as const);
  const runId = values.get('--run');
  if (runId === undefined) throw new CliUsageError('--run <id|latest> is required');
  const path = values.get('--report');
  if (path === undefined) throw new CliUsageError('--report <file> is required');
  const format: ReportFormat | null = reportFormatOf(path);
  if (format === null) throw new CliUsageError(`--report: "${path}" must end in .html, .pdf, .csv or .json`);
  const history = historyOf(values.get('--history'), deps);
  let run;
  try {
    run = await history.open(runId);
  } catch (error) {
    if (error instanceof TenantRunNotFoundError)
      throw new CliUsageError(`--run: ${error.message} in ${history.folder} (see exready tenant runs)`);
    if (error instanceof StoredFileError) {
      io.stderr(`exready tenant: ${error.message}\n`);
      return ExitCode.failed;
    }
    throw error;
  }
  try {
    const report = buildTenantReport({
      tenants: [run],
      runId: run.runId,
      appVersion,
      operator: (deps.operator ?? currentOperator)(),
      now: deps.now,
    });
    await writeFileAtomic(path, await renderReport(report, format, deps.printToPdf ?? chromiumPrintToPdf));
  } catch (error) {
    io.stderr(
      `exready tenant: could not write the report to ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return ExitCode.failed;
  }
  io.stdout(`Wrote the report of tenant run ${run.runId} (${run.tenant}) to ${path}\n`);
  return ExitCode.ok;
}
