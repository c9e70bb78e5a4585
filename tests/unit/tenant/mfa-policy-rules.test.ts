import { describe, expect, it } from 'vitest';
import { batchSize, collectTenantFacts, tenantRequests } from '../../../electron/tenant/collect-tenant-facts';
import type { GraphOutcome, GraphReader } from '../../../electron/tenant/graph-reader';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import { perUserMfaRule } from '../../../shared/tenant/rules/mfa-policy-rules';
import { defaultTarget, graphFixture, TenantScenario, userId } from '../../helpers/tenant-scenario';

type Policies = { value: Record<string, unknown>[] };
const enablePolicy2 = (policies: Policies, state = 'enabled') => {
  const policy = policies.value[1] as {
    state: string;
    conditions: { users: { includeUsers: string[] } };
  };
  policy.state = state;
  policy.conditions.users.includeUsers = ['All'];
};

describe('m365.securitydefaults', () => {
  it("fails on the docs' example (isEnabled: true)", async () => {
    const result = await new TenantScenario()
      .set(
        tenantRequests.securityDefaults,
        graphFixture('identitysecuritydefaultsenforcementpolicy-get.json'),
      )
      .result('m365.securitydefaults');
    expect(result.status).toBe('fail');
    expect(result.evidence.isEnabled).toBe(true);
  });

  it('passes when off, with an accepted risk saying no Conditional Access policy requires MFA', async () => {
    const result = await new TenantScenario().result('m365.securitydefaults');
    expect(result.status).toBe('pass');
    expect(result.acceptedRisk?.exposes).toContain('break-glass');
    expect(result.acceptedRisk?.exposes).toContain('no Conditional Access policy requiring MFA');
  });

  it('names the policies that still require MFA', async () => {
    const result = await new TenantScenario()
      .edit<Policies>(tenantRequests.conditionalAccessPolicies, (policies) => enablePolicy2(policies))
      .result('m365.securitydefaults');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('"SimplePolicy2"');
    expect(result.acceptedRisk?.exposes).toContain('"SimplePolicy2"');
  });

  it('is unknown when not recorded', async () => {
    const result = await new TenantScenario()
      .remove(tenantRequests.securityDefaults)
      .result('m365.securitydefaults');
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain('identitySecurityDefaultsEnforcementPolicy');
  });
});

describe('m365.peruser.mfa', () => {
  it('passes when every user is disabled', async () => {
    expect((await new TenantScenario().result('m365.peruser.mfa')).status).toBe('pass');
  });

  it("fails on the docs' beta example (enforced), naming the user, with the Graph call as remedy", async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.mfaRequirements(userId), graphFixture('authentication-requirements-get.json'))
      .result('m365.peruser.mfa');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('adele@contoso.com (enforced)');
    expect(result.remedy).toContain('/authentication/requirements');
    expect(result.remedy).not.toContain('Set-MsolUser');
  });

  it('reads the users 20 per $batch and names the first 20, then a count', async () => {
    const scenario = new TenantScenario();
    const users = Array.from({ length: 45 }, (_, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      userPrincipalName: `u${index}@contoso.com`,
    }));
    scenario.set(tenantRequests.users, { value: users });
    for (const user of users)
      scenario.set(tenantRequests.mfaRequirements(user.id), { perUserMfaState: 'enabled' });
    const replay = new ReplayGraphReader(scenario.recording());
    const sizes: number[] = [];
    const counting: GraphReader = {
      get: (url) => replay.get(url),
      getAll: (url) => replay.getAll(url),
      batch: (urls): Promise<GraphOutcome[]> => {
        sizes.push(urls.length);
        return replay.batch(urls);
      },
    };
    const facts = await collectTenantFacts(counting, defaultTarget, {
      readAt: '2026-12-01T12:00:00Z',
      simulated: false,
    });
    expect(sizes).toEqual([batchSize, batchSize, 5]);
    const result = perUserMfaRule(facts);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('u19@contoso.com (enabled) and 25 more');
    expect(result.summary).not.toContain('u20@contoso.com');
  });

  it("is unknown, naming the user's request, when one state is not recorded", async () => {
    const result = await new TenantScenario()
      .remove(tenantRequests.mfaRequirements(userId))
      .result('m365.peruser.mfa');
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain(`beta/users/${userId}/authentication/requirements`);
  });
});

describe('m365.conditionalaccess.mfa', () => {
  it("passes on the docs' example (both policies disabled)", async () => {
    const result = await new TenantScenario().result('m365.conditionalaccess.mfa');
    expect(result.status).toBe('pass');
    expect(result.evidence.policiesRead).toBe(2);
  });

  it('warns on an enabled MFA policy, naming it and explaining federatedIdpMfaBehavior', async () => {
    const result = await new TenantScenario()
      .edit<Policies>(tenantRequests.conditionalAccessPolicies, (policies) => enablePolicy2(policies))
      .result('m365.conditionalaccess.mfa');
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('"SimplePolicy2"');
    expect(result.summary).toContain('rejectMfaByFederatedIdp');
    expect(result.evidence.federatedIdpMfaBehavior).toEqual([
      { domain: 'contoso.com', federatedIdpMfaBehavior: 'rejectMfaByFederatedIdp' },
    ]);
  });

  it('warns on an authentication strength too', async () => {
    const result = await new TenantScenario()
      .edit<Policies>(tenantRequests.conditionalAccessPolicies, (policies) => {
        enablePolicy2(policies);
        const policy = policies.value[1] as { grantControls: Record<string, unknown> };
        policy.grantControls.builtInControls = [];
        policy.grantControls.authenticationStrength = { displayName: 'Phishing-resistant MFA' };
      })
      .result('m365.conditionalaccess.mfa');
    expect(result.status).toBe('warn');
  });

  it('notes a report-only MFA policy without warning', async () => {
    const result = await new TenantScenario()
      .edit<Policies>(tenantRequests.conditionalAccessPolicies, (policies) =>
        enablePolicy2(policies, 'enabledForReportingButNotEnforced'),
      )
      .result('m365.conditionalaccess.mfa');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('Report-only');
  });

  it('is unknown on 403', async () => {
    const result = await new TenantScenario()
      .set(
        tenantRequests.conditionalAccessPolicies,
        { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
        403,
      )
      .result('m365.conditionalaccess.mfa');
    expect(result.status).toBe('unknown');
  });
});

describe('m365.registration', () => {
  it("warns on the docs' example (state default)", async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.authenticationMethodsPolicy, graphFixture('authenticationmethodspolicy-get.json'))
      .result('m365.registration');
    expect(result.status).toBe('warn');
    expect(result.evidence.authenticationMethodsRegistrationCampaign).toMatchObject({ state: 'default' });
  });

  it('passes when disabled, fails when enabled, is unknown when not recorded', async () => {
    expect((await new TenantScenario().result('m365.registration')).status).toBe('pass');
    const enabled = await new TenantScenario()
      .edit<{ registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: string } } }>(
        tenantRequests.authenticationMethodsPolicy,
        (policy) => {
          policy.registrationEnforcement.authenticationMethodsRegistrationCampaign.state = 'enabled';
        },
      )
      .result('m365.registration');
    expect(enabled.status).toBe('fail');
    const missing = await new TenantScenario()
      .remove(tenantRequests.authenticationMethodsPolicy)
      .result('m365.registration');
    expect(missing.status).toBe('unknown');
  });
});
