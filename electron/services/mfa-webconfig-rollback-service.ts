import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { AuditOutcome } from '../../shared/audit/audit-entry';
import type { WebConfigBackupFacts } from '../../shared/facts/mfa-facts';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { PowerShellHost } from '../powershell/powershell-host';
import { preRollbackFileName } from '../webconfig/webconfig-backups';
import { MfaPlanError, WebConfigWriteResult } from './mfa-webconfig-service';
import { appFilePath, auditAndRecheck, intendChange, runResultScript } from './script-change';

/** Only an apply backup ExReady wrote beside the file: a bare name, no folder, no pre-rollback copy. */
const backupNamePattern = /^web\.config\.exready-(\d{8}-\d{6})\.bak$/;
const sha256Pattern = /^[0-9A-Fa-f]{64}$/;

/** The one JSON line Restore-ExreadyWebConfig.ps1 prints: the write result plus the backup's own hash. */
export const WebConfigRestoreResult = WebConfigWriteResult.extend({
  backupSha256: z.string().nullable(),
});
export type WebConfigRestoreResult = z.infer<typeof WebConfigRestoreResult>;

function collectedApp(facts: CollectedServerFacts, appId: string) {
  if (facts.mfa?.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the MFA facts were not collected; collect again first`);
  const app = facts.mfa.value.apps.find((item) => item.app === appId);
  if (app === undefined) throw new MfaPlanError(`${facts.fqdn}: no facts for the ${appId} app`);
  return app;
}

/** The app's web.config backups the collection listed, newest first; names that are not ExReady backups are left out. */
export function listWebConfigBackups(facts: CollectedServerFacts, appId: string): WebConfigBackupFacts[] {
  const app = collectedApp(facts, appId);
  if (app.backups.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the ${appId} backups were not listed; collect again first`);
  const stamp = (name: string) => backupNamePattern.exec(name)?.[1] ?? '';
  return app.backups.value
    .filter((backup) => backupNamePattern.test(backup.name))
    .sort((a, b) => stamp(b.name).localeCompare(stamp(a.name)));
}

export interface MfaRollbackDeps {
  host: PowerShellHost;
  audit: AuditLog;
  /** resources/powershell/webconfig/Restore-ExreadyWebConfig.ps1, resolved by the caller. */
  restoreScriptPath: string;
  now: () => Date;
  operator: string;
  recheck: (server: string) => Promise<void>;
  timeoutMs?: number;
  /** The lab host ran it: the audit entry says the change was simulated. */
  simulated?: boolean;
}

export interface MfaRollbackRequest {
  /** The collected facts of the server: the backups offered and the file's path come from them. */
  server: CollectedServerFacts;
  appId: string;
  /** The backup's file name, as listed by listWebConfigBackups. */
  backup: string;
  /** The web.config hash the admin saw: the server refuses if the file changed since. */
  currentSha256: string;
}

export interface MfaRollbackOutcome {
  outcome: Exclude<AuditOutcome, 'cancelled'>;
  auditId: number;
  before: string | null;
  after: string | null;
  /** The copy of the file as it was before the rollback (full path on the server). */
  preRollbackBackup: string | null;
  error: string | null;
  recheckError: string | null;
}

/** Why this backup may not be restored, or null: only a name the collection listed, matching the backup pattern. */
function refusal(request: MfaRollbackRequest): string | null {
  if (!backupNamePattern.test(request.backup)) return 'the backup name is not an ExReady web.config backup';
  const listed = listWebConfigBackups(request.server, request.appId).some((b) => b.name === request.backup);
  if (!listed) return `${request.backup} is not one of the listed backups; collect again first`;
  if (!sha256Pattern.test(request.currentSha256)) return 'the current hash is not a SHA-256';
  return null;
}

/** Restores one listed backup through PowerShell, audits the attempt whatever happens, then re-checks the server. */
export async function rollbackMfaWebConfig(
  request: MfaRollbackRequest,
  confirmation: { confirmed: boolean },
  deps: MfaRollbackDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<MfaRollbackOutcome> {
  if (!confirmation.confirmed) throw new MfaPlanError('the rollback was not confirmed');
  const { server: facts, appId } = request;
  const app = collectedApp(facts, appId);
  if (app.path.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the physical path of ${appId} is not known; collect again first`);
  const path = appFilePath(app.path.value.physicalPath, 'web.config');
  const preRollbackName = preRollbackFileName('web.config', deps.now());
  const parameters = {
    server: facts.fqdn,
    path,
    expectedSha256: request.currentSha256.toUpperCase(),
    backupName: request.backup,
    preRollbackName,
  };
  const refused = refusal(request);
  // Written and flushed before the file is touched; when it cannot be, nothing runs (AuditWriteError).
  const change = await intendChange(
    {
      operator: deps.operator,
      server: facts.fqdn,
      action: `webconfig.mfa.${appId}.rollback`,
      parameters: { app: appId, ...parameters },
      before: { sha256: parameters.expectedSha256 },
      undoes: null,
      simulated: deps.simulated ?? false,
    },
    deps,
  );
  let result: WebConfigRestoreResult | null = null;
  let error: string | null = refused;
  if (refused === null) {
    const run = await runResultScript({
      host: deps.host,
      scriptPath: deps.restoreScriptPath,
      parameters,
      schema: WebConfigRestoreResult,
      signal,
      timeoutMs: deps.timeoutMs ?? 120_000,
      label: 'the restore script',
    });
    result = run.result;
    error = run.error;
  }
  // Only a written file whose hash is the backup's counts as rolled back.
  let outcome: Exclude<AuditOutcome, 'cancelled'> = 'failed';
  if (refused !== null || result?.status === 'refused') outcome = 'refused';
  else if (
    result?.status === 'written' &&
    result.after !== null &&
    result.after.toUpperCase() === result.backupSha256?.toUpperCase()
  )
    outcome = 'succeeded';
  else if (result?.status === 'written')
    error = 'the file on the server does not have the hash of the backup';
  error = error ?? result?.error ?? null;
  const { auditId, recheckError, auditError } = await auditAndRecheck(
    change,
    {
      before: { sha256: result?.before ?? parameters.expectedSha256 },
      after: {
        sha256: result?.after ?? null,
        backupSha256: result?.backupSha256 ?? null,
        preRollbackBackup: result?.backup ?? null,
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
    preRollbackBackup: result?.backup ?? null,
    error: auditError === null ? error : [error, auditError].filter(Boolean).join('; '),
    recheckError,
  };
}
