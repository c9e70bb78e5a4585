import type { CheckResult } from '../../checks/check-result';
import type { TenantFacts } from '../tenant-facts';
import { json, notReadResult, tenantResult } from './tenant-result';

const id = 'm365.sspr';

/** The exact reason Graph cannot answer: the users' SSPR policy has no Graph API; registration details need P1/P2. */
function unreadableCause(facts: TenantFacts): string {
  const read = facts.registrationDetails;
  const why =
    read.state === 'read'
      ? ''
      : read.state === 'not-found'
        ? `GET ${read.request} answered ${read.status}`
        : `GET ${read.request}: ${read.cause}${read.errorCode === null ? '' : ` (${read.errorCode})`}`;
  return `Microsoft Graph does not expose the users' SSPR policy, and the per-user isSsprEnabled of userRegistrationDetails could not be read (it needs Entra ID P1 or P2): ${why}.`;
}

export function ssprRule(facts: TenantFacts): CheckResult {
  const authorization = facts.authorizationPolicy;
  if (authorization.state !== 'read') return notReadResult(id, authorization, 'the authorization policy');
  const adminSwitch = authorization.value.allowedToUseSSPR ?? null;
  const adminNote =
    adminSwitch === true
      ? " Administrators can still reset their own passwords (allowedToUseSSPR: true), which is Microsoft's default for admin accounts."
      : adminSwitch === false
        ? ' Administrators cannot use SSPR (allowedToUseSSPR: false).'
        : '';
  const details = facts.registrationDetails;
  const remedy =
    'Entra admin center, Protection, Password reset, Properties: Self service password reset enabled = None (users reset their password at the IdP).';
  if (details.state === 'read') {
    const enabled = details.value.value.filter((user) => user.isSsprEnabled === true);
    const evidence = {
      allowedToUseSSPR: adminSwitch,
      usersRead: details.value.value.length,
      ssprEnabledUsers: enabled.slice(0, 20).map((user) => user.userPrincipalName ?? user.id),
    };
    if (enabled.length > 0)
      return tenantResult(
        id,
        'fail',
        `SSPR is enabled for ${enabled.length} user${enabled.length === 1 ? '' : 's'} (${evidence.ssprEnabledUsers.join(', ')}${enabled.length > 20 ? ', ...' : ''}).${adminNote}`,
        { evidence, remedy },
      );
    return tenantResult(
      id,
      'pass',
      `SSPR is not enabled for any of the ${details.value.value.length} users.${adminNote}`,
      {
        evidence,
      },
    );
  }
  const cause = unreadableCause(facts);
  const attestation = facts.attestations.find((entry) => entry.checkId === id);
  const evidence = {
    allowedToUseSSPR: adminSwitch,
    cause,
    request: `GET ${details.request}`,
    attestation: json(attestation ?? null),
  };
  if (attestation !== undefined)
    return tenantResult(
      id,
      'unknown',
      `Attested, not read: ${attestation.attestedBy} saw on ${attestation.attestedAt}: "${attestation.observed}". ${cause}${adminNote}`,
      { evidence },
    );
  return tenantResult(id, 'unknown', `${cause}${adminNote}`, {
    evidence,
    remedy: `Look in the portal (Protection, Password reset, Properties) and record an attestation: who looked, when, and what "Self service password reset enabled" shows. ${remedy}`,
  });
}
