import type { CheckResult } from '../../checks/check-result';
import { exchangeOnlineAppId, type Application, type ServicePrincipal } from '../graph-shapes';
import {
  consentGaps,
  credentialSummary,
  credentialVerdict,
  latestChange,
  notAsked,
  permissionLabel,
  permissionValue,
  replicationNote,
  type RequiredPermission,
} from '../rules/app-grant-helpers';
import { isoDate, json, notReadResult, tenantResult } from '../rules/tenant-result';
import type { EwsFlow } from './ews-check-ids';
import type { EwsFacts } from './ews-facts';

/** What each flow needs on Office 365 Exchange Online (the EWS OAuth guide). */
export const ewsPermissionFor: Record<EwsFlow, RequiredPermission> = {
  delegated: { type: 'Scope', value: 'EWS.AccessAsUser.All' },
  'app-only': { type: 'Role', value: 'full_access_as_app' },
};

const flowOf = (permission: RequiredPermission): EwsFlow =>
  permission.type === 'Scope' ? 'delegated' : 'app-only';

/** The EWS permissions the app declares on Exchange Online, by value. */
function declaredEws(app: Application, exchange: ServicePrincipal | null): RequiredPermission[] {
  return app.requiredResourceAccess
    .filter((entry) => entry.resourceAppId.toLowerCase() === exchangeOnlineAppId)
    .flatMap((entry) => entry.resourceAccess)
    .map((entry) => ({
      type: entry.type,
      value: exchange === null ? entry.id : permissionValue(exchange, entry.type, entry.id),
    }));
}

const hasPermission = (declared: readonly RequiredPermission[], wanted: RequiredPermission) =>
  declared.some((entry) => entry.type === wanted.type && entry.value === wanted.value);

const noApp = (id: Parameters<typeof tenantResult>[0], facts: EwsFacts, what: string) =>
  tenantResult(id, 'n/a', `There is no ERP app registration ${what}.`, {
    evidence: { clientId: facts.clientId },
  });

export function ewsAppRule(facts: EwsFacts): CheckResult {
  const read = facts.application;
  if (read.state === 'not-found')
    return tenantResult(
      'ews.app',
      'fail',
      `No app registration has the ERP's client id ${facts.clientId} (Graph answered ${read.status}).`,
      {
        evidence: { request: `GET ${read.request}`, status: read.status, errorCode: read.errorCode },
        remedy: `Register the ERP's app as the ERP's e-mail guide describes, or correct the client id in the inventory (${facts.clientId}).`,
      },
    );
  if (read.state === 'unreadable') return notReadResult('ews.app', read, "the ERP's app registration");
  const app = read.value;
  const exchange =
    facts.exchangeServicePrincipal.state === 'read' ? facts.exchangeServicePrincipal.value : null;
  const declared = declaredEws(app, exchange);
  const flows = [
    ...new Set(
      declared
        .filter((entry) => Object.values(ewsPermissionFor).some((wanted) => hasPermission([entry], wanted)))
        .map(flowOf),
    ),
  ];
  const evidence = {
    id: app.id,
    appId: app.appId,
    displayName: app.displayName ?? null,
    inventoryFlow: facts.flow,
    appSetUpFor: flows,
  };
  const name = `"${app.displayName ?? app.id}"`;
  if (flows.length > 0 && !flows.includes(facts.flow))
    return tenantResult(
      'ews.app',
      'warn',
      `The app registration ${name} exists but is set up for the ${flows.join(' and ')} flow; the inventory says the ERP signs in ${facts.flow}.`,
      {
        evidence,
        remedy:
          "Check in the ERP's e-mail settings which method it uses (user name & password = delegated, client secret = app-only) and correct the inventory or the app.",
      },
    );
  return tenantResult(
    'ews.app',
    'pass',
    `The app registration ${name} has the ERP's client id ${app.appId}; the ERP signs in ${facts.flow}.`,
    { evidence },
  );
}

export function ewsPermissionRule(facts: EwsFacts): CheckResult {
  const id = 'ews.app.permission';
  const { application, exchangeServicePrincipal } = facts;
  if (application.state === 'not-found') return noApp(id, facts, 'to hold permissions');
  if (application.state === 'unreadable') return notReadResult(id, application, "the ERP's app registration");
  if (exchangeServicePrincipal.state !== 'read')
    return notReadResult(
      id,
      exchangeServicePrincipal,
      "the Office 365 Exchange Online service principal (to resolve the permissions' ids)",
    );
  const wanted = ewsPermissionFor[facts.flow];
  const other = ewsPermissionFor[facts.flow === 'delegated' ? 'app-only' : 'delegated'];
  const declared = declaredEws(application.value, exchangeServicePrincipal.value);
  const evidence = {
    requiredResourceAccess: json(application.value.requiredResourceAccess),
    declaredExchangePermissions: declared.map(permissionLabel),
    needed: permissionLabel(wanted),
  };
  const remedy = `In the app registration, API permissions, add ${permissionLabel(wanted)} of Office 365 Exchange Online (APIs my organization uses), then grant admin consent.`;
  if (!hasPermission(declared, wanted))
    return tenantResult(
      id,
      'fail',
      hasPermission(declared, other)
        ? `The app declares ${permissionLabel(other)}, the wrong kind for the ${facts.flow} flow: it needs ${permissionLabel(wanted)}.`
        : `The app does not declare ${permissionLabel(wanted)} on Office 365 Exchange Online.`,
      { evidence, remedy },
    );
  if (hasPermission(declared, other))
    return tenantResult(
      id,
      'warn',
      `The app declares ${permissionLabel(wanted)} and also ${permissionLabel(other)}, which the ${facts.flow} flow does not use.`,
      { evidence, remedy: `Remove ${permissionLabel(other)} from the app's API permissions.` },
    );
  return tenantResult(
    id,
    'pass',
    `The app declares ${permissionLabel(wanted)} on Office 365 Exchange Online.`,
    {
      evidence,
    },
  );
}

export function ewsConsentRule(facts: EwsFacts, now: Date): CheckResult {
  const id = 'ews.app.consent';
  const { application, exchangeServicePrincipal, appServicePrincipal } = facts;
  if (application.state === 'not-found') return noApp(id, facts, 'to consent to');
  if (appServicePrincipal.state === 'not-found')
    return tenantResult(
      id,
      'fail',
      `The ERP app ${facts.clientId} has no service principal in this tenant: nobody has consented to it.`,
      {
        evidence: { request: `GET ${appServicePrincipal.request}`, status: appServicePrincipal.status },
        remedy:
          'Grant admin consent: Entra admin center, App registrations, the app, API permissions, "Grant admin consent".',
      },
    );
  if (appServicePrincipal.state === 'unreadable')
    return notReadResult(id, appServicePrincipal, "the ERP app's service principal");
  if (exchangeServicePrincipal.state !== 'read')
    return notReadResult(id, exchangeServicePrincipal, 'the Office 365 Exchange Online service principal');
  const assignments = facts.appRoleAssignments;
  const grants = facts.permissionGrants;
  if (assignments === null || assignments.state !== 'read')
    return notReadResult(id, notAsked(assignments), "the ERP app's app-role assignments");
  if (grants === null || grants.state !== 'read')
    return notReadResult(id, notAsked(grants), "the ERP app's delegated permission grants");
  const wanted = ewsPermissionFor[facts.flow];
  const gaps = consentGaps(
    [wanted],
    exchangeServicePrincipal.value,
    assignments.value.value,
    grants.value.value,
  );
  const changed = latestChange([
    application.state === 'read' ? application.value.createdDateTime : null,
    ...assignments.value.value.map((assignment) => assignment.createdDateTime),
  ]);
  const { recent, note } = replicationNote(changed, now);
  const evidence = {
    servicePrincipalId: appServicePrincipal.value.id,
    appRoleAssignments: json(assignments.value.value),
    oauth2PermissionGrants: json(gaps.resourceGrants),
    missing: gaps.missing,
    perUserOnly: gaps.perUserOnly,
    lastChange: changed === null ? null : changed.toISOString(),
    replicationDelayPossible: recent,
  };
  const remedy =
    'Grant admin consent for the tenant (the app, API permissions, "Grant admin consent"): full_access_as_app becomes an app-role assignment, EWS.AccessAsUser.All an AllPrincipals grant.';
  const rbacRoles =
    facts.flow === 'app-only' && facts.exo.state === 'read'
      ? facts.exo.value.roleAssignments.filter((assignment) => /EWS/i.test(assignment.Role))
      : [];
  if (gaps.missing.length > 0 && rbacRoles.length > 0)
    return tenantResult(
      id,
      'pass',
      `${permissionLabel(wanted)} has no Entra consent, and instead Exchange Online grants ${rbacRoles.map((role) => `"${role.Role}"`).join(', ')} by RBAC for Applications: the way Microsoft recommends for scoping app-only EWS.${note}`,
      { evidence: { ...evidence, rbacForApplications: json(rbacRoles) } },
    );
  if (gaps.missing.length > 0)
    return tenantResult(id, 'fail', `No admin consent for ${gaps.missing.join(', ')}.${note}`, {
      evidence,
      remedy,
    });
  if (gaps.perUserOnly.length > 0)
    return tenantResult(
      id,
      'warn',
      `${gaps.perUserOnly.join(', ')} is consented per user only, not for the whole tenant (AllPrincipals).${note}`,
      { evidence, remedy },
    );
  return tenantResult(id, 'pass', `${permissionLabel(wanted)} has admin consent for the tenant.${note}`, {
    evidence,
  });
}

export function ewsPublicClientRule(facts: EwsFacts): CheckResult {
  const id = 'ews.app.publicclient';
  const read = facts.application;
  if (read.state === 'not-found') return noApp(id, facts, 'to check');
  if (read.state === 'unreadable') return notReadResult(id, read, "the ERP's app registration");
  const value = read.value.isFallbackPublicClient ?? null;
  const evidence = { isFallbackPublicClient: value, flow: facts.flow };
  const on = value === true;
  if (facts.flow === 'delegated')
    return on
      ? tenantResult(id, 'pass', '"Allow public client flows" is on, as the password grant needs.', {
          evidence,
        })
      : tenantResult(
          id,
          'fail',
          `"Allow public client flows" is ${value === null ? 'not set' : 'off'}: the ERP's password sign-in is refused with AADSTS7000218.`,
          {
            evidence,
            remedy:
              'App registration, Authentication, Advanced settings: "Allow public client flows" Yes (isFallbackPublicClient true).',
          },
        );
  return on
    ? tenantResult(
        id,
        'warn',
        '"Allow public client flows" is on, though the app-only flow does not need it: anyone with the client id can try passwords against it.',
        {
          evidence,
          remedy:
            'App registration, Authentication, Advanced settings: "Allow public client flows" No; a secret sent by a public client is refused (AADSTS700025).',
        },
      )
    : tenantResult(
        id,
        'pass',
        '"Allow public client flows" is off, as a confidential (app-only) client should be.',
        {
          evidence,
        },
      );
}

export function ewsSecretRule(facts: EwsFacts, now: Date): CheckResult {
  const id = 'ews.app.secret';
  const read = facts.application;
  if (facts.flow === 'delegated')
    return tenantResult(
      id,
      'n/a',
      'The delegated flow signs in with the account\u2019s password, not a client secret.',
      {
        evidence: { flow: facts.flow },
      },
    );
  if (read.state === 'not-found') return noApp(id, facts, 'to hold a secret');
  if (read.state === 'unreadable') return notReadResult(id, read, "the ERP's app registration");
  const credentials = read.value.passwordCredentials.map((credential) =>
    credentialSummary(credential, 'secret'),
  );
  const verdict = credentialVerdict(credentials, now);
  // Not "credentials": a secret-named key is masked whole in reports and the history, dates and all.
  const evidence = { endDates: credentials };
  const remedy =
    'Add a new client secret (Certificates & secrets, New client secret), type its Value (not its Secret ID) into the ERP, then remove the old one.';
  if (verdict.state === 'none' || verdict.state === 'expired')
    return tenantResult(
      id,
      'fail',
      verdict.state === 'none'
        ? 'The ERP app has no client secret: the app-only sign-in cannot work.'
        : `Every client secret of the ERP app has expired (${credentials.length}): the sign-in fails with AADSTS7000222.`,
      { evidence, remedy },
    );
  if (verdict.state === 'expiring')
    return tenantResult(
      id,
      'warn',
      `The ERP app's last valid secret expires on ${isoDate(verdict.end)} (in ${verdict.days} days).`,
      { evidence, remedy },
    );
  return tenantResult(id, 'pass', `The ERP app has a valid client secret until ${isoDate(verdict.end)}.`, {
    evidence,
  });
}
