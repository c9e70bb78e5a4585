import type { EwsCheckId } from './ews-check-ids';

/**
 * The probe's classification table, as data: every answer is classified by a code Microsoft returns
 * (AADSTS number, x-ms-diagnostics number, HTTP status, EWS ResponseCode), never by message text.
 */
export interface ProbeCode {
  /** What went wrong, in plain language. */
  cause: string;
  /** What the administrator does about it. */
  remedy: string;
  /** The readiness check this outcome belongs to: where the admin looks next. */
  check: EwsCheckId;
  /** fail: the ERP cannot work as configured; unknown: a transient or server-side answer, try again. */
  status: 'fail' | 'unknown';
}

const entraErrorCodes = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';
const ropc = 'https://learn.microsoft.com/entra/identity-platform/v2-oauth-ropc';
const clientCredentials =
  'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow';
const ewsOAuth =
  'https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth';
const ewsResponseCodeReference =
  'https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode';
const ewsImpersonation =
  'https://learn.microsoft.com/exchange/client-developer/exchange-web-services/impersonation-and-ews-in-exchange';
const rbacForApplications = 'https://learn.microsoft.com/exchange/permissions-exo/application-rbac';

/** Microsoft pages the probe's verdict cites. */
export const ewsProbeReferences: readonly string[] = [
  ewsOAuth,
  entraErrorCodes,
  ropc,
  clientCredentials,
  ewsResponseCodeReference,
  ewsImpersonation,
  rbacForApplications,
];

const secretRemedy =
  'In Entra ID > App registrations > the ERP app > Certificates & secrets, create a new client secret, copy its Value (shown once, not the Secret ID) into the ERP, and note its expiry.';
const consentRemedy =
  'An administrator grants admin consent for the ERP app (Entra ID > App registrations > API permissions > Grant admin consent); consent takes a few minutes to replicate.';

/** AADSTS codes from the token error JSON's `error_codes`. */
export const aadstsCodes: Readonly<Record<number, ProbeCode>> = {
  7000215: {
    cause:
      'The client secret is not valid. Most often the secret\u2019s ID was copied into the ERP instead of its value.',
    remedy: secretRemedy,
    check: 'ews.app.secret',
    status: 'fail',
  },
  7000222: {
    cause: 'The client secret has expired.',
    remedy: secretRemedy,
    check: 'ews.app.secret',
    status: 'fail',
  },
  700016: {
    cause:
      'No application with this client id exists in the tenant: the client id is wrong, or the app was registered in another tenant.',
    remedy:
      'Copy the Application (client) ID from the ERP app\u2019s overview page in this tenant into the ERP and the inventory.',
    check: 'ews.app',
    status: 'fail',
  },
  90002: {
    cause:
      'The tenant was not found: the tenant id or domain in the request is wrong, or the tenant has no active subscription.',
    remedy:
      'Use the Directory (tenant) ID or the initial onmicrosoft.com domain of the tenant that holds the mailbox.',
    check: 'ews.app',
    status: 'fail',
  },
  50034: {
    cause:
      'The ERP\u2019s user account does not exist in the tenant (the user name is wrong or was renamed).',
    remedy: 'Enter the account\u2019s user principal name exactly as Entra ID shows it.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50126: {
    cause:
      'Entra ID rejected the user name or password. For a federated domain Entra cannot check a password the identity provider owns, so the password flow fails even with the right password.',
    remedy:
      'Check the password; if the account\u2019s domain is federated, allow cloud password validation (home realm discovery policy with password hash sync) or move the ERP to app-only access.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50053: {
    cause:
      'The account is locked: too many failed sign-ins, or sign-ins from an IP address Entra considers malicious.',
    remedy:
      'Wait for the lockout to end or unlock the account, then fix whatever kept sending the wrong password.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50055: {
    cause: 'The account\u2019s password has expired.',
    remedy:
      'Set a new password for the account (and exempt the ERP\u2019s service account from expiry by policy), then enter it in the ERP.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50057: {
    cause: 'The account is disabled in Entra ID.',
    remedy:
      'Enable the account (Entra ID > Users > the account > Account enabled) or give the ERP an enabled account.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50076: {
    cause:
      'Multi-factor authentication is required for this account; the password flow cannot answer an MFA prompt.',
    remedy:
      'Exclude the ERP\u2019s account from the MFA requirement with a named, documented exception, or move the ERP to app-only access.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  50079: {
    cause: 'The account must register for multi-factor authentication; the password flow cannot do that.',
    remedy:
      'Exclude the ERP\u2019s account from the MFA registration requirement, or move the ERP to app-only access.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  53003: {
    cause: 'A Conditional Access policy blocked the sign-in.',
    remedy:
      'Find the policy in the sign-in log entry with this correlation id (Entra ID > Sign-in logs > Conditional Access tab) and exclude the ERP or its location as the policy owner decides.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  530035: {
    cause: 'Security defaults blocked the sign-in (legacy or unsafe authentication).',
    remedy:
      'With security defaults on, the password flow is blocked: use app-only access, or replace security defaults with Conditional Access policies that exclude the ERP explicitly.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  65001: {
    cause: 'Consent has not been granted for the ERP app\u2019s Exchange Online permission.',
    remedy: consentRemedy,
    check: 'ews.app.consent',
    status: 'fail',
  },
  90094: {
    cause: 'The permission needs an administrator\u2019s consent, which has not been granted.',
    remedy: consentRemedy,
    check: 'ews.app.consent',
    status: 'fail',
  },
  650057: {
    cause:
      'The ERP app does not list the Office 365 Exchange Online permission it asks for in its API permissions.',
    remedy:
      'Add Office 365 Exchange Online > EWS.AccessAsUser.All (delegated) or full_access_as_app (application) to the app\u2019s API permissions, then grant admin consent.',
    check: 'ews.app.permission',
    status: 'fail',
  },
  500011: {
    cause:
      'Office 365 Exchange Online was not found in the tenant: the tenant has no Exchange Online, or the resource URL is wrong.',
    remedy:
      'Check that the tenant holds Exchange Online mailboxes and that the ERP asks for https://outlook.office365.com.',
    check: 'ews.enabled',
    status: 'fail',
  },
  7000218: {
    cause:
      'The request carries no client secret: "Allow public client flows" is off, so Entra treats the password flow as a confidential client.',
    remedy:
      'For the delegated (password) flow turn on Entra ID > App registrations > the ERP app > Authentication > Allow public client flows.',
    check: 'ews.app.publicclient',
    status: 'fail',
  },
  700025: {
    cause: 'The app is a public client, so Entra refuses the client secret it was sent.',
    remedy:
      'For app-only access turn "Allow public client flows" off on the ERP app; a public client cannot use a secret.',
    check: 'ews.app.publicclient',
    status: 'fail',
  },
  70011: {
    cause: 'The scope asked for is not valid for this flow.',
    remedy:
      'Delegated: https://outlook.office365.com/EWS.AccessAsUser.All; app-only: https://outlook.office365.com/.default.',
    check: 'ews.app.permission',
    status: 'fail',
  },
};

/** The OAuth `error` value, when Entra sent no AADSTS code the table knows. */
export const oauthErrorCodes: Readonly<Record<string, ProbeCode>> = {
  invalid_client: {
    cause: 'Entra ID rejected the client (id or secret).',
    remedy: 'Check the client id and the secret value in the ERP.',
    check: 'ews.app.secret',
    status: 'fail',
  },
  invalid_grant: {
    cause: 'Entra ID rejected the sign-in grant (account, password or policy).',
    remedy: 'Look up the sign-in log entry with this correlation id for the reason.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  unauthorized_client: {
    cause: 'The app is not allowed to use this grant.',
    remedy: 'Check the app\u2019s authentication settings for the flow the ERP uses.',
    check: 'ews.app.publicclient',
    status: 'fail',
  },
  invalid_scope: {
    cause: 'The scope asked for is not valid.',
    remedy: aadstsCodes[70011]?.remedy ?? 'Check the scope.',
    check: 'ews.app.permission',
    status: 'fail',
  },
  temporarily_unavailable: {
    cause: 'Entra ID is temporarily unavailable.',
    remedy: 'Run the probe again in a few minutes.',
    check: 'ews.probe',
    status: 'unknown',
  },
};

/** The numeric code that leads EWS's `x-ms-diagnostics` header on a rejected token. */
export const ewsDiagnosticsCodes: Readonly<Record<string, ProbeCode>> = {
  '2000003': {
    cause:
      'EWS rejected the token\u2019s audience: it was not issued for https://outlook.office365.com (for example a Microsoft Graph token).',
    remedy: 'Ask for the token with the Exchange Online scope, not a Graph one.',
    check: 'ews.app.permission',
    status: 'fail',
  },
  '2000004': {
    cause: 'EWS does not know the tenant the token names.',
    remedy: 'Request the token from the tenant that holds the mailbox.',
    check: 'ews.app',
    status: 'fail',
  },
  '2000008': {
    cause: 'EWS rejected the token as expired.',
    remedy: 'Check the clock of the machine running the ERP; tokens last about an hour.',
    check: 'ews.probe',
    status: 'fail',
  },
};

/** The HTTP status of the EWS answer, when no diagnostics code or SOAP ResponseCode says more. */
export const ewsHttpStatuses: Readonly<Record<number, ProbeCode>> = {
  401: {
    cause:
      'EWS rejected the token: it carries no Exchange permission (no EWS.AccessAsUser.All scope or full_access_as_app role), or consent has not replicated yet.',
    remedy: `Check the decoded token claims in the evidence. ${consentRemedy}`,
    check: 'ews.app.consent',
    status: 'fail',
  },
  403: {
    cause:
      'EWS refused the request: EWS is disabled for the organisation or the mailbox, or the ERP app is not in EwsAllowedAppIDs.',
    remedy:
      'In Exchange Online PowerShell: Get-OrganizationConfig | Format-List EwsEnabled,EwsAllowedAppIDs and Get-CASMailbox <mailbox> | Format-List EwsEnabled; allow the app with Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs @{Add="<client id>"}.',
    check: 'ews.enabled',
    status: 'fail',
  },
  404: {
    cause: 'The EWS URL answered 404: the endpoint is wrong.',
    remedy: 'Use https://outlook.office365.com/EWS/Exchange.asmx.',
    check: 'ews.probe',
    status: 'fail',
  },
  429: {
    cause: 'EWS throttled the request.',
    remedy: 'Run the probe again later; if the ERP is throttled too, spread its requests.',
    check: 'ews.probe',
    status: 'unknown',
  },
  500: {
    cause: 'EWS answered a server error without a response code.',
    remedy:
      'Run the probe again; if it repeats, open a case with Microsoft quoting the request-id in the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
  503: {
    cause: 'EWS is temporarily unavailable.',
    remedy: 'Run the probe again in a few minutes.',
    check: 'ews.probe',
    status: 'unknown',
  },
};

const scopeRemedy =
  'Check the app\u2019s RBAC for Applications scope (Get-ManagementRoleAssignment -RoleAssignee <service principal> | Format-List Role,CustomResourceScope) and add the test mailbox to it, or for delegated access give the account rights on the mailbox.';

/** EWS ResponseCode values (GetFolder response message or SOAP fault detail) an ERP hits when it connects. */
export const ewsResponseCodes: Readonly<Record<string, ProbeCode>> = {
  ErrorAccessDenied: {
    cause:
      'The caller has no rights to the mailbox: out of the app\u2019s RBAC scope, or the account has no access.',
    remedy: scopeRemedy,
    check: 'ews.mailbox.scope',
    status: 'fail',
  },
  ErrorImpersonateUserDenied: {
    cause: 'The app may not impersonate this mailbox (the ApplicationImpersonation right does not cover it).',
    remedy: scopeRemedy,
    check: 'ews.mailbox.scope',
    status: 'fail',
  },
  ErrorImpersonationDenied: {
    cause: 'The caller may not use Exchange Impersonation at all.',
    remedy: scopeRemedy,
    check: 'ews.mailbox.scope',
    status: 'fail',
  },
  ErrorImpersonationFailed: {
    cause: 'Exchange Impersonation failed inside Exchange (server-to-server authentication).',
    remedy:
      'Run the probe again; if it repeats, open a case with Microsoft quoting the request-id in the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorNonExistentMailbox: {
    cause:
      'No mailbox has the address the ERP asked for (wrong address, or the user has no Exchange Online licence).',
    remedy:
      'Use the test mailbox\u2019s primary SMTP address and check that it has an Exchange Online mailbox.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorInvalidExchangeImpersonationHeaderData: {
    cause: 'The ExchangeImpersonation header names no mailbox (empty address, UPN and SID).',
    remedy: 'Configure the mailbox the ERP reads; app-only EWS must say whose mailbox it opens.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorInvalidUserPrincipalName: {
    cause: 'The user principal name in the impersonation header is not in the directory.',
    remedy: 'Use the mailbox\u2019s primary SMTP address.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorInvalidSmtpAddress: {
    cause: 'The mailbox address cannot be parsed as an SMTP address.',
    remedy: 'Correct the test mailbox address in the inventory.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorNonPrimarySmtpAddress: {
    cause: 'The address is a secondary address of the mailbox; EWS wants the primary one.',
    remedy: 'Use the mailbox\u2019s primary SMTP address.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorMissingEmailAddress: {
    cause: 'The caller has no mailbox of its own and named none (app-only without impersonation).',
    remedy: 'Send the ExchangeImpersonation header with the mailbox\u2019s address.',
    check: 'ews.probe',
    status: 'fail',
  },
  ErrorAccountDisabled: {
    cause: 'The account is disabled.',
    remedy: 'Enable the account or give the ERP an enabled one.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  ErrorPasswordExpired: {
    cause: 'The account\u2019s password has expired.',
    remedy: 'Set a new password and enter it in the ERP.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  ErrorPasswordChangeRequired: {
    cause: 'The account must change its password at next sign-in.',
    remedy: 'Sign in once interactively to set a password, then enter it in the ERP.',
    check: 'ews.account.passwordflow',
    status: 'fail',
  },
  ErrorMailboxMoveInProgress: {
    cause: 'The mailbox is being moved.',
    remedy: 'Run the probe again when the move has finished.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorMailboxStoreUnavailable: {
    cause: 'The mailbox database is unavailable.',
    remedy: 'Run the probe again in a few minutes.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorConnectionFailed: {
    cause: 'EWS could not connect to the mailbox.',
    remedy: 'Run the probe again in a few minutes.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorServerBusy: {
    cause: 'The server is busy (throttling).',
    remedy: 'Run the probe again later.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorInsufficientResources: {
    cause: 'The mailbox server is overloaded.',
    remedy: 'Run the probe again later.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorExceededConnectionCount: {
    cause: 'More concurrent EWS requests than the account\u2019s throttling policy allows.',
    remedy: 'Run the probe again when the ERP is idle, or lower the ERP\u2019s parallelism.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorTimeoutExpired: {
    cause: 'EWS ran out of time processing the request.',
    remedy: 'Run the probe again.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorInternalServerTransientError: {
    cause: 'A transient internal server error.',
    remedy: 'Run the probe again.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorInternalServerError: {
    cause: 'EWS hit an internal error it could not recover from.',
    remedy:
      'Run the probe again; if it repeats, open a case with Microsoft quoting the request-id in the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorFolderNotFound: {
    cause: 'The inbox was not found, or the caller may not open it.',
    remedy: scopeRemedy,
    check: 'ews.mailbox.scope',
    status: 'fail',
  },
  ErrorInvalidIdMalformed: {
    cause: 'EWS found the folder id in the request malformed.',
    remedy: 'This is a fault of the request, not of the tenant: report it with the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorSchemaValidation: {
    cause: 'EWS could not validate the request against its schema.',
    remedy: 'This is a fault of the request, not of the tenant: report it with the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
  ErrorInvalidServerVersion: {
    cause: 'The request named a server version EWS does not accept.',
    remedy: 'This is a fault of the request, not of the tenant: report it with the evidence.',
    check: 'ews.probe',
    status: 'unknown',
  },
};
