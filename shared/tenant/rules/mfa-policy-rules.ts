import type { CheckResult } from '../../checks/check-result';
import type { ConditionalAccessPolicy } from '../graph-shapes';
import type { TenantFacts } from '../tenant-facts';
import { json, notReadResult, tenantResult } from './tenant-result';

/** Policies that ask for MFA (the built-in control or an authentication strength) of some users. */
function requiresMfa(policy: ConditionalAccessPolicy): boolean {
  const grant = policy.grantControls;
  if (grant === null || grant === undefined) return false;
  return grant.builtInControls.includes('mfa') || (grant.authenticationStrength ?? null) !== null;
}

// A policy that includes "None" and no group or role applies to nobody.
function targetsUsers(policy: ConditionalAccessPolicy): boolean {
  const users = policy.conditions?.users;
  if (users === null || users === undefined) return false;
  return (
    users.includeUsers.some((user) => user !== 'None') ||
    users.includeGroups.length > 0 ||
    users.includeRoles.length > 0
  );
}

export function mfaPolicies(policies: readonly ConditionalAccessPolicy[], state: string) {
  return policies.filter((policy) => policy.state === state && requiresMfa(policy) && targetsUsers(policy));
}

const policyName = (policy: ConditionalAccessPolicy) => `"${policy.displayName ?? policy.id}"`;

const policySummary = (policy: ConditionalAccessPolicy) => ({
  id: policy.id,
  displayName: policy.displayName ?? null,
  state: policy.state,
  grantControls: json(policy.grantControls ?? null),
  users: json(policy.conditions?.users ?? null),
});

export function securityDefaultsRule(facts: TenantFacts): CheckResult {
  const id = 'm365.securitydefaults';
  const read = facts.securityDefaults;
  if (read.state !== 'read') return notReadResult(id, read, 'the security defaults policy');
  if (read.value.isEnabled)
    return tenantResult(
      id,
      'fail',
      'Security defaults are on: the IdP asks for them to be off (it does the MFA).',
      {
        evidence: { isEnabled: true },
        remedy:
          'Entra admin center, Overview, Properties, Manage security defaults: Disabled (or PATCH /policies/identitySecurityDefaultsEnforcementPolicy {"isEnabled": false}), after a Conditional Access policy protects the accounts that do not sign in through the IdP.',
      },
    );
  const policies = facts.conditionalAccessPolicies;
  const enforcing = policies.state === 'read' ? mfaPolicies(policies.value.value, 'enabled') : [];
  const still =
    policies.state !== 'read'
      ? `Whether a Conditional Access policy still requires MFA could not be read (${policies.state === 'not-found' ? 'not found' : policies.cause}).`
      : enforcing.length === 0
        ? 'No enabled Conditional Access policy requires MFA.'
        : `These Conditional Access policies still require MFA: ${enforcing.map(policyName).join(', ')}.`;
  return tenantResult(id, 'pass', `Security defaults are off, as the IdP asks. ${still}`, {
    evidence: {
      isEnabled: false,
      mfaPoliciesEnabled: enforcing.map(policySummary),
      conditionalAccessRead: policies.state === 'read',
    },
    acceptedRisk: {
      exposes:
        enforcing.length === 0
          ? 'With security defaults off and no Conditional Access policy requiring MFA, accounts that do not sign in through the IdP (cloud-only administrators and break-glass accounts included) have no MFA at all.'
          : `With security defaults off, only ${enforcing.map(policyName).join(', ')} still require MFA: accounts outside them that do not sign in through the IdP (cloud-only administrators, break-glass accounts) have none.`,
      saferAlternatives: [
        'A Conditional Access policy requiring MFA for every directory role, excluding only the break-glass accounts (which get phishing-resistant credentials and sign-in alerts).',
        'Keep cloud-only administrators out of the federated domain and protect them with an authentication strength policy.',
      ],
    },
  });
}

export function perUserMfaRule(facts: TenantFacts): CheckResult {
  const id = 'm365.peruser.mfa';
  const { users, requirements } = facts.perUserMfa;
  if (users.state !== 'read') return notReadResult(id, users, 'the list of users');
  const unread = requirements.find((entry) => entry.read.state !== 'read');
  if (unread !== undefined && unread.read.state !== 'read')
    return notReadResult(
      id,
      unread.read,
      `the per-user MFA state of ${unread.user.userPrincipalName ?? unread.user.id}`,
    );
  const states = requirements.map((entry) => ({
    user: entry.user.userPrincipalName ?? entry.user.id,
    perUserMfaState: entry.read.state === 'read' ? entry.read.value.perUserMfaState : 'unread',
  }));
  const notDisabled = states.filter((entry) => entry.perUserMfaState !== 'disabled');
  const evidence = { users: states.length, notDisabled: notDisabled.slice(0, 20) };
  if (notDisabled.length === 0)
    return tenantResult(id, 'pass', `Per-user MFA is disabled for all ${states.length} users.`, { evidence });
  const named = notDisabled.slice(0, 20).map((entry) => `${entry.user} (${entry.perUserMfaState})`);
  const more = notDisabled.length > 20 ? ` and ${notDisabled.length - 20} more` : '';
  return tenantResult(
    id,
    'fail',
    `Per-user MFA is not disabled for ${notDisabled.length} user${notDisabled.length === 1 ? '' : 's'}: ${named.join(', ')}${more}.`,
    {
      evidence,
      remedy:
        'For each user named: PATCH https://graph.microsoft.com/beta/users/{id}/authentication/requirements {"perUserMfaState": "disabled"} (the MSOnline script in the IdP guide is retired).',
    },
  );
}

const mfaBehaviour: Record<string, string> = {
  acceptIfMfaDoneByFederatedIdp:
    'acceptIfMfaDoneByFederatedIdp: Entra accepts the MFA the IdP did and asks for its own MFA only when the IdP did none.',
  enforceMfaByFederatedIdp:
    'enforceMfaByFederatedIdp: Entra sends the user back to the IdP to do MFA whenever a policy asks for it.',
  rejectMfaByFederatedIdp:
    'rejectMfaByFederatedIdp: Entra always does its own MFA, even when the IdP did MFA: users are asked twice.',
};

/** One line on what federatedIdpMfaBehavior does for the given value (or for the unset default). */
export function explainMfaBehaviour(value: string | null): string {
  if (value === null)
    return "federatedIdpMfaBehavior is not set: Entra behaves as acceptIfMfaDoneByFederatedIdp (accepts the IdP's MFA, asks its own when the IdP did none).";
  return mfaBehaviour[value] ?? `federatedIdpMfaBehavior is ${value}.`;
}

function federatedBehaviours(facts: TenantFacts) {
  return facts.domains.flatMap((domain) => {
    if (domain.federation?.state !== 'read') return [];
    const federation = domain.federation.value.value[0];
    return [{ domain: domain.name, federatedIdpMfaBehavior: federation?.federatedIdpMfaBehavior ?? null }];
  });
}

export function conditionalAccessMfaRule(facts: TenantFacts): CheckResult {
  const id = 'm365.conditionalaccess.mfa';
  const read = facts.conditionalAccessPolicies;
  if (read.state !== 'read') return notReadResult(id, read, 'the Conditional Access policies');
  const enforcing = mfaPolicies(read.value.value, 'enabled');
  const reportOnly = mfaPolicies(read.value.value, 'enabledForReportingButNotEnforced');
  const behaviours = federatedBehaviours(facts);
  const evidence = {
    enabled: enforcing.map(policySummary),
    reportOnly: reportOnly.map(policySummary),
    policiesRead: read.value.value.length,
    federatedIdpMfaBehavior: behaviours,
  };
  const noted =
    reportOnly.length === 0 ? '' : ` Report-only (not enforced): ${reportOnly.map(policyName).join(', ')}.`;
  if (enforcing.length === 0)
    return tenantResult(
      id,
      'pass',
      `No enabled Conditional Access policy requires MFA of the users.${noted}`,
      {
        evidence,
      },
    );
  const explained = behaviours
    .map((entry) => `${entry.domain}: ${explainMfaBehaviour(entry.federatedIdpMfaBehavior)}`)
    .join(' ');
  return tenantResult(
    id,
    'warn',
    `${enforcing.map(policyName).join(', ')} require${enforcing.length === 1 ? 's' : ''} MFA or an authentication strength: federated users may be asked for MFA twice (by the IdP and by Entra).${noted} ${explained || explainMfaBehaviour(null)}`,
    {
      evidence,
      remedy:
        'Exclude the federated users from these policies, or set federatedIdpMfaBehavior to acceptIfMfaDoneByFederatedIdp on the domain so the MFA the IdP did is accepted.',
    },
  );
}

export function registrationCampaignRule(facts: TenantFacts): CheckResult {
  const id = 'm365.registration';
  const read = facts.authenticationMethodsPolicy;
  if (read.state !== 'read') return notReadResult(id, read, 'the authentication methods policy');
  const campaign = read.value.registrationEnforcement?.authenticationMethodsRegistrationCampaign ?? null;
  const state = campaign?.state ?? null;
  const evidence = { authenticationMethodsRegistrationCampaign: json(campaign) };
  const remedy =
    'Entra admin center, Authentication methods, Registration campaign: State Disabled (PATCH /policies/authenticationMethodsPolicy), so federated users are not nudged to register Microsoft Authenticator.';
  if (state === 'disabled')
    return tenantResult(id, 'pass', 'The registration campaign is disabled.', { evidence });
  if (state === 'enabled')
    return tenantResult(
      id,
      'fail',
      'The registration campaign is enabled: federated users are prompted to register Microsoft Authenticator at sign-in.',
      { evidence, remedy },
    );
  return tenantResult(
    id,
    'warn',
    `The registration campaign is "${state ?? 'not set'}" (Microsoft-managed): Microsoft may turn it on for the users.`,
    { evidence, remedy },
  );
}
