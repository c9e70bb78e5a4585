import { z } from 'zod';
import { CheckResult } from '../../../shared/checks/check-result';
import { Fqdn } from '../../../shared/domain/hostname';
import { TenantName } from '../../../shared/domain/inventory';
import { integrationVerdict } from '../../../shared/readiness/readiness-verdict';
import type { RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { appVersion } from '../../app-version';
import { currentOperator } from '../../audit/operator';
import type { DemoTenantCase } from '../../lab/demo-tenant';
import { buildTenantReport } from '../../reports/build-tenant-report';
import { renderReport, reportFormatOf, type ReportFormat } from '../../reports/report-formats';
import { chromiumPrintToPdf, type PrintToPdf } from '../../reports/report-pdf';
import { writeFileAtomic } from '../../storage/atomic-file';
import { newTenantRunId, TenantRunHistory, type SavedTenantRun } from '../../storage/tenant-run-history';
import { userDataDir } from '../../user-data-dir';
import type { TenantTarget } from '../../tenant/collect-tenant-facts';
import type { LiveGraphReaderFactory } from '../../tenant/live-graph-reader-factory';
import { readRecordedResponses, RecordedResponsesError } from '../../tenant/recorded-responses-file';
import { replayTenantCheck, runTenantCheck, type TenantCheckOutcome } from '../../tenant/tenant-check-run';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { formatTenantText, type TenantReportBlock } from './tenant-text-report';

export const tenantUsage = `Usage: exready tenant check --recorded <file> [--app-id <id>] [--domain <fqdn>]... [--idp-host <fqdn>]
                            [--json] [--report <file>] [--history <dir>]
       exready tenant check --lab demo [--case <name>] [--json] [--report <file>] [--history <dir>]
       exready tenant check --tenant <id | name.onmicrosoft.com> --app-id <id> --domain <fqdn>... --idp-host <fqdn>
                            [--client-id <id>] [--device-code] [--record <file>] [--json] [--report <file>]
                            [--history <dir>]

Reads the Microsoft 365 tenant through Microsoft Graph (read-only) and prints the ten m365.* checks of the
IdP integration: the provisioning app, its permissions, consent and secret, security defaults, per-user MFA,
Conditional Access MFA, SSPR, the registration campaign and the federated domain(s).

Options:
  --recorded <file>    Replay a recorded-responses file (no network); judged as of its recordedAt.
  --lab demo           The built-in simulated demo tenants (every status of every check).
  --case <name>        With --lab: only this case.
  --tenant <tenant>    Sign in to this tenant and read it live.
  --app-id <id>        The provisioning app's client id (for --recorded: default the one the file asks about).
  --domain <fqdn>      A federated custom domain (repeatable; for --recorded: default the file's domains).
  --idp-host <fqdn>    The IdP's sign-in host that issuerUri and passiveSignInUri must point at.
  --client-id <id>     The public client to sign in with (default Microsoft Graph Command Line Tools).
  --device-code        Sign in with a device code instead of the browser (often blocked by Conditional Access).
  --record <file>      Also write what the live run read, masked, as a recorded-responses file.
  --json               Print the results as JSON (check ids, statuses, evidence).
  --report <file>      Also write the tenant report, its format from the extension: .html, .pdf, .csv or .json.
  --history <dir>      Where tenant-runs/ is kept (default: the app's user data folder); every run is saved.
  -h, --help           Show this help.

Exit codes: 0 nothing failed, 1 a check failed, 2 bad input (or a file that cannot be replayed).
`;

export interface TenantCommandDeps {
  labs: Readonly<Record<string, readonly DemoTenantCase[]>>;
  openLive: LiveGraphReaderFactory;
  now: () => Date;
  defaultHistoryDir?: () => string;
  /** Headless Chromium by default (PDF reports only). */
  printToPdf?: PrintToPdf;
  operator?: () => string;
}

type Source =
  | { kind: 'recorded'; file: string }
  | { kind: 'lab'; name: string; caseName: string | null }
  | { kind: 'live'; tenant: string; clientId: string | null; deviceCode: boolean; record: string | null };

export interface TenantCheckOptions {
  source: Source;
  appId: string | null;
  domains: string[];
  idpHost: string | null;
  json: boolean;
  report: { path: string; format: ReportFormat } | null;
  history: string | null;
}

const valueOptions = [
  '--recorded',
  '--lab',
  '--case',
  '--tenant',
  '--app-id',
  '--domain',
  '--idp-host',
  '--client-id',
  '--record',
  '--report',
  '--history',
] as const;
type ValueOption = (typeof valueOptions)[number];
const isValueOption = (name: string): name is ValueOption =>
  (valueOptions as readonly string[]).includes(name);

function validated<S extends z.ZodType>(option: string, schema: S, value: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CliUsageError(`${option}: "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
}
const Guid = z.uuid('is not a GUID (application client id)').transform((value) => value.toLowerCase());

export function parseTenantArguments(args: readonly string[]): TenantCheckOptions | 'help' {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help') return 'help';
  if (sub !== 'check') throw new CliUsageError(`unknown tenant command '${sub}' (expected 'check')`);
  const values = new Map<ValueOption, string[]>();
  let json = false;
  let deviceCode = false;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json' || arg === '--device-code') {
      if (arg === '--json') json = true;
      else deviceCode = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!isValueOption(name))
      throw new CliUsageError(
        arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`,
      );
    let value = name === arg ? rest[index + 1] : arg.slice(equals + 1);
    if (name === arg) {
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
      index += 1;
    }
    value = value ?? '';
    if (value.trim() === '') throw new CliUsageError(`${name} needs a value`);
    if (name !== '--domain' && values.has(name)) throw new CliUsageError(`${name} is given more than once`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (option: ValueOption) => values.get(option)?.[0] ?? null;
  const recorded = one('--recorded');
  const lab = one('--lab');
  const tenant = one('--tenant');
  const chosen = [recorded, lab, tenant].filter((value) => value !== null).length;
  if (chosen !== 1) throw new CliUsageError('give exactly one of --recorded FILE, --lab demo or --tenant T');
  const liveOnly = (['--client-id', '--record'] as const).filter((option) => values.has(option));
  if (tenant === null && (liveOnly.length > 0 || deviceCode))
    throw new CliUsageError(
      `${[...liveOnly, ...(deviceCode ? ['--device-code'] : [])].join(', ')} only go with --tenant`,
    );
  if (lab === null && values.has('--case')) throw new CliUsageError('--case only goes with --lab');
  const appIdText = one('--app-id');
  const idpHostText = one('--idp-host');
  const report = one('--report');
  const reportFormat = report === null ? null : reportFormatOf(report);
  if (report !== null && reportFormat === null)
    throw new CliUsageError(`--report: "${report}" must end in .html, .pdf, .csv or .json`);
  const domains = [
    ...new Set((values.get('--domain') ?? []).map((value) => validated('--domain', Fqdn, value))),
  ];
  let source: Source;
  if (recorded !== null) source = { kind: 'recorded', file: recorded };
  else if (lab !== null) source = { kind: 'lab', name: lab, caseName: one('--case') };
  else {
    if (appIdText === null)
      throw new CliUsageError("--app-id <id> (the provisioning app's client id) is required with --tenant");
    if (domains.length === 0) throw new CliUsageError('--domain <fqdn> is required with --tenant');
    const clientId = one('--client-id');
    source = {
      kind: 'live',
      tenant: validated('--tenant', TenantName, tenant ?? ''),
      clientId: clientId === null ? null : validated('--client-id', Guid, clientId),
      deviceCode,
      record: one('--record'),
    };
  }
  return {
    source,
    appId: appIdText === null ? null : validated('--app-id', Guid, appIdText),
    domains,
    idpHost: idpHostText === null ? null : validated('--idp-host', Fqdn, idpHostText),
    json,
    report: report === null || reportFormat === null ? null : { path: report, format: reportFormat },
    history: one('--history'),
  };
}

/** The app ids and domains a recording asks about: the defaults of --app-id and --domain for a replay. */
export function recordedSubjects(recording: RecordedResponses): { appIds: string[]; domains: string[] } {
  const appIds = new Set<string>();
  const domains = new Set<string>();
  for (const response of recording.responses) {
    let path: string;
    try {
      path = decodeURIComponent(new URL(response.url).pathname);
    } catch {
      continue;
    }
    const app = /\/applications\(appId='([^']+)'\)/i.exec(path);
    if (app?.[1] !== undefined) appIds.add(app[1].toLowerCase());
    const domain = /^\/(?:v1\.0|beta)\/domains\/([^/]+)/i.exec(path);
    if (domain?.[1] !== undefined) domains.add(domain[1].toLowerCase());
  }
  return { appIds: [...appIds].sort(), domains: [...domains].sort() };
}

function recordedTarget(
  recording: RecordedResponses,
  options: TenantCheckOptions,
  file: string,
): TenantTarget {
  const subjects = recordedSubjects(recording);
  let appId = options.appId;
  if (appId === null) {
    if (subjects.appIds.length !== 1)
      throw new CliUsageError(
        subjects.appIds.length === 0
          ? `${file} asks about no application: give --app-id`
          : `${file} asks about several applications (${subjects.appIds.join(', ')}): give --app-id`,
      );
    appId = subjects.appIds[0] ?? '';
  }
  return {
    tenant: recording.tenant,
    provisioningAppId: appId,
    federatedDomains: options.domains.length > 0 ? options.domains : subjects.domains,
    idpSignInHost: options.idpHost,
  };
}

function block(
  heading: string,
  about: string[],
  target: TenantTarget,
  outcome: TenantCheckOutcome,
): TenantReportBlock {
  return {
    heading,
    about: [
      ...about,
      `Provisioning app ${target.provisioningAppId}; domains ${target.federatedDomains.join(', ') || '(none)'}; IdP host ${target.idpSignInHost ?? '(not given)'}`,
    ],
    verdict: integrationVerdict('Microsoft 365', {
      fqdn: target.tenant,
      collection: 'collected',
      results: outcome.results,
    }),
    results: outcome.results,
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function judge(
  options: TenantCheckOptions,
  deps: TenantCommandDeps,
): Promise<{
  simulated: boolean;
  source: SavedTenantRun['source'];
  blocks: (TenantReportBlock & { name: string | null; target: TenantTarget; outcome: TenantCheckOutcome })[];
}> {
  const { source } = options;
  if (source.kind === 'lab') {
    const cases = deps.labs[source.name];
    if (cases === undefined)
      throw new CliUsageError(
        `--lab: "${source.name}" is not a lab (known: ${Object.keys(deps.labs).join(', ') || 'none'})`,
      );
    const chosen = source.caseName === null ? cases : cases.filter((entry) => entry.name === source.caseName);
    if (chosen.length === 0)
      throw new CliUsageError(
        `--case: "${source.caseName ?? ''}" is not a case of ${source.name} (known: ${cases.map((entry) => entry.name).join(', ')})`,
      );
    const blocks = [];
    for (const entry of chosen) {
      const outcome = await replayTenantCheck(entry.recording, entry.target);
      blocks.push({
        ...block(
          `SIMULATED tenant ${entry.recording.tenant}, case ${entry.name}`,
          [entry.description, `Recorded ${entry.recording.recordedAt} (simulated), judged as of then`],
          entry.target,
          outcome,
        ),
        name: entry.name,
        target: entry.target,
        outcome,
      });
    }
    return { simulated: true, source: 'lab', blocks };
  }
  if (source.kind === 'recorded') {
    const recording = await readRecordedResponses(source.file);
    const target = recordedTarget(recording, options, source.file);
    const outcome = await replayTenantCheck(recording, target);
    const simulated = recording.simulated === true;
    return {
      simulated,
      source: 'recorded',
      blocks: [
        {
          ...block(
            `${simulated ? 'SIMULATED tenant' : 'Tenant'} ${recording.tenant} (replayed from ${source.file})`,
            [`Recorded ${recording.recordedAt}, judged as of then`],
            target,
            outcome,
          ),
          name: null,
          target,
          outcome,
        },
      ],
    };
  }
  const target: TenantTarget = {
    tenant: source.tenant,
    provisioningAppId: options.appId ?? '',
    federatedDomains: options.domains,
    idpSignInHost: options.idpHost,
  };
  const session = await deps.openLive({
    tenant: source.tenant,
    clientId: source.clientId,
    deviceCode: source.deviceCode,
    recordTo: source.record,
  });
  try {
    const outcome = await runTenantCheck(session.reader, target, { now: deps.now(), simulated: false });
    return {
      simulated: false,
      source: 'live',
      blocks: [
        {
          ...block(`Tenant ${source.tenant}`, [`Read ${outcome.evaluatedAt}`], target, outcome),
          name: null,
          target,
          outcome,
        },
      ],
    };
  } finally {
    await session.close();
  }
}

type Judged = Awaited<ReturnType<typeof judge>>;

/** Saves every judged case as a tenant run of the history (results only: no Graph body, no token, evidence masked). */
async function saveTenantRuns(
  judged: Judged,
  options: TenantCheckOptions,
  io: CliIo,
  deps: TenantCommandDeps,
): Promise<{ ok: boolean; runs: SavedTenantRun[] }> {
  const history = new TenantRunHistory(options.history ?? (deps.defaultHistoryDir ?? userDataDir)());
  const runs: SavedTenantRun[] = judged.blocks.map((entry) => ({
    schemaVersion: 1,
    kind: 'exready.tenant-run',
    runId: newTenantRunId(deps.now()),
    sequence: 0,
    savedAt: deps.now().toISOString(),
    source: judged.source,
    caseName: entry.name,
    simulated: judged.simulated,
    tenant: entry.target.tenant,
    readAt: entry.outcome.evaluatedAt,
    provisioningAppId: entry.target.provisioningAppId,
    federatedDomains: [...entry.target.federatedDomains],
    idpSignInHost: entry.target.idpSignInHost,
    results: entry.outcome.results,
  }));
  try {
    for (const run of runs) await history.save(run);
    return { ok: true, runs };
  } catch (error) {
    io.stderr(`exready tenant: could not save the run to ${history.folder}: ${message(error)}\n`);
    return { ok: false, runs };
  }
}

/** --report: a tenant-only readiness report, rendered by the report renderers in the format of its extension. */
async function writeTenantReport(
  runs: readonly SavedTenantRun[],
  target: NonNullable<TenantCheckOptions['report']>,
  io: CliIo,
  deps: TenantCommandDeps,
): Promise<boolean> {
  try {
    const report = buildTenantReport({
      tenants: runs,
      runId: runs.length === 1 ? (runs[0]?.runId ?? null) : null,
      appVersion,
      operator: (deps.operator ?? currentOperator)(),
      now: deps.now,
    });
    await writeFileAtomic(
      target.path,
      await renderReport(report, target.format, deps.printToPdf ?? chromiumPrintToPdf),
    );
    return true;
  } catch (error) {
    io.stderr(`exready tenant: could not write the report to ${target.path}: ${message(error)}\n`);
    return false;
  }
}

/** `exready tenant check`: judges the tenant from a recording, the demo lab or (later) a live sign-in. */
export async function runTenantCommand(
  args: readonly string[],
  io: CliIo,
  deps: TenantCommandDeps,
): Promise<ExitCode> {
  let options: TenantCheckOptions | 'help';
  try {
    options = parseTenantArguments(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`exready tenant: ${error.message}\n\n${tenantUsage}`);
    return ExitCode.badInput;
  }
  if (options === 'help') {
    io.stdout(tenantUsage);
    return ExitCode.ok;
  }
  let judged;
  try {
    judged = await judge(options, deps);
  } catch (error) {
    // A bad file, a bad option found late, or no live sign-in: nothing was judged.
    io.stderr(`exready tenant: ${message(error)}\n`);
    if (error instanceof CliUsageError || error instanceof RecordedResponsesError) return ExitCode.badInput;
    return options.source.kind === 'live' ? ExitCode.badInput : ExitCode.failed;
  }
  const results = judged.blocks.flatMap((entry) => entry.outcome.results);
  const document = {
    schemaVersion: 1,
    kind: 'exready-tenant-check',
    simulated: judged.simulated,
    cases: judged.blocks.map((entry) => ({
      case: entry.name,
      tenant: entry.target.tenant,
      provisioningAppId: entry.target.provisioningAppId,
      federatedDomains: entry.target.federatedDomains,
      idpSignInHost: entry.target.idpSignInHost,
      evaluatedAt: entry.outcome.evaluatedAt,
      verdict: entry.verdict,
      results: entry.outcome.results.map((result) => CheckResult.parse(result)),
    })),
  };
  const saved = await saveTenantRuns(judged, options, io, deps);
  const reportWritten =
    options.report === null || (await writeTenantReport(saved.runs, options.report, io, deps));
  if (options.json) io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  else io.stdout(formatTenantText(judged.simulated, judged.blocks));
  return results.some((result) => result.status === 'fail') || !saved.ok || !reportWritten
    ? ExitCode.failed
    : ExitCode.ok;
}
