import { keptWebProofOf } from '../../shared/prove/kept-proof';
import type { AuditLog } from '../audit/audit-log';
import type { ProofHistory } from '../storage/proof-history';
import type { WebProbeResult } from './web-probe';

/** One line per app for the audit entry, the CLI and the window: "owa: error-fe-500 (fail)". */
export function webProbeSummary(result: WebProbeResult): string {
  const apps = result.apps.map((probe) => `${probe.app}: ${probe.probeClass} (${probe.status})`);
  const health = result.health.map(
    (item) =>
      `${item.app} health check: ${item.httpStatus ?? item.error?.code ?? 'no answer'} (${item.status})`,
  );
  return [...apps, ...health].join('; ');
}

export interface WebProofDeps {
  audit: AuditLog;
  operator: string;
  lab: string | null;
  /** Where the probe is kept once its audit entry is complete; absent: audited only. */
  proofs?: Pick<ProofHistory, 'save'>;
}

/**
 * Records a web probe in the audit log as an action with its outcome: it changes nothing, so its intent's
 * before-value is null and it has no undo; a failing probe is a failed action with what failed.
 */
export async function recordWebProof(
  request: { server: string; idpHosts: readonly string[]; expectModule: boolean | null; trigger: string },
  probe: () => Promise<WebProbeResult>,
  deps: WebProofDeps,
): Promise<{ result: WebProbeResult; auditId: number }> {
  const auditId = await deps.audit.intend({
    operator: deps.operator,
    server: request.server,
    action: 'prove.web',
    parameters: {
      idpHosts: [...request.idpHosts],
      expectModule: request.expectModule,
      trigger: request.trigger,
    },
    before: null,
    undoes: null,
    simulated: deps.lab !== null,
    lab: deps.lab,
  });
  let result: WebProbeResult;
  try {
    result = await probe();
  } catch (error) {
    await deps.audit.complete(auditId, {
      before: null,
      after: null,
      outcome: 'failed',
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  const passed = result.status === 'pass';
  await deps.audit.complete(auditId, {
    before: null,
    after: {
      status: result.status,
      apps: result.apps.map((app) => ({ app: app.app, probeClass: app.probeClass, status: app.status })),
      health: result.health.map((item) => ({
        app: item.app,
        status: item.status,
        httpStatus: item.httpStatus,
      })),
    },
    outcome: passed ? 'succeeded' : 'failed',
    error: passed ? null : webProbeSummary(result),
  });
  await deps.proofs?.save(keptWebProofOf(result, { auditId, lab: deps.lab, trigger: request.trigger }));
  return { result, auditId };
}
