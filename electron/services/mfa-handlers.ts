import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import { resolveDesiredSettings } from '../../shared/integrations/desired-settings';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { InvokeHandlers } from '../ipc/router';
import { AuditLog } from '../audit/audit-log';
import type { PowerShellHost } from '../powershell/powershell-host';
import type { SecretStore } from '../secrets/secret-store';
import { RunHistory } from '../storage/run-history';
import { recycleAndWaitHealthy } from './app-pool-recycle-service';
import { deployModuleFiles } from './mfa-module-deploy-service';
import { applyMfaWebConfig, planMfaWebConfig, type MfaWebConfigPlan } from './mfa-webconfig-service';
import { listWebConfigBackups, rollbackMfaWebConfig } from './mfa-webconfig-rollback-service';

export interface MfaHandlersConfig {
  userDataDir: string;
  scriptsDir: string;
  now: () => Date;
  operator: () => string;
  /** Main's safeStorage-backed store; absent where no encryption exists (then secrets are refused). */
  secrets: SecretStore | null;
  /** The long-lived PowerShell pool on the jump host, opened on first use. */
  host: () => Promise<PowerShellHost>;
  /** Re-collects and re-evaluates one server after a change, saving a new run. */
  recheck: (server: string) => Promise<void>;
  /** Asks the admin for the module's folder or zip (main shows Windows' dialog); null when cancelled. */
  chooseModuleSource: () => Promise<string | null>;
}

type MfaHandlers = Pick<
  InvokeHandlers,
  | 'secrets:list'
  | 'secrets:set'
  | 'mfa:plan'
  | 'mfa:apply'
  | 'mfa:backups'
  | 'mfa:rollback'
  | 'mfa:recycle'
  | 'mfa:deploy-module'
>;

const noSecrets = 'Secrets cannot be stored here: Windows data protection (safeStorage) is not available.';

/** The MFA module's web.config flow for the window: settings and secrets, plan, apply, backups, rollback, recycle. */
export function createMfaHandlers(config: MfaHandlersConfig): MfaHandlers {
  const history = new RunHistory(config.userDataDir);
  const audit = new AuditLog(join(config.userDataDir, 'audit.jsonl'));
  // Planned content stays in main: the renderer only ever sees the masked preview and the plan's id.
  const plans = new Map<string, MfaWebConfigPlan>();

  async function serverFacts(runId: string, server: string): Promise<CollectedServerFacts> {
    const run = await history.open(runId);
    if (run.savedFacts.simulated === true)
      throw new Error('This run is simulated (demo estate): there is no server to change.');
    const facts = run.savedFacts.servers.find((entry) => entry.fqdn === server);
    if (facts === undefined) throw new Error(`${server} is not in run ${runId}`);
    if (facts.status !== 'collected')
      throw new Error(`${server} was unreachable in run ${runId}: check it again first`);
    return facts;
  }

  const changeDeps = async () => ({
    host: await config.host(),
    audit,
    now: config.now,
    operator: config.operator(),
    recheck: config.recheck,
  });

  return {
    'secrets:list': async () => ({ names: config.secrets === null ? [] : await config.secrets.names() }),
    'secrets:set': async (request) => {
      if (config.secrets === null) throw new Error(noSecrets);
      await config.secrets.set(request.name, request.value);
      return { names: await config.secrets.names() };
    },
    'mfa:plan': async (request) => {
      const facts = await serverFacts(request.runId, request.server);
      const secretValues = await Promise.all(
        monosignProfile.appSettings
          .filter((setting) => setting.secret)
          .map(async (setting) => ({
            key: setting.key,
            value: (await config.secrets?.get(setting.key)) ?? null,
          })),
      );
      const missing = secretValues.filter((entry) => entry.value === null).map((entry) => entry.key);
      if (missing.length > 0)
        throw new Error(`Store ${missing.join(' and ')} first (they are kept encrypted, never sent back).`);
      const resolution = resolveDesiredSettings(monosignProfile, [
        ...request.settings,
        ...secretValues.map((entry) => ({ key: entry.key, value: entry.value ?? '' })),
      ]);
      if (!resolution.ok) throw new Error(resolution.problems.join('; '));
      const plan = planMfaWebConfig(facts, request.app, monosignProfile, resolution.settings);
      const planId = randomUUID();
      plans.set(planId, plan);
      return { planId, ...plan.preview, changes: [...plan.preview.changes] };
    },
    'mfa:apply': async (request) => {
      const plan = plans.get(request.planId);
      if (plan === undefined) throw new Error('This plan is no longer known: plan the change again.');
      plans.delete(request.planId);
      return applyMfaWebConfig(
        plan,
        { confirmed: request.confirmed, beforeSha256: request.beforeSha256 },
        {
          ...(await changeDeps()),
          writeScriptPath: join(config.scriptsDir, 'webconfig', 'Write-ExreadyWebConfig.ps1'),
        },
      );
    },
    'mfa:backups': async (request) =>
      listWebConfigBackups(await serverFacts(request.runId, request.server), request.app).map(
        (backup) => backup.name,
      ),
    'mfa:rollback': async (request) => {
      const facts = await serverFacts(request.runId, request.server);
      const app =
        facts.mfa?.status === 'collected'
          ? facts.mfa.value.apps.find((a) => a.app === request.app)
          : undefined;
      if (app?.webConfig.status !== 'collected')
        throw new Error(`${request.server}: the ${request.app} web.config was not read`);
      return rollbackMfaWebConfig(
        {
          server: facts,
          appId: request.app,
          backup: request.backup,
          currentSha256: app.webConfig.value.sha256,
        },
        { confirmed: request.confirmed },
        {
          ...(await changeDeps()),
          restoreScriptPath: join(config.scriptsDir, 'webconfig', 'Restore-ExreadyWebConfig.ps1'),
        },
      );
    },
    'mfa:deploy-module': async (request) => {
      const facts = await serverFacts(request.runId, request.server);
      const sourcePath = await config.chooseModuleSource();
      if (sourcePath === null)
        return { deployed: false, outcome: null, auditId: null, error: null, files: [] };
      const deployed = await deployModuleFiles(
        { facts, appId: request.app, sourcePath },
        {
          ...(await changeDeps()),
          scriptPath: join(config.scriptsDir, 'webconfig', 'Deploy-ExreadyModuleFiles.ps1'),
        },
      );
      return {
        deployed: deployed.outcome === 'succeeded',
        outcome: deployed.outcome,
        auditId: deployed.auditId,
        error: deployed.error,
        files: (deployed.result?.files ?? []).map((file) => ({
          name: file.name,
          fileVersion: file.fileVersion,
        })),
      };
    },
    'mfa:recycle': async (request) =>
      recycleAndWaitHealthy(
        { server: request.server, appId: request.app },
        { confirmed: request.confirmed },
        {
          ...(await changeDeps()),
          scriptPath: join(config.scriptsDir, 'webconfig', 'Restart-ExreadyAppPool.ps1'),
        },
      ),
  };
}
