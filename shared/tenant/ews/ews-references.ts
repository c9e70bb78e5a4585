import { ewsProbeReferences } from './ews-probe-codes';
import { ewsRetirementReferences } from './ews-retirement';
import type { EwsCheckId } from './ews-check-ids';

// Microsoft Learn pages each ews.* check cites (each checked for the fact the rule relies on, issue #15).
const learn = 'https://learn.microsoft.com';
const ewsOAuth = `${learn}/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth`;
const ropc = `${learn}/entra/identity-platform/v2-oauth-ropc`;
const rbacForApps = `${learn}/exchange/permissions-exo/application-rbac`;
const setOrganizationConfig = `${learn}/powershell/module/exchange/set-organizationconfig`;

export const ewsCheckTitles: Record<EwsCheckId, string> = {
  'ews.app': "ERP's app registration",
  'ews.app.permission': 'ERP app permission on Exchange Online',
  'ews.app.consent': 'Admin consent for the ERP app',
  'ews.app.publicclient': 'Public client flows',
  'ews.app.secret': 'ERP app client secret',
  'ews.account.passwordflow': "ERP account's password sign-in",
  'ews.mailbox.scope': 'Mailboxes the ERP app reaches',
  'ews.enabled': 'EWS enabled for the ERP',
  'ews.retirement': 'EWS retirement in Exchange Online',
  'ews.probe': 'End-to-end token and EWS probe',
};

export const ewsCheckReferences: Record<EwsCheckId, readonly string[]> = {
  'ews.app': [ewsOAuth, `${learn}/graph/api/application-get`],
  'ews.app.permission': [ewsOAuth, `${learn}/graph/api/resources/requiredresourceaccess`],
  'ews.app.consent': [
    `${learn}/entra/identity/enterprise-apps/grant-admin-consent`,
    `${learn}/graph/api/resources/oauth2permissiongrant`,
  ],
  'ews.app.publicclient': [
    `${learn}/entra/identity-platform/reference-app-manifest`,
    `${learn}/graph/api/resources/application`,
    ropc,
  ],
  'ews.app.secret': [
    `${learn}/graph/api/resources/passwordcredential`,
    `${learn}/graph/api/application-addpassword`,
  ],
  'ews.account.passwordflow': [
    ropc,
    `${learn}/entra/identity/enterprise-apps/home-realm-discovery-policy`,
    `${learn}/graph/api/resources/homerealmdiscoverypolicy`,
    `${learn}/entra/identity/authentication/howto-mfa-userstates`,
    `${learn}/entra/fundamentals/security-defaults`,
  ],
  'ews.mailbox.scope': [
    rbacForApps,
    `${learn}/powershell/module/exchange/test-serviceprincipalauthorization`,
    `${learn}/powershell/module/exchange/new-applicationaccesspolicy`,
  ],
  'ews.enabled': [setOrganizationConfig, `${learn}/powershell/module/exchange/set-casmailbox`],
  'ews.retirement': ewsRetirementReferences,
  'ews.probe': ewsProbeReferences,
};
