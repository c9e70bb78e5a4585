import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/checks/check-result';
import { evaluateEws } from '../../../shared/tenant/ews/evaluate-ews';
import type { EwsAccountFacts, EwsFacts } from '../../../shared/tenant/ews/ews-facts';
import {
  exoSettingsFormat,
  exoSettingsNotRead,
  type ExoSettings,
} from '../../../shared/tenant/ews/exo-settings';
import { exchangeOnlineAppId } from '../../../shared/tenant/graph-shapes';
import type { GraphRead } from '../../../shared/tenant/tenant-facts';

// The ews.* rules as pure functions of hand-built facts: every status of every check.
const now = new Date('2026-12-01T10:00:00Z');
const clientId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const exchangeSp = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const appSp = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a';
const roleId = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
const scopeId = '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5';
const userId = '11111111-2222-4333-8444-555555555555';

const read = <T>(request: string, value: T): GraphRead<T> => ({ state: 'read', request, status: 200, value });
const unreadable = (request: string) =>
  ({
    state: 'unreadable',
    request,
    cause: 'Graph answered 403 forbidden',
    status: 403,
    errorCode: 'Authorization_RequestDenied',
  }) as const;
const notFound = (request: string) =>
  ({ state: 'not-found', request, status: 404, errorCode: 'Request_ResourceNotFound' }) as const;

function application(overrides: Record<string, unknown> = {}) {
  return read('app', {
    id: 'app-object',
    appId: clientId,
    displayName: 'ERP mail',
    createdDateTime: '2026-01-01T00:00:00Z',
    isFallbackPublicClient: false,
    keyCredentials: [],
    passwordCredentials: [{ keyId: 'k1', displayName: 'ERP', endDateTime: '2027-06-01T00:00:00Z' }],
    requiredResourceAccess: [
      { resourceAppId: exchangeOnlineAppId, resourceAccess: [{ id: roleId, type: 'Role' as const }] },
    ],
    ...overrides,
  });
}

const exoValue = (overrides: Partial<ExoSettings> = {}): ExoSettings => ({
  format: exoSettingsFormat,
  readAt: '2026-12-01T09:00:00Z',
  appId: clientId,
  mailbox: 'erp@adatum.example',
  organization: { EwsEnabled: true, EwsAllowedAppIDs: [clientId], EwsApplicationAccessPolicy: null },
  casMailbox: { Identity: 'erp', PrimarySmtpAddress: 'erp@adatum.example', EwsEnabled: null },
  servicePrincipal: null,
  roleAssignments: [],
  authorization: [],
  applicationAccessPolicies: [
    { AppId: clientId, ScopeName: 'ERP', AccessRight: 'RestrictAccess', Description: null },
  ],
  accessPolicyTest: { AppId: clientId, Mailbox: 'erp@adatum.example', AccessCheckResult: 'Granted' },
  ...overrides,
});

function account(overrides: Partial<EwsAccountFacts> = {}): EwsAccountFacts {
  return {
    upn: 'erp@adatum.example',
    domainName: 'adatum.example',
    domain: read('domain', { id: 'adatum.example', authenticationType: 'Managed' }),
    user: read('user', { id: userId, userPrincipalName: 'erp@adatum.example' }),
    mfa: read('mfa', { perUserMfaState: 'disabled' }),
    homeRealmDiscoveryPolicies: read('hrd', { value: [] }),
    appHomeRealmDiscoveryPolicies: read('apphrd', { value: [] }),
    ...overrides,
  };
}

/** A ready app-only ERP; `delegated()` turns it into a ready delegated one. */
function facts(overrides: Partial<EwsFacts> = {}): EwsFacts {
  return {
    clientId,
    flow: 'app-only',
    mailbox: 'erp@adatum.example',
    application: application(),
    exchangeServicePrincipal: read('exsp', {
      id: exchangeSp,
      appId: exchangeOnlineAppId,
      appRoles: [{ id: roleId, value: 'full_access_as_app' }],
      oauth2PermissionScopes: [{ id: scopeId, value: 'EWS.AccessAsUser.All' }],
    }),
    appServicePrincipal: read('sp', { id: appSp, appId: clientId, appRoles: [], oauth2PermissionScopes: [] }),
    appRoleAssignments: read('assign', {
      value: [
        { id: 'a1', appRoleId: roleId, resourceId: exchangeSp, createdDateTime: '2026-01-01T00:05:00Z' },
      ],
    }),
    permissionGrants: read('grants', { value: [] }),
    account: null,
    securityDefaults: read('sd', { isEnabled: false }),
    conditionalAccessPolicies: read('ca', { value: [] }),
    exo: { state: 'read', source: 'test', value: exoValue() },
    probe: null,
    ...overrides,
  };
}

function delegated(overrides: Partial<EwsFacts> = {}): EwsFacts {
  return facts({
    flow: 'delegated',
    application: application({
      isFallbackPublicClient: true,
      requiredResourceAccess: [
        { resourceAppId: exchangeOnlineAppId, resourceAccess: [{ id: scopeId, type: 'Scope' }] },
      ],
    }),
    appRoleAssignments: read('assign', { value: [] }),
    permissionGrants: read('grants', {
      value: [
        {
          id: 'g1',
          clientId: appSp,
          consentType: 'AllPrincipals',
          resourceId: exchangeSp,
          scope: 'EWS.AccessAsUser.All',
        },
      ],
    }),
    account: account(),
    ...overrides,
  });
}

const result = (input: EwsFacts, id: string, at: Date = now): CheckResult => {
  const found = evaluateEws(input, at).find((entry) => entry.checkId === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};

describe('the ews.* rules', () => {
  it('judge the ten checks in the table order, each citing Microsoft pages', () => {
    const results = evaluateEws(facts(), now);
    expect(results.map((entry) => entry.checkId)).toEqual([
      'ews.app',
      'ews.app.permission',
      'ews.app.consent',
      'ews.app.publicclient',
      'ews.app.secret',
      'ews.account.passwordflow',
      'ews.mailbox.scope',
      'ews.enabled',
      'ews.retirement',
      'ews.probe',
    ]);
    for (const entry of results)
      expect(entry.references[0]).toMatch(/^https:\/\/(learn\.microsoft\.com|techcommunity)/);
  });
});

describe('ews.app', () => {
  it('passes, warns when the app is set up for the other flow, fails on 404, unknown on 403', () => {
    expect(result(facts(), 'ews.app').status).toBe('pass');
    const mismatch = result(facts({ flow: 'delegated', account: account() }), 'ews.app');
    expect(mismatch.status).toBe('warn');
    expect(mismatch.evidence.appSetUpFor).toEqual(['app-only']);
    const missing = result(facts({ application: notFound('GET app') }), 'ews.app');
    expect(missing.status).toBe('fail');
    expect(missing.summary).toContain(clientId);
    const denied = result(facts({ application: unreadable('https://graph/app') }), 'ews.app');
    expect(denied.status).toBe('unknown');
    expect(denied.summary).toContain('GET https://graph/app');
  });
});

describe('ews.app.permission', () => {
  it('passes with the permission of the flow, fails on the wrong kind, warns with both', () => {
    expect(result(facts(), 'ews.app.permission').status).toBe('pass');
    expect(result(delegated(), 'ews.app.permission').status).toBe('pass');
    const wrong = result(
      delegated({ application: application({ isFallbackPublicClient: true }) }),
      'ews.app.permission',
    );
    expect(wrong.status).toBe('fail');
    expect(wrong.summary).toContain('wrong kind');
    const none = result(
      facts({ application: application({ requiredResourceAccess: [] }) }),
      'ews.app.permission',
    );
    expect(none.status).toBe('fail');
    const both = application({
      requiredResourceAccess: [
        {
          resourceAppId: exchangeOnlineAppId,
          resourceAccess: [
            { id: roleId, type: 'Role' },
            { id: scopeId, type: 'Scope' },
          ],
        },
      ],
    });
    expect(result(facts({ application: both }), 'ews.app.permission').status).toBe('warn');
  });

  it('is n/a without the app and unknown without the Exchange Online service principal', () => {
    expect(result(facts({ application: notFound('app') }), 'ews.app.permission').status).toBe('n/a');
    const unknown = result(facts({ exchangeServicePrincipal: unreadable('exsp') }), 'ews.app.permission');
    expect(unknown.status).toBe('unknown');
    expect(unknown.summary).toContain('Office 365 Exchange Online service principal');
  });
});

describe('ews.app.consent', () => {
  it('passes with the app-role assignment or the AllPrincipals grant', () => {
    expect(result(facts(), 'ews.app.consent').status).toBe('pass');
    expect(result(delegated(), 'ews.app.consent').status).toBe('pass');
  });

  it('warns for a per-user grant, fails without consent or service principal', () => {
    const perUser = delegated({
      permissionGrants: read('grants', {
        value: [
          {
            id: 'g',
            clientId: appSp,
            consentType: 'Principal',
            resourceId: exchangeSp,
            scope: 'EWS.AccessAsUser.All',
          },
        ],
      }),
    });
    expect(result(perUser, 'ews.app.consent').status).toBe('warn');
    const none = facts({ appRoleAssignments: read('assign', { value: [] }), exo: exoSettingsNotRead });
    expect(result(none, 'ews.app.consent').status).toBe('fail');
    expect(result(facts({ appServicePrincipal: notFound('sp') }), 'ews.app.consent').status).toBe('fail');
  });

  it('passes when Exchange Online grants the role by RBAC for Applications instead of Entra consent', () => {
    const rbac = facts({
      appRoleAssignments: read('assign', { value: [] }),
      exo: {
        state: 'read',
        source: 'test',
        value: exoValue({
          roleAssignments: [
            {
              Name: 'a',
              Role: 'Application EWS.AccessAsApp',
              RoleAssignee: appSp,
              CustomResourceScope: 'ERP',
              RecipientWriteScope: null,
            },
          ],
        }),
      },
    });
    const judged = result(rbac, 'ews.app.consent');
    expect(judged.status).toBe('pass');
    expect(judged.summary).toContain('RBAC for Applications');
  });

  it('notes a change under an hour old, is n/a without the app, unknown when grants are unread', () => {
    const fresh = result(facts(), 'ews.app.consent', new Date('2026-01-01T00:30:00Z'));
    expect(fresh.evidence.replicationDelayPossible).toBe(true);
    expect(result(facts({ application: notFound('app') }), 'ews.app.consent').status).toBe('n/a');
    const unread = result(facts({ permissionGrants: unreadable('https://graph/grants') }), 'ews.app.consent');
    expect(unread.status).toBe('unknown');
    expect(unread.summary).toContain('GET https://graph/grants');
  });
});

describe('ews.app.publicclient', () => {
  it('delegated needs it on (else AADSTS7000218); app-only passes off and warns on', () => {
    expect(result(delegated(), 'ews.app.publicclient').status).toBe('pass');
    const off = result(
      delegated({ application: application({ isFallbackPublicClient: null, requiredResourceAccess: [] }) }),
      'ews.app.publicclient',
    );
    expect(off.status).toBe('fail');
    expect(off.summary).toContain('AADSTS7000218');
    expect(result(facts(), 'ews.app.publicclient').status).toBe('pass');
    expect(
      result(facts({ application: application({ isFallbackPublicClient: true }) }), 'ews.app.publicclient')
        .status,
    ).toBe('warn');
    expect(result(facts({ application: notFound('app') }), 'ews.app.publicclient').status).toBe('n/a');
    expect(result(facts({ application: unreadable('app') }), 'ews.app.publicclient').status).toBe('unknown');
  });
});

describe('ews.app.secret', () => {
  const withSecrets = (ends: string[]) =>
    facts({
      application: application({
        passwordCredentials: ends.map((end, index) => ({ keyId: `k${index}`, endDateTime: end })),
      }),
    });

  it('passes valid, warns under 30 days, fails expired or none; n/a for delegated', () => {
    expect(result(withSecrets(['2027-06-01T00:00:00Z']), 'ews.app.secret').status).toBe('pass');
    const soon = result(withSecrets(['2026-12-20T00:00:00Z']), 'ews.app.secret');
    expect(soon.status).toBe('warn');
    expect(soon.summary).toContain('in 18 days');
    const expired = result(withSecrets(['2026-06-01T00:00:00Z']), 'ews.app.secret');
    expect(expired.status).toBe('fail');
    expect(expired.summary).toContain('AADSTS7000222');
    expect(result(withSecrets([]), 'ews.app.secret').status).toBe('fail');
    expect(result(delegated(), 'ews.app.secret').status).toBe('n/a');
    expect(result(facts({ application: unreadable('app') }), 'ews.app.secret').status).toBe('unknown');
  });
});

describe('ews.account.passwordflow', () => {
  const federated = read('domain', { id: 'adatum.example', authenticationType: 'Federated' });

  it('warns at best: the flow is deprecated; n/a for app-only', () => {
    const judged = result(delegated(), 'ews.account.passwordflow');
    expect(judged.status).toBe('warn');
    expect(judged.summary).toContain('deprecated');
    expect(result(facts(), 'ews.account.passwordflow').status).toBe('n/a');
  });

  it('fails on a federated domain without a policy allowing cloud password validation', () => {
    const judged = result(delegated({ account: account({ domain: federated }) }), 'ews.account.passwordflow');
    expect(judged.status).toBe('fail');
    expect(judged.summary).toContain("the ERP's sign-in will fail once the domain is federated");
  });

  it('accepts a home realm discovery policy with AllowCloudPasswordValidation (assigned or organisation default)', () => {
    const policy = {
      id: 'hrd1',
      displayName: 'ERP cloud password',
      definition: ['{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'],
      isOrganizationDefault: false,
    };
    const assigned = account({
      domain: federated,
      appHomeRealmDiscoveryPolicies: read('apphrd', { value: [policy] }),
    });
    expect(result(delegated({ account: assigned }), 'ews.account.passwordflow').status).toBe('warn');
    const orgDefault = account({
      domain: federated,
      homeRealmDiscoveryPolicies: read('hrd', { value: [{ ...policy, isOrganizationDefault: true }] }),
    });
    expect(result(delegated({ account: orgDefault }), 'ews.account.passwordflow').status).toBe('warn');
    const notDefault = account({
      domain: federated,
      homeRealmDiscoveryPolicies: read('hrd', { value: [policy] }),
    });
    expect(result(delegated({ account: notDefault }), 'ews.account.passwordflow').status).toBe('fail');
  });

  it('fails when MFA is required: per-user MFA, security defaults, or a Conditional Access policy naming it', () => {
    const perUser = delegated({ account: account({ mfa: read('mfa', { perUserMfaState: 'enforced' }) }) });
    expect(result(perUser, 'ews.account.passwordflow').summary).toContain('AADSTS50076');
    expect(result(perUser, 'ews.account.passwordflow').status).toBe('fail');
    expect(
      result(delegated({ securityDefaults: read('sd', { isEnabled: true }) }), 'ews.account.passwordflow')
        .status,
    ).toBe('fail');
    const policy = (include: string[], exclude: string[] = []) =>
      read('ca', {
        value: [
          {
            id: 'p1',
            displayName: 'MFA',
            state: 'enabled',
            conditions: {
              users: { includeUsers: include, includeGroups: [], includeRoles: [], excludeUsers: exclude },
            },
            grantControls: { builtInControls: ['mfa'] },
          },
        ],
      });
    expect(
      result(delegated({ conditionalAccessPolicies: policy(['All']) }), 'ews.account.passwordflow').status,
    ).toBe('fail');
    expect(
      result(delegated({ conditionalAccessPolicies: policy(['All'], [userId]) }), 'ews.account.passwordflow')
        .status,
    ).toBe('warn');
  });

  it('is unknown, naming the request, when what it needs is unread', () => {
    const judged = result(
      delegated({ account: account({ domain: unreadable('https://graph/domains/adatum.example') }) }),
      'ews.account.passwordflow',
    );
    expect(judged.status).toBe('unknown');
    expect(judged.summary).toContain('GET https://graph/domains/adatum.example');
  });
});

describe('ews.mailbox.scope', () => {
  const exo = (value: ExoSettings) => ({ exo: { state: 'read' as const, source: 'test', value } });

  it('passes when an application access policy restricts the app and the mailbox is granted', () => {
    expect(result(facts(), 'ews.mailbox.scope').status).toBe('pass');
  });

  it('warns, with what it exposes, when full_access_as_app is unscoped', () => {
    const judged = result(
      facts(exo(exoValue({ applicationAccessPolicies: [], accessPolicyTest: null }))),
      'ews.mailbox.scope',
    );
    expect(judged.status).toBe('warn');
    expect(judged.summary).toContain('every mailbox of the tenant');
  });

  it('fails when the test mailbox is out of scope (access policy denied, or RBAC InScope false)', () => {
    const denied = exoValue({
      accessPolicyTest: { AppId: clientId, Mailbox: 'erp@adatum.example', AccessCheckResult: 'Denied' },
    });
    expect(result(facts(exo(denied)), 'ews.mailbox.scope').status).toBe('fail');
    const rbac = exoValue({
      applicationAccessPolicies: [],
      accessPolicyTest: null,
      roleAssignments: [
        {
          Name: 'a',
          Role: 'Application EWS.AccessAsApp',
          RoleAssignee: appSp,
          CustomResourceScope: 'ERP',
          RecipientWriteScope: null,
        },
      ],
      authorization: [
        {
          RoleName: 'Application EWS.AccessAsApp',
          GrantedPermissions: null,
          AllowedResourceScope: 'ERP',
          ScopeType: 'CustomRecipientScope',
          InScope: false,
        },
      ],
    });
    expect(
      result(facts({ ...exo(rbac), appRoleAssignments: read('assign', { value: [] }) }), 'ews.mailbox.scope')
        .status,
    ).toBe('fail');
  });

  it('is unknown with exactly the cause without the Exchange Online settings; n/a for delegated', () => {
    const judged = result(facts({ exo: exoSettingsNotRead }), 'ews.mailbox.scope');
    expect(judged.status).toBe('unknown');
    expect(judged.summary).toBe(
      `Not read: ${exoSettingsNotRead.state === 'unknown' ? exoSettingsNotRead.cause : ''}.`,
    );
    expect(result(delegated(), 'ews.mailbox.scope').status).toBe('n/a');
  });
});

describe('ews.enabled', () => {
  const org = (EwsEnabled: boolean | null, EwsAllowedAppIDs: string[]) =>
    facts({
      exo: {
        state: 'read',
        source: 'test',
        value: exoValue({ organization: { EwsEnabled, EwsAllowedAppIDs, EwsApplicationAccessPolicy: null } }),
      },
    });

  it('passes when EWS is on and the ERP is on the allow list', () => {
    expect(result(facts(), 'ews.enabled').status).toBe('pass');
  });

  it('fails when off, when the ERP is not allowed, when the mailbox has it off, or unset after 1 October 2026', () => {
    expect(result(org(false, []), 'ews.enabled').status).toBe('fail');
    expect(result(org(true, ['00000000-0000-0000-0000-000000000001']), 'ews.enabled').summary).toContain(
      'not in EwsAllowedAppIDs',
    );
    const mailboxOff = facts({
      exo: {
        state: 'read',
        source: 'test',
        value: exoValue({ casMailbox: { Identity: 'erp', PrimarySmtpAddress: null, EwsEnabled: false } }),
      },
    });
    expect(result(mailboxOff, 'ews.enabled').status).toBe('fail');
    expect(result(org(null, []), 'ews.enabled').status).toBe('fail');
  });

  it('warns when unset before 1 October 2026, or on with an empty allow list', () => {
    expect(result(org(null, []), 'ews.enabled', new Date('2026-09-01T00:00:00Z')).status).toBe('warn');
    expect(result(org(true, []), 'ews.enabled').status).toBe('warn');
  });

  it('is unknown with exactly the cause without the Exchange Online settings', () => {
    const judged = result(facts({ exo: exoSettingsNotRead }), 'ews.enabled');
    expect(judged.status).toBe('unknown');
    expect(judged.evidence.cause).toContain('Graph cannot read the Exchange Online settings');
  });
});

describe('ews.retirement and ews.probe', () => {
  it('retirement warns with the days left before 1 April 2027 and fails after', () => {
    expect(result(facts(), 'ews.retirement').summary).toContain('121 days left');
    expect(result(facts(), 'ews.retirement', new Date('2027-04-02T00:00:00Z')).status).toBe('fail');
  });

  it('probe: unknown "not run" without the secret, the probe verdict when run', () => {
    const notRun = result(facts(), 'ews.probe');
    expect(notRun.status).toBe('unknown');
    expect(notRun.summary).toBe("Not run: the probe needs the ERP's secret.");
    const probe: CheckResult = {
      checkId: 'ews.probe',
      status: 'fail',
      summary: 'AADSTS7000215',
      evidence: {},
      references: [],
    };
    expect(result(facts({ probe }), 'ews.probe')).toBe(probe);
  });
});
