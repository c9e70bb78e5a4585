import type { CheckResult } from '../../../shared/checks/check-result';
import type { ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import {
  AttestableCheckId,
  TenantAttestation,
  type TenantCheckOutcome,
} from '../../../shared/tenant/tenant-check-contract';
import {
  tenantCheckIds,
  tenantCheckTitles,
  type TenantCheckId,
} from '../../../shared/tenant/tenant-check-ids';
import type { CheckColumn } from '../checks/check-columns';
import { buildMatrix, type MatrixQuery, type MatrixTableRow } from '../checks/matrix-model';

// The Microsoft 365 section's model: pure, so the words and the grouping are unit-tested without a window.

/** The estate line beside the servers' lines: the tenant's verdict, or why there is none yet. */
export function tenantEstateLine(
  verdict: Pick<ReadinessVerdict, 'kind' | 'text'> | null,
  whyNot: string,
): Pick<ReadinessVerdict, 'kind' | 'text'> {
  if (verdict === null) return { kind: 'not-checked', text: `Microsoft 365: Not checked: ${whyNot}` };
  return { kind: verdict.kind, text: `Microsoft 365: ${verdict.text}` };
}

const isTenantCheckId = (id: string): id is TenantCheckId =>
  (tenantCheckIds as readonly string[]).includes(id);

/** The three things the IdP needs of the tenant, in the order an admin fixes them. */
export type TenantArea = 'Provisioning app' | 'MFA and password reset' | 'Federated domain';
const areas: readonly TenantArea[] = ['Provisioning app', 'MFA and password reset', 'Federated domain'];

function areaOf(id: string): TenantArea {
  if (id.startsWith('m365.provisioning.')) return 'Provisioning app';
  if (id.startsWith('m365.domain.')) return 'Federated domain';
  return 'MFA and password reset';
}

// The words a matrix header has room for (it reads bottom to top in 104 px); the tooltip keeps the full title.
const tenantShortTitles: Record<TenantCheckId, string> = {
  'm365.provisioning.app': 'App',
  'm365.provisioning.permissions': 'Permissions',
  'm365.provisioning.consent': 'Consent',
  'm365.provisioning.secret': 'Secret',
  'm365.securitydefaults': 'Sec. defaults',
  'm365.peruser.mfa': 'Per-user MFA',
  'm365.conditionalaccess.mfa': 'CA MFA',
  'm365.sspr': 'SSPR',
  'm365.registration': 'Registration',
  'm365.domain.federation': 'Federation',
};

export function tenantColumn(id: string): CheckColumn {
  if (!isTenantCheckId(id)) return { id, title: id, shortTitle: id, area: areaOf(id) };
  return { id, title: tenantCheckTitles[id], shortTitle: tenantShortTitles[id], area: areaOf(id) };
}

/** The tenant as one matrix row: its checks in the contract's order, under the same filters as the servers. */
export function tenantMatrix(
  outcome: Pick<TenantCheckOutcome, 'tenant' | 'simulated' | 'results'> & {
    verdict: Pick<ReadinessVerdict, 'text'>;
  },
  query: Pick<MatrixQuery, 'statusFilter' | 'areaFilter'>,
): { columns: CheckColumn[]; rows: MatrixTableRow[] } {
  const known = tenantCheckIds.filter((id) => outcome.results.some((result) => result.checkId === id));
  const others = outcome.results.map((result) => result.checkId).filter((id) => !isTenantCheckId(id));
  const columns = [...known, ...others].map(tenantColumn);
  const built = buildMatrix([{ fqdn: outcome.tenant, results: outcome.results }], columns, {
    ...query,
    sort: 'server',
  });
  return {
    columns: built.columns,
    rows: built.rows.map((row) => ({ ...row, verdict: outcome.verdict.text, label: tenantHeading(outcome) })),
  };
}

/** The areas of the tenant's checks, for the matrix's area filter beside the servers' areas. */
export function tenantAreas(results: readonly CheckResult[]): TenantArea[] {
  return areas.filter((area) => results.some((result) => areaOf(result.checkId) === area));
}

// Blocking first, as the server details order them.
const order = { fail: 0, unknown: 1, warn: 2, pass: 3, 'n/a': 4 } as const;

/** The tenant's checks grouped by area (empty areas left out), blocking first within each. */
export function tenantResultGroups(
  results: readonly CheckResult[],
): { area: TenantArea; results: CheckResult[] }[] {
  return areas
    .map((area) => ({
      area,
      results: results
        .filter((result) => areaOf(result.checkId) === area)
        .sort((a, b) => order[a.status] - order[b.status]),
    }))
    .filter((group) => group.results.length > 0);
}

/** An attested check is still unread: its status stays unknown, and the window words it "Attested", never pass. */
export function isAttested(result: CheckResult): boolean {
  const attestation = result.evidence.attestation;
  return (
    AttestableCheckId.safeParse(result.checkId).success &&
    result.status === 'unknown' &&
    attestation !== undefined &&
    attestation !== null
  );
}

/** The word beside the status shape: "Attested (not read)" for an attestation, the status's own word otherwise. */
export function tenantStatusLabel(result: CheckResult): string | undefined {
  return isAttested(result) ? 'Attested (not read)' : undefined;
}

/** Checks Graph could not read that an admin may attest (again, for one already attested). */
export function attestableChecks(results: readonly CheckResult[]): CheckResult[] {
  return results.filter(
    (result) => result.status === 'unknown' && AttestableCheckId.safeParse(result.checkId).success,
  );
}

export interface AttestationDraft {
  attestedBy: string;
  /** As a datetime-local input holds it: "2026-12-02T08:15", local time. */
  attestedAt: string;
  observed: string;
}

/** The form's starting values: the operator main runs as, and now (to the minute, local time). */
export function attestationDraft(operator: string, now: Date): AttestationDraft {
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  return { attestedBy: operator, attestedAt: local, observed: '' };
}

export type AttestationErrors = Partial<Record<keyof AttestationDraft, string>>;

/** Checks the form as main will (the same schema), so every field's problem shows beside that field. */
export function validateAttestation(
  checkId: AttestableCheckId,
  draft: AttestationDraft,
): { ok: true; value: TenantAttestation } | { ok: false; errors: AttestationErrors } {
  const when = new Date(draft.attestedAt);
  const parsed = TenantAttestation.safeParse({
    checkId,
    attestedBy: draft.attestedBy,
    attestedAt: Number.isNaN(when.getTime()) ? draft.attestedAt : when.toISOString(),
    observed: draft.observed,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: AttestationErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'attestedBy' || field === 'observed') errors[field] ??= issue.message;
    if (field === 'attestedAt') errors.attestedAt ??= 'a date and time is required';
  }
  return { ok: false, errors };
}

/** The section's heading words: which tenant, and whether it is the simulated demo. */
export function tenantHeading(outcome: Pick<TenantCheckOutcome, 'tenant' | 'simulated'>): string {
  return outcome.simulated ? `${outcome.tenant} (SIMULATED)` : outcome.tenant;
}

/** Why the tenant has no verdict on screen yet, in the estate line's words. */
export function tenantWhyNot(state: {
  simulated: boolean;
  hasTenant: boolean;
  signedIn: boolean;
  checking: boolean;
  error: string | null;
}): string {
  if (state.error !== null) return state.error;
  if (state.checking) return state.simulated ? 'reading the demo tenant' : 'reading the tenant';
  if (state.simulated) return 'the demo tenant was not read';
  if (!state.hasTenant) return 'the inventory names no tenant';
  if (!state.signedIn) return 'not signed in';
  return 'not read yet';
}
