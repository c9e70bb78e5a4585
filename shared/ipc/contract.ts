import { z } from 'zod';
import { AppInfo, PowerShellProbe } from '../domain/app-info';
import { ExchangeOnlineMailInventory, Inventory, Microsoft365Inventory } from '../domain/inventory';
import { ServiceAccount } from '../domain/service-account';
import { Fqdn } from '../domain/hostname';
import { OperationId, OperationProgress } from '../domain/operation';
import { RunComparison, RunSummary, SavedRun } from '../runs/run-records';
import { FixConnection } from '../fixes/fix-connection';
import {
  MfaApplyOutcome,
  MfaPlanPreview,
  MfaRecycleOutcome,
  MfaRollbackOutcome,
} from '../integrations/mfa-change-contract';
import { ClientId, SignInState, TenantName } from '../tenant/sign-in';
import {
  TenantAttestation,
  TenantAttestRequest,
  TenantCheckOutcome,
  TenantCheckRequest,
} from '../tenant/tenant-check-contract';
import {
  ConnectionProofAnswer,
  ConnectionProofRequest,
  WebProofAnswer,
  WebProofRequest,
} from '../prove/prove-contract';
import {
  ExoLiveReadOutcome,
  ExoLiveReadRequest,
  TenantEwsCheckOutcome,
  TenantEwsCheckRequest,
} from '../tenant/ews/ews-window-contract';

// The one IPC contract: zod schemas are the source of truth; every type below is inferred from them.

const NoRequest = z.undefined();
const MfaApp = z.enum(['owa', 'ecp']);
const FixPreviewData = z.object({
  previewId: z.uuid(),
  fixId: z.string(),
  title: z.string(),
  server: z.string(),
  checkId: z.string(),
  scriptPath: z.string(),
  scriptText: z.string(),
  parameters: z.record(z.string(), z.json()),
  connection: FixConnection,
  risk: z.enum(['none', 'lowers-security']),
  exposes: z.string().nullable(),
  saferAlternatives: z.array(z.string()),
  undoable: z.boolean(),
  undoes: z.number().int().nullable(),
  simulated: z.boolean(),
});
// A run id names a file in the history folder: nothing that could climb out of it.
const RunId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
  .refine((id) => !id.includes('..'));

/** Request/response channels (renderer invokes, main answers with a promise). */
export const invokeContract = {
  'app:get-info': { request: NoRequest, response: AppInfo },
  'inventory:get': { request: NoRequest, response: Inventory },
  'inventory:add-exchange-servers': {
    request: z.object({ fqdns: z.array(Fqdn).min(1).max(5000) }),
    response: Inventory,
  },
  'inventory:remove-exchange-server': {
    request: z.object({ fqdn: Fqdn }),
    response: Inventory,
  },
  'inventory:add-sync-servers': {
    request: z.object({ fqdns: z.array(Fqdn).min(1).max(500) }),
    response: Inventory,
  },
  'inventory:remove-sync-server': {
    request: z.object({ fqdn: Fqdn }),
    response: Inventory,
  },
  'inventory:set-service-account': {
    request: z.object({ account: ServiceAccount.nullable() }),
    response: Inventory,
  },
  /** The tenant the Microsoft 365 checks read (issue #14); null removes it. */
  'inventory:set-microsoft365': {
    request: z.object({ microsoft365: Microsoft365Inventory.nullable() }),
    response: Inventory,
  },
  /** The ERP's Exchange Online mail the ews.* checks read (issue #15); null removes it. */
  'inventory:set-exchange-online-mail': {
    request: z.object({ exchangeOnlineMail: ExchangeOnlineMailInventory.nullable() }),
    response: Inventory,
  },
  /** All or nothing: a file with any bad line imports nothing and answers every problem with its line. */
  'inventory:import-csv': {
    request: z.object({ fileName: z.string().min(1).max(260), text: z.string().max(5_000_000) }),
    response: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        inventory: Inventory,
        exchangeServers: z.number().int(),
        syncServers: z.number().int(),
      }),
      z.object({ ok: z.literal(false), problems: z.array(z.string()) }),
    ]),
  },
  /** Reads msExchExchangeServer objects from AD on the jump host and adds the servers found. */
  'inventory:discover-exchange-servers': {
    request: z.object({ operationId: OperationId }),
    response: z.object({
      inventory: Inventory,
      discovered: z.number().int(),
      skipped: z.array(z.string()),
    }),
  },
  'environment:probe-powershell': {
    request: z.object({ operationId: OperationId }),
    response: PowerShellProbe,
  },
  /** Checks the inventory's servers (or a simulated lab), saves the run and answers its summary. */
  'check:run': {
    request: z.object({
      operationId: OperationId,
      lab: z.enum(['demo']).nullable(),
      /** One server only: its fresh facts merge into the newest run, which is judged again as a whole. */
      server: Fqdn.optional(),
    }),
    response: RunSummary.extend({
      warnings: z.array(z.string()),
      /** Set when the admin cancelled: the run was saved with the servers collected so far. */
      cancelled: z
        .object({ collected: z.number().int().min(0), total: z.number().int().min(0) })
        .nullable()
        .default(null),
    }),
  },
  'runs:list': { request: NoRequest, response: z.array(RunSummary) },
  'runs:open': { request: z.object({ runId: RunId }), response: SavedRun },
  'runs:delete': { request: z.object({ runId: RunId }), response: z.object({ deleted: z.literal(true) }) },
  'runs:compare': { request: z.object({ before: RunId, after: RunId }), response: RunComparison },
  /** Main asks where to save (the renderer never names a path), then writes the report there. */
  'report:export': {
    request: z.object({ runId: RunId, format: z.enum(['html', 'pdf', 'json', 'csv']) }),
    response: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /** Names of the stored secrets only: values never travel back to the window. */
  'secrets:list': { request: NoRequest, response: z.object({ names: z.array(z.string()) }) },
  'secrets:set': {
    request: z.object({
      name: z.union([
        z.enum(['MONOSIGN_API_KEY', 'MONOSIGN_API_SECRET']),
        z.string().regex(/^credential:[A-Za-z0-9._@\\-]{1,200}$/),
      ]),
      value: z.string().min(1).max(4096),
    }),
    response: z.object({ names: z.array(z.string()) }),
  },
  /** Plans the Monosign settings for one app of one server from a saved run's facts; secrets come from the store. */
  'mfa:plan': {
    request: z.object({
      runId: RunId,
      server: Fqdn,
      app: MfaApp,
      settings: z.array(z.object({ key: z.string().min(1).max(200), value: z.string().max(4096) })).max(50),
      /** The profile's one admin-named key (Monosign's user source), when the admin gives it. */
      extra: z
        .object({ key: z.string().min(1).max(200), value: z.string().max(4096) })
        .nullable()
        .default(null),
    }),
    response: MfaPlanPreview,
  },
  'mfa:apply': {
    request: z.object({
      planId: z.uuid(),
      confirmed: z.literal(true),
      beforeSha256: z.string().regex(/^[0-9A-Fa-f]{64}$/),
    }),
    response: MfaApplyOutcome,
  },
  'mfa:backups': {
    request: z.object({ runId: RunId, server: Fqdn, app: MfaApp }),
    response: z.array(z.string()),
  },
  'mfa:rollback': {
    request: z.object({
      runId: RunId,
      server: Fqdn,
      app: MfaApp,
      backup: z.string().min(1).max(260),
      confirmed: z.literal(true),
    }),
    response: MfaRollbackOutcome,
  },
  /** Copies the module's DLLs (folder or zip the admin picks in main's dialog) into the app's bin, audited. */
  'mfa:deploy-module': {
    request: z.object({
      runId: RunId,
      server: Fqdn,
      app: MfaApp,
      confirmed: z.literal(true),
      /** Deploy where signatures cannot be checked (no Get-AuthenticodeSignature): "I accept this risk". */
      acceptUnverifiedSignature: z.boolean().default(false),
    }),
    response: z.object({
      deployed: z.boolean(),
      outcome: z.enum(['succeeded', 'failed']).nullable(),
      auditId: z.number().int().nullable(),
      error: z.string().nullable(),
      files: z.array(z.object({ name: z.string(), fileVersion: z.string().nullable() })),
    }),
  },
  'mfa:recycle': {
    request: z.object({
      server: Fqdn,
      app: MfaApp,
      confirmed: z.literal(true),
      /** The demo estate's server: the lab recycles, no server does. */
      lab: z.enum(['demo']).nullable().default(null),
    }),
    response: MfaRecycleOutcome,
  },
  'fixes:catalogue': {
    request: NoRequest,
    response: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        checkId: z.string(),
        risk: z.enum(['none', 'lowers-security']),
        exposes: z.string().nullable(),
        saferAlternatives: z.array(z.string()),
        undoable: z.boolean(),
        target: z.enum(['exchange-server', 'sync-server', 'active-directory']),
      }),
    ),
  },
  /** LocalMachine\\My certificates an HTTPS listener could use on the server (from a saved run's facts). */
  'fixes:certificate-candidates': {
    request: z.object({ runId: RunId, server: Fqdn }),
    response: z.array(
      z.object({
        thumbprint: z.string(),
        subject: z.string(),
        dnsNames: z.array(z.string()),
        notAfter: z.string(),
        warnings: z.array(z.string()),
      }),
    ),
  },
  /** The exact script, the parameters (secrets masked), the risk and the check it turns green; the plan stays in main. */
  'fixes:preview': {
    request: z.object({
      fixId: z.string().min(1).max(100),
      server: Fqdn,
      parameters: z.record(z.string(), z.json()),
      lab: z.enum(['demo']).nullable(),
    }),
    response: FixPreviewData,
  },
  'fixes:undo-preview': {
    request: z.object({ auditId: z.number().int().positive(), lab: z.enum(['demo']).nullable() }),
    response: FixPreviewData,
  },
  'fixes:apply': {
    request: z.object({ previewId: z.uuid(), confirmed: z.literal(true), riskAccepted: z.boolean() }),
    response: z.object({
      outcome: z.enum(['succeeded', 'failed', 'refused']),
      changed: z.boolean(),
      auditId: z.number().int(),
      before: z.json().nullable(),
      after: z.json().nullable(),
      message: z.string(),
      error: z.string().nullable(),
      recheckError: z.string().nullable(),
    }),
  },
  /** One idempotent .ps1 of the selected fixes, saved where the admin chooses in main's dialog. */
  'fixes:export': {
    request: z.object({
      fixes: z
        .array(
          z.object({
            fixId: z.string().min(1).max(100),
            server: Fqdn,
            parameters: z.record(z.string(), z.json()),
          }),
        )
        .min(1)
        .max(500),
      /** "I accept this risk" for every selected fix whose values lower security; without it those are refused. */
      riskAccepted: z.boolean().default(false),
    }),
    response: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /** Delegated, read-only sign-in to Microsoft 365 in the system browser; the scopes are in shared/tenant/graph-scopes. */
  'tenant:sign-in': {
    request: z.object({ tenant: TenantName, clientId: ClientId.nullable().default(null) }),
    response: SignInState,
  },
  /** Removes the sealed token cache and the accounts MSAL holds. */
  'tenant:sign-out': { request: NoRequest, response: z.object({ signedOut: z.literal(true) }) },
  'tenant:sign-in-state': { request: NoRequest, response: SignInState },
  /** The m365.* checks of the demo tenant (simulated) or of the signed-in tenant, with the Microsoft 365 verdict. */
  'tenant:check': { request: TenantCheckRequest, response: TenantCheckOutcome },
  /** The ews.* checks of a demo ERP case (simulated) or of the inventory's ERP in the signed-in tenant; the probe's secret is never logged. */
  'tenant:check-ews': { request: TenantEwsCheckRequest, response: TenantEwsCheckOutcome },
  /** Get-ExoEwsSettings.ps1 run in main through ExchangeOnlineManagement (read-only): its output as an import. */
  'tenant:read-exo-settings': { request: ExoLiveReadRequest, response: ExoLiveReadOutcome },
  /** Records what an admin saw in the portal for a check Graph cannot read; stored in main, never a pass. */
  'tenant:attest': {
    request: TenantAttestRequest,
    response: z.object({ attestations: z.array(TenantAttestation) }),
  },
  /** The sync service's path proved once from a sync server (issue #16), audited; the password is never kept. */
  'prove:connection': { request: ConnectionProofRequest, response: ConnectionProofAnswer },
  /** The OWA/ECP probe from the jump host on demand, audited (prove.web). */
  'prove:web': { request: WebProofRequest, response: WebProofAnswer },
  'operation:cancel': {
    request: z.object({ operationId: OperationId }),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Events main sends to the renderer. */
export const eventContract = {
  'operation:progress': OperationProgress,
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>;
/** What the renderer may pass: the schema's input (before trimming and lower-casing). */
export type InvokeRequestInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>;
export type EventPayload<C extends EventChannel> = z.output<(typeof eventContract)[C]>;

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
export const eventChannels = Object.keys(eventContract) as EventChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeContract, value);
}
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(eventContract, value);
}
