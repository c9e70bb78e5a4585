import type { CheckResult } from '../../checks/check-result';
import { resolvePermissionId } from '../rules/app-grant-helpers';
import { json, tenantResult } from '../rules/tenant-result';
import type { EwsCheckId } from './ews-check-ids';
import type { EwsFacts } from './ews-facts';
import { ewsBlockByDefaultDate } from './ews-retirement';

/** Unknown with exactly the cause: Graph cannot read Exchange Online's own settings. */
function exoUnknown(id: EwsCheckId, cause: string, command: string | undefined): CheckResult {
  const run =
    command ??
    'powershell -File resources/powershell/exo/Get-ExoEwsSettings.ps1 -ParametersBase64 <base64 of {"appId","mailbox"}>';
  return tenantResult(id, 'unknown', `Not read: ${cause}.`, {
    evidence: { cause, ...(command === undefined ? {} : { snippet: command }) },
    remedy: `On a machine with the ExchangeOnlineManagement module (read-only): ${run} > exo.json, then exready tenant check ... --ews --exo-settings exo.json.`,
  });
}

/** Whether Entra has granted full_access_as_app for the tenant (an app-role assignment on Exchange Online). */
function fullAccessConsented(facts: EwsFacts): boolean {
  if (facts.exchangeServicePrincipal.state !== 'read' || facts.appRoleAssignments?.state !== 'read')
    return false;
  const exchange = facts.exchangeServicePrincipal.value;
  const roleId = resolvePermissionId(exchange, 'Role', 'full_access_as_app');
  return facts.appRoleAssignments.value.value.some(
    (assignment) =>
      roleId !== null &&
      assignment.appRoleId.toLowerCase() === roleId.toLowerCase() &&
      assignment.resourceId.toLowerCase() === exchange.id.toLowerCase(),
  );
}

const isEwsRole = (role: string) => /EWS/i.test(role) || /full_access_as_app/i.test(role);

export function ewsMailboxScopeRule(facts: EwsFacts): CheckResult {
  const id = 'ews.mailbox.scope';
  if (facts.flow === 'delegated')
    return tenantResult(id, 'n/a', 'The delegated flow reaches only the mailboxes its account may open.', {
      evidence: { flow: facts.flow },
    });
  if (facts.exo.state !== 'read') return exoUnknown(id, facts.exo.cause, facts.exo.command);
  const exo = facts.exo.value;
  const policies = exo.applicationAccessPolicies.filter(
    (policy) => policy.AppId.toLowerCase() === facts.clientId.toLowerCase(),
  );
  const restricting = policies.filter((policy) => policy.AccessRight === 'RestrictAccess');
  const ewsAuthorizations = exo.authorization.filter((entry) => isEwsRole(entry.RoleName));
  const unscopedRbac = exo.roleAssignments.filter(
    (assignment) => isEwsRole(assignment.Role) && assignment.CustomResourceScope === null,
  );
  const entraGrant = fullAccessConsented(facts);
  const evidence = {
    mailbox: facts.mailbox,
    entraFullAccessAsAppConsented: entraGrant,
    applicationAccessPolicies: json(policies),
    accessPolicyTest: json(exo.accessPolicyTest),
    roleAssignments: json(exo.roleAssignments),
    authorization: json(ewsAuthorizations),
    source: facts.exo.source,
  };
  const testDenied = exo.accessPolicyTest?.AccessCheckResult === 'Denied';
  const rbacOnly = !entraGrant && ewsAuthorizations.length > 0;
  const rbacOutOfScope = rbacOnly && !ewsAuthorizations.some((entry) => entry.InScope);
  if (testDenied || rbacOutOfScope)
    return tenantResult(
      id,
      'fail',
      `The test mailbox ${facts.mailbox} is outside the ERP app's scope (${testDenied ? 'Test-ApplicationAccessPolicy: Denied' : 'Test-ServicePrincipalAuthorization: InScope False'}): EWS answers ErrorAccessDenied for it.`,
      {
        evidence,
        remedy: `Add ${facts.mailbox} to the scope's group (or management scope) of the ERP app, or correct the test mailbox in the inventory.`,
      },
    );
  const unscoped = (entraGrant && restricting.length === 0) || unscopedRbac.length > 0;
  if (unscoped)
    return tenantResult(
      id,
      'warn',
      `The ERP app's ${entraGrant && restricting.length === 0 ? 'full_access_as_app consent' : `role ${unscopedRbac.map((entry) => entry.Role).join(', ')}`} is not scoped: it can read and send as every mailbox of the tenant, not only ${facts.mailbox}.`,
      {
        evidence,
        remedy:
          'Scope it with RBAC for Applications: New-ManagementScope for the ERP mailboxes, New-ManagementRoleAssignment -App <client id> -Role "Application EWS.AccessAsApp" -CustomResourceScope <scope>, then remove the tenant-wide full_access_as_app consent (the two are additive).',
      },
    );
  return tenantResult(
    id,
    'pass',
    `The ERP app is scoped (${restricting.length > 0 ? `application access policy on ${restricting.map((policy) => policy.ScopeName ?? '?').join(', ')}` : 'RBAC for Applications with a resource scope'}) and ${facts.mailbox} is in scope.`,
    { evidence },
  );
}

export function ewsEnabledRule(facts: EwsFacts, now: Date): CheckResult {
  const id = 'ews.enabled';
  if (facts.exo.state !== 'read') return exoUnknown(id, facts.exo.cause, facts.exo.command);
  const exo = facts.exo.value;
  const org = exo.organization;
  const allowed = org.EwsAllowedAppIDs.map((value) => value.toLowerCase());
  const mailboxEnabled = exo.casMailbox?.EwsEnabled ?? null;
  const evidence = {
    EwsEnabled: org.EwsEnabled,
    EwsAllowedAppIDs: allowed,
    EwsApplicationAccessPolicy: org.EwsApplicationAccessPolicy,
    mailbox: facts.mailbox,
    mailboxEwsEnabled: mailboxEnabled,
    mailboxFound: exo.casMailbox !== null,
    source: facts.exo.source,
  };
  const allowRemedy = `Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs @{Add="${facts.clientId}"}, and Set-CASMailbox ${facts.mailbox} -EwsEnabled $null (or $true).`;
  const blocked = now.getTime() >= Date.parse(`${ewsBlockByDefaultDate}T00:00:00Z`);
  const problems: string[] = [];
  if (org.EwsEnabled === false) problems.push('EwsEnabled is False for the organisation');
  if (org.EwsEnabled === null && blocked)
    problems.push('EwsEnabled is not set for the organisation: since 1 October 2026 that blocks EWS');
  if (org.EwsEnabled === true && allowed.length > 0 && !allowed.includes(facts.clientId.toLowerCase()))
    problems.push(`the ERP app ${facts.clientId} is not in EwsAllowedAppIDs`);
  if (exo.casMailbox === null) problems.push(`Get-CASMailbox found no mailbox ${facts.mailbox}`);
  if (mailboxEnabled === false) problems.push(`EwsEnabled is False on the mailbox ${facts.mailbox}`);
  if (problems.length > 0)
    return tenantResult(id, 'fail', `EWS is refused for the ERP: ${problems.join('; ')}.`, {
      evidence,
      remedy: allowRemedy,
    });
  if (org.EwsEnabled === null)
    return tenantResult(
      id,
      'warn',
      'EwsEnabled is not set for the organisation: EWS works today, but from 1 October 2026 Exchange Online blocks it unless the tenant allows the app.',
      { evidence, remedy: allowRemedy },
    );
  if (allowed.length === 0)
    return tenantResult(
      id,
      'warn',
      'EwsEnabled is True but EwsAllowedAppIDs is empty: put the ERP app on the allow list before Exchange Online enforces it.',
      { evidence, remedy: allowRemedy },
    );
  return tenantResult(
    id,
    'pass',
    `EWS is enabled for the organisation and ${facts.mailbox}, and the ERP app is in EwsAllowedAppIDs.`,
    { evidence },
  );
}

/** `ews.probe`: the probe's own verdict when the admin ran it, otherwise unknown with the reason. */
export function ewsProbeRule(facts: EwsFacts): CheckResult {
  if (facts.probe !== null) return facts.probe;
  return tenantResult('ews.probe', 'unknown', "Not run: the probe needs the ERP's secret.", {
    evidence: { cause: "not run: the probe needs the ERP's secret" },
    remedy:
      "Run exready tenant check ... --ews --probe and type the ERP's password or client secret at the prompt (or EXREADY_SECRET_EWS_SECRET, or --secret-from-file); it is kept in memory only.",
  });
}
