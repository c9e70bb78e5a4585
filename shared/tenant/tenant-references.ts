import type { TenantCheckId } from './tenant-check-ids';

// Microsoft Learn pages each tenant check cites in the CLI, the UI and the report.
const learn = 'https://learn.microsoft.com';
export const tenantCheckReferences: Record<TenantCheckId, readonly string[]> = {
  'm365.provisioning.app': [`${learn}/graph/api/application-get`],
  'm365.provisioning.permissions': [
    `${learn}/graph/permissions-reference`,
    `${learn}/graph/api/resources/requiredresourceaccess`,
  ],
  'm365.provisioning.consent': [
    `${learn}/entra/identity/enterprise-apps/grant-admin-consent`,
    `${learn}/graph/api/resources/oauth2permissiongrant`,
  ],
  'm365.provisioning.secret': [
    `${learn}/graph/api/application-addpassword`,
    `${learn}/graph/api/resources/passwordcredential`,
  ],
  'm365.securitydefaults': [
    `${learn}/entra/fundamentals/security-defaults`,
    `${learn}/graph/api/identitysecuritydefaultsenforcementpolicy-get`,
  ],
  'm365.peruser.mfa': [
    `${learn}/entra/identity/authentication/howto-mfa-userstates`,
    `${learn}/graph/api/authentication-update?view=graph-rest-beta`,
  ],
  'm365.conditionalaccess.mfa': [
    `${learn}/graph/api/resources/internaldomainfederation`,
    `${learn}/entra/identity/conditional-access/concept-conditional-access-grant`,
  ],
  'm365.sspr': [
    `${learn}/entra/identity/authentication/concept-sspr-policy`,
    `${learn}/graph/api/resources/userregistrationdetails`,
  ],
  'm365.registration': [
    `${learn}/entra/identity/authentication/how-to-mfa-registration-campaign`,
    `${learn}/graph/api/resources/authenticationmethodsregistrationcampaign`,
  ],
  'm365.domain.federation': [
    `${learn}/graph/api/resources/internaldomainfederation`,
    `${learn}/graph/api/domain-list-federationconfiguration`,
  ],
};
