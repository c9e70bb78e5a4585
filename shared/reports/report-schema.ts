import { z } from 'zod';
import { AcceptedRisk, CheckEvidence, CheckStatus } from '../checks/check-result';
import { ConnectionFailure } from '../facts/connection-failure';
import { EstateReadiness } from '../readiness/estate-summary';
import { Integration } from '../readiness/integration';
import { ReadinessVerdict } from '../readiness/readiness-verdict';
import { ExchangeOnlineMailTarget } from '../runs/tenant-run-records';
import { ReportProof } from './report-proof';

// The readiness report as data: what the JSON export holds and what the HTML, PDF and CSV are rendered from.
// Bump reportSchemaVersion on any change a reader could notice; docs/report-schema.json is generated from it.

// 2: readiness verdicts (shared/readiness) replace the per-integration summary; servers say why they were not read.
// 3: an optional Microsoft 365 tenant section (`tenants`), from the tenant runs of the history.
// 4: the ERP's Exchange Online mail in a tenant section (`exchangeOnlineMail`), the EWS deadline on the first page,
//    and per server the newest Remote PowerShell proof of the proof history (`proved`): the Proved column.
export const reportSchemaVersion = 4;

export const StatusCounts = z.object({
  pass: z.number().int().nonnegative(),
  warn: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  'n/a': z.number().int().nonnegative(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export { Integration };

export { EstateReadiness, ReadinessVerdict, ReportProof };

export const ReportCheck = z.object({
  checkId: z.string().min(1),
  title: z.string().min(1),
  integration: Integration,
  status: CheckStatus,
  summary: z.string(),
  evidence: CheckEvidence,
  remedy: z.string().nullable(),
  fixId: z.string().nullable(),
  references: z.array(z.string()),
  acceptedRisk: AcceptedRisk.nullable(),
});
export type ReportCheck = z.infer<typeof ReportCheck>;

export const ReportServer = z.object({
  fqdn: z.string().min(1),
  collection: z.enum(['collected', 'unreachable']),
  /** Why nothing could be read from the server; null when it was collected. */
  unreachable: ConnectionFailure.nullable(),
  /** The server's verdict per integration, in the words of the window and the CLI. */
  readiness: z.array(ReadinessVerdict),
  /** The newest proof of the sync service's path to it (the Proved column); "Not proved" when none was kept. */
  proved: ReportProof,
  counts: StatusCounts,
  checks: z.array(ReportCheck),
});
export type ReportServer = z.infer<typeof ReportServer>;

export const ReportAcceptedRisk = AcceptedRisk.extend({
  server: z.string().min(1),
  checkId: z.string().min(1),
  title: z.string().min(1),
  status: CheckStatus,
});
export type ReportAcceptedRisk = z.infer<typeof ReportAcceptedRisk>;

/** A tenant's accepted risk, stated once in its section. */
export const ReportTenantRisk = AcceptedRisk.extend({
  checkId: z.string().min(1),
  title: z.string().min(1),
  status: CheckStatus,
});
export type ReportTenantRisk = z.infer<typeof ReportTenantRisk>;

/** The ERP's Exchange Online mail in a tenant section: what was judged and its verdict, beside the tenant's. */
export const ReportTenantMail = z.object({
  /** The ERP app, flow and mailbox judged; null for a run saved before they were kept. */
  target: ExchangeOnlineMailTarget.nullable(),
  /** integrationVerdict('Exchange Online mail', …) of the section's ews.* checks. */
  verdict: ReadinessVerdict,
  /** "Exchange Online mail: 0 of 1 ready, 1 not ready" */
  readiness: EstateReadiness,
});
export type ReportTenantMail = z.infer<typeof ReportTenantMail>;

/** The EWS deadline as the first page of a report with an Exchange Online mail result states it (ews-retirement.ts). */
export const ReportEwsDeadline = z.object({
  /** The report's day (UTC) the days are counted from. */
  asOf: z.iso.date(),
  blockByDefaultDate: z.iso.date(),
  shutdownDate: z.iso.date(),
  daysLeft: z.number().int().nonnegative(),
  phase: z.enum(['before-block', 'blocked-by-default', 'retired']),
  statement: z.string().min(1),
  countdown: z.string().min(1),
  erpMust: z.string().min(1),
  /** Microsoft's announcements. */
  references: z.array(z.string()),
});
export type ReportEwsDeadline = z.infer<typeof ReportEwsDeadline>;

/** The Microsoft 365 tenant as a tenant run judged it: its verdict, the estate line and every m365.* check. */
export const ReportTenant = z.object({
  /** The tenant run of the history it comes from; null when not saved (the demo tenant of a lab report). */
  runId: z.string().nullable(),
  tenant: z.string().min(1),
  /** The demo case it shows, for a lab tenant; null otherwise. */
  caseName: z.string().nullable(),
  /** When Graph was read (the recording's time for a replay). */
  readAt: z.iso.datetime({ offset: true }),
  simulated: z.boolean(),
  provisioningAppId: z.string(),
  federatedDomains: z.array(z.string()),
  idpSignInHost: z.string().nullable(),
  /** Present when the section holds ews.* checks: the ERP judged and its verdict. */
  exchangeOnlineMail: ReportTenantMail.optional(),
  /** integrationVerdict('Microsoft 365', …) of shared/readiness: the words of the window and the CLI. */
  verdict: ReadinessVerdict,
  /** "Microsoft 365: 1 of 1 ready" */
  readiness: EstateReadiness,
  counts: StatusCounts,
  checks: z.array(ReportCheck),
  acceptedRisks: z.array(ReportTenantRisk),
});
export type ReportTenant = z.infer<typeof ReportTenant>;

/** An audit entry of the period, without its before/after values (the audit log keeps those). */
export const ReportFix = z.object({
  auditId: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  operator: z.string(),
  server: z.string(),
  action: z.string(),
  outcome: z.enum(['succeeded', 'failed', 'refused', 'cancelled']),
  error: z.string().nullable(),
  undoes: z.number().int().positive().nullable(),
  simulated: z.boolean(),
});
export type ReportFix = z.infer<typeof ReportFix>;

export const ReadinessReport = z
  .object({
    schemaVersion: z.literal(reportSchemaVersion),
    kind: z.literal('exready.readiness-report'),
    runId: z.string().nullable(),
    appVersion: z.string().min(1),
    operator: z.string().min(1),
    generatedAt: z.iso.datetime({ offset: true }),
    collectedAt: z.iso.datetime({ offset: true }),
    /** True when the facts come from the lab: every format says so. */
    simulated: z.boolean(),
    estate: z.object({
      /** SHA-256 (hex) of the sorted Exchange servers, the sorted sync servers and the service account. */
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      serviceAccount: z.string().nullable(),
      exchangeServers: z.array(z.string()),
      syncServers: z.array(z.string()),
    }),
    totals: StatusCounts,
    /** One estate line per integration: "Remote PowerShell: 3 of 8 ready, 2 not ready, 3 not checked". */
    readiness: z.array(EstateReadiness),
    servers: z.array(ReportServer),
    acceptedRisks: z.array(ReportAcceptedRisk),
    /** The Microsoft 365 tenant section(s): absent or empty when no tenant run goes with the report. */
    tenants: z.array(ReportTenant).optional(),
    /** The EWS deadline and what the ERP must do: present when a tenant section holds an ews.* check. */
    exchangeOnlineMailDeadline: ReportEwsDeadline.optional(),
    fixesApplied: z.object({
      from: z.iso.datetime({ offset: true }).nullable(),
      to: z.iso.datetime({ offset: true }),
      entries: z.array(ReportFix),
    }),
  })
  .meta({
    title: 'ExReady readiness report',
    description: 'A readiness report rebuilt from saved facts, their check results and the audit log.',
  });
export type ReadinessReport = z.infer<typeof ReadinessReport>;
