import type { CheckResult } from '../../checks/check-result';
import type { TenantFacts } from '../tenant-facts';
import { domainFederationRule } from './domain-federation-rule';
import {
  conditionalAccessMfaRule,
  perUserMfaRule,
  registrationCampaignRule,
  securityDefaultsRule,
} from './mfa-policy-rules';
import {
  provisioningAppRule,
  provisioningConsentRule,
  provisioningPermissionsRule,
  provisioningSecretRule,
} from './provisioning-app-rules';
import { ssprRule } from './sspr-rule';

/** The ten m365.* verdicts, in the table's order: pure functions of the facts and the time. */
export function evaluateTenant(facts: TenantFacts, now: Date): CheckResult[] {
  return [
    provisioningAppRule(facts),
    provisioningPermissionsRule(facts),
    provisioningConsentRule(facts, now),
    provisioningSecretRule(facts, now),
    securityDefaultsRule(facts),
    perUserMfaRule(facts),
    conditionalAccessMfaRule(facts),
    ssprRule(facts),
    registrationCampaignRule(facts),
    domainFederationRule(facts, now),
  ];
}
