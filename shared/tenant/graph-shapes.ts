import { z } from 'zod';

// The Graph fields the tenant rules decide on; loose objects, so every other raw field is kept as Graph sent it.

export const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';
/** Office 365 Exchange Online: EWS.AccessAsUser.All is its delegated scope, full_access_as_app its application role. */
export const exchangeOnlineAppId = '00000002-0000-0ff1-ce00-000000000000';

export const ResourceAccess = z.looseObject({ id: z.string(), type: z.enum(['Scope', 'Role']) });
export const RequiredResourceAccess = z.looseObject({
  resourceAppId: z.string(),
  resourceAccess: z.array(ResourceAccess),
});

export const Credential = z.looseObject({
  keyId: z.string().nullish(),
  displayName: z.string().nullish(),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
});
export type Credential = z.infer<typeof Credential>;

export const Application = z.looseObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  requiredResourceAccess: z.array(RequiredResourceAccess).default([]),
  passwordCredentials: z.array(Credential).default([]),
  keyCredentials: z.array(Credential).default([]),
  /** "Allow public client flows": the password grant needs it; a confidential client should not have it. */
  isFallbackPublicClient: z.boolean().nullish(),
});
export type Application = z.infer<typeof Application>;

export const PermissionScope = z.looseObject({ id: z.string(), value: z.string().nullish() });
export const AppRole = z.looseObject({ id: z.string(), value: z.string().nullish() });

export const ServicePrincipal = z.looseObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string().nullish(),
  oauth2PermissionScopes: z.array(PermissionScope).default([]),
  appRoles: z.array(AppRole).default([]),
});
export type ServicePrincipal = z.infer<typeof ServicePrincipal>;

export const AppRoleAssignment = z.looseObject({
  id: z.string(),
  appRoleId: z.string(),
  resourceId: z.string(),
  createdDateTime: z.string().nullish(),
});
export type AppRoleAssignment = z.infer<typeof AppRoleAssignment>;

export const PermissionGrant = z.looseObject({
  id: z.string(),
  clientId: z.string(),
  consentType: z.string(),
  principalId: z.string().nullish(),
  resourceId: z.string(),
  scope: z.string().nullish(),
});
export type PermissionGrant = z.infer<typeof PermissionGrant>;

export const SecurityDefaultsPolicy = z.looseObject({ isEnabled: z.boolean() });
export type SecurityDefaultsPolicy = z.infer<typeof SecurityDefaultsPolicy>;

export const ConditionalAccessPolicy = z.looseObject({
  id: z.string(),
  displayName: z.string().nullish(),
  state: z.string(),
  conditions: z
    .looseObject({
      users: z
        .looseObject({
          includeUsers: z.array(z.string()).default([]),
          includeGroups: z.array(z.string()).default([]),
          includeRoles: z.array(z.string()).default([]),
          excludeUsers: z.array(z.string()).default([]),
        })
        .nullish(),
    })
    .nullish(),
  grantControls: z
    .looseObject({
      builtInControls: z.array(z.string()).default([]),
      authenticationStrength: z.looseObject({ displayName: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
export type ConditionalAccessPolicy = z.infer<typeof ConditionalAccessPolicy>;

export const GraphUser = z.looseObject({ id: z.string(), userPrincipalName: z.string().nullish() });
export type GraphUser = z.infer<typeof GraphUser>;

export const MfaRequirements = z.looseObject({ perUserMfaState: z.string() });
export type MfaRequirements = z.infer<typeof MfaRequirements>;

export const AuthorizationPolicy = z.looseObject({ allowedToUseSSPR: z.boolean().nullish() });
export type AuthorizationPolicy = z.infer<typeof AuthorizationPolicy>;

export const UserRegistrationDetails = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string().nullish(),
  isSsprEnabled: z.boolean().nullish(),
});
export type UserRegistrationDetails = z.infer<typeof UserRegistrationDetails>;

export const AuthenticationMethodsPolicy = z.looseObject({
  registrationEnforcement: z
    .looseObject({
      authenticationMethodsRegistrationCampaign: z.looseObject({ state: z.string() }).nullish(),
    })
    .nullish(),
});
export type AuthenticationMethodsPolicy = z.infer<typeof AuthenticationMethodsPolicy>;

export const Domain = z.looseObject({ id: z.string(), authenticationType: z.string() });
export type Domain = z.infer<typeof Domain>;

export const DomainFederation = z.looseObject({
  id: z.string().nullish(),
  issuerUri: z.string().nullish(),
  passiveSignInUri: z.string().nullish(),
  signingCertificate: z.string().nullish(),
  federatedIdpMfaBehavior: z.string().nullish(),
});
export type DomainFederation = z.infer<typeof DomainFederation>;

/** A collection answer: `{ value: [...] }` (getAll concatenates the pages into one). */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ value: z.array(item) });
}

/** definition holds JSON strings: {"HomeRealmDiscoveryPolicy": {"AllowCloudPasswordValidation": true, ...}}. */
export const HomeRealmDiscoveryPolicy = z.looseObject({
  id: z.string(),
  displayName: z.string().nullish(),
  definition: z.array(z.string()).default([]),
  isOrganizationDefault: z.boolean().nullish(),
});
export type HomeRealmDiscoveryPolicy = z.infer<typeof HomeRealmDiscoveryPolicy>;
