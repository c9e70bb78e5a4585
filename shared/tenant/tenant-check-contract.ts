import { z } from 'zod';
import { CheckResult } from '../checks/check-result';
import { Microsoft365Inventory } from '../domain/inventory';
import { ReadinessVerdict } from '../readiness/readiness-verdict';
import { TenantName } from './sign-in';

// What the window asks main about the tenant: a check (the demo lab or the signed-in tenant) and attestations.

/** The checks Graph cannot read, which an administrator may attest instead (shown as attested, never as pass). */
export const AttestableCheckId = z.enum(['m365.sspr']);
export type AttestableCheckId = z.infer<typeof AttestableCheckId>;

export const DemoCaseName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a demo case name such as fabrikam-ready');

export const TenantCheckRequest = z.discriminatedUnion('source', [
  z.object({ source: z.literal('lab'), lab: z.enum(['demo']), case: DemoCaseName.optional() }),
  /** The signed-in session; the tenant fields default to the inventory's. */
  z.object({ source: z.literal('live'), microsoft365: Microsoft365Inventory.optional() }),
]);
export type TenantCheckRequest = z.infer<typeof TenantCheckRequest>;

export const TenantAttestation = z.object({
  checkId: AttestableCheckId,
  /** Who looked in the portal: DOMAIN\\user or a UPN. */
  attestedBy: z.string().trim().min(1, 'who looked is required').max(200),
  attestedAt: z.iso.datetime({ offset: true }),
  /** What the portal showed, in the admin's words. */
  observed: z.string().trim().min(1, 'what the portal showed is required').max(2000),
});
export type TenantAttestation = z.infer<typeof TenantAttestation>;

export const TenantAttestRequest = TenantAttestation.extend({ tenant: TenantName });

export const TenantCheckOutcome = z.object({
  tenant: z.string(),
  simulated: z.boolean(),
  /** The demo case judged, with the others the window may pick; null for a live run. */
  case: z.string().nullable(),
  cases: z.array(z.object({ name: z.string(), description: z.string() })),
  /** The time the rules judged at (a replay: its recording's time). */
  evaluatedAt: z.string(),
  provisioningAppId: z.string(),
  federatedDomains: z.array(z.string()),
  idpSignInHost: z.string().nullable(),
  results: z.array(CheckResult),
  verdict: ReadinessVerdict,
  attestations: z.array(TenantAttestation),
  /** Who the attestation form names by default: the Windows identity main runs as. */
  operator: z.string(),
});
export type TenantCheckOutcome = z.infer<typeof TenantCheckOutcome>;
