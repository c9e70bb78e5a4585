import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import {
  Application,
  AppRoleAssignment,
  AuthenticationMethodsPolicy,
  AuthorizationPolicy,
  ConditionalAccessPolicy,
  collectionOf,
  Domain,
  DomainFederation,
  GraphUser,
  MfaRequirements,
  microsoftGraphAppId,
  PermissionGrant,
  SecurityDefaultsPolicy,
  ServicePrincipal,
  UserRegistrationDetails,
} from '../../shared/tenant/graph-shapes';
import type {
  Attestation,
  CertificateDates,
  DomainFacts,
  GraphRead,
  PerUserMfaFacts,
  TenantFacts,
} from '../../shared/tenant/tenant-facts';
import type { GraphOutcome, GraphReader } from './graph-reader';
import { formatJsonPath } from '../powershell/ps51-json';

export const graphV1 = 'https://graph.microsoft.com/v1.0';
export const graphBeta = 'https://graph.microsoft.com/beta';
/** Graph's $batch takes at most 20 requests. */
export const batchSize = 20;

/** What the tenant checks are about: from the inventory (or the command line). */
export interface TenantTarget {
  tenant: string;
  provisioningAppId: string;
  federatedDomains: readonly string[];
  idpSignInHost: string | null;
  attestations?: readonly Attestation[];
}

/** The requests the collector makes; each check's reads are named in its unknown verdicts. */
export const tenantRequests = {
  application: (appId: string) => `${graphV1}/applications(appId='${appId}')`,
  servicePrincipal: (appId: string) => `${graphV1}/servicePrincipals(appId='${appId}')`,
  appRoleAssignments: (spId: string) => `${graphV1}/servicePrincipals/${spId}/appRoleAssignments`,
  permissionGrants: (spId: string) =>
    `${graphV1}/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${spId}'`)}`,
  securityDefaults: `${graphV1}/policies/identitySecurityDefaultsEnforcementPolicy`,
  conditionalAccessPolicies: `${graphV1}/identity/conditionalAccess/policies`,
  users: `${graphV1}/users?$select=id,userPrincipalName`,
  mfaRequirements: (userId: string) => `${graphBeta}/users/${userId}/authentication/requirements`,
  authorizationPolicy: `${graphV1}/policies/authorizationPolicy`,
  registrationDetails: `${graphV1}/reports/authenticationMethods/userRegistrationDetails`,
  authenticationMethodsPolicy: `${graphV1}/policies/authenticationMethodsPolicy`,
  domain: (name: string) => `${graphV1}/domains/${name}`,
  federation: (name: string) => `${graphV1}/domains/${name}/federationConfiguration`,
};

function errorCodeOf(body: unknown): { code: string | null; message: string | null } {
  if (body === null || typeof body !== 'object' || !('error' in body)) return { code: null, message: null };
  const error = body.error;
  if (error === null || typeof error !== 'object') return { code: null, message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message : null,
  };
}

/** Turns an outcome into what the rules read: shape-checked value, not found, or why it is unreadable. */
export function toRead<S extends z.ZodType>(outcome: GraphOutcome, schema: S): GraphRead<z.output<S>> {
  const request = outcome.request.url;
  if (outcome.kind === 'missing')
    return {
      state: 'unreadable',
      request,
      cause: 'the recording holds no response for this request',
      status: null,
      errorCode: null,
    };
  if (outcome.kind === 'failure')
    return {
      state: 'unreadable',
      request,
      cause: `${outcome.cause}: ${outcome.message}`,
      status: null,
      errorCode: null,
    };
  const { code, message } = errorCodeOf(outcome.body);
  if (outcome.status === 404) return { state: 'not-found', request, status: 404, errorCode: code };
  if (outcome.status < 200 || outcome.status >= 300) {
    const what = outcome.status === 403 ? 'forbidden' : 'error';
    const detail = [code, message].filter((part) => part !== null).join(': ');
    return {
      state: 'unreadable',
      request,
      cause: `Graph answered ${outcome.status} ${what}${detail === '' ? '' : ` (${detail})`}`,
      status: outcome.status,
      errorCode: code,
    };
  }
  const parsed = schema.safeParse(outcome.body);
  if (parsed.success) return { state: 'read', request, status: outcome.status, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = formatJsonPath(
    (issue?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol'),
  );
  return {
    state: 'unreadable',
    request,
    cause: `the response has an unexpected shape at ${path}: ${issue?.message ?? 'invalid'}`,
    status: outcome.status,
    errorCode: null,
  };
}

/** The token-signing certificate's dates (Graph returns base64 DER without PEM armour). */
export function certificateDates(base64: string | null | undefined): CertificateDates | 'unparseable' | null {
  if (base64 === null || base64 === undefined || base64.trim() === '') return null;
  try {
    const certificate = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    return {
      subject: certificate.subject,
      notBefore: new Date(certificate.validFrom).toISOString(),
      notAfter: new Date(certificate.validTo).toISOString(),
    };
  } catch {
    return 'unparseable';
  }
}

async function perUserMfa(reader: GraphReader): Promise<PerUserMfaFacts> {
  const users = toRead(await reader.getAll(tenantRequests.users), collectionOf(GraphUser));
  if (users.state !== 'read') return { users, requirements: [] };
  const requirements: PerUserMfaFacts['requirements'] = [];
  const list = users.value.value;
  for (let start = 0; start < list.length; start += batchSize) {
    const chunk = list.slice(start, start + batchSize);
    const outcomes = await reader.batch(chunk.map((user) => tenantRequests.mfaRequirements(user.id)));
    chunk.forEach((user, index) => {
      const outcome = outcomes[index];
      const read: GraphRead<z.output<typeof MfaRequirements>> =
        outcome === undefined
          ? {
              state: 'unreadable',
              request: tenantRequests.mfaRequirements(user.id),
              cause: 'the $batch answer has no response for this request',
              status: null,
              errorCode: null,
            }
          : toRead(outcome, MfaRequirements);
      requirements.push({ user, read });
    });
  }
  return { users, requirements };
}

async function domainFacts(reader: GraphReader, name: string): Promise<DomainFacts> {
  const domain = toRead(await reader.get(tenantRequests.domain(name)), Domain);
  if (domain.state !== 'read' || domain.value.authenticationType !== 'Federated')
    return { name, domain, federation: null, signingCertificate: null };
  const federation = toRead(
    await reader.get(tenantRequests.federation(name)),
    collectionOf(DomainFederation),
  );
  const config = federation.state === 'read' ? federation.value.value[0] : undefined;
  return { name, domain, federation, signingCertificate: certificateDates(config?.signingCertificate) };
}

/** Reads everything the ten m365.* rules need through a GraphReader (live or replayed); never throws on a read. */
/** An app registration and its consent: the app, the resource's and its own service principal, its grants. */
export interface AppConsentFacts {
  application: GraphRead<Application>;
  resourceServicePrincipal: GraphRead<ServicePrincipal>;
  appServicePrincipal: GraphRead<ServicePrincipal>;
  /** Null when the app has no service principal to ask about. */
  appRoleAssignments: GraphRead<{ value: AppRoleAssignment[] }> | null;
  permissionGrants: GraphRead<{ value: PermissionGrant[] }> | null;
}

/** Reads what the consent rules judge for one app against one resource (Microsoft Graph, or Exchange Online). */
export async function collectAppConsentFacts(
  reader: GraphReader,
  appId: string,
  resourceAppId: string,
): Promise<AppConsentFacts> {
  const application = toRead(await reader.get(tenantRequests.application(appId)), Application);
  const resourceServicePrincipal = toRead(
    await reader.get(tenantRequests.servicePrincipal(resourceAppId)),
    ServicePrincipal,
  );
  const appServicePrincipal = toRead(
    await reader.get(tenantRequests.servicePrincipal(appId)),
    ServicePrincipal,
  );
  const spId = appServicePrincipal.state === 'read' ? appServicePrincipal.value.id : null;
  const appRoleAssignments =
    spId === null
      ? null
      : toRead(await reader.getAll(tenantRequests.appRoleAssignments(spId)), collectionOf(AppRoleAssignment));
  const permissionGrants =
    spId === null
      ? null
      : toRead(await reader.getAll(tenantRequests.permissionGrants(spId)), collectionOf(PermissionGrant));
  return { application, resourceServicePrincipal, appServicePrincipal, appRoleAssignments, permissionGrants };
}

export async function collectTenantFacts(
  reader: GraphReader,
  target: TenantTarget,
  context: { readAt: string; simulated: boolean },
): Promise<TenantFacts> {
  const appId = target.provisioningAppId.toLowerCase();
  const consent = await collectAppConsentFacts(reader, appId, microsoftGraphAppId);
  const domains: DomainFacts[] = [];
  for (const name of target.federatedDomains) domains.push(await domainFacts(reader, name));
  return {
    tenant: target.tenant,
    simulated: context.simulated,
    readAt: context.readAt,
    provisioningAppId: appId,
    idpSignInHost: target.idpSignInHost,
    application: consent.application,
    graphServicePrincipal: consent.resourceServicePrincipal,
    appServicePrincipal: consent.appServicePrincipal,
    appRoleAssignments: consent.appRoleAssignments,
    permissionGrants: consent.permissionGrants,
    securityDefaults: toRead(await reader.get(tenantRequests.securityDefaults), SecurityDefaultsPolicy),
    conditionalAccessPolicies: toRead(
      await reader.getAll(tenantRequests.conditionalAccessPolicies),
      collectionOf(ConditionalAccessPolicy),
    ),
    perUserMfa: await perUserMfa(reader),
    authorizationPolicy: toRead(await reader.get(tenantRequests.authorizationPolicy), AuthorizationPolicy),
    registrationDetails: toRead(
      await reader.getAll(tenantRequests.registrationDetails),
      collectionOf(UserRegistrationDetails),
    ),
    authenticationMethodsPolicy: toRead(
      await reader.get(tenantRequests.authenticationMethodsPolicy),
      AuthenticationMethodsPolicy,
    ),
    domains,
    attestations: [...(target.attestations ?? [])],
  };
}
