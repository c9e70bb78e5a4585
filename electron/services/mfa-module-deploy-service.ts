import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { PowerShellHost } from '../powershell/powershell-host';
import { MfaPlanError } from './mfa-webconfig-service';

/** The one JSON line Deploy-ExreadyModuleFiles.ps1 prints. */
export const ModuleDeployResult = z.object({
  exreadyResult: z.literal(1),
  status: z.enum(['deployed', 'failed']),
  binPath: z.string(),
  createdBin: z.boolean(),
  files: z.array(
    z.object({
      name: z.string(),
      sha256: z.string(),
      fileVersion: z.string().nullable(),
      backup: z.string().nullable(),
    }),
  ),
  /** Whether the signatures were verified before the copy, or deployed unverified because the operator accepted it. */
  signature: z.string().nullable().default(null),
  error: z.string().nullable(),
});
export type ModuleDeployResult = z.infer<typeof ModuleDeployResult>;

export interface ModuleDeployDeps {
  host: PowerShellHost;
  audit: AuditLog;
  /** resources/powershell/webconfig/Deploy-ExreadyModuleFiles.ps1, resolved by the caller. */
  scriptPath: string;
  now: () => Date;
  operator: string;
  recheck: (server: string) => Promise<void>;
  timeoutMs?: number;
}

export interface ModuleDeployOutcome {
  outcome: 'succeeded' | 'failed';
  auditId: number;
  result: ModuleDeployResult | null;
  error: string | null;
}

function suffix(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `exready-${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.bak`;
}

/** The app's bin folder on the server, from the path IIS named in the collected facts. */
export function binPathOf(facts: CollectedServerFacts, appId: string): string {
  const app =
    facts.mfa?.status === 'collected' ? facts.mfa.value.apps.find((a) => a.app === appId) : undefined;
  if (app?.path.status !== 'collected')
    throw new MfaPlanError(`${facts.fqdn}: the physical path of ${appId} is not known; collect again first`);
  return `${app.path.value.physicalPath.replace(/[\\/]+$/, '')}\\bin`;
}

/** What to deploy, and whose Authenticode signature each DLL must carry (checked on the jump host before any copy). */
export interface ModuleDeployRequest {
  facts: CollectedServerFacts;
  appId: string;
  sourcePath: string;
  /** The signer's certificate subject the profile names; undefined refuses the deploy. */
  expectedSigner: string | undefined;
  /** Deploy even where signatures cannot be checked (no Get-AuthenticodeSignature): the operator accepted that risk. */
  acceptUnverifiedSignature?: boolean;
}

/** Copies the module DLLs from the admin's folder or zip to one server's app bin; audited; re-checks on success. */
export async function deployModuleFiles(
  request: ModuleDeployRequest,
  deps: ModuleDeployDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<ModuleDeployOutcome> {
  const binPath = binPathOf(request.facts, request.appId);
  const server = request.facts.fqdn;
  if (request.expectedSigner === undefined)
    throw new MfaPlanError(
      "The integration profile names no signer for the module's DLLs: their signatures cannot be checked, so nothing is deployed",
    );
  const parameters = {
    server,
    sourcePath: request.sourcePath,
    binPath,
    backupSuffix: suffix(deps.now()),
    expectedSigner: request.expectedSigner,
    acceptUnverifiedSignature: request.acceptUnverifiedSignature ?? false,
  };
  // Written and flushed before a file is copied; when it cannot be, nothing runs (AuditWriteError).
  const auditId = await deps.audit.intend({
    operator: deps.operator,
    server,
    action: `mfa.${request.appId}.bin.deploy`,
    parameters,
    before: null,
    undoes: null,
  });
  const lines: string[] = [];
  let result: ModuleDeployResult | null = null;
  let error: string | null = null;
  try {
    await deps.host.run(deps.scriptPath, parameters, {
      signal,
      timeoutMs: deps.timeoutMs ?? 300_000,
      onLine: (line) => lines.push(line),
    });
    const last = lines
      .map((line) => line.trim())
      .filter((line) => line.startsWith('{'))
      .at(-1);
    const parsed = last === undefined ? null : ModuleDeployResult.safeParse(JSON.parse(last));
    if (parsed?.success === true) result = parsed.data;
    else error = 'the deploy script printed no result';
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const outcome = result?.status === 'deployed' ? 'succeeded' : 'failed';
  error = error ?? result?.error ?? null;
  const unrecorded = await deps.audit
    .complete(auditId, {
      before: { replaced: result?.files.filter((f) => f.backup !== null).map((f) => f.backup) ?? [] },
      after: {
        files:
          result?.files.map((f) => ({ name: f.name, sha256: f.sha256, fileVersion: f.fileVersion })) ?? [],
        signature: result?.signature ?? null,
      },
      outcome,
      error,
    })
    .then(
      () => null,
      (thrown: unknown) =>
        `the outcome of audit entry ${auditId} could not be recorded: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
    );
  if (unrecorded !== null) error = error === null ? unrecorded : `${error}; ${unrecorded}`;
  if (outcome === 'succeeded') await deps.recheck(server).catch(() => undefined);
  return { outcome, auditId, result, error };
}
