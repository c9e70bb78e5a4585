import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { AuditOutcome } from '../../shared/audit/audit-entry';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { isSecretSettingKey, type DesiredSetting } from '../../shared/integrations/desired-settings';
import type { IntegrationProfile } from '../../shared/integrations/integration-profile';
import { maskSecret } from '../../shared/security/secrets';
import type { PowerShellHost } from '../powershell/powershell-host';
import { planIntegrationBytes } from '../webconfig/integration-plan';
import { backupFileName } from '../webconfig/webconfig-backups';
import type { WebConfigChange } from '../webconfig/webconfig-operations';
import { withPlannedContentFile } from './planned-content-file';
import { appFilePath, auditAndRecheck, intendChange, runResultScript } from './script-change';

/** The facts do not allow a plan (server not collected, app or file not read). */
export class MfaPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MfaPlanError';
  }
}

/** What the admin sees before confirming: no value of a secret, no file content. */
export interface MfaWebConfigPreview {
  server: string;
  app: string;
  path: string;
  /** Unified diff with secrets masked; empty when nothing changes. */
  diff: string;
  changes: readonly WebConfigChange[];
  beforeSha256: string;
  afterSha256: string;
  unchanged: boolean;
  /** The DLL the module entry needs in bin. */
  assemblyFile: string | null;
}

/** A plan ready to run: the preview plus the new bytes (which hold the secrets: never logged or shown). */
export interface MfaWebConfigPlan {
  preview: MfaWebConfigPreview;
  contentBase64: string;
  /** The settings with secret values masked, for the audit record. */
  maskedSettings: Record<string, string>;
}

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').toUpperCase();

/** Plans the profile's settings on the web.config bytes the collection read from this server. */
export function planMfaWebConfig(
  facts: CollectedServerFacts,
  appId: string,
  profile: IntegrationProfile,
  settings: readonly DesiredSetting[],
): MfaWebConfigPlan {
  if (facts.mfa?.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the MFA facts were not collected; collect again first`);
  const app = facts.mfa.value.apps.find((item) => item.app === appId);
  if (app === undefined) throw new MfaPlanError(`${facts.fqdn}: no facts for the ${appId} app`);
  if (app.path.status !== 'collected' || app.webConfig.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the ${appId} web.config was not read; collect again first`);
  const before = Buffer.from(app.webConfig.value.base64, 'base64');
  const beforeSha256 = hex(before);
  // The bytes must be the ones the server hashed: a damaged transfer is never planned on.
  if (beforeSha256 !== app.webConfig.value.sha256.toUpperCase())
    throw new MfaPlanError(
      `${facts.fqdn}: the ${appId} web.config bytes do not match the hash the server sent`,
    );
  const path = appFilePath(app.path.value.physicalPath, 'web.config');
  const planned = planIntegrationBytes(
    before,
    { profile, appId, settings },
    `${facts.fqdn}/${appId}/web.config`,
  );
  const after = planned.after;
  return {
    preview: {
      server: facts.fqdn,
      app: appId,
      path,
      diff: planned.plan.diff,
      changes: planned.plan.changes,
      beforeSha256,
      afterSha256: hex(after),
      unchanged: planned.plan.edit.changes.length === 0,
      assemblyFile: planned.plan.assemblyFile,
    },
    contentBase64: Buffer.from(after).toString('base64'),
    maskedSettings: Object.fromEntries(
      settings.map((s) => [
        s.key,
        s.secret || isSecretSettingKey(profile, s.key) ? maskSecret(s.value) : s.value,
      ]),
    ),
  };
}

/** The one JSON line Write-ExreadyWebConfig.ps1 prints. */
export const WebConfigWriteResult = z.object({
  exreadyResult: z.literal(1),
  status: z.enum(['written', 'refused', 'failed']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  backup: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebConfigWriteResult = z.infer<typeof WebConfigWriteResult>;

export interface MfaWebConfigServiceDeps {
  host: PowerShellHost;
  audit: AuditLog;
  /** resources/powershell/webconfig/Write-ExreadyWebConfig.ps1, resolved by the caller. */
  writeScriptPath: string;
  now: () => Date;
  operator: string;
  /** Re-collects and re-evaluates the server after a change (the check run service, for one server). */
  recheck: (server: string) => Promise<void>;
  timeoutMs?: number;
  /** The lab host ran it: the audit entry says the change was simulated. */
  simulated?: boolean;
}

/** The admin's explicit yes, for this plan's file as it was read. */
export interface ApplyConfirmation {
  confirmed: true;
  /** Must equal preview.beforeSha256: a confirmation for another version of the file is no confirmation. */
  beforeSha256: string;
}

export type ApplyOutcome =
  | { outcome: 'unchanged' }
  | {
      outcome: Exclude<AuditOutcome, 'cancelled'>;
      auditId: number;
      before: string | null;
      after: string | null;
      backup: string | null;
      error: string | null;
      /** The re-check failed after a successful write (the write still stands). */
      recheckError: string | null;
    };

/** Writes a planned web.config through PowerShell, audits the attempt whatever happens, then re-checks the server. */
export async function applyMfaWebConfig(
  plan: MfaWebConfigPlan,
  confirmation: ApplyConfirmation,
  deps: MfaWebConfigServiceDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<ApplyOutcome> {
  const { preview } = plan;
  if (!confirmation.confirmed || confirmation.beforeSha256 !== preview.beforeSha256)
    throw new MfaPlanError('the confirmation does not match this plan: preview it again and confirm');
  if (preview.unchanged) return { outcome: 'unchanged' };
  const backupName = backupFileName('web.config', deps.now());
  // Written and flushed before the file is touched; when it cannot be, nothing runs (AuditWriteError).
  const change = await intendChange(
    {
      operator: deps.operator,
      server: preview.server,
      action: `webconfig.mfa.${preview.app}.apply`,
      parameters: {
        app: preview.app,
        path: preview.path,
        backupName,
        expectedSha256: preview.beforeSha256,
        settings: plan.maskedSettings,
      },
      before: { sha256: preview.beforeSha256 },
      undoes: null,
      simulated: deps.simulated ?? false,
    },
    deps,
  );
  // The bytes travel as a file the script reads: the command text carries only its path.
  const run = await withPlannedContentFile(plan.contentBase64, (contentPath) =>
    runResultScript({
      host: deps.host,
      scriptPath: deps.writeScriptPath,
      parameters: {
        server: preview.server,
        path: preview.path,
        expectedSha256: preview.beforeSha256,
        contentPath,
        backupName,
      },
      schema: WebConfigWriteResult,
      signal,
      timeoutMs: deps.timeoutMs ?? 120_000,
      label: 'the write script',
    }),
  );
  const { result } = run;
  let error = run.error;
  // Only a written file whose hash is the planned one counts as done.
  let outcome: Exclude<AuditOutcome, 'cancelled'> = 'failed';
  if (result?.status === 'refused') outcome = 'refused';
  else if (result?.status === 'written' && result.after?.toUpperCase() === preview.afterSha256)
    outcome = 'succeeded';
  else if (result?.status === 'written') error = 'the file on the server does not have the planned hash';
  error = error ?? result?.error ?? null;
  const { auditId, recheckError, auditError } = await auditAndRecheck(
    change,
    {
      before: { sha256: result?.before ?? preview.beforeSha256 },
      after: {
        sha256: result?.after ?? null,
        plannedSha256: preview.afterSha256,
        backup: result?.backup ?? null,
      },
      outcome,
      error,
    },
    deps,
  );
  return {
    outcome,
    auditId,
    before: result?.before ?? null,
    after: result?.after ?? null,
    backup: result?.backup ?? null,
    error: auditError === null ? error : [error, auditError].filter(Boolean).join('; '),
    recheckError,
  };
}
