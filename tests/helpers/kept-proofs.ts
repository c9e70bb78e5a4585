import { demoEstate } from '../../electron/lab/demo-estate';
import { simulateProof } from '../../electron/lab/demo-proof';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import { keptRemoteProofOf, type KeptRemoteProof } from '../../shared/prove/kept-proof';
import { delegationProof, proofOutcome } from '../../shared/prove/proof-findings';

// Proofs of the demo estate as the history keeps them, built from the demo's simulated proof (electron/lab/demo-proof.ts).

let sequence = 0;

export function demoKeptProof(
  saved: SavedFacts,
  server: string,
  options: {
    at: Date;
    /** A failure class instead of the server's own demo story. */
    simulate?: string;
    /** Every hop worked (whatever the demo story says). */
    works?: boolean;
    simulated?: boolean;
    auditId?: number;
  },
): KeptRemoteProof {
  const result = simulateProof(demoEstate, {
    syncServer: 'sync01.contoso.com',
    serviceAccount: 'CONTOSO\\svc-sync',
    exchangeServer: server,
    simulate: options.simulate ?? null,
  });
  if (result === null) throw new Error(`${server} is not a demo server`);
  const script =
    options.works === true
      ? {
          ...result,
          hops: result.hops.map((hop) => ({ ...hop, outcome: 'succeeded' as const, error: null })),
        }
      : result;
  const simulated = options.simulated ?? true;
  const proof = proofOutcome(script, simulated);
  const facts = saved.servers.find((item) => item.fqdn === server);
  const computer =
    facts?.status === 'collected' && facts.adComputer.status === 'collected' ? facts.adComputer.value : null;
  sequence += 1;
  return {
    ...keptRemoteProofOf(proof, delegationProof(server, computer, proof.hops), {
      auditId: options.auditId ?? sequence,
      at: options.at,
      lab: simulated ? 'demo' : null,
    }),
    sequence,
    proofId: `proof-test-${sequence}`,
  };
}
