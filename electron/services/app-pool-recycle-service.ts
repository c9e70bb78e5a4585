import { z } from 'zod';
import { exchangeAppPools } from '../../shared/integrations/exchange-app-pools';
import type { AuditLog } from '../audit/audit-log';
import type { AuditOutcome } from '../../shared/audit/audit-entry';
import type { PowerShellHost } from '../powershell/powershell-host';
import { MfaPlanError } from './mfa-webconfig-service';
import { auditAndRecheck, intendChange, runResultScript } from './script-change';

/** The one JSON line Restart-ExreadyAppPool.ps1 prints. */
export const AppPoolRecycleResult = z.object({
  exreadyResult: z.literal(1),
  status: z.enum(['healthy', 'timed-out', 'failed', 'refused']),
  appPool: z.string().nullable(),
  /** The last HTTP status the health probe got, or null when nothing answered. */
  statusCode: z.number().int().nullable(),
  attempts: z.number().int().min(0),
  seconds: z.number().int().min(0),
  error: z.string().nullable(),
});
export type AppPoolRecycleResult = z.infer<typeof AppPoolRecycleResult>;

export interface AppPoolRecycleDeps {
  host: PowerShellHost;
  audit: AuditLog;
  /** resources/powershell/webconfig/Restart-ExreadyAppPool.ps1, resolved by the caller. */
  scriptPath: string;
  operator: string;
  /** How long the server waits for healthcheck.htm to answer 200 after the recycle (default 300). */
  healthTimeoutSeconds?: number;
  /** The lab host ran it: the audit entry says the change was simulated. */
  simulated?: boolean;
}

export type RecycleHealth = 'healthy' | 'unhealthy-after-timeout' | 'failed' | 'refused';

export interface AppPoolRecycleOutcome {
  health: RecycleHealth;
  /** The audit outcome: only `healthy` is `succeeded`; a recycled pool that never answered 200 is `failed`. */
  outcome: Exclude<AuditOutcome, 'cancelled'>;
  auditId: number;
  appPool: string | null;
  lastStatusCode: number | null;
  attempts: number;
  seconds: number;
  error: string | null;
}

const auditOutcomes: Record<RecycleHealth, Exclude<AuditOutcome, 'cancelled'>> = {
  healthy: 'succeeded',
  'unhealthy-after-timeout': 'failed',
  failed: 'failed',
  refused: 'refused',
};

/** Recycles the app's Exchange app pool on one server and waits until its health check answers 200; audited. */
export async function recycleAndWaitHealthy(
  request: { server: string; appId: string },
  confirmation: { confirmed: boolean },
  deps: AppPoolRecycleDeps,
  signal: AbortSignal = new AbortController().signal,
): Promise<AppPoolRecycleOutcome> {
  if (!confirmation.confirmed) throw new MfaPlanError('the app pool recycle was not confirmed');
  const timeoutSeconds = Math.max(1, Math.round(deps.healthTimeoutSeconds ?? 300));
  const appPool = Object.hasOwn(exchangeAppPools, request.appId)
    ? exchangeAppPools[request.appId]
    : undefined;
  const parameters = { server: request.server, app: request.appId, timeoutSeconds };
  let result: AppPoolRecycleResult | null = null;
  let error: string | null = null;
  let health: RecycleHealth = 'failed';
  // Written and flushed before the pool is touched; when it cannot be, nothing runs (AuditWriteError).
  const change = await intendChange(
    {
      operator: deps.operator,
      server: request.server,
      action: `iis.apppool.${request.appId}.recycle`,
      parameters: { ...parameters, appPool: appPool ?? null },
      before: null,
      undoes: null,
      simulated: deps.simulated ?? false,
    },
    deps,
  );
  if (appPool === undefined) {
    health = 'refused';
    error = `no Exchange app pool is known for the ${request.appId} app`;
  } else {
    const run = await runResultScript({
      host: deps.host,
      scriptPath: deps.scriptPath,
      parameters,
      schema: AppPoolRecycleResult,
      signal,
      // The script's own wait, plus the recycle, the last probe (10 s) and the remoting round trip.
      timeoutMs: (timeoutSeconds + 90) * 1000,
      label: 'the app pool script',
    });
    result = run.result;
    error = run.error;
    if (result !== null && result.status !== 'refused' && result.appPool !== appPool) {
      health = 'failed';
      error = `the script recycled ${result.appPool ?? 'no pool'}, not ${appPool}`;
    } else if (result?.status === 'healthy') health = 'healthy';
    else if (result?.status === 'timed-out') health = 'unhealthy-after-timeout';
    else if (result?.status === 'refused') health = 'refused';
    error = error ?? result?.error ?? null;
    if (health === 'unhealthy-after-timeout')
      error = `not healthy after ${timeoutSeconds} s (last HTTP status ${result?.statusCode ?? 'none'})${error === null ? '' : `: ${error}`}`;
  }
  const outcome = auditOutcomes[health];
  const { auditId, auditError } = await auditAndRecheck(
    change,
    {
      before: null,
      after: {
        health,
        statusCode: result?.statusCode ?? null,
        attempts: result?.attempts ?? 0,
        seconds: result?.seconds ?? 0,
      },
      outcome,
      error,
    },
    { audit: deps.audit },
  );
  if (auditError !== null) error = error === null ? auditError : `${error}; ${auditError}`;
  return {
    health,
    outcome,
    auditId,
    appPool: result?.appPool ?? appPool ?? null,
    lastStatusCode: result?.statusCode ?? null,
    attempts: result?.attempts ?? 0,
    seconds: result?.seconds ?? 0,
    error,
  };
}
