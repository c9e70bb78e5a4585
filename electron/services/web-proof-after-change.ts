import type { WebProbeApp } from '../../shared/prove/web-probe-classes';
import type { WebProbeResult, WebProofAfterChange } from '../../shared/prove/web-probe-result';
import type { AuditLog } from '../audit/audit-log';
import type { LabEstate } from '../lab/lab-estate';
import { probeWebApps, type WebProbeOptions } from '../prove/web-probe';
import { labEvaluationWithMfa, labWebProbe } from '../prove/web-probe-lab';
import { recordWebProof } from '../prove/web-proof';
import type { ProofHistory } from '../storage/proof-history';

export interface WebProofAfterChangeDeps {
  audit: AuditLog;
  operator: string;
  now: () => Date;
  /** Where the probe is kept (the proof history); absent: audited only. */
  proofs?: Pick<ProofHistory, 'save'>;
  /** The live probe (a stand-in in tests). */
  probeWeb?: (options: WebProbeOptions) => Promise<WebProbeResult>;
}

/**
 * After a web.config apply or rollback, probes the app from the jump host and audits the proof. Never throws:
 * the change already stands, so a probe that cannot run is reported beside it.
 */
export async function proveWebAfterChange(
  request: {
    server: string;
    app: WebProbeApp;
    idpHost: string | null;
    expectModule: boolean | null;
    trigger: string;
    lab: { name: string; estate: LabEstate } | null;
  },
  deps: WebProofAfterChangeDeps,
): Promise<WebProofAfterChange> {
  const idpHosts = request.idpHost === null ? [] : [request.idpHost];
  const probe = async (): Promise<WebProbeResult> => {
    if (request.lab === null)
      return (deps.probeWeb ?? ((options) => probeWebApps(options, deps.now)))({
        server: request.server,
        apps: [request.app],
        idpHosts,
        expectModule: request.expectModule,
      });
    const now = deps.now();
    const evaluation = (await labEvaluationWithMfa(request.lab.estate, now)).find(
      (item) => item.fqdn === request.server,
    );
    if (evaluation === undefined)
      throw new Error(`${request.server} is not in the lab "${request.lab.name}"`);
    return labWebProbe(
      evaluation,
      {
        apps: [request.app],
        expectModule: request.expectModule,
        idpHost: request.idpHost ?? 'mfa.contoso.com',
      },
      now,
    );
  };
  try {
    const { result, auditId } = await recordWebProof(
      { server: request.server, idpHosts, expectModule: request.expectModule, trigger: request.trigger },
      probe,
      {
        audit: deps.audit,
        operator: deps.operator,
        lab: request.lab?.name ?? null,
        ...(deps.proofs === undefined ? {} : { proofs: deps.proofs }),
      },
    );
    return { result, auditId, error: null };
  } catch (error) {
    return {
      result: null,
      auditId: null,
      error: `the OWA/ECP probe could not run: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
