/**
 * Every delegated Microsoft Graph permission the tenant checks sign in with, why, and which reads need it.
 * Read-only and least privileged: each is the "least privileged" delegated permission on the API page of
 * every read listed (microsoftgraph/microsoft-graph-docs-contrib, api-reference/…/includes/permissions/*.md).
 * The window lists these before sign-in; the Graph client names the missing one when Graph answers 403.
 */

export interface GraphScope {
  /** The permission's value as Graph names it in the token's `scp` claim. */
  name: string;
  /** Why ExReady asks for it, in the admin's words. */
  why: string;
  /** The reads that need it: path patterns after /v1.0 or /beta ({x} is one segment, query ignored). */
  reads: readonly string[];
  /** Microsoft's page naming it the least privileged delegated permission for those reads. */
  documentedAt: readonly string[];
}

const docs = (page: string) => `https://learn.microsoft.com/graph/api/${page}`;

export const graphScopes: readonly GraphScope[] = [
  {
    name: 'Application.Read.All',
    why: "Read the provisioning app's registration (its permissions and secret expiry), its service principal and the application permissions granted to it.",
    reads: [
      '/applications(appId={x})',
      '/applications/{x}',
      '/servicePrincipals(appId={x})',
      '/servicePrincipals/{x}',
      '/servicePrincipals/{x}/appRoleAssignments',
      '/servicePrincipals',
    ],
    documentedAt: [docs('application-get'), docs('serviceprincipal-list-approleassignments')],
  },
  {
    name: 'Directory.Read.All',
    why: 'Read the delegated permission grants (admin consent) of the provisioning app, and list the users whose per-user MFA state is checked.',
    reads: ['/oauth2PermissionGrants', '/users'],
    documentedAt: [docs('oauth2permissiongrant-list')],
  },
  {
    name: 'Policy.Read.All',
    why: 'Read security defaults, the authorization policy (SSPR for administrators), Conditional Access policies, the authentication methods policy (registration campaign) and per-user MFA states (beta).',
    reads: [
      '/policies/identitySecurityDefaultsEnforcementPolicy',
      '/policies/authorizationPolicy',
      '/policies/authenticationMethodsPolicy',
      '/identity/conditionalAccess/policies',
      '/users/{x}/authentication/requirements',
    ],
    documentedAt: [
      docs('identitysecuritydefaultsenforcementpolicy-get'),
      docs('authorizationpolicy-get'),
      docs('conditionalaccessroot-list-policies'),
      // Least privileged is Policy.Read.AuthenticationMethod; Policy.Read.All (needed above) covers it, one scope fewer.
      docs('authenticationmethodspolicy-get'),
      // Beta "Permissions to read per-user MFA state", acting on others: Policy.Read.All.
      `${docs('authentication-get')}?view=graph-rest-beta`,
    ],
  },
  {
    name: 'Domain.Read.All',
    why: "Read the federated custom domain's authentication type and its federation configuration (issuer, sign-in URL, signing certificate, MFA behaviour).",
    reads: ['/domains/{x}', '/domains/{x}/federationConfiguration', '/domains'],
    documentedAt: [docs('domain-get'), docs('domain-list-federationconfiguration')],
  },
  {
    name: 'AuditLog.Read.All',
    why: "Read the users' authentication method registration details (whether SSPR is enabled and registered; needs Entra ID P1 or P2).",
    reads: ['/reports/authenticationMethods/userRegistrationDetails'],
    documentedAt: [docs('authenticationmethodsroot-list-userregistrationdetails')],
  },
];

/** Not asked for, and why: Reports.Read.All and UserAuthenticationMethod.Read.All are not the least privileged for any read above. */
export const scopesNotAsked: readonly { name: string; why: string }[] = [
  {
    name: 'UserAuthenticationMethod.Read.All',
    why: "Higher privileged than AuditLog.Read.All for registration details, and per-user MFA states of other users need Policy.Read.All, not this (the beta page's table for acting on others).",
  },
  {
    name: 'Reports.Read.All',
    why: 'No check reads the usage reports it covers.',
  },
];

export const graphResource = 'https://graph.microsoft.com';

/** The scopes MSAL asks for, fully qualified (MSAL adds openid, profile and offline_access itself). */
export const graphSignInScopes: readonly string[] = graphScopes.map(
  (scope) => `${graphResource}/${scope.name}`,
);

/** The Microsoft Graph Command Line Tools public client, which admins already consent to for Graph PowerShell. */
export const defaultGraphClientId = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

const matches = (pattern: string, path: string): boolean => {
  const source = pattern
    .split(/(\{x\})/)
    .map((part) => (part === '{x}' ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(path);
};

/** The documented permission a Graph URL needs (absolute or relative, v1.0 or beta); null for a read no check makes. */
export function scopeForGraphUrl(url: string): GraphScope | null {
  const path = url
    .replace(/^https:\/\/[^/]+/i, '')
    .replace(/^\/(v1\.0|beta)(?=\/)/i, '')
    .split('?')[0]
    ?.replace(/\/+$/, '');
  if (path === undefined) return null;
  const decoded = (() => {
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  })().replace(/'([^']*)'/g, '$1');
  return graphScopes.find((scope) => scope.reads.some((pattern) => matches(pattern, decoded))) ?? null;
}
