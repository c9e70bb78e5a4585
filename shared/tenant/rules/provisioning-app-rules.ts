import type { CheckResult } from '../../checks/check-result';
import type { Application } from '../graph-shapes';
import { microsoftGraphAppId } from '../graph-shapes';
import type { TenantFacts } from '../tenant-facts';
import {
  consentGaps,
  credentialSummary,
  credentialVerdict,
  latestChange,
  notAsked,
  permissionLabel,
  permissionValue,
  replicationNote,
  resolvePermissionId,
  type RequiredPermission,
} from './app-grant-helpers';
import { isoDate, json, notReadResult, tenantResult } from './tenant-result';

/** What the IdP's provisioning app needs on Microsoft Graph (seed 002): delegated scopes and application roles. */
export const requiredGraphPermissions: readonly RequiredPermission[] = [
  { type: 'Scope', value: 'Directory.AccessAsUser.All' },
  { type: 'Scope', value: 'Directory.ReadWrite.All' },
  { type: 'Scope', value: 'User.ReadWrite.All' },
  { type: 'Role', value: 'Directory.ReadWrite.All' },
  { type: 'Role', value: 'User.ReadWrite.All' },
];

const label = permissionLabel;
const resolveId = resolvePermissionId;
const valueOf = permissionValue;

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

function latestProvisioningChange(facts: TenantFacts): Date | null {
  return latestChange([
    facts.application.state === 'read' ? facts.application.value.createdDateTime : null,
    ...(facts.appRoleAssignments?.state === 'read'
      ? facts.appRoleAssignments.value.value.map((assignment) => assignment.createdDateTime)
      : []),
  ]);
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
    return notReadResult(id, notAsked(assignments), "the app's app-role assignments");
  if (grants === null || grants.state !== 'read')
    return notReadResult(id, notAsked(grants), "the app's delegated permission grants");
  const gaps = consentGaps(
    requiredGraphPermissions,
    graphServicePrincipal.value,
    assignments.value.value,
    grants.value.value,
  );
  const { missing, perUserOnly: onlyPerUser } = gaps;
  const changed = latestProvisioningChange(facts);
  const { recent, note } = replicationNote(changed, now);
  const evidence = {
    servicePrincipalId: appServicePrincipal.value.id,
    appRoleAssignments: json(assignments.value.value),
    oauth2PermissionGrants: json(gaps.resourceGrants),
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
  const verdict = credentialVerdict(credentials, now);
  // Not "credentials": a secret-named key is masked whole in reports and the history, dates and all.
  const evidence = { endDates: credentials };
  const remedy =
    'Add a new client secret (Certificates & secrets, New client secret, or POST /applications/{id}/addPassword), give it to the IdP, then remove the old one.';
  if (verdict.state === 'none' || verdict.state === 'expired')
    return tenantResult(
      id,
      'fail',
      verdict.state === 'none'
        ? 'The app has no client secret or certificate.'
        : `Every secret and certificate of the app has expired (${credentials.length}).`,
      { evidence, remedy },
    );
  if (verdict.state === 'expiring')
    return tenantResult(
      id,
      'warn',
      `The app's last valid ${verdict.latest.kind} expires on ${isoDate(verdict.end)} (in ${verdict.days} days).`,
      { evidence, remedy },
    );
  return tenantResult(
    id,
    'pass',
    `The app has a valid ${verdict.latest.kind} until ${isoDate(verdict.end)}.`,
    { evidence },
  );
}
