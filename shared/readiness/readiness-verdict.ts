import { z } from 'zod';
import type { CheckResult } from '../checks/check-result';
import { Integration, integrationOf } from './integration';

/**
 * One integration's readiness on one server. Blocking counts failed checks and checks that could not be read:
 * a fact nobody read can never make a server ready.
 */
export const ReadinessKind = z.enum(['ready', 'ready-with-risks', 'not-ready', 'not-checked']);
export type ReadinessKind = z.infer<typeof ReadinessKind>;

export const ReadinessVerdict = z.object({
  integration: Integration,
  kind: ReadinessKind,
  /** Failed checks plus checks whose facts could not be read. */
  blocking: z.number().int().nonnegative(),
  /** Of the blocking checks, those that could not be read (unknown). */
  unread: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  acceptedRisks: z.number().int().nonnegative(),
  /** The ids of the blocking checks, failed first, in result order. */
  blockingChecks: z.array(z.string()),
  /** Why the integration was not checked; null otherwise. */
  notCheckedReason: z.string().nullable(),
  /** The verdict in words, the same in the window, the CLI and every report. */
  text: z.string().min(1),
});
export type ReadinessVerdict = z.infer<typeof ReadinessVerdict>;

export interface ServerOutcome {
  fqdn: string;
  /** 'unreachable' when no fact could be collected; the reason says why. */
  collection: 'collected' | 'unreachable';
  /** The connection failure in words, for an unreachable server. */
  unreachableReason?: string;
  results: readonly CheckResult[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The words of a verdict: "Not ready: 3 blocking (1 not read)", "Ready with 2 accepted risks". */
export function verdictText(verdict: Omit<ReadinessVerdict, 'text'>): string {
  switch (verdict.kind) {
    case 'ready':
      return verdict.warnings === 0 ? 'Ready' : `Ready (${plural(verdict.warnings, 'warning')})`;
    case 'ready-with-risks':
      return `Ready with ${plural(verdict.acceptedRisks, 'accepted risk')}`;
    case 'not-ready':
      return `Not ready: ${verdict.blocking} blocking${verdict.unread > 0 ? ` (${verdict.unread} not read)` : ''}`;
    case 'not-checked':
      return `Not checked: ${verdict.notCheckedReason ?? 'no check ran'}`;
  }
}

/** The verdict of one integration from one server's results. */
export function integrationVerdict(integration: Integration, server: ServerOutcome): ReadinessVerdict {
  const own = server.results.filter((result) => integrationOf(result.checkId) === integration);
  const failed = own.filter((result) => result.status === 'fail');
  const unread = own.filter((result) => result.status === 'unknown');
  const decided = own.filter((result) => result.status !== 'unknown' && result.status !== 'n/a');
  const base = {
    integration,
    blocking: failed.length + unread.length,
    unread: unread.length,
    warnings: own.filter((result) => result.status === 'warn').length,
    acceptedRisks: own.filter(
      (result) => result.acceptedRisk !== undefined && (result.status === 'pass' || result.status === 'warn'),
    ).length,
    blockingChecks: [...failed, ...unread].map((result) => result.checkId),
  };
  let kind: ReadinessKind;
  let notCheckedReason: string | null = null;
  if (server.collection === 'unreachable') {
    kind = 'not-checked';
    notCheckedReason = server.unreachableReason ?? 'the server could not be reached';
  } else if (own.length === 0) {
    kind = 'not-checked';
    notCheckedReason = 'this run did not collect its facts';
  } else if (decided.length === 0) {
    kind = 'not-checked';
    notCheckedReason = `none of its ${own.length} checks could be read`;
  } else if (base.blocking > 0) kind = 'not-ready';
  else kind = base.acceptedRisks > 0 ? 'ready-with-risks' : 'ready';
  const verdict = { ...base, kind, notCheckedReason };
  return { ...verdict, text: verdictText(verdict) };
}

/** Every integration's verdict on one server, in the given order. */
export function serverReadiness(
  server: ServerOutcome,
  integrations: readonly Integration[],
): ReadinessVerdict[] {
  return integrations.map((integration) => integrationVerdict(integration, server));
}

// Not checked sits between not ready and ready, so "worst first" never lists an unread server as healthy.
const rank: Record<ReadinessKind, number> = {
  'not-ready': 0,
  'not-checked': 1,
  'ready-with-risks': 2,
  ready: 3,
};

/** Sort key, worst first: not ready (most blocking first), not checked, ready with risks, ready. */
export function readinessRank(verdict: Pick<ReadinessVerdict, 'kind' | 'blocking'>): number {
  return rank[verdict.kind] * 10_000 - (verdict.kind === 'not-ready' ? verdict.blocking : 0);
}

/** The worst of a server's verdicts: what the server list shows in one word. */
export function worstVerdict(verdicts: readonly ReadinessVerdict[]): ReadinessVerdict | undefined {
  return [...verdicts].sort((a, b) => readinessRank(a) - readinessRank(b))[0];
}
