import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CheckResult } from '../../../shared/checks/check-result';
import {
  ExchangeOnlineMailInventory,
  FederatedDomain,
  IdpSignInHost,
  ProvisioningAppId,
  TenantName,
} from '../../../shared/domain/inventory';
import { estateReadiness } from '../../../shared/readiness/estate-summary';
import { Integration } from '../../../shared/readiness/integration';
import { integrationVerdict } from '../../../shared/readiness/readiness-verdict';
import type { EwsFlow } from '../../../shared/tenant/ews/ews-check-ids';
import type { EwsFacts } from '../../../shared/tenant/ews/ews-facts';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import { ewsDeadlineNotice } from '../../../shared/tenant/ews/ews-retirement';
import type { ExoSettingsRead } from '../../../shared/tenant/ews/exo-settings';
import type { RecordedResponse, RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { appVersion } from '../../app-version';
import { currentOperator } from '../../audit/operator';
import type { DemoTenantCase } from '../../lab/demo-tenant';
import { buildTenantReport } from '../../reports/build-tenant-report';
import { renderReport, reportFormatOf, type ReportFormat } from '../../reports/report-formats';
import { chromiumPrintToPdf, type PrintToPdf } from '../../reports/report-pdf';
import { exchangeOnlineMailTargetOf } from '../../reports/report-tenant-run';
import { writeFileAtomic } from '../../storage/atomic-file';
import { newTenantRunId, TenantRunHistory, type SavedTenantRun } from '../../storage/tenant-run-history';
import { userDataDir } from '../../user-data-dir';
import type { DemoEwsCase } from '../../lab/demo-tenant-ews';
import { exoSnippetCommand, type EwsTarget } from '../../tenant/ews/collect-ews-facts';
import { runEwsProbe } from '../../tenant/ews/ews-probe';
import type { EwsProbeOptions } from '../../tenant/ews/ews-probe-options';
import { ExoSettingsError, readExoSettings } from '../../tenant/ews/exo-settings-file';
import { ProbeSecret } from '../../tenant/ews/probe-secret';
import { probeOptionsFor } from '../../tenant/ews/probe-target';
import { replayedProbeStep } from '../../tenant/ews/replay-ews-probe';
import { ReplayGraphReader } from '../../tenant/replay-graph-reader';
import { secretEnvName, type SecretSources } from '../secret-input';
import type { TenantTarget } from '../../tenant/collect-tenant-facts';
import type { LiveGraphReaderFactory, LiveGraphSession } from '../../tenant/live-graph-reader-factory';
import { readRecordedResponses, RecordedResponsesError } from '../../tenant/recorded-responses-file';
import { replayTenantCheck, runTenantCheck, type TenantCheckOutcome } from '../../tenant/tenant-check-run';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { formatTenantText, type TenantReportBlock } from './tenant-text-report';
import { runTenantReportCommand, runTenantRunsCommand } from './tenant-runs-command';

export const tenantUsage = `Usage: exready tenant check --recorded <file> [--app-id <id>] [--domain <fqdn>]... [--idp-host <fqdn>]
                            [--json] [--report <file>] [--history <dir>] [EWS options]
       exready tenant check --lab demo [--case <name>] [--ews] [--json] [--report <file>] [--history <dir>]
       exready tenant check --tenant <id | name.onmicrosoft.com> --app-id <id> --domain <fqdn>... --idp-host <fqdn>
                            [--client-id <id>] [--device-code] [--record <file>] [--json] [--report <file>]
                            [--history <dir>] [EWS options]
       exready tenant runs [--json] [--history <dir>]
       exready tenant report --run <id|latest> --report <file> [--history <dir>]
  EWS options: --ews --ews-app-id <id> --ews-flow <delegated|app-only> --ews-mailbox <smtp> [--ews-account <upn>]
               [--exo-settings <file.json> | --exo-run] [--probe [--secret-from-file <file>]]

Reads the Microsoft 365 tenant through Microsoft Graph (read-only) and prints the ten m365.* checks of the
IdP integration: the provisioning app, its permissions, consent and secret, security defaults, per-user MFA,
Conditional Access MFA, SSPR, the registration campaign and the federated domain(s). \`tenant runs\` lists the
saved tenant runs, newest first (run id, read at, tenant, source, case, SIMULATED, totals); \`tenant report\`
writes the report of one of them (no tenant is read).

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
  --record <file>      Also write what the live run read, masked, as a recorded-responses file (with --probe,
                       its token and EWS answers too; never the secret, the token or a request body).
  --ews                Also the ten ews.* checks of the ERP's Exchange Online mail over OAuth (seed 004); with
                       --lab demo, the demo tenant's ERP cases.
  --ews-app-id <id>    The ERP app's client id.
  --ews-flow <flow>    delegated (user name & password) or app-only (client secret).
  --ews-mailbox <smtp> The mailbox the ERP reads and sends from.
  --ews-account <upn>  delegated: the ERP's account.
  --exo-settings <f>   The JSON that resources/powershell/exo/Get-ExoEwsSettings.ps1 printed (EwsEnabled,
                       EwsAllowedAppIDs, RBAC for Applications, application access policies); without it those
                       checks are unknown.
  --exo-run            Instead of --exo-settings: run Get-ExoEwsSettings.ps1 here through the ExchangeOnlineManagement
                       module (read-only; it signs in if no session is open, 5 minutes at most). If it cannot (no
                       module, no PowerShell, sign-in failed), those checks stay unknown and say why.
  --probe              Run the end-to-end token and EWS probe (needs network). The ERP's password or client
                       secret comes from --secret-from-file, EXREADY_SECRET_EWS_SECRET or a no-echo prompt.
                       With --recorded: replayed from the file's token and EWS answers (no network, no secret).
  --json               Print the results as JSON (check ids, statuses, evidence).
  --report <file>      Also write the tenant report, its format from the extension: .html, .pdf, .csv or .json.
  --history <dir>      Where tenant-runs/ is kept (default: the app's user data folder); every run is saved.
  --run <id|latest>    With report: the saved tenant run (its id from \`exready tenant runs\`, or the newest).
  -h, --help           Show this help.

Exit codes: 0 nothing failed, 1 a check failed, 2 bad input (or a file that cannot be replayed).
`;

export interface TenantCommandDeps {
  labs: Readonly<Record<string, readonly DemoTenantCase[]>>;
  /** The labs' Exchange Online mail cases, for --lab NAME --ews. */
  ewsLabs?: Readonly<Record<string, readonly DemoEwsCase[]>>;
  /** Where the probe's secret comes from; the entry point passes the process's. */
  secretSources?: SecretSources;
  /** --exo-run: reads the Exchange Online settings through ExchangeOnlineManagement (a stand-in in tests). */
  readExoLive?: (request: { appId: string; mailbox: string }) => Promise<ExoSettingsRead>;
  /** The probe (a stand-in in tests). */
  runProbe?: (options: EwsProbeOptions) => Promise<EwsProbeOutcome>;
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

export interface EwsOptions {
  clientId: string | null;
  flow: EwsFlow | null;
  mailbox: string | null;
  account: string | null;
  exoSettings: string | null;
  exoRun: boolean;
  probe: boolean;
  secretFromFile: string | null;
}

export interface TenantCheckOptions {
  source: Source;
  /** Null without --ews. */
  ews: EwsOptions | null;
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
  '--ews-app-id',
  '--ews-flow',
  '--ews-mailbox',
  '--ews-account',
  '--exo-settings',
  '--secret-from-file',
] as const;
type ValueOption = (typeof valueOptions)[number];
const isValueOption = (name: string): name is ValueOption =>
  (valueOptions as readonly string[]).includes(name);

function validated<S extends z.ZodType>(option: string, schema: S, value: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CliUsageError(`${option}: "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
}
/** An inventory field (its messages name the field and quote the value, as the window shows them). */
function validatedField<S extends z.ZodType>(option: string, schema: S, value: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CliUsageError(`${option}: ${parsed.error.issues[0]?.message ?? `"${value}" is not valid`}`);
}
const Guid = z.uuid('is not a GUID (application client id)').transform((value) => value.toLowerCase());

export function parseTenantArguments(args: readonly string[]): TenantCheckOptions | 'help' {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help') return 'help';
  if (sub !== 'check')
    throw new CliUsageError(`unknown tenant command '${sub}' (expected check, runs or report)`);
  const values = new Map<ValueOption, string[]>();
  let json = false;
  let deviceCode = false;
  let ews = false;
  let probe = false;
  let exoRun = false;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--exo-run') {
      exoRun = true;
      continue;
    }
    if (arg === '--ews' || arg === '--probe') {
      if (arg === '--ews') ews = true;
      else probe = true;
      continue;
    }
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
    ...new Set(
      (values.get('--domain') ?? []).map((value) => validatedField('--domain', FederatedDomain, value)),
    ),
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
      tenant: validatedField('--tenant', TenantName, tenant ?? ''),
      clientId: clientId === null ? null : validated('--client-id', Guid, clientId),
      deviceCode,
      record: one('--record'),
    };
  }
  return {
    source,
    ews: ewsArguments(ews, { probe, exoRun }, one, source),
    appId: appIdText === null ? null : validatedField('--app-id', ProvisioningAppId, appIdText),
    domains,
    idpHost: idpHostText === null ? null : validatedField('--idp-host', IdpSignInHost, idpHostText),
    json,
    report: report === null || reportFormat === null ? null : { path: report, format: reportFormat },
    history: one('--history'),
  };
}

const ewsValueOptions = [
  '--ews-app-id',
  '--ews-flow',
  '--ews-mailbox',
  '--ews-account',
  '--exo-settings',
  '--secret-from-file',
] as const;

function ewsArguments(
  ews: boolean,
  flags: { probe: boolean; exoRun: boolean },
  one: (option: ValueOption) => string | null,
  source: Source,
): EwsOptions | null {
  const { probe, exoRun } = flags;
  const given = [
    ...ewsValueOptions.filter((option) => one(option) !== null),
    ...(probe ? ['--probe'] : []),
    ...(exoRun ? ['--exo-run'] : []),
  ];
  if (!ews) {
    if (given.length > 0) throw new CliUsageError(`${given.join(', ')} only go with --ews`);
    return null;
  }
  if (source.kind === 'lab') {
    const extra = given;
    if (extra.length > 0)
      throw new CliUsageError(
        `${extra.join(', ')} do not go with --lab (the demo cases carry their own ERP, settings and simulated probe)`,
      );
    return {
      clientId: null,
      flow: null,
      mailbox: null,
      account: null,
      exoSettings: null,
      exoRun: false,
      probe: false,
      secretFromFile: null,
    };
  }
  if (exoRun && one('--exo-settings') !== null)
    throw new CliUsageError(
      '--exo-run does not go with --exo-settings (run the snippet here, or import what it printed: one of them)',
    );
  if (!probe && one('--secret-from-file') !== null)
    throw new CliUsageError('--secret-from-file only goes with --probe');
  if (source.kind === 'recorded' && one('--secret-from-file') !== null)
    throw new CliUsageError(
      '--secret-from-file does not go with --recorded (the probe is replayed: no secret)',
    );
  const clientId = one('--ews-app-id');
  const flowText = one('--ews-flow');
  const mailbox = one('--ews-mailbox');
  if (clientId === null)
    throw new CliUsageError("--ews-app-id <id> (the ERP app's client id) is required with --ews");
  if (flowText === null) throw new CliUsageError('--ews-flow <delegated|app-only> is required with --ews');
  if (mailbox === null)
    throw new CliUsageError('--ews-mailbox <smtp> (the mailbox the ERP reads) is required with --ews');
  const parsed = ExchangeOnlineMailInventory.safeParse({
    clientId,
    flow: flowText,
    mailbox,
    account: one('--ews-account'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'clientId');
    const option =
      { clientId: '--ews-app-id', flow: '--ews-flow', mailbox: '--ews-mailbox', account: '--ews-account' }[
        field
      ] ?? field;
    throw new CliUsageError(`${option}: ${issue?.message ?? 'is not valid'}`);
  }
  return {
    ...parsed.data,
    exoSettings: one('--exo-settings'),
    exoRun,
    probe,
    secretFromFile: one('--secret-from-file'),
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
): TenantTarget | null {
  const subjects = recordedSubjects(recording);
  const erpAppId = options.ews?.clientId ?? null;
  const appIds = subjects.appIds.filter((id) => id !== erpAppId);
  let appId = options.appId;
  // With --ews, a file recorded for the ERP alone holds no provisioning app: only the ews.* checks are judged.
  if (appId === null && erpAppId !== null && appIds.length === 0) return null;
  if (appId === null) {
    subjects.appIds = appIds;
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
  tenant: string,
  target: TenantTarget | null,
  outcome: TenantCheckOutcome,
  ews: EwsTarget | null,
): TenantReportBlock {
  const server = { fqdn: tenant, collection: 'collected' as const, results: outcome.results };
  const verdicts = [
    ...(target === null ? [] : [integrationVerdict('Microsoft 365', server)]),
    ...(ews === null ? [] : [integrationVerdict('Exchange Online mail', server)]),
  ];
  return {
    heading,
    about: [
      ...about,
      ...(target === null
        ? []
        : [
            `Provisioning app ${target.provisioningAppId}; domains ${target.federatedDomains.join(', ') || '(none)'}; IdP host ${target.idpSignInHost ?? '(not given)'}`,
          ]),
      ...(ews === null
        ? []
        : [
            `ERP app ${ews.clientId} (${ews.flow}); mailbox ${ews.mailbox}${ews.account === null ? '' : `; account ${ews.account}`}; Exchange Online settings ${ews.exo?.state === 'read' ? ews.exo.source : 'not read'}`,
          ]),
    ],
    verdicts,
    results: outcome.results,
    crossIntegration: outcome.crossIntegration.map((meeting) => meeting.line),
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface JudgedBlock extends TenantReportBlock {
  name: string | null;
  tenant: string;
  target: TenantTarget | null;
  ews: EwsTarget | null;
  outcome: TenantCheckOutcome;
}

/** The ERP's password or client secret for the probe: a file, the environment, then a no-echo prompt; never argv. */
async function probeSecret(ews: EwsOptions, sources: SecretSources | undefined): Promise<ProbeSecret> {
  const what =
    ews.flow === 'delegated'
      ? `the password of ${ews.account ?? 'the ERP account'}`
      : "the ERP app's client secret";
  if (ews.secretFromFile !== null) {
    let text: string;
    try {
      text = await readFile(ews.secretFromFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliUsageError(
        `--secret-from-file: ${ews.secretFromFile} ${code === 'ENOENT' ? 'does not exist' : 'cannot be read'}`,
      );
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new CliUsageError(`--secret-from-file: ${ews.secretFromFile} is empty (${what})`);
    return new ProbeSecret(value);
  }
  const fromEnv = sources?.env[secretEnvName(ewsSecretKey)];
  if (fromEnv !== undefined && fromEnv !== '') return new ProbeSecret(fromEnv);
  if (sources?.prompt === null || sources?.prompt === undefined)
    throw new CliUsageError(
      `--probe needs ${what}: give it with --secret-from-file FILE, ${secretEnvName(ewsSecretKey)} or at the prompt (no terminal here)`,
    );
  const typed = await sources.prompt(what);
  if (typed === '') throw new CliUsageError(`--probe: ${what} is empty`);
  return new ProbeSecret(typed);
}

const ewsSecretKey = 'ews_secret';

/** --exo-run: what the snippet read here, or the checks' unknown cause naming what failed. */
async function liveExoSettings(ews: EwsOptions, deps: TenantCommandDeps): Promise<ExoSettingsRead> {
  const appId = ews.clientId ?? '';
  const mailbox = ews.mailbox ?? '';
  if (deps.readExoLive === undefined)
    return {
      state: 'unknown',
      cause: '--exo-run: reading with ExchangeOnlineManagement is not available in this build',
      command: exoSnippetCommand(appId, mailbox),
    };
  return deps.readExoLive({ appId, mailbox });
}

async function ewsTargetOf(
  ews: EwsOptions,
  tenant: string,
  deps: TenantCommandDeps,
  /** --recorded: the probe is replayed from this file (no network, no secret); live: where its exchanges go. */
  recording: { replay: RecordedResponses } | { record: (responses: readonly RecordedResponse[]) => void },
): Promise<{ target: EwsTarget; probe: ((facts: EwsFacts) => Promise<CheckResult>) | undefined }> {
  const target: EwsTarget = {
    clientId: ews.clientId ?? '',
    flow: ews.flow ?? 'app-only',
    mailbox: ews.mailbox ?? '',
    account: ews.account,
    ...(ews.exoSettings === null ? {} : { exo: await readExoSettings(ews.exoSettings) }),
    ...(ews.exoRun ? { exo: await liveExoSettings(ews, deps) } : {}),
  };
  if (!ews.probe) return { target, probe: undefined };
  if ('replay' in recording) return { target, probe: replayedProbeStep(recording.replay, target) };
  const secret = await probeSecret(ews, deps.secretSources);
  const run = deps.runProbe ?? runEwsProbe;
  return {
    target,
    probe: async (facts) => {
      const outcome = await run({ ...probeOptionsFor(tenant, target, facts), secret });
      recording.record(outcome.recorded);
      return outcome.result;
    },
  };
}

async function judge(
  options: TenantCheckOptions,
  deps: TenantCommandDeps,
): Promise<{ simulated: boolean; source: SavedTenantRun['source']; blocks: JudgedBlock[] }> {
  const { source } = options;
  if (source.kind === 'lab') {
    const m365Cases = deps.labs[source.name];
    const ewsCases = deps.ewsLabs?.[source.name];
    const cases: readonly (DemoTenantCase | DemoEwsCase)[] | undefined =
      options.ews === null ? m365Cases : ewsCases;
    if (cases === undefined)
      throw new CliUsageError(
        `--lab: "${source.name}" is not a lab${options.ews === null ? '' : ' with Exchange Online mail cases'} (known: ${Object.keys(options.ews === null ? deps.labs : (deps.ewsLabs ?? {})).join(', ') || 'none'})`,
      );
    const chosen = source.caseName === null ? cases : cases.filter((entry) => entry.name === source.caseName);
    if (chosen.length === 0)
      throw new CliUsageError(
        `--case: "${source.caseName ?? ''}" is not a case of ${source.name}${options.ews === null ? '' : ' --ews'} (known: ${cases.map((entry) => entry.name).join(', ')})`,
      );
    const blocks: JudgedBlock[] = [];
    for (const entry of chosen) {
      const ews = 'ews' in entry ? entry.ews : null;
      const outcome = await replayTenantCheck(entry.recording, entry.target, ews ?? undefined);
      blocks.push({
        ...block(
          `SIMULATED tenant ${entry.recording.tenant}, case ${entry.name}`,
          [entry.description, `Recorded ${entry.recording.recordedAt} (simulated), judged as of then`],
          entry.recording.tenant,
          entry.target,
          outcome,
          ews,
        ),
        name: entry.name,
        tenant: entry.recording.tenant,
        target: entry.target,
        ews,
        outcome,
      });
    }
    return { simulated: true, source: 'lab', blocks };
  }
  if (source.kind === 'recorded') {
    const recording = await readRecordedResponses(source.file);
    const target = recordedTarget(recording, options, source.file);
    const ews =
      options.ews === null
        ? null
        : await ewsTargetOf(options.ews, recording.tenant, deps, { replay: recording });
    const reader = new ReplayGraphReader(recording);
    const outcome = await runTenantCheck(reader, target, {
      now: new Date(recording.recordedAt),
      simulated: recording.simulated === true,
      ...(ews === null ? {} : { ews: ews.target }),
      ...(ews?.probe === undefined ? {} : { probe: ews.probe }),
    });
    const simulated = recording.simulated === true;
    return {
      simulated,
      source: 'recorded',
      blocks: [
        {
          ...block(
            `${simulated ? 'SIMULATED tenant' : 'Tenant'} ${recording.tenant} (replayed from ${source.file})`,
            [
              `Recorded ${recording.recordedAt}, judged as of then`,
              ...(ews?.probe === undefined
                ? []
                : ['EWS probe replayed from the recording: no request sent, no secret asked']),
            ],
            recording.tenant,
            target,
            outcome,
            ews?.target ?? null,
          ),
          name: null,
          tenant: recording.tenant,
          target,
          ews: ews?.target ?? null,
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
  let session: LiveGraphSession | null = null;
  const ews =
    options.ews === null
      ? null
      : await ewsTargetOf(options.ews, source.tenant, deps, {
          record: (responses) => session?.record?.(responses),
        });
  session = await deps.openLive({
    tenant: source.tenant,
    clientId: source.clientId,
    deviceCode: source.deviceCode,
    recordTo: source.record,
  });
  try {
    const outcome = await runTenantCheck(session.reader, target, {
      now: deps.now(),
      simulated: false,
      ...(ews === null ? {} : { ews: ews.target }),
      ...(ews?.probe === undefined ? {} : { probe: ews.probe }),
    });
    return {
      simulated: false,
      source: 'live',
      blocks: [
        {
          ...block(
            `Tenant ${source.tenant}`,
            [`Read ${outcome.evaluatedAt}`],
            source.tenant,
            target,
            outcome,
            ews?.target ?? null,
          ),
          name: null,
          tenant: source.tenant,
          target,
          ews: ews?.target ?? null,
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
    tenant: entry.tenant,
    readAt: entry.outcome.evaluatedAt,
    provisioningAppId: entry.target?.provisioningAppId ?? '',
    federatedDomains: [...(entry.target?.federatedDomains ?? [])],
    idpSignInHost: entry.target?.idpSignInHost ?? null,
    ...(entry.ews === null ? {} : { exchangeOnlineMail: exchangeOnlineMailTargetOf(entry.ews) }),
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

/** The estate summary: one line per integration judged, then each cross-integration meeting once. */
export function estateLines(blocks: readonly TenantReportBlock[]): string[] {
  const verdicts = blocks.flatMap((entry) => entry.verdicts);
  const integrations = Integration.options.filter((integration) =>
    verdicts.some((verdict) => verdict.integration === integration),
  );
  return [
    ...integrations.map((integration) => estateReadiness(integration, verdicts).text),
    ...new Set(blocks.flatMap((entry) => entry.crossIntegration)),
  ];
}

/** `exready tenant check`: judges the tenant from a recording, the demo lab or (later) a live sign-in. */
export async function runTenantCommand(
  args: readonly string[],
  io: CliIo,
  deps: TenantCommandDeps,
): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if ((sub === 'runs' || sub === 'report') && !rest.some((arg) => arg === '-h' || arg === '--help')) {
    try {
      return await (sub === 'runs' ? runTenantRunsCommand : runTenantReportCommand)(rest, io, deps);
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      io.stderr(`exready tenant ${sub}: ${error.message}\n\n${tenantUsage}`);
      return ExitCode.badInput;
    }
  }
  let options: TenantCheckOptions | 'help';
  try {
    options = parseTenantArguments(sub === 'runs' || sub === 'report' ? ['--help'] : args);
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
    if (
      error instanceof CliUsageError ||
      error instanceof RecordedResponsesError ||
      error instanceof ExoSettingsError
    )
      return ExitCode.badInput;
    return options.source.kind === 'live' ? ExitCode.badInput : ExitCode.failed;
  }
  const results = judged.blocks.flatMap((entry) => entry.outcome.results);
  // Any ews.* result: the text and the JSON open with the EWS deadline, as the report's first page does.
  const erpIds = judged.blocks.flatMap((entry) => (entry.ews === null ? [] : [entry.ews.clientId]));
  const deadline = results.some((result) => result.checkId.startsWith('ews.'))
    ? ewsDeadlineNotice(deps.now(), [...new Set(erpIds)])
    : null;
  const document = {
    schemaVersion: 1,
    kind: 'exready-tenant-check',
    simulated: judged.simulated,
    ...(deadline === null ? {} : { exchangeOnlineMailDeadline: deadline }),
    cases: judged.blocks.map((entry) => ({
      case: entry.name,
      tenant: entry.tenant,
      provisioningAppId: entry.target?.provisioningAppId ?? null,
      federatedDomains: entry.target?.federatedDomains ?? [],
      idpSignInHost: entry.target?.idpSignInHost ?? null,
      ...(entry.ews === null
        ? {}
        : {
            exchangeOnlineMail: {
              clientId: entry.ews.clientId,
              flow: entry.ews.flow,
              mailbox: entry.ews.mailbox,
              account: entry.ews.account,
              exchangeOnlineSettings: entry.ews.exo?.state === 'read' ? entry.ews.exo.source : 'not read',
            },
          }),
      evaluatedAt: entry.outcome.evaluatedAt,
      verdict: entry.verdicts[0] ?? null,
      verdicts: entry.verdicts,
      crossIntegration: entry.crossIntegration,
      results: entry.outcome.results.map((result) => CheckResult.parse(result)),
    })),
    estate: estateLines(judged.blocks),
  };
  const saved = await saveTenantRuns(judged, options, io, deps);
  const reportWritten =
    options.report === null || (await writeTenantReport(saved.runs, options.report, io, deps));
  if (options.json) io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  else io.stdout(formatTenantText(judged.simulated, judged.blocks, document.estate, deadline));
  return results.some((result) => result.status === 'fail') || !saved.ok || !reportWritten
    ? ExitCode.failed
    : ExitCode.ok;
}
