import { z } from 'zod';
import { CheckResult } from '../../checks/check-result';
import { ExchangeOnlineMailInventory } from '../../domain/inventory';
import { OperationId } from '../../domain/operation';
import { ReadinessVerdict } from '../../readiness/readiness-verdict';
import { DemoCaseName } from '../tenant-check-contract';

// What the window asks main about the ERP's Exchange Online mail (issue #15): a check, an import, the probe.

/** Get-ExoEwsSettings.ps1's JSON output as the admin picked or pasted it; main parses it with the shared schema. */
export const ExoSettingsImport = z.object({
  /** The file's name, or "pasted output". */
  origin: z.string().trim().min(1, 'name the file or say it was pasted').max(260),
  text: z.string().min(1, 'is empty: pick the JSON Get-ExoEwsSettings.ps1 printed').max(1_000_000),
});
export type ExoSettingsImport = z.infer<typeof ExoSettingsImport>;

/** The ERP's password or client secret, typed for one probe: never logged, stored or answered back. */
export const ProbeRequest = z.object({
  secret: z.string().min(1, 'type the ERP’s password or client secret').max(4096),
});

const common = {
  /** The window's id for this call, so Cancel stops a probe that waits for consent to replicate. */
  operationId: OperationId.optional(),
  /** Replaces the Exchange Online settings Graph cannot read (a demo case's simulated ones too). */
  exoSettings: ExoSettingsImport.nullable().default(null),
  /** Runs the end-to-end probe (simulated in the demo lab) with the typed secret. */
  probe: ProbeRequest.nullable().default(null),
};

export const TenantEwsCheckRequest = z.discriminatedUnion('source', [
  z.object({ source: z.literal('lab'), lab: z.enum(['demo']), case: DemoCaseName.optional(), ...common }),
  /** The signed-in session; the ERP fields default to the inventory's exchangeOnlineMail. */
  z.object({
    source: z.literal('live'),
    exchangeOnlineMail: ExchangeOnlineMailInventory.optional(),
    ...common,
  }),
]);
export type TenantEwsCheckRequest = z.infer<typeof TenantEwsCheckRequest>;

export const TenantEwsCheckOutcome = z.object({
  tenant: z.string(),
  simulated: z.boolean(),
  /** The demo case judged, with the others the window may pick; null for a live run. */
  case: z.string().nullable(),
  cases: z.array(z.object({ name: z.string(), description: z.string() })),
  /** The time the rules judged at (a replay: its recording's time). */
  evaluatedAt: z.string(),
  clientId: z.string(),
  flow: z.enum(['delegated', 'app-only']),
  mailbox: z.string(),
  account: z.string().nullable(),
  /** The ten ews.* results, cross-integration notes already on them. */
  results: z.array(CheckResult),
  verdict: ReadinessVerdict,
  /** Where the IdP's federation and the ERP's password grant meet on one domain: one line each. */
  crossIntegration: z.array(z.string()),
  /** Where the Exchange Online settings came from, or why they were not read. */
  exo: z.discriminatedUnion('state', [
    z.object({ state: z.literal('read'), source: z.string() }),
    z.object({ state: z.literal('unknown'), cause: z.string() }),
  ]),
  /** The read-only snippet's command line for this app and mailbox, for the admin to run and import. */
  snippetCommand: z.string(),
  /** Whether this answer carries a probe run (the ews.probe result is its verdict). */
  probed: z.boolean(),
});
export type TenantEwsCheckOutcome = z.infer<typeof TenantEwsCheckOutcome>;

/** Why reading with ExchangeOnlineManagement failed; module-missing comes from the snippet's coded answer. */
export const ExoLiveFailureCode = z.enum([
  'no-powershell',
  'module-missing',
  'failed',
  'timeout',
  'cancelled',
  'bad-output',
]);
export type ExoLiveFailureCode = z.infer<typeof ExoLiveFailureCode>;

/** Runs the snippet in main through ExchangeOnlineManagement; the demo lab is refused (its cases carry settings). */
export const ExoLiveReadRequest = z.discriminatedUnion('source', [
  z.object({ source: z.literal('lab'), lab: z.enum(['demo']) }),
  z.object({
    source: z.literal('live'),
    exchangeOnlineMail: ExchangeOnlineMailInventory.optional(),
    /** Cancels the read (and its sign-in) through operation:cancel. */
    operationId: OperationId.optional(),
  }),
]);
export type ExoLiveReadRequest = z.infer<typeof ExoLiveReadRequest>;

/** What the snippet read, as an import the window sends with its re-check; or what failed. */
export const ExoLiveReadOutcome = z.discriminatedUnion('state', [
  z.object({ state: z.literal('read'), imported: ExoSettingsImport }),
  z.object({ state: z.literal('failed'), code: ExoLiveFailureCode, message: z.string() }),
]);
export type ExoLiveReadOutcome = z.infer<typeof ExoLiveReadOutcome>;
