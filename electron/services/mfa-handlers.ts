import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { demoSecretValues } from '../lab/demo-mfa';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import { resolveDesiredSettings } from '../../shared/integrations/desired-settings';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { InvokeHandlers } from '../ipc/router';
import type { LabFixHost } from '../lab/lab-fix-host';
import { AuditLog } from '../audit/audit-log';
import type { PowerShellHost } from '../powershell/powershell-host';
import type { SecretStore } from '../secrets/secret-store';
import { ProofHistory } from '../storage/proof-history';
import { RunHistory } from '../storage/run-history';
import { revealWebConfigs, type RunKeySource } from '../webconfig/run-webconfig-protection';
import { recycleAndWaitHealthy } from './app-pool-recycle-service';
import { deployModuleFiles } from './mfa-module-deploy-service';
import { mfaViewOf } from '../prove/mfa-view';
import { proveWebAfterChange, type WebProofAfterChangeDeps } from './web-proof-after-change';
import { applyMfaWebConfig, planMfaWebConfig, type MfaWebConfigPlan } from './mfa-webconfig-service';
import { listWebConfigBackups, rollbackMfaWebConfig } from './mfa-webconfig-rollback-service';

export interface MfaHandlersConfig {
  userDataDir: string;
  scriptsDir: string;
  now: () => Date;
  operator: () => string;
  /** Main's safeStorage-backed store; absent where no encryption exists (then secrets are refused). */
  secrets: SecretStore | null;
  /** The install key saved runs were sealed with; their web.config bytes are opened with it to plan. */
  runKey?: RunKeySource;
  /** The long-lived PowerShell pool on the jump host, opened on first use. */
  host: () => Promise<PowerShellHost>;
  /** The demo lab's host: a simulated run's web.config changes go to the lab, never to a server. */
  labHost: (name: string) => LabFixHost | undefined;
  /** Re-collects and re-evaluates one server after a change (in the lab when named), saving a new run. */
  recheck: (server: string, labName: string | null) => Promise<void>;
  /** Asks the admin for the module's folder or zip (main shows Windows' dialog); null when cancelled. */
  chooseModuleSource: () => Promise<string | null>;
  /** The OWA/ECP probe run after every apply and rollback (a stand-in in tests). */
  probeWeb?: WebProofAfterChangeDeps['probeWeb'];
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

/** The one lab the window offers. */
const demoLab = 'demo';

const noSecrets = 'Secrets cannot be stored here: Windows data protection (safeStorage) is not available.';

/** The MFA module's web.config flow for the window: settings and secrets, plan, apply, backups, rollback, recycle. */
export function createMfaHandlers(config: MfaHandlersConfig): MfaHandlers {
  const history = new RunHistory(config.userDataDir, config.runKey);
  const audit = new AuditLog(join(config.userDataDir, 'audit.jsonl'));
  // Planned content stays in main: the renderer only ever sees the masked preview and the plan's id.
  const plans = new Map<string, { plan: MfaWebConfigPlan; lab: string | null }>();

  /** The server's facts in a run, and the lab its changes go to (a simulated run is the demo estate's). */
  async function serverFacts(
    runId: string,
    server: string,
  ): Promise<{ facts: CollectedServerFacts; lab: string | null }> {
    const run = await history.open(runId);
    const lab = run.savedFacts.simulated === true ? demoLab : null;
    if (lab !== null && config.labHost(lab) === undefined)
      throw new Error('This run is simulated (demo estate): there is no server to change.');
    const facts = run.savedFacts.servers.find((entry) => entry.fqdn === server);
    if (facts === undefined) throw new Error(`${server} is not in run ${runId}`);
    if (facts.status !== 'collected')
      throw new Error(`${server} was unreachable in run ${runId}: check it again first`);
    return { facts, lab };
  }

  /** The host a change runs on: a simulated plan never falls through to the real servers. */
  async function changeHost(lab: string | null): Promise<PowerShellHost> {
    if (lab === null) return config.host();
    const labHost = config.labHost(lab);
    if (labHost === undefined)
      throw new Error(`There is no lab "${lab}": a simulated change has no server to go to.`);
    return labHost.host;
  }

  const changeDeps = async (lab: string | null) => ({
    host: await changeHost(lab),
    audit,
    now: config.now,
    operator: config.operator(),
    recheck: (server: string) => config.recheck(server, lab),
    simulated: lab !== null,
  });

  const proveAfterChange = (
    server: string,
    app: string,
    lab: string | null,
    expectation: { idpHost: string | null; expectModule: boolean | null; trigger: string },
  ) => {
    const labHost = lab === null ? undefined : config.labHost(lab);
    return proveWebAfterChange(
      {
        server,
        app: app === 'ecp' ? 'ecp' : 'owa',
        ...expectation,
        lab: lab === null || labHost === undefined ? null : { name: lab, estate: labHost.estate() },
      },
      {
        audit,
        operator: config.operator(),
        now: config.now,
        proofs: new ProofHistory(config.userDataDir),
        ...(config.probeWeb === undefined ? {} : { probeWeb: config.probeWeb }),
      },
    );
  };

  /** The stored secret, or in the demo estate its made-up value (the lab holds no real secret). */
  const secretValue = async (key: string, lab: string | null) =>
    lab === null ? ((await config.secrets?.get(key)) ?? null) : (demoSecretValues[key] ?? null);

  return {
    'secrets:list': async () => ({ names: config.secrets === null ? [] : await config.secrets.names() }),
    'secrets:set': async (request) => {
      if (config.secrets === null) throw new Error(noSecrets);
      await config.secrets.set(request.name, request.value);
      return { names: await config.secrets.names() };
    },
    'mfa:plan': async (request) => {
      const { facts, lab } = await serverFacts(request.runId, request.server);
      const secretValues = await Promise.all(
        monosignProfile.appSettings
          .filter((setting) => setting.secret)
          .map(async (setting) => ({ key: setting.key, value: await secretValue(setting.key, lab) })),
      );
      const missing = secretValues.filter((entry) => entry.value === null).map((entry) => entry.key);
      if (missing.length > 0)
        throw new Error(`Store ${missing.join(' and ')} first (they are kept encrypted, never sent back).`);
      const resolution = resolveDesiredSettings(
        monosignProfile,
        [...request.settings, ...secretValues.map((entry) => ({ key: entry.key, value: entry.value ?? '' }))],
        request.extra === null ? [] : [request.extra],
      );
      if (!resolution.ok) throw new Error(resolution.problems.join('; '));
      // Planned on the bytes the server sent, opened from the run's sealed copy (the run shows only hashes).
      const revealed = revealWebConfigs(facts, await history.keySource());
      const plan = planMfaWebConfig(revealed, request.app, monosignProfile, resolution.settings);
      const planId = randomUUID();
      plans.set(planId, { plan, lab });
      return { planId, ...plan.preview, changes: [...plan.preview.changes], simulated: lab !== null };
    },
    'mfa:apply': async (request) => {
      const held = plans.get(request.planId);
      if (held === undefined) throw new Error('This plan is no longer known: plan the change again.');
      plans.delete(request.planId);
      const outcome = await applyMfaWebConfig(
        held.plan,
        { confirmed: request.confirmed, beforeSha256: request.beforeSha256 },
        {
          ...(await changeDeps(held.lab)),
          writeScriptPath: join(config.scriptsDir, 'webconfig', 'Write-ExreadyWebConfig.ps1'),
        },
      );
      if (outcome.outcome !== 'succeeded') return outcome;
      const apiUrl = held.plan.maskedSettings.MONOSIGN_API_URL;
      const webProof = await proveAfterChange(held.plan.preview.server, held.plan.preview.app, held.lab, {
        idpHost: apiUrl !== undefined && URL.canParse(apiUrl) ? new URL(apiUrl).hostname : null,
        // The plan registers the module: from now on OWA/ECP must hand browsers to the identity provider.
        expectModule: true,
        trigger: `after web.config apply (audit entry ${outcome.auditId})`,
      });
      return { ...outcome, webProof };
    },
    'mfa:backups': async (request) =>
      listWebConfigBackups((await serverFacts(request.runId, request.server)).facts, request.app).map(
        (backup) => backup.name,
      ),
    'mfa:rollback': async (request) => {
      const { facts, lab } = await serverFacts(request.runId, request.server);
      const app =
        facts.mfa?.status === 'collected'
          ? facts.mfa.value.apps.find((a) => a.app === request.app)
          : undefined;
      if (app?.webConfig.status !== 'collected')
        throw new Error(`${request.server}: the ${request.app} web.config was not read`);
      const outcome = await rollbackMfaWebConfig(
        {
          server: facts,
          appId: request.app,
          backup: request.backup,
          currentSha256: app.webConfig.value.sha256,
        },
        { confirmed: request.confirmed },
        {
          ...(await changeDeps(lab)),
          restoreScriptPath: join(config.scriptsDir, 'webconfig', 'Restore-ExreadyWebConfig.ps1'),
        },
      );
      if (outcome.outcome !== 'succeeded') return outcome;
      const run = await history.open(request.runId);
      const view = mfaViewOf(run.results.find((item) => item.fqdn === request.server)?.results ?? []);
      const webProof = await proveAfterChange(request.server, request.app, lab, {
        idpHost: view.idpHost,
        // What the backup holds is not known here: the probe reports what answers without judging the module.
        expectModule: null,
        trigger: `after web.config rollback (audit entry ${outcome.auditId})`,
      });
      return { ...outcome, webProof };
    },
    'mfa:deploy-module': async (request) => {
      const { facts, lab } = await serverFacts(request.runId, request.server);
      if (lab !== null) throw new Error('The demo estate does not simulate copying the module files.');
      const sourcePath = await config.chooseModuleSource();
      if (sourcePath === null)
        return { deployed: false, outcome: null, auditId: null, error: null, files: [] };
      const deployed = await deployModuleFiles(
        {
          facts,
          appId: request.app,
          sourcePath,
          expectedSigner: monosignProfile.module.signer,
          acceptUnverifiedSignature: request.acceptUnverifiedSignature,
        },
        {
          ...(await changeDeps(null)),
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
          ...(await changeDeps(request.lab)),
          scriptPath: join(config.scriptsDir, 'webconfig', 'Restart-ExreadyAppPool.ps1'),
        },
      ),
  };
}
