import type { CheckResult } from '../../shared/checks/check-result';
import { remotingCatalogue, type RemotingCheckId } from '../../shared/checks/remoting-catalogue';
import { connectionFailureText } from '../../shared/facts/connection-failure';
import type { ServerFacts, UnreachableServerFacts } from '../../shared/facts/server-facts';
import { evaluateCbtHardening } from './cbt-hardening-rule';
import { checkResult } from './check-result-builder';
import { evaluateDelegation } from './delegation-rule';
import { evaluateExchangeTrustedHosts } from './exchange-trusted-hosts-rule';
import type { EvaluationContext, RemotingRule } from './evaluation-context';
import { evaluateFirewall5986 } from './firewall-port-rule';
import { evaluateHttpsListener } from './https-listener-rule';
import { evaluateListenerCertificate } from './listener-certificate-rule';
import { evaluateNetwork5986 } from './network-port-rule';
import { evaluateServiceAccount } from './service-account-rule';
import { evaluateSessionConfiguration } from './session-configuration-rule';
import { evaluateTrustedHosts } from './trusted-hosts-rule';
import { evaluateWinrmService } from './winrm-service-rule';
import { evaluateMfa, mfaCheckIds } from './mfa/evaluate-mfa';
import type { MfaContext } from './mfa/mfa-context';
import { mfaResult } from './mfa/mfa-context';

const rules: Record<RemotingCheckId, RemotingRule> = {
  'winrm.service': evaluateWinrmService,
  'winrm.listener.https': evaluateHttpsListener,
  'winrm.listener.cert': evaluateListenerCertificate,
  'winrm.auth.cbt': evaluateCbtHardening,
  'psremoting.sessionconfig': evaluateSessionConfiguration,
  'psremoting.serviceaccount': evaluateServiceAccount,
  'ad.delegation': evaluateDelegation,
  'firewall.5986': evaluateFirewall5986,
  'network.5986': evaluateNetwork5986,
  'winrm.trustedhosts': evaluateTrustedHosts,
  'winrm.trustedhosts.exchange': evaluateExchangeTrustedHosts,
};

function unreachableResult(checkId: RemotingCheckId, facts: UnreachableServerFacts): CheckResult {
  const { cause, message, remedy } = facts.failure;
  return checkResult(
    checkId,
    'unknown',
    `Not checked: ${facts.fqdn} could not be reached because ${connectionFailureText(cause)} (${cause}). ${remedy}`,
    { evidence: { cause, message }, remedy },
  );
}

function mfaContextOf(context: EvaluationContext): MfaContext | null {
  if (context.mfaProfile === undefined) return null;
  const peers = (context.peers ?? []).flatMap((peer) => (peer.status === 'collected' ? [peer] : []));
  return { profile: context.mfaProfile, peers };
}

function mfaResults(facts: ServerFacts, context: MfaContext): CheckResult[] {
  if (facts.status === 'collected') return evaluateMfa(facts, context);
  return mfaCheckIds(context).map((checkId) => {
    const { cause, message, remedy } = facts.failure;
    return mfaResult(
      checkId,
      'unknown',
      `Not checked: ${facts.fqdn} could not be reached because ${connectionFailureText(cause)} (${cause}). ${remedy}`,
      { cause, message },
      remedy,
    );
  });
}

/**
 * Every remoting check for one server in catalogue order, then the MFA checks when the run collected them;
 * all unknown when the server could not be reached.
 */
export function evaluateServer(facts: ServerFacts, context: EvaluationContext): CheckResult[] {
  const remoting = remotingCatalogue.map((entry) =>
    facts.status === 'unreachable' ? unreachableResult(entry.id, facts) : rules[entry.id](facts, context),
  );
  const mfa = mfaContextOf(context);
  return mfa === null ? remoting : [...remoting, ...mfaResults(facts, mfa)];
}
