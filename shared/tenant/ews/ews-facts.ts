import type { CheckResult } from '../../checks/check-result';
import type {
  Application,
  AppRoleAssignment,
  ConditionalAccessPolicy,
  Domain,
  GraphUser,
  HomeRealmDiscoveryPolicy,
  MfaRequirements,
  PermissionGrant,
  SecurityDefaultsPolicy,
  ServicePrincipal,
} from '../graph-shapes';
import type { GraphRead } from '../tenant-facts';
import type { EwsFlow } from './ews-check-ids';
import type { ExoSettingsRead } from './exo-settings';

/** Delegated only: what decides whether the ERP account's password grant can work. */
export interface EwsAccountFacts {
  upn: string;
  domainName: string;
  domain: GraphRead<Domain>;
  user: GraphRead<GraphUser>;
  /** Null when the user could not be read (no id to ask about). */
  mfa: GraphRead<MfaRequirements> | null;
  homeRealmDiscoveryPolicies: GraphRead<{ value: HomeRealmDiscoveryPolicy[] }>;
  /** The policies assigned to the ERP app's service principal; null when it has none to ask about. */
  appHomeRealmDiscoveryPolicies: GraphRead<{ value: HomeRealmDiscoveryPolicy[] }> | null;
}

/** Everything the ten ews.* rules decide on: Graph reads, the Exchange Online settings and the probe. */
export interface EwsFacts {
  clientId: string;
  flow: EwsFlow;
  mailbox: string;
  application: GraphRead<Application>;
  exchangeServicePrincipal: GraphRead<ServicePrincipal>;
  appServicePrincipal: GraphRead<ServicePrincipal>;
  appRoleAssignments: GraphRead<{ value: AppRoleAssignment[] }> | null;
  permissionGrants: GraphRead<{ value: PermissionGrant[] }> | null;
  /** Null for the app-only flow. */
  account: EwsAccountFacts | null;
  securityDefaults: GraphRead<SecurityDefaultsPolicy>;
  conditionalAccessPolicies: GraphRead<{ value: ConditionalAccessPolicy[] }>;
  exo: ExoSettingsRead;
  /** The ews.probe verdict when the admin ran the probe; null when not run. */
  probe: CheckResult | null;
}
