import type { Inventory } from '../../shared/domain/inventory';
import { integrationVerdict } from '../../shared/readiness/readiness-verdict';
import type { TenantCheckOutcome } from '../../shared/tenant/tenant-check-contract';
import type { Attestation } from '../../shared/tenant/tenant-facts';
import type { InvokeHandlers } from '../ipc/router';
import type { DemoTenantCase } from '../lab/demo-tenant';
import { createAttestationStore } from '../tenant/attestation-store';
import type { TenantTarget } from '../tenant/collect-tenant-facts';
import { createGraphClient, type FetchLike } from '../tenant/graph-client';
import type { GraphSession } from '../tenant/graph-sign-in';
import { ReplayGraphReader } from '../tenant/replay-graph-reader';
import { runTenantCheck, type TenantCheckOutcome as RunOutcome } from '../tenant/tenant-check-run';

export interface TenantCheckConfig {
  userDataDir: string;
  now: () => Date;
  operator: () => string;
  inventory: () => Promise<Inventory>;
  /** The window's signed-in session (the sign-in handlers hold it). */
  session: () => Promise<GraphSession | null>;
  labs: Readonly<Record<'demo', readonly DemoTenantCase[]>>;
  /** Tests: a Graph stand-in instead of graph.microsoft.com. */
  graph?: { fetch: FetchLike; baseUrl: string };
}

type Handlers = Pick<InvokeHandlers, 'tenant:check' | 'tenant:attest'>;

/** The window's Microsoft 365 checks: the demo tenant replayed, or the signed-in tenant read live. */
export function createTenantCheckHandlers(config: TenantCheckConfig): Handlers {
  const attestations = createAttestationStore(config.userDataDir);

  const outcome = (
    target: TenantTarget,
    run: RunOutcome,
    extra: Pick<TenantCheckOutcome, 'case' | 'cases' | 'attestations'>,
  ): TenantCheckOutcome => ({
    tenant: target.tenant,
    simulated: run.facts?.simulated ?? false,
    evaluatedAt: run.evaluatedAt,
    provisioningAppId: target.provisioningAppId,
    federatedDomains: [...target.federatedDomains],
    idpSignInHost: target.idpSignInHost,
    results: run.results,
    verdict: integrationVerdict('Microsoft 365', {
      fqdn: target.tenant,
      collection: 'collected',
      results: run.results,
    }),
    operator: config.operator(),
    ...extra,
  });

  return {
    'tenant:check': async (request) => {
      if (request.source === 'lab') {
        const cases = config.labs[request.lab];
        const chosen = request.case === undefined ? cases[0] : cases.find((c) => c.name === request.case);
        if (chosen === undefined)
          throw new Error(
            `case: "${request.case ?? ''}" is not a case of the ${request.lab} lab (known: ${cases.map((c) => c.name).join(', ')})`,
          );
        const stored = await attestations.list(chosen.recording.tenant);
        const target = { ...chosen.target, attestations: mergeAttestations(chosen.target, stored) };
        // A replay is judged as of its recording, as the CLI's --lab demo judges it.
        const run = await runTenantCheck(new ReplayGraphReader(chosen.recording), target, {
          now: new Date(chosen.recording.recordedAt),
          simulated: true,
        });
        return outcome(target, run, {
          case: chosen.name,
          cases: cases.map((c) => ({ name: c.name, description: c.description })),
          attestations: stored,
        });
      }
      const tenant = request.microsoft365 ?? (await config.inventory()).microsoft365;
      if (tenant === undefined)
        throw new Error(
          'microsoft365: the inventory names no tenant: add the tenant and its provisioning app first',
        );
      const session = await config.session();
      if (session === null) throw new Error('tenant: not signed in to Microsoft 365: sign in first');
      const reader = createGraphClient({
        accessToken: () => session.accessToken(),
        ...(config.graph === undefined ? {} : { fetch: config.graph.fetch, baseUrl: config.graph.baseUrl }),
      });
      const stored = await attestations.list(tenant.tenant);
      const target: TenantTarget = { ...tenant, attestations: stored };
      const run = await runTenantCheck(reader, target, { now: config.now(), simulated: false });
      return outcome(target, run, { case: null, cases: [], attestations: stored });
    },
    'tenant:attest': async (request) => {
      const { tenant, ...attestation } = request;
      return { attestations: await attestations.save(tenant, attestation) };
    },
  };
}

/** The demo case's own attestations, with the ones admins stored for its tenant taking their check's place. */
function mergeAttestations(target: TenantTarget, stored: readonly Attestation[]): Attestation[] {
  const ids = new Set(stored.map((entry) => entry.checkId));
  return [...(target.attestations ?? []).filter((entry) => !ids.has(entry.checkId)), ...stored];
}
