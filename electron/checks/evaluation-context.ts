import type { CheckResult } from '../../shared/checks/check-result';
import type { CollectedServerFacts, SyncServerFacts } from '../../shared/facts/server-facts';

/** What a rule knows besides the server's facts; time is passed in so rules stay pure. */
export interface EvaluationContext {
  now: Date;
  /** The account the sync service connects with, e.g. CONTOSO\svc-sync; null when not set in the inventory. */
  serviceAccount: string | null;
  /** The sync servers with their client-side facts (TrustedHosts). */
  syncServers: readonly SyncServerFacts[];
  exchangeServers: readonly string[];
}

export type RemotingRule = (facts: CollectedServerFacts, context: EvaluationContext) => CheckResult;
