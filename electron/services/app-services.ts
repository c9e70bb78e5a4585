import { demoEstate } from '../lab/demo-estate';
import { productName } from '../../shared/product';
import type { StartupNotice } from '../../shared/domain/startup-notice';
import { currentOperator } from '../audit/operator';
import { chromiumPrintToPdf } from '../reports/report-pdf';
import { createCheckRunsHandlers, type CheckRunsConfig } from './check-runs-handlers';
import { createMfaHandlers, type MfaHandlersConfig } from './mfa-handlers';
import { createFixHandlers } from './fix-handlers';
import { createLabFixHost } from '../lab/lab-fix-host';
import { locateExecutable } from '../powershell/executable-locator';
import { openNodePowerShellHost } from '../powershell/node-powershell-host';
import type { PowerShellHost } from '../powershell/powershell-host';
import type { InvokeHandlers } from '../ipc/router';
import { discoverExchangeServers } from './exchange-discovery';
import { parseInventoryCsv } from './inventory-csv';
import { InventoryService } from './inventory-service';
import { openPowerShellCollection } from './powershell-collection';
import { probePowerShell } from './powershell-probe-service';
import { storedRunKeySource } from '../secrets/secret-store';
import { processRunKey } from '../webconfig/run-webconfig-protection';
import type { HostResolver } from '../fixes/firewall-addresses';
import { createTenantSignInHandlers, type TenantSignInConfig } from './tenant-sign-in-handlers';
import { createTenantCheckHandlers, type TenantCheckConfig } from './tenant-check-handlers';
import { demoTenantCases } from '../lab/demo-tenant';
import type { HeldSecrets } from '../logging/held-secrets';
import type { ProofProcess } from './connection-proof-service';
import { createProveHandlers } from './prove-handlers';
import { demoEwsCases } from '../lab/demo-tenant-ews';
import { createTenantEwsHandlers, type TenantEwsConfig } from './tenant-ews-handlers';
import { readExoSettingsLive } from '../tenant/ews/read-exo-settings-live';

export interface AppServicesConfig {
  userDataDir: string;
  logDirectory: string;
  version: string;
  platform: NodeJS.Platform;
  /** resources/powershell: collectors, fixes and probes. */
  scriptsDir: string;
  powershellCandidates: readonly string[];
  powershellTimeoutMs?: number;
  now?: () => Date;
  /** Unreadable user-data files main moved aside at start-up, for the window to say. */
  startupNotices?: readonly StartupNotice[];
  /** What main provides to check runs and reports (dialogs, printToPDF, secrets); defaults suit the CLI and tests. */
  checkRuns?: Partial<Omit<CheckRunsConfig, 'userDataDir' | 'appVersion' | 'now'>>;
  /** The secret store and PowerShell host of the MFA change flow; main passes safeStorage's store. */
  mfa?: Partial<Pick<MfaHandlersConfig, 'secrets' | 'host' | 'chooseModuleSource' | 'probeWeb'>>;
  /** How the firewall fix's host names become addresses in the preview; DNS unless given (tests pass a fake). */
  resolveHost?: HostResolver;
  /** Microsoft 365 sign-in: main passes safeStorage and shell.openExternal; by default nothing at rest and no browser. */
  tenant?: Partial<Omit<TenantSignInConfig, 'userDataDir'>> &
    Pick<TenantCheckConfig, 'graph'> &
    Pick<TenantEwsConfig, 'runProbe' | 'readExoLive'>;
  /** Passwords typed for one proof: main's log redactor masks them while the proof runs. */
  heldSecrets?: HeldSecrets;
  /** The process the connection proof runs in (tests pass a stand-in); the first PowerShell found otherwise. */
  proofProcess?: () => Promise<ProofProcess>;
}

async function locateProofProcess(candidates: readonly string[]): Promise<ProofProcess> {
  const executable = await locateExecutable(candidates);
  if (executable === null) throw new Error(`no PowerShell found (looked for ${candidates.join(', ')})`);
  return { executable };
}

/** The services behind every IPC channel: plain Node, shared by the app, the CLI and the tests. */
export function createInvokeHandlers(config: AppServicesConfig): InvokeHandlers {
  const now = config.now ?? (() => new Date());
  const inventory = new InventoryService(config.userDataDir, now);
  const probeOptions = {
    candidates: config.powershellCandidates,
    scriptsDir: config.scriptsDir,
    timeoutMs: config.powershellTimeoutMs ?? 30_000,
  };

  // One install key for every run this process saves and plans from: the store's, or this process's own.
  const runKey =
    config.mfa?.secrets == null ? processRunKey : storedRunKeySource(config.mfa.secrets, processRunKey);
  // The demo estate of this session: fixes change it, and later checks of it show the change.
  const demoLab = createLabFixHost(demoEstate);
  const checkRuns = createCheckRunsHandlers(
    {
      userDataDir: config.userDataDir,
      appVersion: config.version,
      now,
      runKey,
      labs: {
        get demo() {
          return demoLab.estate();
        },
      },
      openCollection: () =>
        openPowerShellCollection({ executable: null, scriptsDir: config.scriptsDir, poolSize: 1 }),
      printToPdf: chromiumPrintToPdf,
      chooseSaveFile: () => Promise.resolve(null),
      knownSecrets: () => [],
      operator: currentOperator,
      ...config.checkRuns,
    },
    inventory,
  );

  // One PowerShell pool on the jump host for every change, opened on first use.
  let host: Promise<PowerShellHost> | null = null;
  const powershellHost =
    config.mfa?.host ?? (() => (host ??= openNodePowerShellHost({ executable: null, poolSize: 2 })));
  const mfa = createMfaHandlers({
    userDataDir: config.userDataDir,
    scriptsDir: config.scriptsDir,
    now,
    operator: config.checkRuns?.operator ?? currentOperator,
    secrets: config.mfa?.secrets ?? null,
    runKey,
    host: powershellHost,
    labHost: (name) => (name === 'demo' ? demoLab : undefined),
    recheck: checkRuns.recheckServer,
    chooseModuleSource: config.mfa?.chooseModuleSource ?? (() => Promise.resolve(null)),
    ...(config.mfa?.probeWeb === undefined ? {} : { probeWeb: config.mfa.probeWeb }),
  });

  const fixes = createFixHandlers({
    userDataDir: config.userDataDir,
    scriptsDir: config.scriptsDir,
    operator: config.checkRuns?.operator ?? currentOperator,
    host: powershellHost,
    labHost: (name) => (name === 'demo' ? demoLab : undefined),
    recheck: checkRuns.recheckServer,
    chooseSaveFile: (name) =>
      (config.checkRuns?.chooseSaveFile ?? (() => Promise.resolve(null)))(name, 'ps1'),
    now,
    ...(config.resolveHost === undefined ? {} : { resolveHost: config.resolveHost }),
  });

  const tenant = createTenantSignInHandlers({
    userDataDir: config.userDataDir,
    encryptor: config.tenant?.encryptor ?? null,
    openBrowser:
      config.tenant?.openBrowser ??
      (() => Promise.reject(new Error('no browser to sign in with in this process'))),
    ...(config.tenant?.authority === undefined ? {} : { authority: config.tenant.authority }),
  });

  const tenantChecks = createTenantCheckHandlers({
    userDataDir: config.userDataDir,
    now,
    operator: config.checkRuns?.operator ?? currentOperator,
    inventory: () => inventory.get(),
    session: () => tenant.session(),
    labs: { demo: demoTenantCases },
    ...(config.tenant?.graph === undefined ? {} : { graph: config.tenant.graph }),
  });

  const proofs = createProveHandlers({
    userDataDir: config.userDataDir,
    scriptsDir: config.scriptsDir,
    now,
    operator: config.checkRuns?.operator ?? currentOperator,
    proofProcess: config.proofProcess ?? (() => locateProofProcess(config.powershellCandidates)),
    lab: (name) => (name === 'demo' ? demoLab.estate() : undefined),
    ...(config.heldSecrets === undefined ? {} : { heldSecrets: config.heldSecrets }),
    ...(config.mfa?.probeWeb === undefined ? {} : { probeWeb: config.mfa.probeWeb }),
  });

  const tenantEws = createTenantEwsHandlers({
    now,
    inventory: () => inventory.get(),
    session: () => tenant.session(),
    labs: { demo: demoEwsCases },
    ...(config.tenant?.graph === undefined ? {} : { graph: config.tenant.graph }),
    ...(config.tenant?.runProbe === undefined ? {} : { runProbe: config.tenant.runProbe }),
    readExoLive:
      config.tenant?.readExoLive ??
      (async (request) =>
        readExoSettingsLive({
          ...request,
          executable: await locateExecutable(config.powershellCandidates),
          scriptsDir: config.scriptsDir,
        })),
  });

  return {
    ...checkRuns.handlers,
    ...proofs,
    ...tenantChecks,
    ...tenantEws,
    'tenant:sign-in': tenant['tenant:sign-in'],
    'tenant:sign-out': tenant['tenant:sign-out'],
    'tenant:sign-in-state': tenant['tenant:sign-in-state'],
    ...fixes,
    ...mfa,
    'app:get-info': () =>
      Promise.resolve({
        productName,
        version: config.version,
        platform: config.platform,
        logDirectory: config.logDirectory,
        startupNotices: [...(config.startupNotices ?? [])],
      }),
    'inventory:get': () => inventory.get(),
    'inventory:add-exchange-servers': (request) => inventory.addExchangeServers(request.fqdns),
    'inventory:remove-exchange-server': (request) => inventory.removeExchangeServer(request.fqdn),
    'inventory:add-sync-servers': (request) => inventory.addSyncServers(request.fqdns),
    'inventory:remove-sync-server': (request) => inventory.removeSyncServer(request.fqdn),
    'inventory:set-service-account': (request) => inventory.setServiceAccount(request.account),
    'inventory:set-microsoft365': (request) => inventory.setMicrosoft365(request.microsoft365),
    'inventory:set-exchange-online-mail': (request) =>
      inventory.setExchangeOnlineMail(request.exchangeOnlineMail),
    'inventory:import-csv': async (request) => {
      const parsed = parseInventoryCsv(request.text);
      if (!parsed.ok) {
        return {
          ok: false,
          problems: parsed.problems.map((p) => `${request.fileName}:${p.line}: ${p.message}`),
        };
      }
      const updated = await inventory.addEntries(parsed.entries, 'csv');
      const count = (role: string) => parsed.entries.filter((entry) => entry.role === role).length;
      return { ok: true, inventory: updated, exchangeServers: count('exchange'), syncServers: count('sync') };
    },
    'inventory:discover-exchange-servers': async (_request, context) => {
      const found = await discoverExchangeServers({ ...probeOptions, signal: context.signal });
      const updated = await inventory.addEntries(found.entries, 'active-directory');
      return { inventory: updated, discovered: found.entries.length, skipped: found.skipped };
    },
    'environment:probe-powershell': (request, context) =>
      probePowerShell(probeOptions, request.operationId, context.signal, context.events),
  };
}
