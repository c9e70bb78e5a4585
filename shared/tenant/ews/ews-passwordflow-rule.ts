import type { CheckResult, EvidenceValue } from '../../checks/check-result';
import type { ConditionalAccessPolicy, HomeRealmDiscoveryPolicy } from '../graph-shapes';
import { mfaPolicies } from '../rules/mfa-policy-rules';
import { notReadResult, tenantResult, type NotRead } from '../rules/tenant-result';
import type { EwsAccountFacts, EwsFacts } from './ews-facts';

const id = 'ews.account.passwordflow';

/** The sentence the issue asks for when seed 002's federation meets the password grant. */
export const federatedSignInFails = "the ERP's sign-in will fail once the domain is federated";

/** True when one of the policy's JSON definitions sets AllowCloudPasswordValidation. */
export function allowsCloudPasswordValidation(policy: HomeRealmDiscoveryPolicy): boolean {
  return policy.definition.some((text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) return false;
      const inner = (parsed as Record<string, unknown>).HomeRealmDiscoveryPolicy;
      return (
        typeof inner === 'object' &&
        inner !== null &&
        (inner as Record<string, unknown>).AllowCloudPasswordValidation === true
      );
    } catch {
      return false;
    }
  });
}

/** The policies that reach the ERP app: assigned to its service principal, else the organisation default. */
function effectiveHrdPolicies(account: EwsAccountFacts): {
  read: NotRead | null;
  policies: HomeRealmDiscoveryPolicy[];
} {
  const assigned = account.appHomeRealmDiscoveryPolicies;
  if (assigned !== null && assigned.state === 'read' && assigned.value.value.length > 0)
    return { read: null, policies: assigned.value.value };
  const all = account.homeRealmDiscoveryPolicies;
  if (all.state !== 'read') return { read: all, policies: [] };
  return { read: null, policies: all.value.value.filter((policy) => policy.isOrganizationDefault === true) };
}

const policyName = (policy: { id: string; displayName?: string | null }) =>
  `"${policy.displayName ?? policy.id}"`;

/** Enabled policies requiring MFA that name the account (or All) and do not exclude it; group or role ones may. */
function caFor(policies: readonly ConditionalAccessPolicy[], userId: string) {
  const enforcing = mfaPolicies(policies, 'enabled').filter(
    (policy) => !(policy.conditions?.users?.excludeUsers ?? []).includes(userId),
  );
  const applies = enforcing.filter((policy) => {
    const include = policy.conditions?.users?.includeUsers ?? [];
    return include.includes('All') || include.includes(userId);
  });
  const may = enforcing.filter((policy) => !applies.includes(policy));
  return { applies, may };
}

export function ewsPasswordFlowRule(facts: EwsFacts): CheckResult {
  const account = facts.account;
  if (facts.flow !== 'delegated' || account === null)
    return tenantResult(
      id,
      'n/a',
      'The app-only flow signs in with the app\u2019s secret, not a user\u2019s password.',
      {
        evidence: { flow: facts.flow },
      },
    );
  const problems: string[] = [];
  const remedies: string[] = [];
  const evidence: Record<string, EvidenceValue> = { account: account.upn, domain: account.domainName };
  let unread: { read: NotRead; what: string } | null = null;
  const noteUnread = (read: NotRead, what: string) => {
    unread ??= { read, what };
  };

  if (account.domain.state !== 'read') noteUnread(account.domain, `the domain ${account.domainName}`);
  else {
    const type = account.domain.value.authenticationType;
    evidence.authenticationType = type;
    if (type === 'Federated') {
      const hrd = effectiveHrdPolicies(account);
      const allowing = hrd.policies.filter(allowsCloudPasswordValidation);
      evidence.homeRealmDiscoveryPolicies = hrd.policies.map((policy) => ({
        id: policy.id,
        displayName: policy.displayName ?? null,
        isOrganizationDefault: policy.isOrganizationDefault ?? null,
        allowCloudPasswordValidation: allowsCloudPasswordValidation(policy),
      }));
      if (hrd.read !== null) noteUnread(hrd.read, 'the home realm discovery policies');
      else if (allowing.length === 0) {
        problems.push(
          `${account.domainName} is Federated and no home realm discovery policy allows cloud password validation: ${federatedSignInFails} (Entra cannot check a password the federated IdP owns)`,
        );
        remedies.push(
          'Move the ERP to a cloud-only account on a managed domain (e.g. the .onmicrosoft.com domain), or assign the ERP app a home realm discovery policy with AllowCloudPasswordValidation true (needs password hash sync).',
        );
      } else evidence.cloudPasswordValidationBy = allowing.map(policyName);
    }
  }

  if (facts.securityDefaults.state !== 'read')
    noteUnread(facts.securityDefaults, 'the security defaults policy');
  else {
    evidence.securityDefaults = facts.securityDefaults.value.isEnabled;
    if (facts.securityDefaults.value.isEnabled) {
      problems.push(
        'security defaults are on: they require MFA, which the password grant cannot do (AADSTS530035/50076)',
      );
      remedies.push(
        'Use the app-only flow, or exclude the ERP account with Conditional Access after turning security defaults off.',
      );
    }
  }

  const userId = account.user.state === 'read' ? account.user.value.id : null;
  if (account.user.state !== 'read') noteUnread(account.user, `the account ${account.upn}`);
  else if (account.mfa === null || account.mfa.state !== 'read')
    noteUnread(
      account.mfa ?? {
        state: 'unreadable',
        request: '(not asked)',
        cause: 'not asked',
        status: null,
        errorCode: null,
      },
      `the per-user MFA state of ${account.upn}`,
    );
  else {
    const state = account.mfa.value.perUserMfaState;
    evidence.perUserMfaState = state;
    if (state !== 'disabled') {
      problems.push(
        `per-user MFA is ${state} for ${account.upn}: the password grant is refused (AADSTS50076/50079)`,
      );
      remedies.push(`Disable per-user MFA for ${account.upn}, or move the ERP to the app-only flow.`);
    }
  }

  const ca = facts.conditionalAccessPolicies;
  let mayApply: string[] = [];
  if (ca.state !== 'read') noteUnread(ca, 'the Conditional Access policies');
  else if (userId !== null) {
    const { applies, may } = caFor(ca.value.value, userId);
    mayApply = may.map(policyName);
    evidence.conditionalAccessRequiringMfa = applies.map(policyName);
    evidence.conditionalAccessMayApply = mayApply;
    if (applies.length > 0) {
      problems.push(
        `${applies.map(policyName).join(', ')} require${applies.length === 1 ? 's' : ''} MFA of ${account.upn}: the password grant is refused (AADSTS50076/53003)`,
      );
      remedies.push(
        'Exclude the ERP account from the MFA policy only with a compensating control (named location), or move the ERP to the app-only flow.',
      );
    }
  }

  if (problems.length > 0)
    return tenantResult(
      id,
      'fail',
      `The ERP's password sign-in for ${account.upn} cannot work: ${problems.join('; ')}.`,
      {
        evidence,
        remedy: remedies.join(' '),
      },
    );
  const pending = unread as { read: NotRead; what: string } | null;
  if (pending !== null) return notReadResult(id, pending.read, pending.what);
  const may =
    mayApply.length > 0
      ? ` ${mayApply.join(', ')} require MFA of groups or roles; if ${account.upn} is in one, its sign-in fails.`
      : '';
  return tenantResult(
    id,
    'warn',
    `${account.upn} can sign in with its password (nothing here blocks it), but the password grant is deprecated in every MSAL library and cannot do MFA.${may}`,
    {
      evidence,
      remedy:
        'Plan the ERP\u2019s move to the app-only flow (client secret or certificate, scoped with RBAC for Applications) or to Microsoft Graph.',
    },
  );
}
