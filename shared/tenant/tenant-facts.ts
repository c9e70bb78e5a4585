import type {
  Application,
  AppRoleAssignment,
  AuthenticationMethodsPolicy,
  AuthorizationPolicy,
  ConditionalAccessPolicy,
  Domain,
  DomainFederation,
  GraphUser,
  MfaRequirements,
  PermissionGrant,
  SecurityDefaultsPolicy,
  ServicePrincipal,
  UserRegistrationDetails,
} from './graph-shapes';

/**
 * One Graph read as the rules see it: read (2xx, shape checked, every raw field kept), not found (404), or
 * unreadable: no recorded response, no answer, 403 or another status, or an unexpected shape; `cause` says which.
 */
export type GraphRead<T> =
  | { state: 'read'; request: string; status: number; value: T }
  | { state: 'not-found'; request: string; status: number; errorCode: string | null }
  | { state: 'unreadable'; request: string; cause: string; status: number | null; errorCode: string | null };

/** What the admin saw in the portal for a setting Graph does not expose: shown as attested, never as pass. */
export interface Attestation {
  checkId: string;
  attestedBy: string;
  attestedAt: string;
  observed: string;
}

export interface CertificateDates {
  subject: string;
  notBefore: string;
  notAfter: string;
}

export interface DomainFacts {
  name: string;
  domain: GraphRead<Domain>;
  /** Absent when the domain itself could not be read (not asked). */
  federation: GraphRead<{ value: DomainFederation[] }> | null;
  /** Parsed from federation.value[0].signingCertificate; null when absent, 'unparseable' when not X.509. */
  signingCertificate: CertificateDates | 'unparseable' | null;
}

export interface PerUserMfaFacts {
  users: GraphRead<{ value: GraphUser[] }>;
  /** One per user, in the users' order (beta, read 20 per $batch). */
  requirements: { user: GraphUser; read: GraphRead<MfaRequirements> }[];
}

/** Everything the ten m365.* rules decide on, read through a GraphReader; plain JSON. */
export interface TenantFacts {
  tenant: string;
  simulated: boolean;
  /** When the responses were read (recordedAt for a replay). */
  readAt: string;
  provisioningAppId: string;
  idpSignInHost: string | null;
  application: GraphRead<Application>;
  graphServicePrincipal: GraphRead<ServicePrincipal>;
  appServicePrincipal: GraphRead<ServicePrincipal>;
  /** Null when there is no service principal to ask about. */
  appRoleAssignments: GraphRead<{ value: AppRoleAssignment[] }> | null;
  permissionGrants: GraphRead<{ value: PermissionGrant[] }> | null;
  securityDefaults: GraphRead<SecurityDefaultsPolicy>;
  conditionalAccessPolicies: GraphRead<{ value: ConditionalAccessPolicy[] }>;
  perUserMfa: PerUserMfaFacts;
  authorizationPolicy: GraphRead<AuthorizationPolicy>;
  registrationDetails: GraphRead<{ value: UserRegistrationDetails[] }>;
  authenticationMethodsPolicy: GraphRead<AuthenticationMethodsPolicy>;
  domains: DomainFacts[];
  attestations: Attestation[];
}
