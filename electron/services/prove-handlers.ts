import { join } from 'node:path';
import { defaultSecondHop } from '../../shared/prove/proof-result';
import type { ConnectionProofAnswer } from '../../shared/prove/prove-contract';
import { AuditLog } from '../audit/audit-log';
import type { InvokeHandlers } from '../ipc/router';
import type { LabEstate } from '../lab/lab-estate';
import type { HeldSecrets } from '../logging/held-secrets';
import { runAuditedConnectionProof, type ProofContext } from '../prove/connection-proof-run';
import { labProofContext, latestMfaView, latestProofContext } from '../prove/proof-context';
import { probeWebApps, type WebProbeOptions, type WebProbeResult } from '../prove/web-probe';
import { labEvaluationWithMfa, labWebProbe } from '../prove/web-probe-lab';
import { recordWebProof, webProbeSummary } from '../prove/web-proof';
import { ProofHistory } from '../storage/proof-history';
import { RunHistory } from '../storage/run-history';
import {
  connectionProofScript,
  runConnectionProof,
  withoutSecret,
  type ConnectionProofRequest,
  type ProofProcess,
} from './connection-proof-service';

export interface ProveHandlersConfig {
  userDataDir: string;
  scriptsDir: string;
  now: () => Date;
  operator: () => string;
  /** The PowerShell the proof script starts in, its own process (the password goes to its standard input). */
  proofProcess: () => Promise<ProofProcess>;
  /** The labs by name, as they stand now (fixes change the demo estate). */
  lab: (name: string) => LabEstate | undefined;
  /** Where the typed password is masked in every log line while the proof holds it. */
  heldSecrets?: HeldSecrets;
  /** The live OWA/ECP probe (a stand-in in tests). */
  probeWeb?: (options: WebProbeOptions) => Promise<WebProbeResult>;
}

type Handlers = Pick<InvokeHandlers, 'prove:connection' | 'prove:web'>;

/** prove:connection and prove:web: the window's Prove buttons, through the same audited runs as the CLI. */
export function createProveHandlers(config: ProveHandlersConfig): Handlers {
  const audit = new AuditLog(join(config.userDataDir, 'audit.jsonl'));
  // Kept as the CLI's are: later checks and the reports' Proved column read them.
  const proofs = new ProofHistory(config.userDataDir);
  const labOf = (name: string | null) => {
    if (name === null) return null;
    const estate = config.lab(name);
    if (estate === undefined) throw new Error(`there is no lab "${name}"`);
    return { name, estate };
  };

  return {
    'prove:connection': async (request, context): Promise<ConnectionProofAnswer> => {
      const lab = labOf(request.lab);
      const now = config.now();
      const secondHop =
        request.secondHop === null
          ? defaultSecondHop(request.exchangeServer)
          : { ...defaultSecondHop(request.exchangeServer), uri: request.secondHop };
      // The password lives in this call only: held for the log redactor, masked out of every error text.
      const password = request.lab === null ? request.password : null;
      const release = config.heldSecrets?.hold(password ?? '') ?? (() => undefined);
      const typed: ConnectionProofRequest = {
        syncServer: request.syncServer,
        exchangeServer: request.exchangeServer,
        serviceAccount: request.serviceAccount,
        password: password ?? '',
        secondHop,
      };
      const clean = (text: string) => withoutSecret(text, typed);
      try {
        const proofContext: ProofContext | null =
          lab === null
            ? await latestProofContext(config.userDataDir, request.exchangeServer, now)
            : await labProofContext(lab.estate, request.exchangeServer, now);
        const run = await runAuditedConnectionProof(
          {
            exchangeServer: request.exchangeServer,
            syncServer: request.syncServer,
            serviceAccount: request.serviceAccount,
            secondHop,
            simulate: null,
            lab,
            password,
          },
          {
            audit,
            operator: config.operator(),
            now: config.now,
            context: proofContext,
            clean,
            proofs,
            signal: context.signal,
            runProof: async (proof) => {
              return runConnectionProof(
                await config.proofProcess(),
                connectionProofScript(config.scriptsDir),
                proof,
                context.signal,
              );
            },
          },
        );
        if (run.kind === 'could-not-run') return { kind: run.kind, auditId: run.auditId, error: run.error };
        if (run.kind === 'refused')
          return { kind: run.kind, auditId: run.auditId, error: clean(run.refused) };
        if (run.kind === 'not-in-lab')
          return {
            kind: run.kind,
            auditId: run.auditId,
            error: `${request.syncServer} or ${request.exchangeServer} is not a server of the lab "${lab?.name ?? ''}"`,
          };
        const { proof } = run;
        return {
          kind: 'proved',
          auditId: run.auditId,
          simulated: proof.simulated,
          outcome: proof.outcome,
          exchangeServer: proof.result.exchangeServer,
          syncServer: proof.result.syncServer,
          serviceAccount: proof.result.serviceAccount,
          hops: proof.hops.map((hop) => ({
            hop: hop.hop,
            target: hop.target,
            outcome: hop.outcome,
            durationMs: hop.durationMs,
            error: hop.error === null ? null : { ...hop.error, message: clean(hop.error.message) },
            failure:
              hop.failure === null
                ? null
                : {
                    id: hop.failure.id,
                    label: hop.failure.label,
                    remedy: hop.failure.remedy,
                    predictedBy: [...hop.failure.predictedBy],
                  },
          })),
          exchangeServerSeen: proof.result.exchangeServerSeen,
          delegation: {
            kind: run.delegation.kind,
            secondHop: run.delegation.secondHop,
            text: run.delegation.text,
          },
          delegationVerdict: run.delegationVerdict,
          notes: run.notes,
        };
      } catch (error) {
        // The operator's Cancel goes back as it came, so the router answers "cancelled".
        context.signal.throwIfAborted();
        // Whatever failed may have echoed the request: the router logs and answers this text.
        throw new Error(clean(error instanceof Error ? error.message : String(error)));
      } finally {
        release();
      }
    },

    'prove:web': async (request) => {
      const lab = labOf(request.lab);
      const server = request.server;
      const view = await latestMfaView(new RunHistory(config.userDataDir), server, lab !== null);
      const idpHosts = view.idpHost === null ? [] : [view.idpHost];
      const probe = async (): Promise<WebProbeResult> => {
        if (lab === null) {
          const live = config.probeWeb ?? ((given) => probeWebApps(given, config.now));
          return live({ server, apps: ['owa', 'ecp'], idpHosts, expectModule: view.expectModule });
        }
        const now = config.now();
        const evaluation = (await labEvaluationWithMfa(lab.estate, now)).find((item) => item.fqdn === server);
        if (evaluation === undefined) throw new Error(`${server} is not a server of the lab "${lab.name}"`);
        return labWebProbe(
          evaluation,
          {
            apps: ['owa', 'ecp'],
            expectModule: view.expectModule,
            idpHost: idpHosts[0] ?? 'mfa.contoso.com',
          },
          now,
        );
      };
      const { result, auditId } = await recordWebProof(
        { server, idpHosts, expectModule: view.expectModule, trigger: 'on demand (the window)' },
        probe,
        { audit, operator: config.operator(), lab: lab?.name ?? null, proofs },
      );
      return { auditId, summary: webProbeSummary(result), result };
    },
  };
}
