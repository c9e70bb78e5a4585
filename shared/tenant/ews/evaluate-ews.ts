import type { CheckResult } from '../../checks/check-result';
import {
  ewsAppRule,
  ewsConsentRule,
  ewsPermissionRule,
  ewsPublicClientRule,
  ewsSecretRule,
} from './ews-app-rules';
import { ewsEnabledRule, ewsMailboxScopeRule, ewsProbeRule } from './ews-exchange-rules';
import type { EwsFacts } from './ews-facts';
import { ewsPasswordFlowRule } from './ews-passwordflow-rule';
import { evaluateEwsRetirement } from './ews-retirement';

/** The ten ews.* verdicts, in the table order: pure functions of the facts and the time. */
export function evaluateEws(facts: EwsFacts, now: Date): CheckResult[] {
  return [
    ewsAppRule(facts),
    ewsPermissionRule(facts),
    ewsConsentRule(facts, now),
    ewsPublicClientRule(facts),
    ewsSecretRule(facts, now),
    ewsPasswordFlowRule(facts),
    ewsMailboxScopeRule(facts),
    ewsEnabledRule(facts, now),
    evaluateEwsRetirement(now),
    ewsProbeRule(facts),
  ];
}
