import type { CheckResult } from '../../shared/checks/check-result';
import {
  classifyEwsAnswer,
  classifyTokenError,
  type ProbeClassification,
} from '../../shared/tenant/ews/ews-probe-classify';
import { ewsProbeReferences } from '../../shared/tenant/ews/ews-probe-codes';
import {
  exoSettingsFormat,
  type ExoSettings,
  type ExoSettingsRead,
} from '../../shared/tenant/ews/exo-settings';
import { exchangeOnlineAppId } from '../../shared/tenant/graph-shapes';
import type { RecordedResponse, RecordedResponses } from '../../shared/tenant/recorded-responses';
import { tenantRequests, type TenantTarget } from '../tenant/collect-tenant-facts';
import { ewsRequests, type EwsTarget } from '../tenant/ews/collect-ews-facts';
import { demoTenantCases } from './demo-tenant';

// The demo tenant's Exchange Online mail cases (issue #15): made-up ERP apps beside the IdP's demo tenants, whose
// cases between them show every status of every ews.* check. The probe's outcomes are simulated from its table,
// but for contoso-erp-app-only-loose, whose probe is replayed from recorded token answers like a real recording.

export interface DemoEwsCase {
  name: string;
  description: string;
  recording: RecordedResponses;
  /** The m365.* side judged with it; null for a tenant recorded for the ERP only. */
  target: TenantTarget | null;
  ews: EwsTarget;
}

// Office 365 Exchange Online's published permission ids (the EWS OAuth guide's manifest).
const ewsScope = { id: '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5', value: 'EWS.AccessAsUser.All' };
const ewsRole = { id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', value: 'full_access_as_app' };

const guid = (tenant: number, kind: number, index: number) =>
  `${tenant.toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-4000-8000-${index.toString(16).padStart(12, '0')}`;
const appIdOf = (tenant: number, index: number) => guid(tenant, 0xe1, index);
const spIdOf = (tenant: number, index: number) => guid(tenant, 0xe5, index);
const exchangeSpId = (tenant: number) => guid(tenant, 0xe0, 1);

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
  body: { error: { code, message } },
});
const forbidden = (url: string) =>
  graphError(url, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const collection = (value: RecordedResponse['body'][]) => ({ value });

function exchangeServicePrincipal(tenant: number): RecordedResponse {
  return ok(tenantRequests.servicePrincipal(exchangeOnlineAppId), {
    id: exchangeSpId(tenant),
    appId: exchangeOnlineAppId,
    displayName: 'Office 365 Exchange Online',
    servicePrincipalType: 'Application',
    appRoles: [
      { allowedMemberTypes: ['Application'], id: ewsRole.id, isEnabled: true, value: ewsRole.value },
    ],
    oauth2PermissionScopes: [{ id: ewsScope.id, isEnabled: true, type: 'User', value: ewsScope.value }],
  });
}

interface ErpApp {
  tenant: number;
  index: number;
  displayName: string;
  declares: ('Scope' | 'Role')[];
  publicClient: boolean;
  secretEnds: string[];
}

function erpApplication(app: ErpApp): RecordedResponse {
  return ok(tenantRequests.application(appIdOf(app.tenant, app.index)), {
    id: guid(app.tenant, 0xe2, app.index),
    appId: appIdOf(app.tenant, app.index),
    displayName: app.displayName,
    createdDateTime: '2025-10-01T08:00:00Z',
    signInAudience: 'AzureADMyOrg',
    isFallbackPublicClient: app.publicClient,
    keyCredentials: [],
    passwordCredentials: app.secretEnds.map((end, index) => ({
      displayName: `ERP mail ${index + 1}`,
      endDateTime: end,
      hint: 'k7Q',
      keyId: guid(app.tenant, 0xe3, app.index * 10 + index),
      secretText: null,
      startDateTime: '2025-10-01T08:00:00Z',
    })),
    requiredResourceAccess: [
      {
        resourceAppId: exchangeOnlineAppId,
        resourceAccess: app.declares.map((type) => ({
          id: type === 'Scope' ? ewsScope.id : ewsRole.id,
          type,
        })),
      },
    ],
  });
}

function erpConsent(
  app: ErpApp,
  consent: { role: boolean; tenantWide: boolean; perUser: boolean },
): RecordedResponse[] {
  const sp = spIdOf(app.tenant, app.index);
  const grant = (consentType: string, suffix: string) => ({
    clientId: sp,
    consentType,
    id: `ews-grant-${app.tenant}-${app.index}-${suffix}`,
    principalId: consentType === 'Principal' ? guid(app.tenant, 0x0e, 1) : null,
    resourceId: exchangeSpId(app.tenant),
    scope: ewsScope.value,
  });
  return [
    ok(tenantRequests.servicePrincipal(appIdOf(app.tenant, app.index)), {
      id: sp,
      appId: appIdOf(app.tenant, app.index),
      displayName: app.displayName,
      servicePrincipalType: 'Application',
      appRoles: [],
      oauth2PermissionScopes: [],
    }),
    ok(
      tenantRequests.appRoleAssignments(sp),
      collection(
        consent.role
          ? [
              {
                id: `ews-assignment-${app.tenant}-${app.index}`,
                createdDateTime: '2025-10-01T08:10:00Z',
                appRoleId: ewsRole.id,
                principalId: sp,
                principalType: 'ServicePrincipal',
                resourceDisplayName: 'Office 365 Exchange Online',
                resourceId: exchangeSpId(app.tenant),
              },
            ]
          : [],
      ),
    ),
    ok(
      tenantRequests.permissionGrants(sp),
      collection([
        ...(consent.tenantWide ? [grant('AllPrincipals', 'all')] : []),
        ...(consent.perUser ? [grant('Principal', 'user')] : []),
      ]),
    ),
  ];
}

function erpAccount(tenant: number, upn: string, mfa: string, domain: { name: string; type: string } | null) {
  const userId = guid(tenant, 0xe4, 1);
  return [
    ok(ewsRequests.user(upn), { id: userId, userPrincipalName: upn }),
    ok(tenantRequests.mfaRequirements(userId), { perUserMfaState: mfa }),
    ...(domain === null
      ? []
      : [
          ok(tenantRequests.domain(domain.name), {
            id: domain.name,
            authenticationType: domain.type,
            isVerified: true,
          }),
        ]),
    ok(ewsRequests.homeRealmDiscoveryPolicies, collection([])),
  ];
}

const noHrdAssigned = (tenant: number, index: number) =>
  ok(ewsRequests.appHomeRealmDiscoveryPolicies(spIdOf(tenant, index)), collection([]));

function withResponses(
  base: RecordedResponses,
  extra: RecordedResponse[],
  recordedAt?: string,
): RecordedResponses {
  return {
    ...base,
    ...(recordedAt === undefined ? {} : { recordedAt }),
    responses: [...base.responses, ...extra],
  };
}

function m365Case(name: string) {
  const found = demoTenantCases.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`demo tenant case ${name} is missing`);
  return found;
}

/** What Get-ExoEwsSettings.ps1 would print for the case (simulated: no Exchange Online was read). */
function exo(
  appId: string,
  mailbox: string,
  settings: Partial<Omit<ExoSettings, 'format' | 'appId' | 'mailbox'>>,
): ExoSettingsRead {
  return {
    state: 'read',
    source: 'simulated (demo tenant)',
    value: {
      format: exoSettingsFormat,
      readAt: '2026-12-01T09:55:00Z',
      appId,
      mailbox,
      organization: { EwsEnabled: true, EwsAllowedAppIDs: [appId], EwsApplicationAccessPolicy: null },
      casMailbox: {
        Identity: mailbox.split('@')[0] ?? mailbox,
        PrimarySmtpAddress: mailbox,
        EwsEnabled: null,
      },
      servicePrincipal: {
        AppId: appId,
        ObjectId: guid(9, 0xe5, 1),
        DisplayName: 'ERP mail',
        Identity: guid(9, 0xe5, 1),
      },
      roleAssignments: [],
      authorization: [],
      applicationAccessPolicies: [],
      accessPolicyTest: null,
      ...settings,
    },
  };
}

/** A simulated ews.probe verdict, classified by the probe's own table (no token endpoint was called). */
function simulatedProbe(
  mailbox: string,
  outcome: { token: number } | { ews: string; httpStatus: number } | 'success' | 'propagation',
): CheckResult {
  const base = { simulated: true, mailbox };
  if (outcome === 'success' || outcome === 'propagation')
    return {
      checkId: 'ews.probe',
      status: 'pass',
      summary:
        outcome === 'success'
          ? `SIMULATED: the ERP's sign-in got a token and read the inbox of ${mailbox}.`
          : `SIMULATED: read the inbox of ${mailbox} after 4 attempts over 70 s: the change was still replicating. It works now.`,
      evidence: {
        ...base,
        propagation: outcome === 'propagation',
        attempts: outcome === 'propagation' ? 4 : 1,
      },
      references: [...ewsProbeReferences],
    };
  const classified: ProbeClassification =
    'token' in outcome
      ? classifyTokenError({ errorCodes: [outcome.token], error: 'invalid_client' }, 401)
      : classifyEwsAnswer({ httpStatus: outcome.httpStatus, responseCode: outcome.ews });
  return {
    checkId: 'ews.probe',
    status: classified.status,
    summary: `SIMULATED: ${'token' in outcome ? 'Entra ID refused the token' : 'EWS refused the request'} (${classified.kind === 'aadsts' ? `AADSTS${classified.code}` : classified.code}): ${classified.cause}`,
    evidence: { ...base, code: classified.code, kind: classified.kind, check: classified.check },
    remedy: classified.remedy,
    references: [...ewsProbeReferences],
  };
}

// Tenant 5, contoso: recorded for the ERP only (no IdP). Three app-only ERP apps: ready, loose, and retired.
const contosoReady: ErpApp = {
  tenant: 5,
  index: 1,
  displayName: 'Contoso ERP mail',
  declares: ['Role'],
  publicClient: false,
  secretEnds: ['2027-09-01T00:00:00Z'],
};
const contosoLoose: ErpApp = {
  ...contosoReady,
  index: 2,
  displayName: 'Contoso ERP mail (test)',
  declares: ['Role', 'Scope'],
  publicClient: true,
  secretEnds: ['2026-12-15T00:00:00Z'],
};
const contosoOld: ErpApp = {
  ...contosoReady,
  index: 3,
  displayName: 'Contoso ERP mail (old)',
  secretEnds: ['2026-06-01T00:00:00Z'],
};
const contosoMissingAppId = appIdOf(5, 9);
const contosoBase: RecordedResponses = {
  format: 'exready-recorded-responses/1',
  tenant: 'contoso.onmicrosoft.com',
  recordedAt: '2026-12-01T10:00:00Z',
  simulated: true,
  responses: [],
};
const contoso = withResponses(contosoBase, [
  exchangeServicePrincipal(5),
  erpApplication(contosoReady),
  ...erpConsent(contosoReady, { role: false, tenantWide: false, perUser: false }),
  erpApplication(contosoLoose),
  ...erpConsent(contosoLoose, { role: true, tenantWide: false, perUser: false }),
  erpApplication(contosoOld),
  graphError(
    tenantRequests.servicePrincipal(appIdOf(5, 3)),
    404,
    'Request_ResourceNotFound',
    'Resource does not exist.',
  ),
  graphError(
    tenantRequests.application(contosoMissingAppId),
    404,
    'Request_ResourceNotFound',
    'Resource does not exist.',
  ),
  ok(tenantRequests.securityDefaults, { id: '00000000-0000-0000-0000-000000000005', isEnabled: false }),
  ok(tenantRequests.conditionalAccessPolicies, collection([])),
]);
const contosoMailbox = 'erp-mail@contoso.example';
const contosoScopedRbac = {
  roleAssignments: [
    {
      Name: 'Application EWS.AccessAsApp-ERP',
      Role: 'Application EWS.AccessAsApp',
      RoleAssignee: guid(9, 0xe5, 1),
      CustomResourceScope: 'ERP mailboxes',
      RecipientWriteScope: 'CustomRecipientScope',
    },
  ],
};

// Fabrikam (the IdP's ready tenant) with an ERP signing in as erp@fabrikam.example: seed 002 federates that domain.
const fabrikamCase = m365Case('fabrikam-ready');
const fabrikamErp: ErpApp = {
  tenant: 1,
  index: 1,
  displayName: 'Fabrikam ERP mail',
  declares: ['Role'],
  publicClient: false,
  secretEnds: [],
};
const fabrikam = withResponses(fabrikamCase.recording, [
  exchangeServicePrincipal(1),
  erpApplication(fabrikamErp),
  ...erpConsent(fabrikamErp, { role: false, tenantWide: false, perUser: false }),
  noHrdAssigned(1, 1),
  ...erpAccount(1, 'erp@fabrikam.example', 'disabled', null),
]);

// Tailspin with an ERP on a cloud-only account of the managed initial domain: works, but the flow is deprecated.
const tailspinCase = m365Case('tailspin-default-campaign');
const tailspinErp: ErpApp = {
  tenant: 3,
  index: 1,
  displayName: 'Tailspin ERP mail',
  declares: ['Scope'],
  publicClient: true,
  secretEnds: [],
};
const tailspin = withResponses(tailspinCase.recording, [
  exchangeServicePrincipal(3),
  erpApplication(tailspinErp),
  ...erpConsent(tailspinErp, { role: false, tenantWide: false, perUser: true }),
  noHrdAssigned(3, 1),
  ...erpAccount(3, 'erp@tailspin.onmicrosoft.com', 'disabled', {
    name: 'tailspin.onmicrosoft.com',
    type: 'Managed',
  }),
]);

// Wingtip, recorded without the read roles: the ERP's app and account cannot be read.
const wingtipCase = m365Case('wingtip-unreadable');
const wingtipErpId = appIdOf(4, 1);
const wingtip = withResponses(wingtipCase.recording, [
  forbidden(tenantRequests.application(wingtipErpId)),
  forbidden(tenantRequests.servicePrincipal(wingtipErpId)),
  forbidden(tenantRequests.servicePrincipal(exchangeOnlineAppId)),
]);

const contosoAfterShutdown = { ...contoso, recordedAt: '2027-04-02T10:00:00Z' };

// The loose app's probe is not simulated but recorded: Entra's token answer (its documented error JSON) replayed.
const contosoLooseProbe: RecordedResponse = {
  method: 'POST',
  url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
  status: 401,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': '5d1c7a3e-0000-4b5a-9c1d-00000000e502',
  },
  body: {
    error: 'invalid_client',
    error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appIdOf(5, 2)}'.\r\nTrace ID: 5d1c7a3e-0000-4b5a-9c1d-00000000e502\r\nCorrelation ID: 0c3f9e2b-0000-4d6e-8f7a-00000000e502\r\nTimestamp: 2026-12-01 09:59:58Z`,
    error_codes: [7000215],
    timestamp: '2026-12-01 09:59:58Z',
    trace_id: '5d1c7a3e-0000-4b5a-9c1d-00000000e502',
    correlation_id: '0c3f9e2b-0000-4d6e-8f7a-00000000e502',
    error_uri: 'https://login.microsoftonline.com/error?code=7000215',
  },
  receivedAt: '2026-12-01T09:59:58.000Z',
  elapsedMs: 0,
};
const contosoLooseRecording = withResponses(contoso, [contosoLooseProbe]);

export const demoEwsCases: readonly DemoEwsCase[] = [
  {
    name: 'contoso-erp-app-only-ready',
    description:
      'An app-only ERP, scoped with RBAC for Applications and allowed to use EWS: ready until EWS retires.',
    recording: contoso,
    target: null,
    ews: {
      clientId: appIdOf(5, 1),
      flow: 'app-only',
      mailbox: contosoMailbox,
      account: null,
      exo: exo(appIdOf(5, 1), contosoMailbox, {
        ...contosoScopedRbac,
        authorization: [
          {
            RoleName: 'Application EWS.AccessAsApp',
            GrantedPermissions: 'EWS.AccessAsApp',
            AllowedResourceScope: 'ERP mailboxes',
            ScopeType: 'CustomRecipientScope',
            InScope: true,
          },
        ],
      }),
      probe: simulatedProbe(contosoMailbox, 'success'),
    },
  },
  {
    name: 'contoso-erp-app-only-loose',
    description:
      'A test ERP app: both permissions, public client flows on, a secret about to expire, unscoped, no allow list.',
    recording: contosoLooseRecording,
    target: null,
    ews: {
      clientId: appIdOf(5, 2),
      flow: 'app-only',
      mailbox: contosoMailbox,
      account: null,
      exo: exo(appIdOf(5, 2), contosoMailbox, {
        organization: { EwsEnabled: true, EwsAllowedAppIDs: [], EwsApplicationAccessPolicy: null },
      }),
      // No probe verdict here: replayTenantCheck replays it from the recording's token answer.
    },
  },
  {
    name: 'contoso-erp-old-app',
    description:
      'The old ERP app: expired secret, no consent, the test mailbox out of scope and EWS off on it.',
    recording: contoso,
    target: null,
    ews: {
      clientId: appIdOf(5, 3),
      flow: 'app-only',
      mailbox: 'finance@contoso.example',
      account: null,
      exo: exo(appIdOf(5, 3), 'finance@contoso.example', {
        ...contosoScopedRbac,
        casMailbox: { Identity: 'finance', PrimarySmtpAddress: 'finance@contoso.example', EwsEnabled: false },
        authorization: [
          {
            RoleName: 'Application EWS.AccessAsApp',
            GrantedPermissions: 'EWS.AccessAsApp',
            AllowedResourceScope: 'ERP mailboxes',
            ScopeType: 'CustomRecipientScope',
            InScope: false,
          },
        ],
      }),
      probe: simulatedProbe('finance@contoso.example', { ews: 'ErrorAccessDenied', httpStatus: 200 }),
    },
  },
  {
    name: 'contoso-erp-wrong-client-id',
    description:
      'The inventory names a client id with no app registration; the Exchange Online settings were not imported.',
    recording: contoso,
    target: null,
    ews: {
      clientId: contosoMissingAppId,
      flow: 'app-only',
      mailbox: contosoMailbox,
      account: null,
      probe: simulatedProbe(contosoMailbox, { token: 700016 }),
    },
  },
  {
    name: 'fabrikam-erp-delegated-federated',
    description:
      'The ERP signs in as erp@fabrikam.example, the domain the IdP federates (seed 002): its password sign-in fails.',
    recording: fabrikam,
    target: fabrikamCase.target,
    ews: {
      clientId: appIdOf(1, 1),
      flow: 'delegated',
      mailbox: 'erp@fabrikam.example',
      account: 'erp@fabrikam.example',
      exo: exo(appIdOf(1, 1), 'erp@fabrikam.example', {
        organization: { EwsEnabled: false, EwsAllowedAppIDs: [], EwsApplicationAccessPolicy: null },
      }),
      probe: simulatedProbe('erp@fabrikam.example', { token: 7000218 }),
    },
  },
  {
    name: 'tailspin-erp-delegated-cloud-account',
    description:
      'The ERP signs in as a cloud-only account: it works (after propagation), but the password grant is deprecated.',
    recording: tailspin,
    target: tailspinCase.target,
    ews: {
      clientId: appIdOf(3, 1),
      flow: 'delegated',
      mailbox: 'erp@tailspin.example',
      account: 'erp@tailspin.onmicrosoft.com',
      exo: exo(appIdOf(3, 1), 'erp@tailspin.example', {
        organization: { EwsEnabled: null, EwsAllowedAppIDs: [], EwsApplicationAccessPolicy: null },
      }),
      probe: simulatedProbe('erp@tailspin.example', 'propagation'),
    },
  },
  {
    name: 'wingtip-erp-unreadable',
    description:
      'Recorded without the read roles: the ERP checks are unknown and name the request; the probe was not run.',
    recording: wingtip,
    target: wingtipCase.target,
    ews: {
      clientId: wingtipErpId,
      flow: 'delegated',
      mailbox: 'erp@wingtip.example',
      account: 'erp@wingtip.example',
    },
  },
  {
    name: 'contoso-erp-after-shutdown',
    description: 'The ready ERP judged on 2 April 2027: EWS in Exchange Online is gone.',
    recording: contosoAfterShutdown,
    target: null,
    ews: {
      clientId: appIdOf(5, 1),
      flow: 'app-only',
      mailbox: contosoMailbox,
      account: null,
      exo: exo(appIdOf(5, 1), contosoMailbox, contosoScopedRbac),
    },
  },
];
