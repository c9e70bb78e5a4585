import type { CheckResult } from '../../shared/checks/check-result';
import {
  crossIntegrationNotes,
  type CrossIntegrationMeeting,
} from '../../shared/tenant/ews/cross-integration';
import { evaluateEws } from '../../shared/tenant/ews/evaluate-ews';
import type { EwsFacts } from '../../shared/tenant/ews/ews-facts';
import type { RecordedResponses } from '../../shared/tenant/recorded-responses';
import { evaluateTenant } from '../../shared/tenant/rules/evaluate-tenant';
import type { TenantFacts } from '../../shared/tenant/tenant-facts';
import { collectTenantFacts, type TenantTarget } from './collect-tenant-facts';
import { collectEwsFacts, type EwsTarget } from './ews/collect-ews-facts';
import type { GraphReader } from './graph-reader';
import { ReplayGraphReader } from './replay-graph-reader';
import { probeResponses, replayedProbeStep } from './ews/replay-ews-probe';

export interface TenantCheckOutcome {
  /** Null when only the ews.* checks were asked for (no provisioning app to judge). */
  facts: TenantFacts | null;
  /** Present when the ews.* checks were asked for (--ews). */
  ewsFacts?: EwsFacts;
  /** The time the rules judged at: now for a live run, the recording's recordedAt for a replay. */
  evaluatedAt: string;
  /** The m365.* results, then the ews.* ones; cross-integration notes already on both. */
  results: CheckResult[];
  /** Where the IdP's federation and the ERP's password grant meet on one domain: one line each. */
  crossIntegration: CrossIntegrationMeeting[];
}

/** Reads the tenant through the reader and judges it: the same path live and replayed. */
export async function runTenantCheck(
  reader: GraphReader,
  target: TenantTarget | null,
  context: {
    now: Date;
    simulated: boolean;
    ews?: EwsTarget;
    /** Runs the end-to-end probe after the Graph reads (it learns when the app last changed from them). */
    probe?: (facts: EwsFacts) => Promise<CheckResult>;
  },
): Promise<TenantCheckOutcome> {
  const readAt = context.now.toISOString();
  const facts =
    target === null
      ? null
      : await collectTenantFacts(reader, target, { readAt, simulated: context.simulated });
  const m365 = facts === null ? [] : evaluateTenant(facts, context.now);
  if (context.ews === undefined) return { facts, evaluatedAt: readAt, results: m365, crossIntegration: [] };
  const collected = await collectEwsFacts(reader, context.ews, facts ?? undefined);
  const ewsFacts =
    context.probe === undefined ? collected : { ...collected, probe: await context.probe(collected) };
  const joined = crossIntegrationNotes([...m365, ...evaluateEws(ewsFacts, context.now)]);
  return { facts, ewsFacts, evaluatedAt: readAt, results: joined.results, crossIntegration: joined.meetings };
}

/**
 * A replay is judged as of its recording, so expiry dates mean what they meant when it was recorded. A recording
 * that holds the probe's answers replays the probe too, unless the ERP target already carries its verdict.
 */
export function replayTenantCheck(
  recording: RecordedResponses,
  target: TenantTarget | null,
  ews?: EwsTarget,
): Promise<TenantCheckOutcome> {
  const replayProbe = ews !== undefined && ews.probe == null && probeResponses(recording).length > 0;
  return runTenantCheck(new ReplayGraphReader(recording), target, {
    now: new Date(recording.recordedAt),
    simulated: recording.simulated === true,
    ...(ews === undefined ? {} : { ews }),
    ...(replayProbe ? { probe: replayedProbeStep(recording, ews) } : {}),
  });
}
