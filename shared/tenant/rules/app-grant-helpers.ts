import type { AppRoleAssignment, Credential, PermissionGrant, ServicePrincipal } from '../graph-shapes';
import { daysUntil, type NotRead } from './tenant-result';

// Consent and credential logic shared by the m365.provisioning.* and ews.app.* rules: one reading of Entra's grants.

export interface RequiredPermission {
  type: 'Scope' | 'Role';
  value: string;
}

export const permissionLabel = (permission: RequiredPermission) =>
  `${permission.value} (${permission.type === 'Scope' ? 'delegated' : 'application'})`;

/** The permission's id as the tenant's resource service principal publishes it, by value. */
export function resolvePermissionId(
  resource: ServicePrincipal,
  type: 'Scope' | 'Role',
  value: string,
): string | null {
  const list = type === 'Scope' ? resource.oauth2PermissionScopes : resource.appRoles;
  return list.find((entry) => entry.value === value)?.id ?? null;
}

export function permissionValue(resource: ServicePrincipal, type: 'Scope' | 'Role', id: string): string {
  const list = type === 'Scope' ? resource.oauth2PermissionScopes : resource.appRoles;
  return list.find((entry) => entry.id.toLowerCase() === id.toLowerCase())?.value ?? `unknown id ${id}`;
}

/** What admin consent is missing: roles need an app-role assignment, scopes an AllPrincipals grant. */
export interface ConsentGaps {
  missing: string[];
  /** Delegated scopes granted per user only (consentType Principal), not for the whole tenant. */
  perUserOnly: string[];
  /** The grants on this resource, as evidence. */
  resourceGrants: PermissionGrant[];
}

export function consentGaps(
  required: readonly RequiredPermission[],
  resource: ServicePrincipal,
  assignments: readonly AppRoleAssignment[],
  grants: readonly PermissionGrant[],
): ConsentGaps {
  const resourceGrants = grants.filter(
    (grant) => grant.resourceId.toLowerCase() === resource.id.toLowerCase(),
  );
  const scopesOf = (consentType: string) =>
    new Set(
      resourceGrants
        .filter((grant) => grant.consentType === consentType)
        .flatMap((grant) => (grant.scope ?? '').split(' '))
        .filter((scope) => scope.length > 0),
    );
  const tenantWide = scopesOf('AllPrincipals');
  const perUser = scopesOf('Principal');
  const missing: string[] = [];
  const perUserOnly: string[] = [];
  for (const permission of required) {
    if (permission.type === 'Role') {
      const roleId = resolvePermissionId(resource, 'Role', permission.value);
      const assigned = assignments.some(
        (assignment) =>
          roleId !== null &&
          assignment.appRoleId.toLowerCase() === roleId.toLowerCase() &&
          assignment.resourceId.toLowerCase() === resource.id.toLowerCase(),
      );
      if (!assigned) missing.push(permissionLabel(permission));
    } else if (!tenantWide.has(permission.value)) {
      (perUser.has(permission.value) ? perUserOnly : missing).push(permissionLabel(permission));
    }
  }
  return { missing, perUserOnly, resourceGrants };
}

const hourMs = 3_600_000;

/** The latest creation date among the app and its assignments; grants replicate with a delay after it. */
export function latestChange(dates: readonly (string | null | undefined)[]): Date | null {
  const times = dates
    .filter((date): date is string => typeof date === 'string')
    .map((date) => Date.parse(date))
    .filter((time) => !Number.isNaN(time));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/** The sentence added to a consent verdict when the change is under an hour old. */
export function replicationNote(changed: Date | null, now: Date): { recent: boolean; note: string } {
  const recent = changed !== null && now.getTime() - changed.getTime() < hourMs;
  return {
    recent,
    note:
      recent && changed !== null
        ? ` The app or its grants changed at ${changed.toISOString()} (within the last hour): grants replicate with a delay, check again in a few minutes before acting.`
        : '',
  };
}

/** A read that failed, or was never made (no service principal to ask about), as an unknown cause. */
export function notAsked(read: NotRead | null): NotRead {
  return (
    read ?? { state: 'unreadable', request: '(not asked)', cause: 'not asked', status: null, errorCode: null }
  );
}

// A type, not an interface: evidence needs JSON's implicit index signature.
export type CredentialSummary = {
  kind: 'secret' | 'certificate';
  keyId: string | null;
  displayName: string | null;
  endDateTime: string | null;
};

export function credentialSummary(credential: Credential, kind: 'secret' | 'certificate'): CredentialSummary {
  return {
    kind,
    keyId: credential.keyId ?? null,
    displayName: credential.displayName ?? null,
    endDateTime: credential.endDateTime ?? null,
  };
}

export const secretWarnDays = 30;

/** The credential that lasts longest, and how long: none, expired, expiring (under 30 days) or valid. */
interface LatestCredential {
  latest: CredentialSummary;
  end: Date;
  days: number;
}
export type CredentialVerdict =
  | { state: 'none' }
  | { state: 'expired' }
  | ({ state: 'expiring' } & LatestCredential)
  | ({ state: 'valid' } & LatestCredential);

export function credentialVerdict(credentials: readonly CredentialSummary[], now: Date): CredentialVerdict {
  const valid = credentials
    .map((credential) => ({ credential, end: new Date(credential.endDateTime ?? '') }))
    .filter(({ end }) => !Number.isNaN(end.getTime()) && end.getTime() > now.getTime())
    .sort((a, b) => b.end.getTime() - a.end.getTime());
  const latest = valid[0];
  if (latest === undefined) return { state: credentials.length === 0 ? 'none' : 'expired' };
  const days = daysUntil(latest.end, now);
  const found = { latest: latest.credential, end: latest.end, days };
  return days < secretWarnDays ? { state: 'expiring', ...found } : { state: 'valid', ...found };
}
