import type { CheckResult } from '../../shared/checks/check-result';
import type { RecordedResponses } from '../../shared/tenant/recorded-responses';
import { evaluateTenant } from '../../shared/tenant/rules/evaluate-tenant';
import type { TenantFacts } from '../../shared/tenant/tenant-facts';
import { collectTenantFacts, type TenantTarget } from './collect-tenant-facts';
import type { GraphReader } from './graph-reader';
import { ReplayGraphReader } from './replay-graph-reader';

export interface TenantCheckOutcome {
  facts: TenantFacts;
  /** The time the rules judged at: now for a live run, the recording's recordedAt for a replay. */
  evaluatedAt: string;
  results: CheckResult[];
}

/** Reads the tenant through the reader and judges it: the same path live and replayed. */
export async function runTenantCheck(
  reader: GraphReader,
  target: TenantTarget,
  context: { now: Date; simulated: boolean },
): Promise<TenantCheckOutcome> {
  const readAt = context.now.toISOString();
  const facts = await collectTenantFacts(reader, target, { readAt, simulated: context.simulated });
  return { facts, evaluatedAt: readAt, results: evaluateTenant(facts, context.now) };
}

/** A replay is judged as of its recording, so expiry dates mean what they meant when it was recorded. */
export function replayTenantCheck(
  recording: RecordedResponses,
  target: TenantTarget,
): Promise<TenantCheckOutcome> {
  return runTenantCheck(new ReplayGraphReader(recording), target, {
    now: new Date(recording.recordedAt),
    simulated: recording.simulated === true,
  });
}
