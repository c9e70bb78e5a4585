import type { CheckResult } from '../../checks/check-result';
import type { Application, Credential, ServicePrincipal } from '../graph-shapes';
import { microsoftGraphAppId } from '../graph-shapes';
import type { TenantFacts } from '../tenant-facts';
import { daysUntil, isoDate, json, notReadResult, tenantResult } from './tenant-result';

/** What the IdP's provisioning app needs on Microsoft Graph (seed 002): delegated scopes and application roles. */
export const requiredGraphPermissions: readonly { type: 'Scope' | 'Role'; value: string }[] = [
  { type: 'Scope', value: 'Directory.AccessAsUser.All' },
  { type: 'Scope', value: 'Directory.ReadWrite.All' },
  { type: 'Scope', value: 'User.ReadWrite.All' },
  { type: 'Role', value: 'Directory.ReadWrite.All' },
  { type: 'Role', value: 'User.ReadWrite.All' },
];

const label = (permission: { type: 'Scope' | 'Role'; value: string }) =>
  `${permission.value} (${permission.type === 'Scope' ? 'delegated' : 'application'})`;

/** The permission's id as the tenant's Graph service principal publishes it, by value. */
function resolveId(graph: ServicePrincipal, type: 'Scope' | 'Role', value: string): string | null {
  const list = type === 'Scope' ? graph.oauth2PermissionScopes : graph.appRoles;
  return list.find((entry) => entry.value === value)?.id ?? null;
}

function valueOf(graph: ServicePrincipal, type: 'Scope' | 'Role', id: string): string {
  const list = type === 'Scope' ? graph.oauth2PermissionScopes : graph.appRoles;
  return list.find((entry) => entry.id.toLowerCase() === id.toLowerCase())?.value ?? `unknown id ${id}`;
}

const appRemedy = (appId: string) =>
  `Create the IdP's provisioning app registration (or correct the client id in the inventory: ${appId}), as the IdP's guide describes.`;

export function provisioningAppRule(facts: TenantFacts): CheckResult {
  const read = facts.application;
  if (read.state === 'not-found')
    return tenantResult(
      'm365.provisioning.app',
      'fail',
      `No app registration has the client id ${facts.provisioningAppId} (Graph answered ${read.status}).`,
      {
        evidence: { request: `GET ${read.request}`, status: read.status, errorCode: read.errorCode },
        remedy: appRemedy(facts.provisioningAppId),
      },
    );
  if (read.state === 'unreadable')
    return notReadResult('m365.provisioning.app', read, 'the provisioning app registration');
  const app = read.value;
  return tenantResult(
    'm365.provisioning.app',
    'pass',
    `The app registration "${app.displayName ?? app.id}" has the client id ${app.appId}.`,
    {
      evidence: {
        id: app.id,
        appId: app.appId,
        displayName: app.displayName ?? null,
        createdDateTime: app.createdDateTime ?? null,
      },
    },
  );
}

function declaredGraphAccess(app: Application) {
  return app.requiredResourceAccess
    .filter((entry) => entry.resourceAppId.toLowerCase() === microsoftGraphAppId)
    .flatMap((entry) => entry.resourceAccess);
}

export function provisioningPermissionsRule(facts: TenantFacts): CheckResult {
  const { application, graphServicePrincipal } = facts;
  if (application.state === 'not-found')
    return tenantResult('m365.provisioning.permissions', 'n/a', 'There is no provisioning app to check.', {
      evidence: { appId: facts.provisioningAppId },
    });
  if (application.state === 'unreadable')
    return notReadResult('m365.provisioning.permissions', application, 'the provisioning app registration');
  if (graphServicePrincipal.state !== 'read')
    return notReadResult(
      'm365.provisioning.permissions',
      graphServicePrincipal,
      "the Microsoft Graph service principal (to resolve the permissions' ids)",
    );
  const graph = graphServicePrincipal.value;
  const declared = declaredGraphAccess(application.value);
  const declaredLabels = declared.map((entry) =>
    label({ type: entry.type, value: valueOf(graph, entry.type, entry.id) }),
  );
  const missing = requiredGraphPermissions.filter((permission) => {
    const id = resolveId(graph, permission.type, permission.value);
    return (
      id === null ||
      !declared.some((entry) => entry.type === permission.type && entry.id.toLowerCase() === id.toLowerCase())
    );
  });
  const evidence = {
    requiredResourceAccess: json(application.value.requiredResourceAccess),
    declaredGraphPermissions: declaredLabels,
    missing: missing.map(label),
  };
  if (missing.length > 0)
    return tenantResult(
      'm365.provisioning.permissions',
      'fail',
      `The app does not declare ${missing.map(label).join(', ')} on Microsoft Graph.`,
      {
        evidence,
        remedy:
          'In the app registration, API permissions, add the missing Microsoft Graph permissions named above, then grant admin consent.',
      },
    );
  return tenantResult(
    'm365.provisioning.permissions',
    'pass',
    `The app declares every Microsoft Graph permission the IdP needs (${requiredGraphPermissions.map(label).join(', ')}).`,
    { evidence },
  );
}

const hourMs = 3_600_000;

function latestChange(facts: TenantFacts): Date | null {
  const dates: string[] = [];
  if (facts.application.state === 'read' && facts.application.value.createdDateTime)
    dates.push(facts.application.value.createdDateTime);
  if (facts.appRoleAssignments?.state === 'read')
    for (const assignment of facts.appRoleAssignments.value.value)
      if (assignment.createdDateTime) dates.push(assignment.createdDateTime);
  const times = dates.map((date) => Date.parse(date)).filter((time) => !Number.isNaN(time));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

export function provisioningConsentRule(facts: TenantFacts, now: Date): CheckResult {
  const id = 'm365.provisioning.consent';
  const { application, graphServicePrincipal, appServicePrincipal } = facts;
  if (application.state === 'not-found')
    return tenantResult(id, 'n/a', 'There is no provisioning app to consent to.', {
      evidence: { appId: facts.provisioningAppId },
    });
  if (appServicePrincipal.state === 'not-found')
    return tenantResult(
      id,
      'fail',
      `The app ${facts.provisioningAppId} has no service principal in this tenant: nobody has consented to it.`,
      {
        evidence: { request: `GET ${appServicePrincipal.request}`, status: appServicePrincipal.status },
        remedy:
          'Grant admin consent: Entra admin center, App registrations, the app, API permissions, "Grant admin consent for <tenant>".',
      },
    );
  if (appServicePrincipal.state === 'unreadable')
    return notReadResult(id, appServicePrincipal, "the provisioning app's service principal");
  if (graphServicePrincipal.state !== 'read')
    return notReadResult(id, graphServicePrincipal, 'the Microsoft Graph service principal');
  const assignments = facts.appRoleAssignments;
  const grants = facts.permissionGrants;
  if (assignments === null || assignments.state !== 'read')
    return notReadResult(
      id,
      assignments ?? {
        state: 'unreadable',
        request: '(not asked)',
        cause: 'not asked',
        status: null,
        errorCode: null,
      },
      "the app's app-role assignments",
    );
  if (grants === null || grants.state !== 'read')
    return notReadResult(
      id,
      grants ?? {
        state: 'unreadable',
        request: '(not asked)',
        cause: 'not asked',
        status: null,
        errorCode: null,
      },
      "the app's delegated permission grants",
    );
  const graph = graphServicePrincipal.value;
  const graphGrants = grants.value.value.filter(
    (grant) => grant.resourceId.toLowerCase() === graph.id.toLowerCase(),
  );
  const scopesOf = (consentType: string) =>
    new Set(
      graphGrants
        .filter((grant) => grant.consentType === consentType)
        .flatMap((grant) => (grant.scope ?? '').split(' '))
        .filter((scope) => scope.length > 0),
    );
  const tenantWide = scopesOf('AllPrincipals');
  const perUser = scopesOf('Principal');
  const missing: string[] = [];
  const onlyPerUser: string[] = [];
  for (const permission of requiredGraphPermissions) {
    if (permission.type === 'Role') {
      const roleId = resolveId(graph, 'Role', permission.value);
      const assigned = assignments.value.value.some(
        (assignment) =>
          roleId !== null &&
          assignment.appRoleId.toLowerCase() === roleId.toLowerCase() &&
          assignment.resourceId.toLowerCase() === graph.id.toLowerCase(),
      );
      if (!assigned) missing.push(label(permission));
    } else if (!tenantWide.has(permission.value)) {
      (perUser.has(permission.value) ? onlyPerUser : missing).push(label(permission));
    }
  }
  const changed = latestChange(facts);
  const recent = changed !== null && now.getTime() - changed.getTime() < hourMs;
  const note = recent
    ? ` The app or its grants changed at ${changed.toISOString()} (within the last hour): grants replicate with a delay, check again in a few minutes before acting.`
    : '';
  const evidence = {
    servicePrincipalId: appServicePrincipal.value.id,
    appRoleAssignments: json(assignments.value.value),
    oauth2PermissionGrants: json(graphGrants),
    missing,
    perUserOnly: onlyPerUser,
    lastChange: changed === null ? null : changed.toISOString(),
    replicationDelayPossible: recent,
  };
  const remedy =
    'Grant admin consent for the tenant (Entra admin center, the app, API permissions, "Grant admin consent"): application permissions become app-role assignments and delegated ones an AllPrincipals grant.';
  if (missing.length > 0)
    return tenantResult(id, 'fail', `No admin consent for ${missing.join(', ')}.${note}`, {
      evidence,
      remedy,
    });
  if (onlyPerUser.length > 0)
    return tenantResult(
      id,
      'warn',
      `${onlyPerUser.join(', ')} ${onlyPerUser.length === 1 ? 'is' : 'are'} consented per user only, not for the whole tenant (AllPrincipals).${note}`,
      { evidence, remedy },
    );
  return tenantResult(
    id,
    'pass',
    `Every application permission has an app-role assignment and every delegated one an AllPrincipals grant.${note}`,
    { evidence },
  );
}

const warnDays = 30;

function credentialSummary(credential: Credential, kind: 'secret' | 'certificate') {
  return {
    kind,
    keyId: credential.keyId ?? null,
    displayName: credential.displayName ?? null,
    endDateTime: credential.endDateTime ?? null,
  };
}

export function provisioningSecretRule(facts: TenantFacts, now: Date): CheckResult {
  const id = 'm365.provisioning.secret';
  const read = facts.application;
  if (read.state === 'not-found')
    return tenantResult(id, 'n/a', 'There is no provisioning app to hold a secret.', {
      evidence: { appId: facts.provisioningAppId },
    });
  if (read.state === 'unreadable') return notReadResult(id, read, 'the provisioning app registration');
  const credentials = [
    ...read.value.passwordCredentials.map((credential) => credentialSummary(credential, 'secret')),
    ...read.value.keyCredentials.map((credential) => credentialSummary(credential, 'certificate')),
  ];
  const valid = credentials
    .map((credential) => ({ credential, end: new Date(credential.endDateTime ?? '') }))
    .filter(({ end }) => !Number.isNaN(end.getTime()) && end.getTime() > now.getTime())
    .sort((a, b) => b.end.getTime() - a.end.getTime());
  const evidence = { credentials };
  const remedy =
    'Add a new client secret (Certificates & secrets, New client secret, or POST /applications/{id}/addPassword), give it to the IdP, then remove the old one.';
  const latest = valid[0];
  if (latest === undefined)
    return tenantResult(
      id,
      'fail',
      credentials.length === 0
        ? 'The app has no client secret or certificate.'
        : `Every secret and certificate of the app has expired (${credentials.length}).`,
      { evidence, remedy },
    );
  const days = daysUntil(latest.end, now);
  if (days < warnDays)
    return tenantResult(
      id,
      'warn',
      `The app's last valid ${latest.credential.kind} expires on ${isoDate(latest.end)} (in ${days} days).`,
      { evidence, remedy },
    );
  return tenantResult(
    id,
    'pass',
    `The app has a valid ${latest.credential.kind} until ${isoDate(latest.end)}.`,
    { evidence },
  );
}
