import type { CheckResult } from '../../shared/checks/check-result';
import type { Inventory } from '../../shared/domain/inventory';
import { integrationVerdict } from '../../shared/readiness/readiness-verdict';
import type { EwsFacts } from '../../shared/tenant/ews/ews-facts';
import type { EwsProbeOutcome } from '../../shared/tenant/ews/ews-probe-outcome';
import type {
  ExoLiveReadOutcome,
  ExoSettingsImport,
  TenantEwsCheckOutcome,
  TenantEwsCheckRequest,
} from '../../shared/tenant/ews/ews-window-contract';
import type { ExoSettingsRead } from '../../shared/tenant/ews/exo-settings';
import type { InvokeHandlers } from '../ipc/router';
import { RequestIssuesError } from '../ipc/request-issues-error';
import type { DemoEwsCase } from '../lab/demo-tenant-ews';
import type { TenantTarget } from '../tenant/collect-tenant-facts';
import { exoSnippetCommand, type EwsTarget } from '../tenant/ews/collect-ews-facts';
import { runEwsProbe } from '../tenant/ews/ews-probe';
import type { EwsProbeOptions } from '../tenant/ews/ews-probe-options';
import { ExoSettingsError, parseExoSettings } from '../tenant/ews/exo-settings-file';
import { ProbeSecret } from '../tenant/ews/probe-secret';
import { probeResponses, replayedProbeStep } from '../tenant/ews/replay-ews-probe';
import { ExoLiveReadError } from '../tenant/ews/read-exo-settings-live';
import { createGraphClient, type FetchLike } from '../tenant/graph-client';
import type { GraphReader } from '../tenant/graph-reader';
import type { GraphSession } from '../tenant/graph-sign-in';
import { ReplayGraphReader } from '../tenant/replay-graph-reader';
import { runTenantCheck } from '../tenant/tenant-check-run';

export interface TenantEwsConfig {
  now: () => Date;
  inventory: () => Promise<Inventory>;
  /** The window's signed-in session (the sign-in handlers hold it). */
  session: () => Promise<GraphSession | null>;
  labs: Readonly<Record<'demo', readonly DemoEwsCase[]>>;
  /** Tests: a Graph stand-in instead of graph.microsoft.com. */
  graph?: { fetch: FetchLike; baseUrl: string };
  /** Tests: the probe against a token endpoint and EWS stand-in; runEwsProbe otherwise. */
  runProbe?: (options: EwsProbeOptions) => Promise<EwsProbeOutcome>;
  /** tenant:read-exo-settings: Get-ExoEwsSettings.ps1 through ExchangeOnlineManagement (a stand-in in tests). */
  readExoLive?: (request: {
    appId: string;
    mailbox: string;
    signal: AbortSignal;
  }) => Promise<ExoSettingsRead>;
}

type Handlers = Pick<InvokeHandlers, 'tenant:check-ews' | 'tenant:read-exo-settings'>;

// The origin the window's import names for what the snippet read here.
const exoLiveOrigin = 'Get-ExoEwsSettings.ps1 run here with ExchangeOnlineManagement';

/** The snippet's output as an import for the re-check, or what failed (module-missing, sign-in, timeout...). */
async function readExoLiveOutcome(
  read: NonNullable<TenantEwsConfig['readExoLive']>,
  request: { appId: string; mailbox: string; signal: AbortSignal },
): Promise<ExoLiveReadOutcome> {
  try {
    const settings = await read(request);
    if (settings.state !== 'read') return { state: 'failed', code: 'bad-output', message: settings.cause };
    return { state: 'read', imported: { origin: exoLiveOrigin, text: JSON.stringify(settings.value) } };
  } catch (error) {
    // A cancel is the router's to answer (code cancelled), as for every operation.
    if (request.signal.aborted) throw request.signal.reason as Error;
    if (error instanceof ExoLiveReadError)
      return { state: 'failed', code: error.code, message: error.message };
    throw error;
  }
}

// The window's words for what the CLI says with --exo-settings and --probe.
const exoNotImported =
  'Graph cannot read the Exchange Online settings: run the read-only snippet shown under “What Graph cannot read” and import its JSON output';
const probeNotRun =
  'Run the probe in the window: type the ERP’s password or client secret (kept in memory for that one call, never stored or logged).';

/** The import as the rules see it, refused with its line:column or JSON field and why, naming the request field. */
function importedExo(imported: ExoSettingsImport, ews: EwsTarget): ExoSettingsRead {
  const refuse = (message: string) =>
    new RequestIssuesError(message, [{ path: 'exoSettings.text', message }]);
  let read: ExoSettingsRead;
  try {
    read = parseExoSettings(imported.text, imported.origin);
  } catch (error) {
    if (error instanceof ExoSettingsError) throw refuse(error.message);
    throw error;
  }
  if (read.state !== 'read') return read;
  if (read.value.appId.toLowerCase() !== ews.clientId.toLowerCase())
    throw refuse(
      `${imported.origin}: appId: the output is for app ${read.value.appId}, not the ERP app ${ews.clientId}: run the snippet shown for this app`,
    );
  if (read.value.mailbox.toLowerCase() !== ews.mailbox.toLowerCase())
    throw refuse(
      `${imported.origin}: mailbox: the output is for ${read.value.mailbox}, not the test mailbox ${ews.mailbox}: run the snippet shown for this mailbox`,
    );
  return read;
}

/** The ews.probe "not run" result in the window's words (the rule's remedy names the CLI's options). */
function windowWording(result: CheckResult): CheckResult {
  const notRun =
    result.checkId === 'ews.probe' &&
    result.status === 'unknown' &&
    typeof result.evidence.cause === 'string' &&
    result.evidence.cause.startsWith('not run');
  return notRun ? { ...result, remedy: probeNotRun } : result;
}

/** The window's Exchange Online mail checks: a demo ERP case replayed, or the inventory's ERP read live. */
export function createTenantEwsHandlers(config: TenantEwsConfig): Handlers {
  async function judge(
    reader: GraphReader,
    m365: TenantTarget | null,
    tenant: string,
    ews: EwsTarget,
    request: TenantEwsCheckRequest,
    context: {
      now: Date;
      simulated: boolean;
      probe: ((facts: EwsFacts) => Promise<CheckResult>) | undefined;
    },
    extra: Pick<TenantEwsCheckOutcome, 'case' | 'cases'>,
  ): Promise<TenantEwsCheckOutcome> {
    const snippetCommand = exoSnippetCommand(ews.clientId, ews.mailbox);
    const exo: ExoSettingsRead =
      request.exoSettings !== null
        ? importedExo(request.exoSettings, ews)
        : (ews.exo ?? { state: 'unknown', cause: exoNotImported, command: snippetCommand });
    const run = await runTenantCheck(reader, m365, {
      now: context.now,
      simulated: context.simulated,
      ews: { ...ews, exo, probe: null },
      ...(context.probe === undefined ? {} : { probe: context.probe }),
    });
    const results = run.results.filter((result) => result.checkId.startsWith('ews.')).map(windowWording);
    return {
      tenant,
      simulated: context.simulated,
      evaluatedAt: run.evaluatedAt,
      clientId: ews.clientId,
      flow: ews.flow,
      mailbox: ews.mailbox,
      account: ews.account,
      results,
      verdict: integrationVerdict('Exchange Online mail', { fqdn: tenant, collection: 'collected', results }),
      crossIntegration: run.crossIntegration.map((meeting) => meeting.line),
      exo:
        exo.state === 'read' ? { state: 'read', source: exo.source } : { state: 'unknown', cause: exo.cause },
      snippetCommand,
      probed: context.probe !== undefined,
      ...extra,
    };
  }

  return {
    'tenant:read-exo-settings': async (request, { signal }) => {
      if (request.source === 'lab')
        throw new Error(
          'source: the demo lab reads nothing from Exchange Online: its ERP cases carry their own simulated settings (import a snippet output to try others)',
        );
      const mail = request.exchangeOnlineMail ?? (await config.inventory()).exchangeOnlineMail;
      if (mail === undefined)
        throw new Error(
          "exchangeOnlineMail: the inventory names no ERP: add its app's client id, flow and test mailbox first",
        );
      if (config.readExoLive === undefined)
        throw new Error('tenant:read-exo-settings: no PowerShell is configured for this window');
      return readExoLiveOutcome(config.readExoLive, {
        appId: mail.clientId,
        mailbox: mail.mailbox,
        signal,
      });
    },
    'tenant:check-ews': async (request, context) => {
      if (request.source === 'lab') {
        const cases = config.labs[request.lab];
        const chosen = request.case === undefined ? cases[0] : cases.find((c) => c.name === request.case);
        if (chosen === undefined)
          throw new Error(
            `case: "${request.case ?? ''}" is not a case of the ${request.lab} lab (known: ${cases.map((c) => c.name).join(', ')})`,
          );
        const simulatedProbe = chosen.ews.probe;
        // A case's probe is a simulated outcome, or the probe's answers recorded with its Graph responses.
        const recordedProbe = probeResponses(chosen.recording).length > 0;
        const hasProbe = (simulatedProbe !== undefined && simulatedProbe !== null) || recordedProbe;
        if (request.probe !== null && !hasProbe)
          throw new Error(
            `probe: the demo case ${chosen.name} carries no simulated probe outcome (its ERP was not probed)`,
          );
        // The demo probe is simulated or replayed: the typed secret is checked for presence only, then dropped.
        const probe =
          request.probe === null || !hasProbe
            ? undefined
            : simulatedProbe !== undefined && simulatedProbe !== null
              ? () => Promise.resolve(simulatedProbe)
              : replayedProbeStep(chosen.recording, chosen.ews);
        // A replay is judged as of its recording, as the CLI's --lab demo --ews judges it.
        return judge(
          new ReplayGraphReader(chosen.recording),
          chosen.target,
          chosen.recording.tenant,
          chosen.ews,
          request,
          { now: new Date(chosen.recording.recordedAt), simulated: true, probe },
          { case: chosen.name, cases: cases.map((c) => ({ name: c.name, description: c.description })) },
        );
      }
      const inventory = await config.inventory();
      const mail = request.exchangeOnlineMail ?? inventory.exchangeOnlineMail;
      if (mail === undefined)
        throw new Error(
          "exchangeOnlineMail: the inventory names no ERP: add its app's client id, flow and test mailbox first",
        );
      const tenant = inventory.microsoft365;
      if (tenant === undefined)
        throw new Error(
          'microsoft365: the inventory names no tenant: add the tenant the ERP signs in to first',
        );
      const session = await config.session();
      if (session === null) throw new Error('tenant: not signed in to Microsoft 365: sign in first');
      const reader = createGraphClient({
        accessToken: () => session.accessToken(),
        ...(config.graph === undefined ? {} : { fetch: config.graph.fetch, baseUrl: config.graph.baseUrl }),
      });
      const ews: EwsTarget = {
        clientId: mail.clientId,
        flow: mail.flow,
        mailbox: mail.mailbox,
        account: mail.flow === 'delegated' ? mail.account : null,
      };
      const typed = request.probe === null ? null : new ProbeSecret(request.probe.secret);
      const run = config.runProbe ?? runEwsProbe;
      const probe =
        typed === null
          ? undefined
          : async (facts: EwsFacts) => {
              const changedAt =
                facts.application.state === 'read' ? facts.application.value.createdDateTime : null;
              const outcome = await run({
                tenant: tenant.tenant,
                clientId: ews.clientId,
                flow: ews.flow,
                mailbox: ews.mailbox,
                ...(ews.account === null ? {} : { account: ews.account }),
                secret: typed,
                signal: context.signal,
                ...(changedAt === null || changedAt === undefined
                  ? {}
                  : { appChangedAt: new Date(changedAt) }),
              });
              // Cancelled: the router answers "cancelled"; a cancelled probe is never judged as a result.
              context.signal.throwIfAborted();
              return outcome.result;
            };
      return judge(
        reader,
        tenant,
        tenant.tenant,
        ews,
        request,
        { now: config.now(), simulated: false, probe },
        { case: null, cases: [] },
      );
    },
  };
}
