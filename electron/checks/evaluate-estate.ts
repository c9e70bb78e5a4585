import type { CheckResult, CheckStatus } from '../../shared/checks/check-result';
import { CheckStatus as CheckStatusSchema } from '../../shared/checks/check-result';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import { findBuiltInProfile } from '../../shared/integrations/builtin-profiles';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import type { IntegrationProfile } from '../../shared/integrations/integration-profile';
import type { KeptProof } from '../../shared/prove/kept-proof';
import type { EvaluationContext } from './evaluation-context';
import { evaluateServer } from './evaluate-server';
import { newestProofOf, provedDelegationsOf, standingProofs, withProofNotes } from './proof-evidence';

export interface ServerEvaluation {
  fqdn: string;
  results: CheckResult[];
}

export type StatusTotals = Record<CheckStatus, number>;

/** The MFA profile a run collected for: named in the facts; absent when no server carries MFA facts (older files). */
function mfaProfileOf(saved: SavedFacts): IntegrationProfile | undefined {
  const parts = saved.servers.flatMap((server) =>
    server.status === 'collected' && server.mfa !== undefined ? [server.mfa] : [],
  );
  if (parts.length === 0) return undefined;
  const named = parts.flatMap((part) => (part.status === 'collected' ? [part.value.profileId] : []))[0];
  return (named === undefined ? undefined : findBuiltInProfile(named)) ?? monosignProfile;
}

/** The evaluation context a saved collection run describes, at the given time, with the proofs that still stand. */
export function contextOf(
  saved: SavedFacts,
  now: Date,
  proofs: readonly KeptProof[] = [],
): EvaluationContext {
  const context: EvaluationContext = {
    now,
    serviceAccount: saved.context.serviceAccount,
    syncServers: saved.context.syncServers,
    exchangeServers: saved.context.exchangeServers,
  };
  if (saved.context.serviceAccountSid !== undefined)
    context.serviceAccountSid = saved.context.serviceAccountSid;
  const mfaProfile = mfaProfileOf(saved);
  if (mfaProfile !== undefined) {
    context.mfaProfile = mfaProfile;
    context.peers = saved.servers;
  }
  const standing = standingProofs(proofs, now, saved.simulated === true);
  if (standing.length > 0) context.provedDelegation = provedDelegationsOf(standing);
  return context;
}

/**
 * Every server of a saved run, evaluated in file order. With the proof history, ad.delegation uses what was proved
 * and each check the server's newest standing proof confirms or contradicts says so.
 */
export function evaluateSavedFacts(
  saved: SavedFacts,
  now: Date,
  proofs: readonly KeptProof[] = [],
): ServerEvaluation[] {
  const context = contextOf(saved, now, proofs);
  const standing = standingProofs(proofs, now, saved.simulated === true);
  return saved.servers.map((server) => {
    const results = evaluateServer(server, context);
    const proof = newestProofOf(standing, server.fqdn);
    return { fqdn: server.fqdn, results: proof === undefined ? results : withProofNotes(results, proof) };
  });
}

export function countStatuses(results: readonly CheckResult[]): StatusTotals {
  const totals = Object.fromEntries(CheckStatusSchema.options.map((status) => [status, 0])) as StatusTotals;
  for (const result of results) totals[result.status] += 1;
  return totals;
}
