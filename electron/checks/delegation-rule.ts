import type { AcceptedRisk, CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import type { EvaluationContext, ProvedDelegation } from './evaluation-context';
import { canonicalHostName } from './host-name-match';

const id = 'ad.delegation';

export const unconstrainedDelegationRisk: AcceptedRisk = {
  exposes:
    'TrustedForDelegation is unconstrained delegation: every user who authenticates to this server with Kerberos leaves a forwardable ticket-granting ticket on it, so whoever controls the server can impersonate those users, domain administrators included, to any service in the forest. Microsoft Defender for Identity reports it as unsecure Kerberos delegation.',
  saferAlternatives: [
    'Kerberos constrained delegation (msDS-AllowedToDelegateTo) limited to the services the second connection uses.',
    'Resource-based constrained delegation (msDS-AllowedToActOnBehalfOfOtherIdentity) set on the target service.',
    'Mark privileged accounts "Account is sensitive and cannot be delegated" or add them to Protected Users.',
  ],
};

function provedEvidence(proof: ProvedDelegation) {
  return {
    secondHop: proof.secondHop,
    at: proof.at,
    syncServer: proof.syncServer,
    simulated: proof.simulated,
  };
}

/** ad.delegation: the integration asks for TrustedForDelegation; constrained forms are safer, and a proof settles them. */
export function evaluateDelegation(facts: CollectedServerFacts, context?: EvaluationContext): CheckResult {
  const part = facts.adComputer;
  if (part.status === 'not-collected')
    return notCollectedResult(id, 'the computer object in Active Directory', part.error);
  const computer = part.value;
  const evidence = {
    distinguishedName: computer.distinguishedName,
    userAccountControl: computer.userAccountControl,
    trustedForDelegation: computer.trustedForDelegation,
    trustedToAuthForDelegation: computer.trustedToAuthForDelegation,
    allowedToDelegateTo: computer.allowedToDelegateTo,
    allowedToActOnBehalfOfOtherIdentityPresent: computer.allowedToActOnBehalfOfOtherIdentityPresent,
  };
  if (computer.trustedForDelegation) {
    return checkResult(
      id,
      'pass',
      'The computer is trusted for delegation to any service (TrustedForDelegation), as the integration asks: this is unconstrained delegation.',
      { evidence, acceptedRisk: unconstrainedDelegationRisk },
    );
  }
  const constrained = computer.allowedToDelegateTo.length > 0;
  if (constrained || computer.allowedToActOnBehalfOfOtherIdentityPresent) {
    const kinds = [
      constrained ? `constrained delegation to ${computer.allowedToDelegateTo.join(', ')}` : '',
      computer.allowedToActOnBehalfOfOtherIdentityPresent ? 'resource-based constrained delegation' : '',
    ].filter(Boolean);
    // The newest proof of this server's second hop that says something about delegation.
    const proof = [...(context?.provedDelegation ?? [])]
      .filter((item) => canonicalHostName(item.exchangeServer) === canonicalHostName(facts.fqdn))
      .filter((item) => item.secondHop !== 'untested')
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    if (proof?.secondHop === 'works')
      return checkResult(
        id,
        'pass',
        `Proved: the sync service's second (Kerberos) connection works with ${kinds.join(' and ')}${proof.simulated ? ' (SIMULATED proof)' : ''}, so the unconstrained delegation the integration asks for is not needed.`,
        { evidence: { ...evidence, proved: provedEvidence(proof) } },
      );
    if (proof?.secondHop === 'denied')
      return checkResult(
        id,
        'fail',
        `Proved: the sync service's second (Kerberos) connection was denied for want of delegation with ${kinds.join(' and ')}${proof.simulated ? ' (SIMULATED proof)' : ''}.`,
        {
          evidence: { ...evidence, proved: provedEvidence(proof) },
          remedy: `Add HTTP/${facts.fqdn} to msDS-AllowedToDelegateTo of the computer (or set resource-based delegation on it), then prove again; only if that cannot work, TrustedForDelegation with its risk accepted.`,
          fixId: remotingFixIds.trustedForDelegation,
        },
      );
    return checkResult(
      id,
      'warn',
      `The computer uses ${kinds.join(' and ')} instead of the unconstrained delegation the integration asks for: safer, but confirm the sync service's second (Kerberos) connection works.`,
      {
        evidence,
        remedy:
          'Test a full sync cycle against this server. Only if the second connection fails, consider TrustedForDelegation and accept its risk.',
      },
    );
  }
  return checkResult(
    id,
    'fail',
    "The computer allows no Kerberos delegation, which the vendor says the sync service's second (Kerberos) connection needs.",
    {
      evidence,
      remedy:
        'Prefer constrained delegation to the services the sync service reaches; the vendor\'s setting is Set-ADAccountControl -Identity "<computer DN>" -TrustedForDelegation $true (unconstrained: accept its risk first).',
      fixId: remotingFixIds.trustedForDelegation,
    },
  );
}
