import { microsoftGraphAppId } from '../../shared/tenant/graph-shapes';
import {
  recordedResponsesFormat,
  type RecordedResponse,
  type RecordedResponses,
} from '../../shared/tenant/recorded-responses';
import type { Attestation } from '../../shared/tenant/tenant-facts';
import { tenantRequests, type TenantTarget } from '../tenant/collect-tenant-facts';
import { demoSigningCertificates } from './demo-tenant-certificates';

// The built-in demo tenants: four made-up recordings (simulated) whose cases between them show every status of
// every m365.* check. Bodies are shaped like Microsoft's published Graph examples (tests/fixtures/graph).

/** One demo case: a recording and the inventory's tenant section it is judged against. */
export interface DemoTenantCase {
  name: string;
  description: string;
  recording: RecordedResponses;
  target: TenantTarget;
}

const recordedAt = '2026-12-01T10:00:00Z';
const idpHost = 'login.fabrikam-idp.example';

// Microsoft Graph's published permission ids (the same in every tenant); the rules resolve them by value.
const graphScopes = [
  { id: '0e263e50-5827-48a4-b97c-d940288653c7', value: 'Directory.AccessAsUser.All' },
  { id: 'c5366453-9fb0-48a5-a156-24f0c49a4b84', value: 'Directory.ReadWrite.All' },
  { id: '204e0828-b5ca-4ad8-b9f3-f32a958e7cc4', value: 'User.ReadWrite.All' },
  { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read' },
];
const graphRoles = [
  { id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', value: 'Directory.ReadWrite.All' },
  { id: '741f803b-c850-494e-b5df-cde7c675a1ca', value: 'User.ReadWrite.All' },
];
const scopeId = (value: string) => graphScopes.find((scope) => scope.value === value)?.id ?? value;
const roleId = (value: string) => graphRoles.find((role) => role.value === value)?.id ?? value;

/** A made-up but well-formed GUID: tenant number, kind and index. */
const guid = (tenant: number, kind: number, index: number) =>
  `${tenant.toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-4000-8000-${index.toString(16).padStart(12, '0')}`;

const ok = (url: string, body: RecordedResponse['body']): RecordedResponse => ({
  method: 'GET',
  url,
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
});
const graphError = (url: string, status: number, code: string, message: string): RecordedResponse => ({
  method: 'GET',
  url,
  status,
  headers: { 'content-type': 'application/json' },
  body: { error: { code, message, innerError: { date: recordedAt, 'request-id': guid(0, status, 1) } } },
});
const collection = (context: string, value: RecordedResponse['body'][]) => ({
  '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`,
  value,
});

function graphServicePrincipal(tenant: number): RecordedResponse {
  return ok(tenantRequests.servicePrincipal(microsoftGraphAppId), {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity',
    id: guid(tenant, 0x9a, 1),
    appId: microsoftGraphAppId,
    displayName: 'Microsoft Graph',
    servicePrincipalType: 'Application',
    appRoles: graphRoles.map((role) => ({
      allowedMemberTypes: ['Application'],
      displayName: `${role.value} (application)`,
      id: role.id,
      isEnabled: true,
      origin: 'Application',
      value: role.value,
    })),
    oauth2PermissionScopes: graphScopes.map((scope) => ({
      adminConsentDisplayName: scope.value,
      id: scope.id,
      isEnabled: true,
      type: 'Admin',
      value: scope.value,
    })),
  });
}

interface AppSpec {
  tenant: number;
  index: number;
  displayName: string;
  createdDateTime: string;
  scopes: string[];
  roles: string[];
  secretEnds: string[];
}

const appIdOf = (spec: { tenant: number; index: number }) => guid(spec.tenant, 0xa1, spec.index);
const spIdOf = (spec: { tenant: number; index: number }) => guid(spec.tenant, 0x5b, spec.index);

function application(spec: AppSpec): RecordedResponse {
  return ok(tenantRequests.application(appIdOf(spec)), {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#applications/$entity',
    id: guid(spec.tenant, 0xa0, spec.index),
    appId: appIdOf(spec),
    displayName: spec.displayName,
    createdDateTime: spec.createdDateTime,
    signInAudience: 'AzureADMyOrg',
    keyCredentials: [],
    passwordCredentials: spec.secretEnds.map((end, index) => ({
      customKeyIdentifier: null,
      displayName: `IdP provisioning ${index + 1}`,
      endDateTime: end,
      hint: 'Xq~',
      keyId: guid(spec.tenant, 0xc0, spec.index * 10 + index),
      secretText: null,
      startDateTime: '2025-12-01T00:00:00Z',
    })),
    requiredResourceAccess: [
      {
        resourceAppId: microsoftGraphAppId,
        resourceAccess: [
          ...spec.scopes.map((value) => ({ id: scopeId(value), type: 'Scope' })),
          ...spec.roles.map((value) => ({ id: roleId(value), type: 'Role' })),
        ],
      },
    ],
  });
}

function appServicePrincipal(spec: AppSpec): RecordedResponse {
  return ok(tenantRequests.servicePrincipal(appIdOf(spec)), {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity',
    id: spIdOf(spec),
    appId: appIdOf(spec),
    displayName: spec.displayName,
    servicePrincipalType: 'Application',
    appRoles: [],
    oauth2PermissionScopes: [],
  });
}

function consent(
  spec: AppSpec,
  grants: { roles: string[]; tenantWide: string[]; perUser: string[]; assignedAt: string },
): RecordedResponse[] {
  const graphSp = guid(spec.tenant, 0x9a, 1);
  const grantList = [];
  if (grants.tenantWide.length > 0)
    grantList.push({
      clientId: spIdOf(spec),
      consentType: 'AllPrincipals',
      id: `grant-${spec.tenant}-${spec.index}-all`,
      principalId: null,
      resourceId: graphSp,
      scope: grants.tenantWide.join(' '),
    });
  if (grants.perUser.length > 0)
    grantList.push({
      clientId: spIdOf(spec),
      consentType: 'Principal',
      id: `grant-${spec.tenant}-${spec.index}-user`,
      principalId: guid(spec.tenant, 0x0e, 1),
      resourceId: graphSp,
      scope: grants.perUser.join(' '),
    });
  return [
    appServicePrincipal(spec),
    ok(
      tenantRequests.appRoleAssignments(spIdOf(spec)),
      collection(
        'appRoleAssignments',
        grants.roles.map((value, index) => ({
          id: `assignment-${spec.tenant}-${spec.index}-${index}`,
          createdDateTime: grants.assignedAt,
          appRoleId: roleId(value),
          principalDisplayName: spec.displayName,
          principalId: spIdOf(spec),
          principalType: 'ServicePrincipal',
          resourceDisplayName: 'Microsoft Graph',
          resourceId: graphSp,
        })),
      ),
    ),
    ok(tenantRequests.permissionGrants(spIdOf(spec)), collection('oauth2PermissionGrants', grantList)),
  ];
}

const allScopes = ['Directory.AccessAsUser.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'];
const allRoles = ['Directory.ReadWrite.All', 'User.ReadWrite.All'];

function users(tenant: number, domain: string, states: string[]): RecordedResponse[] {
  const list = states.map((_, index) => ({
    id: guid(tenant, 0x0e, index + 1),
    userPrincipalName: `user${String(index + 1).padStart(2, '0')}@${domain}`,
  }));
  // Two pages, as Graph pages users: the replay follows @odata.nextLink.
  const half = Math.ceil(list.length / 2);
  const nextLink = `https://graph.microsoft.com/v1.0/users?$select=id,userPrincipalName&$skiptoken=demo${tenant}`;
  return [
    ok(tenantRequests.users, {
      ...collection('users(id,userPrincipalName)', list.slice(0, half)),
      '@odata.nextLink': nextLink,
    }),
    ok(nextLink, collection('users(id,userPrincipalName)', list.slice(half))),
    ...list.map((user, index) =>
      ok(tenantRequests.mfaRequirements(user.id), { perUserMfaState: states[index] ?? 'disabled' }),
    ),
  ];
}

function registrationDetails(tenant: number, domain: string, sspr: boolean[]): RecordedResponse {
  return ok(
    tenantRequests.registrationDetails,
    collection(
      'reports/authenticationMethods/userRegistrationDetails',
      sspr.map((enabled, index) => ({
        id: guid(tenant, 0x0e, index + 1),
        userPrincipalName: `user${String(index + 1).padStart(2, '0')}@${domain}`,
        isAdmin: false,
        isSsprRegistered: enabled,
        isSsprEnabled: enabled,
        isSsprCapable: enabled,
        isMfaRegistered: false,
        methodsRegistered: [],
      })),
    ),
  );
}

function caPolicy(id: string, displayName: string, state: string, controls: string[]) {
  return {
    id,
    displayName,
    createdDateTime: '2026-03-01T09:00:00Z',
    modifiedDateTime: null,
    state,
    sessionControls: null,
    conditions: {
      clientAppTypes: ['all'],
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
      users: {
        includeUsers: ['All'],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      },
    },
    grantControls: {
      operator: 'OR',
      builtInControls: controls,
      customAuthenticationFactors: [],
      termsOfUse: [],
    },
  };
}

const securityDefaults = (isEnabled: boolean) =>
  ok(tenantRequests.securityDefaults, {
    '@odata.context':
      'https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy',
    description: 'Security defaults is a set of basic identity security mechanisms recommended by Microsoft.',
    displayName: 'Security Defaults',
    id: '00000000-0000-0000-0000-000000000005',
    isEnabled,
  });

const authorizationPolicy = (allowedToUseSSPR: boolean) =>
  ok(tenantRequests.authorizationPolicy, {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity',
    id: 'authorizationPolicy',
    allowedToUseSSPR,
    displayName: 'Authorization Policy',
  });

const campaign = (state: string) =>
  ok(tenantRequests.authenticationMethodsPolicy, {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#authenticationMethodsPolicy',
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    policyVersion: '1.5',
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        state,
        excludeTargets: [],
        includeTargets: [
          { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
        ],
      },
    },
  });

function domain(name: string, authenticationType: string): RecordedResponse {
  return ok(tenantRequests.domain(name), {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#domains/$entity',
    authenticationType,
    id: name,
    isDefault: false,
    isInitial: false,
    isRoot: true,
    isVerified: true,
    supportedServices: ['Email'],
  });
}

function federation(name: string, host: string, certificate: string, behaviour: string): RecordedResponse {
  return ok(tenantRequests.federation(name), {
    value: [
      {
        '@odata.type': '#microsoft.graph.internalDomainFederation',
        id: `fed-${name}`,
        displayName: 'Fabrikam IdP',
        issuerUri: `https://${host}/saml2/idp`,
        metadataExchangeUri: null,
        signingCertificate: certificate,
        passiveSignInUri: `https://${host}/saml2/sso`,
        preferredAuthenticationProtocol: 'saml',
        activeSignInUri: null,
        signOutUri: `https://${host}/saml2/logout`,
        promptLoginBehavior: 'nativeSupport',
        isSignedAuthenticationRequestRequired: false,
        nextSigningCertificate: null,
        federatedIdpMfaBehavior: behaviour,
      },
    ],
  });
}

function recording(tenant: string, responses: RecordedResponse[]): RecordedResponses {
  return { format: recordedResponsesFormat, tenant, recordedAt, simulated: true, responses };
}

// Tenant 1, fabrikam: ready. A second app (per-user consent, a secret close to expiry, changed minutes ago)
// and a second domain (certificate close to expiry) give the warnings.
const fabrikamApp: AppSpec = {
  tenant: 1,
  index: 1,
  displayName: 'Fabrikam IdP provisioning',
  createdDateTime: '2026-05-01T08:00:00Z',
  scopes: allScopes,
  roles: allRoles,
  secretEnds: ['2027-06-01T00:00:00Z'],
};
const fabrikamNewApp: AppSpec = {
  ...fabrikamApp,
  index: 2,
  displayName: 'Fabrikam IdP provisioning (new)',
  createdDateTime: '2026-12-01T09:40:00Z',
  secretEnds: ['2026-12-20T00:00:00Z'],
};
const fabrikam = recording('fabrikam.onmicrosoft.com', [
  application(fabrikamApp),
  application(fabrikamNewApp),
  graphServicePrincipal(1),
  ...consent(fabrikamApp, {
    roles: allRoles,
    tenantWide: allScopes,
    perUser: [],
    assignedAt: '2026-05-01T08:05:00Z',
  }),
  ...consent(fabrikamNewApp, {
    roles: allRoles,
    tenantWide: ['Directory.AccessAsUser.All'],
    perUser: ['Directory.ReadWrite.All', 'User.ReadWrite.All'],
    assignedAt: '2026-12-01T09:45:00Z',
  }),
  securityDefaults(false),
  ok(
    tenantRequests.conditionalAccessPolicies,
    collection('identity/conditionalAccess/policies', [
      caPolicy(guid(1, 0xca, 1), 'Block legacy authentication', 'enabled', ['block']),
      caPolicy(guid(1, 0xca, 2), 'MFA for all users (report-only)', 'enabledForReportingButNotEnforced', [
        'mfa',
      ]),
    ]),
  ),
  ...users(1, 'fabrikam.example', ['disabled', 'disabled', 'disabled']),
  authorizationPolicy(true),
  registrationDetails(1, 'fabrikam.example', [false, false, false]),
  campaign('disabled'),
  domain('fabrikam.example', 'Federated'),
  federation('fabrikam.example', idpHost, demoSigningCertificates.valid, 'acceptIfMfaDoneByFederatedIdp'),
  domain('shop.fabrikam.example', 'Federated'),
  federation(
    'shop.fabrikam.example',
    idpHost,
    demoSigningCertificates.expiringSoon,
    'acceptIfMfaDoneByFederatedIdp',
  ),
]);

// Tenant 2, northwind: not ready. Permissions short, no consent, secrets expired, security defaults on,
// per-user MFA enforced for most of 25 users (two $batch rounds), an MFA policy, SSPR on, the domain Managed.
const northwindApp: AppSpec = {
  tenant: 2,
  index: 1,
  displayName: 'IdP provisioning',
  createdDateTime: '2025-11-01T08:00:00Z',
  scopes: ['Directory.AccessAsUser.All'],
  roles: ['User.ReadWrite.All'],
  secretEnds: ['2026-03-01T00:00:00Z', '2026-09-01T00:00:00Z'],
};
const northwindMissingAppId = guid(2, 0xa1, 9);
const northwindStates = Array.from({ length: 25 }, (_, index) =>
  index < 3 ? 'disabled' : index % 2 === 0 ? 'enforced' : 'enabled',
);
const northwind = recording('northwind.onmicrosoft.com', [
  application(northwindApp),
  graphError(
    tenantRequests.application(northwindMissingAppId),
    404,
    'Request_ResourceNotFound',
    `Resource '${northwindMissingAppId}' does not exist or one of its queried reference-property objects are not present.`,
  ),
  graphServicePrincipal(2),
  ...consent(northwindApp, { roles: [], tenantWide: [], perUser: [], assignedAt: '2025-11-01T08:05:00Z' }),
  securityDefaults(true),
  ok(
    tenantRequests.conditionalAccessPolicies,
    collection('identity/conditionalAccess/policies', [
      caPolicy(guid(2, 0xca, 1), 'Require MFA for all users', 'enabled', ['mfa']),
    ]),
  ),
  ...users(2, 'northwind.example', northwindStates),
  authorizationPolicy(true),
  registrationDetails(2, 'northwind.example', [true, true, false]),
  campaign('enabled'),
  domain('northwind.example', 'Managed'),
  domain('legacy.northwind.example', 'Federated'),
  federation('legacy.northwind.example', idpHost, demoSigningCertificates.expired, 'rejectMfaByFederatedIdp'),
]);

// Tenant 3, tailspin: ready but for the registration campaign left at Microsoft's default.
const tailspinApp: AppSpec = { ...fabrikamApp, tenant: 3, displayName: 'Tailspin IdP provisioning' };
const tailspin = recording('tailspin.onmicrosoft.com', [
  application(tailspinApp),
  graphServicePrincipal(3),
  ...consent(tailspinApp, {
    roles: allRoles,
    tenantWide: allScopes,
    perUser: [],
    assignedAt: '2026-05-01T08:05:00Z',
  }),
  securityDefaults(false),
  ok(tenantRequests.conditionalAccessPolicies, collection('identity/conditionalAccess/policies', [])),
  ...users(3, 'tailspin.example', ['disabled', 'disabled']),
  authorizationPolicy(false),
  registrationDetails(3, 'tailspin.example', [false, false]),
  campaign('default'),
  domain('tailspin.example', 'Federated'),
  federation('tailspin.example', idpHost, demoSigningCertificates.valid, 'enforceMfaByFederatedIdp'),
]);

// Tenant 4, wingtip: recorded by an account without the read roles and without Entra ID P1: answers are 403
// or absent, so the checks are unknown and name the request; one case carries an SSPR attestation.
const wingtipAppId = guid(4, 0xa1, 1);
const forbidden = (url: string) =>
  graphError(url, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const wingtip = recording('wingtip.onmicrosoft.com', [
  forbidden(tenantRequests.application(wingtipAppId)),
  forbidden(tenantRequests.servicePrincipal(wingtipAppId)),
  forbidden(tenantRequests.conditionalAccessPolicies),
  ok(
    tenantRequests.users,
    collection('users(id,userPrincipalName)', [
      { id: guid(4, 0x0e, 1), userPrincipalName: 'user01@wingtip.example' },
    ]),
  ),
  authorizationPolicy(true),
  graphError(
    tenantRequests.registrationDetails,
    403,
    'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    "Neither tenant is B2C or tenant doesn't have premium license",
  ),
  domain('wingtip.example', 'Federated'),
]);

const ssprAttestation: Attestation = {
  checkId: 'm365.sspr',
  attestedBy: 'WINGTIP\\adm-jdoe',
  attestedAt: '2026-12-01T09:30:00Z',
  observed: 'Protection > Password reset > Properties: Self service password reset enabled = None',
};

const target = (
  tenant: string,
  appId: string,
  domains: string[],
  attestations: Attestation[] = [],
): TenantTarget => ({
  tenant,
  provisioningAppId: appId,
  federatedDomains: domains,
  idpSignInHost: idpHost,
  attestations,
});

export const demoTenantCases: readonly DemoTenantCase[] = [
  {
    name: 'fabrikam-ready',
    description: 'Ready for the IdP: every check passes (security defaults off as an accepted risk).',
    recording: fabrikam,
    target: target(fabrikam.tenant, appIdOf(fabrikamApp), ['fabrikam.example']),
  },
  {
    name: 'fabrikam-new-app',
    description:
      'A new provisioning app: per-user consent, a secret close to expiry, a certificate close to expiry.',
    recording: fabrikam,
    target: target(fabrikam.tenant, appIdOf(fabrikamNewApp), ['shop.fabrikam.example']),
  },
  {
    name: 'northwind-not-ready',
    description:
      'Not ready: permissions, consent, secrets, security defaults, per-user MFA, SSPR, campaign, domains.',
    recording: northwind,
    target: target(northwind.tenant, appIdOf(northwindApp), [
      'northwind.example',
      'legacy.northwind.example',
      'missing.northwind.example',
    ]),
  },
  {
    name: 'northwind-wrong-app-id',
    description: 'The inventory names a client id that has no app registration.',
    recording: northwind,
    target: target(northwind.tenant, northwindMissingAppId, ['northwind.example']),
  },
  {
    name: 'tailspin-default-campaign',
    description: "Ready but for the registration campaign left at Microsoft's default.",
    recording: tailspin,
    target: target(tailspin.tenant, appIdOf(tailspinApp), ['tailspin.example']),
  },
  {
    name: 'wingtip-unreadable',
    description:
      'Recorded without the read roles or Entra ID P1: the checks are unknown and name the request.',
    recording: wingtip,
    target: target(wingtip.tenant, wingtipAppId, ['wingtip.example']),
  },
  {
    name: 'wingtip-attested',
    description:
      'As above, with the SSPR setting attested by an administrator (shown as attested, not pass).',
    recording: wingtip,
    target: target(wingtip.tenant, wingtipAppId, ['wingtip.example'], [ssprAttestation]),
  },
];
