import type { CheckResult, CheckStatus } from '../../shared/checks/check-result';
import { CheckStatus as CheckStatusSchema } from '../../shared/checks/check-result';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import type { EvaluationContext } from './evaluation-context';
import { evaluateServer } from './evaluate-server';

export interface ServerEvaluation {
  fqdn: string;
  results: CheckResult[];
}

export type StatusTotals = Record<CheckStatus, number>;

/** The evaluation context a saved collection run describes, at the given time. */
export function contextOf(saved: SavedFacts, now: Date): EvaluationContext {
  return {
    now,
    serviceAccount: saved.context.serviceAccount,
    syncServers: saved.context.syncServers,
    exchangeServers: saved.context.exchangeServers,
  };
}

/** Every server of a saved run, evaluated in file order. */
export function evaluateSavedFacts(saved: SavedFacts, now: Date): ServerEvaluation[] {
  const context = contextOf(saved, now);
  return saved.servers.map((server) => ({ fqdn: server.fqdn, results: evaluateServer(server, context) }));
}

export function countStatuses(results: readonly CheckResult[]): StatusTotals {
  const totals = Object.fromEntries(CheckStatusSchema.options.map((status) => [status, 0])) as StatusTotals;
  for (const result of results) totals[result.status] += 1;
  return totals;
}
