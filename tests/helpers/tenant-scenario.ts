import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '../../shared/checks/check-result';
import {
  recordedResponsesFormat,
  type RecordedResponse,
  type RecordedResponses,
} from '../../shared/tenant/recorded-responses';
import { microsoftGraphAppId } from '../../shared/tenant/graph-shapes';
import { tenantRequests, type TenantTarget } from '../../electron/tenant/collect-tenant-facts';
import { replayTenantCheck } from '../../electron/tenant/tenant-check-run';

type Json = RecordedResponse['body'];

/** A response body copied from Microsoft's Graph docs (tests/fixtures/graph, see SOURCES.md); a fresh copy. */
export function graphFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/graph/${name}`, import.meta.url)), 'utf8'),
  ) as T;
}

export const signingCertificates =
  graphFixture<Record<'valid' | 'expiringSoon' | 'expired', string>>('signing-certificates.json');

// The ids of the published examples, reused so the varied fixtures stay consistent with one another.
export const appId = '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b';
export const appSpId = '263a5b01-03e5-408e-8557-bab681df104c';
export const graphSpId = '943603e4-e787-4fe9-93d1-e30f749aae39';
export const userId = '071cc716-8147-4397-a5ba-b2105951cc0b';
export const recordedAt = '2026-12-01T12:00:00Z';

// Microsoft Graph's published permission ids.
export const graphPermissionIds = {
  scope: {
    'Directory.AccessAsUser.All': '0e263e50-5827-48a4-b97c-d940288653c7',
    'Directory.ReadWrite.All': 'c5366453-9fb0-48a5-a156-24f0c49a4b84',
    'User.ReadWrite.All': '204e0828-b5ca-4ad8-b9f3-f32a958e7cc4',
  },
  role: {
    'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
  },
} as const;

/** An application as the docs' example, varied to declare everything the IdP needs and hold a valid secret. */
export function readyApplication(): Record<string, unknown> {
  const app = graphFixture('application-get.json');
  app.appId = appId;
  app.requiredResourceAccess = [
    {
      resourceAppId: microsoftGraphAppId,
      resourceAccess: [
        ...Object.values(graphPermissionIds.scope).map((id) => ({ id, type: 'Scope' })),
        ...Object.values(graphPermissionIds.role).map((id) => ({ id, type: 'Role' })),
      ],
    },
  ];
  app.passwordCredentials = [
    {
      customKeyIdentifier: null,
      displayName: 'IdP',
      endDateTime: '2027-12-01T00:00:00Z',
      hint: 'abc',
      keyId: '1d2a0d4e-0000-4000-8000-000000000001',
      secretText: null,
      startDateTime: '2026-01-01T00:00:00Z',
    },
  ];
  return app;
}

function graphServicePrincipal(): Json {
  return {
    id: graphSpId,
    appId: microsoftGraphAppId,
    displayName: 'Microsoft Graph',
    oauth2PermissionScopes: Object.entries(graphPermissionIds.scope).map(([value, id]) => ({
      id,
      value,
      type: 'Admin',
      isEnabled: true,
    })),
    appRoles: Object.entries(graphPermissionIds.role).map(([value, id]) => ({
      id,
      value,
      allowedMemberTypes: ['Application'],
      isEnabled: true,
    })),
  };
}

/** The docs' app-role assignment, varied into one assignment per application permission on Graph. */
export function readyAssignments(): Record<string, unknown> {
  const list = graphFixture<{ value: Record<string, unknown>[] }>(
    'serviceprincipal-list-approleassignments.json',
  );
  const example = list.value[0] ?? {};
  list.value = Object.values(graphPermissionIds.role).map((roleId, index) => ({
    ...example,
    id: `${String(example.id)}-${index}`,
    appRoleId: roleId,
    principalId: appSpId,
    resourceId: graphSpId,
  }));
  return list;
}

export function federationConfiguration(
  certificate: string,
  host = 'sts.contoso.com',
): Record<string, unknown> {
  const list = graphFixture<{ value: Record<string, unknown>[] }>('domain-list-federationconfiguration.json');
  const config = list.value[0] ?? {};
  config.issuerUri = `http://${host}/adfs/services/trust`;
  config.passiveSignInUri = `https://${host}/adfs/ls`;
  config.signingCertificate = certificate;
  return list;
}

export const defaultTarget: TenantTarget = {
  tenant: 'contoso.onmicrosoft.com',
  provisioningAppId: appId,
  federatedDomains: ['contoso.com'],
  idpSignInHost: 'sts.contoso.com',
};

/** A tenant built from the published examples, ready for the IdP; each test varies what it is about. */
export class TenantScenario {
  readonly responses = new Map<string, { status: number; body: Json }>();

  constructor() {
    const federatedDomain = graphFixture('domain-get.json');
    federatedDomain.id = 'contoso.com';
    federatedDomain.authenticationType = 'Federated';
    const securityDefaults = graphFixture('identitysecuritydefaultsenforcementpolicy-get.json');
    securityDefaults.isEnabled = false;
    const campaign = graphFixture<{
      registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: string } };
    }>('authenticationmethodspolicy-get.json');
    campaign.registrationEnforcement.authenticationMethodsRegistrationCampaign.state = 'disabled';
    const grants = graphFixture<{ value: Record<string, unknown>[] }>('oauth2permissiongrant-list.json');
    // The docs' second grant (AllPrincipals, on 943603e4...) holds the three delegated scopes the IdP needs.
    this.set(tenantRequests.application(appId), readyApplication())
      .set(tenantRequests.servicePrincipal(microsoftGraphAppId), graphServicePrincipal())
      .set(tenantRequests.servicePrincipal(appId), { id: appSpId, appId, displayName: 'PostmanWeb' })
      .set(tenantRequests.appRoleAssignments(appSpId), readyAssignments())
      .set(tenantRequests.permissionGrants(appSpId), grants)
      .set(tenantRequests.securityDefaults, securityDefaults)
      .set(tenantRequests.conditionalAccessPolicies, graphFixture('conditionalaccessroot-list-policies.json'))
      .set(tenantRequests.users, { value: [{ id: userId, userPrincipalName: 'adele@contoso.com' }] })
      .set(tenantRequests.mfaRequirements(userId), { perUserMfaState: 'disabled' })
      .set(tenantRequests.authorizationPolicy, graphFixture('authorizationpolicy-get.json'))
      .set(tenantRequests.registrationDetails, {
        value: [{ id: userId, userPrincipalName: 'adele@contoso.com', isSsprEnabled: false }],
      })
      .set(tenantRequests.authenticationMethodsPolicy, campaign)
      .set(tenantRequests.domain('contoso.com'), federatedDomain)
      .set(tenantRequests.federation('contoso.com'), federationConfiguration(signingCertificates.valid));
  }

  set(url: string, body: Json | Record<string, unknown>, status = 200): this {
    this.responses.set(url, { status, body: body as Json });
    return this;
  }

  remove(url: string): this {
    this.responses.delete(url);
    return this;
  }

  /** Changes a stored body in place. */
  edit<T = Record<string, unknown>>(url: string, change: (body: T) => void): this {
    const entry = this.responses.get(url);
    if (entry === undefined) throw new Error(`no response for ${url}`);
    change(entry.body as T);
    return this;
  }

  recording(): RecordedResponses {
    return {
      format: recordedResponsesFormat,
      tenant: 'contoso.onmicrosoft.com',
      recordedAt,
      responses: [...this.responses].map(([url, { status, body }]) => ({
        method: 'GET' as const,
        url,
        status,
        body,
      })),
    };
  }

  async results(target: Partial<TenantTarget> = {}): Promise<CheckResult[]> {
    return (await replayTenantCheck(this.recording(), { ...defaultTarget, ...target })).results;
  }

  async result(checkId: string, target: Partial<TenantTarget> = {}): Promise<CheckResult> {
    const found = (await this.results(target)).find((result) => result.checkId === checkId);
    if (found === undefined) throw new Error(`no ${checkId} result`);
    return found;
  }
}
