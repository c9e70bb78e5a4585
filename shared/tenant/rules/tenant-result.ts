import type {
  AcceptedRisk,
  CheckEvidence,
  CheckResult,
  CheckStatus,
  EvidenceValue,
} from '../../checks/check-result';
import type { EwsCheckId } from '../ews/ews-check-ids';
import { ewsCheckReferences } from '../ews/ews-references';
import type { TenantCheckId } from '../tenant-check-ids';
import { tenantCheckReferences } from '../tenant-references';

const references: Record<TenantCheckId | EwsCheckId, readonly string[]> = {
  ...tenantCheckReferences,
  ...ewsCheckReferences,
};
import type { GraphRead } from '../tenant-facts';

export interface TenantResultDetails {
  evidence: CheckEvidence;
  remedy?: string;
  acceptedRisk?: AcceptedRisk;
}

/** A tenant result with its Learn references; optional fields left out, not undefined. */
export function tenantResult(
  checkId: TenantCheckId | EwsCheckId,
  status: CheckStatus,
  summary: string,
  details: TenantResultDetails,
): CheckResult {
  const result: CheckResult = {
    checkId,
    status,
    summary,
    evidence: details.evidence,
    references: [...references[checkId]],
  };
  if (details.remedy !== undefined) result.remedy = details.remedy;
  if (details.acceptedRisk !== undefined) result.acceptedRisk = details.acceptedRisk;
  return result;
}

export type NotRead = Exclude<GraphRead<unknown>, { state: 'read' }>;

/** Unknown: the read the rule needs is not there; names the request and why. */
export function notReadResult(checkId: TenantCheckId | EwsCheckId, read: NotRead, what: string): CheckResult {
  const cause = read.state === 'not-found' ? `Graph answered ${read.status} not found` : read.cause;
  return tenantResult(checkId, 'unknown', `Could not read ${what}: ${cause} (GET ${read.request})`, {
    evidence: {
      request: `GET ${read.request}`,
      cause,
      status: read.status,
      errorCode: read.errorCode,
    },
    remedy:
      read.state === 'unreadable' && read.status === 403
        ? 'Sign in with an account whose role can read it (e.g. Global Reader), consent to the read scopes the check asks for, and check again.'
        : 'Check again; for a recorded file, record the tenant again so the file holds this request.',
  });
}

/** Days from now to a date, rounded down; negative when past. */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / 86_400_000);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Raw Graph fields as evidence: they came from JSON, so a JSON round trip keeps them whole. */
export function json(value: unknown): EvidenceValue {
  return JSON.parse(JSON.stringify(value ?? null)) as EvidenceValue;
}
