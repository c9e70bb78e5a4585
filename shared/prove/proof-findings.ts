import type { CheckResult } from '../checks/check-result';
import type { RemotingCheckId } from '../checks/remoting-catalogue';
import type { AdComputerFacts } from '../facts/ad-computer-facts';
import { classifyHopFailure, type HopFailureClass } from './hop-failure-classes';
import type { HopReport, ProofHopId, ProofScriptResult } from './proof-result';

// What a proof means for the checks: each hop classified, and each check it confirms or contradicts.

export interface ClassifiedHop extends HopReport {
  /** Null when the hop did not fail. */
  failure: HopFailureClass | null;
}

export function classifyHops(hops: readonly HopReport[]): ClassifiedHop[] {
  return hops.map((hop) => ({
    ...hop,
    failure: hop.outcome === 'failed' && hop.error !== null ? classifyHopFailure(hop.hop, hop.error) : null,
  }));
}

/** The checks a hop that worked shows to be right: it could not have worked otherwise. */
const provedBySuccess: Partial<Record<ProofHopId, readonly RemotingCheckId[]>> = {
  'winrm-https': [
    'winrm.service',
    'winrm.listener.https',
    'winrm.listener.cert',
    'firewall.5986',
    'network.5986',
    'psremoting.serviceaccount',
    'psremoting.sessionconfig',
  ],
  'exchange-endpoint': ['ad.delegation'],
};

export interface ProofCheckNote {
  checkId: RemotingCheckId;
  checkStatus: CheckResult['status'];
  relation: 'confirms' | 'contradicts';
  hop: ProofHopId;
  text: string;
}

/** Where the proof agrees or disagrees with a check's verdict on the same server. */
export function proofAgainstChecks(
  hops: readonly ClassifiedHop[],
  checks: readonly CheckResult[],
): ProofCheckNote[] {
  const notes: ProofCheckNote[] = [];
  const statusOf = (id: RemotingCheckId) => checks.find((check) => check.checkId === id)?.status;
  for (const hop of hops) {
    if (hop.outcome === 'succeeded') {
      for (const checkId of provedBySuccess[hop.hop] ?? []) {
        const status = statusOf(checkId);
        if (status === 'fail')
          notes.push({
            checkId,
            checkStatus: status,
            relation: 'contradicts',
            hop: hop.hop,
            text: `The check failed, but the proof's ${hop.hop} hop worked: the check's facts may be stale or its rule too strict here.`,
          });
        else if (status === 'pass' || status === 'warn')
          notes.push({
            checkId,
            checkStatus: status,
            relation: 'confirms',
            hop: hop.hop,
            text: `Proved: the ${hop.hop} hop worked.`,
          });
      }
    }
    const failure = hop.failure;
    if (failure === null) continue;
    for (const checkId of failure.predictedBy) {
      const status = statusOf(checkId);
      if (status === 'pass')
        notes.push({
          checkId,
          checkStatus: status,
          relation: 'contradicts',
          hop: hop.hop,
          text: `The check passed, but the proof's ${hop.hop} hop failed because ${failure.label} (${failure.id}): ${failure.remedy}`,
        });
      else if (status === 'fail' || status === 'warn')
        notes.push({
          checkId,
          checkStatus: status,
          relation: 'confirms',
          hop: hop.hop,
          text: `Proved: the ${hop.hop} hop failed as the check predicts (${failure.id}).`,
        });
    }
  }
  return notes;
}

/** What the computer object allows, in the terms of the second hop. */
export type DelegationKind = 'unconstrained' | 'constrained' | 'resource-based' | 'none' | 'unknown';

export interface DelegationProof {
  exchangeServer: string;
  kind: DelegationKind;
  /** msDS-AllowedToDelegateTo holds HTTP/<exchange> (FQDN or short name); null when not constrained. */
  coversExchangeEndpoint: boolean | null;
  /** works: hop 2 opened; denied: it failed for want of delegation; untested: it failed earlier or for another reason. */
  secondHop: 'works' | 'denied' | 'untested';
  text: string;
}

function delegationKind(computer: AdComputerFacts | null): DelegationKind {
  if (computer === null) return 'unknown';
  if (computer.trustedForDelegation) return 'unconstrained';
  if (computer.allowedToDelegateTo.length > 0) return 'constrained';
  if (computer.allowedToActOnBehalfOfOtherIdentityPresent) return 'resource-based';
  return 'none';
}

/** Whether the delegation configured (not the vendor's unconstrained one) carries the second hop, as proved. */
export function delegationProof(
  exchangeServer: string,
  computer: AdComputerFacts | null,
  hops: readonly ClassifiedHop[],
): DelegationProof {
  const kind = delegationKind(computer);
  const short = exchangeServer.split('.')[0] ?? exchangeServer;
  const spns = (computer?.allowedToDelegateTo ?? []).map((spn) => spn.toLowerCase());
  const coversExchangeEndpoint =
    kind === 'constrained'
      ? spns.includes(`http/${exchangeServer.toLowerCase()}`) || spns.includes(`http/${short.toLowerCase()}`)
      : null;
  const second = hops.find((hop) => hop.hop === 'exchange-endpoint');
  const secondHop =
    second?.outcome === 'succeeded'
      ? 'works'
      : second?.failure?.id === 'double-hop-denied'
        ? 'denied'
        : 'untested';
  const what = {
    unconstrained: 'unconstrained delegation (TrustedForDelegation)',
    constrained: `constrained delegation to ${computer?.allowedToDelegateTo.join(', ') ?? ''}`,
    'resource-based': 'resource-based constrained delegation',
    none: 'no delegation',
    unknown: 'delegation not read (no facts for the computer object)',
  }[kind];
  const text =
    secondHop === 'works'
      ? `The second hop works with ${what}${kind === 'constrained' || kind === 'resource-based' ? ': the safer setting is enough, TrustedForDelegation is not needed' : ''}.`
      : secondHop === 'denied'
        ? `The second hop was denied for want of delegation with ${what}${coversExchangeEndpoint === false ? `: msDS-AllowedToDelegateTo does not list HTTP/${exchangeServer}` : ''}.`
        : `The second hop was not reached, so ${what} is not proved either way.`;
  return { exchangeServer, kind, coversExchangeEndpoint, secondHop, text };
}

/** The proof's result with every hop classified: what the CLI prints and the audit records. */
export interface ProofOutcome {
  result: ProofScriptResult;
  hops: ClassifiedHop[];
  /** succeeded only when every hop did. */
  outcome: 'succeeded' | 'failed';
  simulated: boolean;
}

export function proofOutcome(result: ProofScriptResult, simulated: boolean): ProofOutcome {
  const hops = classifyHops(result.hops);
  const ok = result.refused === null && hops.length > 0 && hops.every((hop) => hop.outcome === 'succeeded');
  return { result, hops, outcome: ok ? 'succeeded' : 'failed', simulated };
}
