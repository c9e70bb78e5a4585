import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequestInput,
  InvokeResponse,
} from './contract';
import { ExreadyCallError } from './call-error';
import type { IpcError, IpcResult } from './result';

// The renderer's API, one named function per channel, built from plain data so the preload
// bundle stays small (types only from the contract, no zod at runtime).

export const invokeMethods = {
  getAppInfo: 'app:get-info',
  getInventory: 'inventory:get',
  addExchangeServers: 'inventory:add-exchange-servers',
  removeExchangeServer: 'inventory:remove-exchange-server',
  addSyncServers: 'inventory:add-sync-servers',
  removeSyncServer: 'inventory:remove-sync-server',
  setServiceAccount: 'inventory:set-service-account',
  setMicrosoft365Inventory: 'inventory:set-microsoft365',
  setExchangeOnlineMailInventory: 'inventory:set-exchange-online-mail',
  importInventoryCsv: 'inventory:import-csv',
  discoverExchangeServers: 'inventory:discover-exchange-servers',
  probePowerShell: 'environment:probe-powershell',
  runCheck: 'check:run',
  listRuns: 'runs:list',
  openRun: 'runs:open',
  deleteRun: 'runs:delete',
  compareRuns: 'runs:compare',
  exportReport: 'report:export',
  listSecrets: 'secrets:list',
  setSecret: 'secrets:set',
  planMfaChange: 'mfa:plan',
  applyMfaChange: 'mfa:apply',
  listMfaBackups: 'mfa:backups',
  rollbackMfaChange: 'mfa:rollback',
  recycleMfaAppPool: 'mfa:recycle',
  deployMfaModule: 'mfa:deploy-module',
  listFixes: 'fixes:catalogue',
  listCertificateCandidates: 'fixes:certificate-candidates',
  previewFix: 'fixes:preview',
  previewUndo: 'fixes:undo-preview',
  applyFix: 'fixes:apply',
  exportFixes: 'fixes:export',
  signInToTenant: 'tenant:sign-in',
  signOutOfTenant: 'tenant:sign-out',
  getTenantSignInState: 'tenant:sign-in-state',
  checkTenant: 'tenant:check',
  attestTenantCheck: 'tenant:attest',
  proveConnection: 'prove:connection',
  proveWeb: 'prove:web',
  checkTenantEws: 'tenant:check-ews',
  readExoSettings: 'tenant:read-exo-settings',
  cancelOperation: 'operation:cancel',
} as const satisfies Record<string, InvokeChannel>;

export const eventMethods = {
  onOperationProgress: 'operation:progress',
} as const satisfies Record<string, EventChannel>;

type InvokeMethods = typeof invokeMethods;
type EventMethods = typeof eventMethods;

export type TypedIpcResult<C extends InvokeChannel> =
  { ok: true; value: InvokeResponse<C> } | { ok: false; error: IpcError };

type Call<C extends InvokeChannel, R> =
  InvokeRequestInput<C> extends undefined ? () => Promise<R> : (request: InvokeRequestInput<C>) => Promise<R>;

type Subscriptions = {
  readonly [M in keyof EventMethods]: (
    listener: (payload: EventPayload<EventMethods[M]>) => void,
  ) => () => void;
};

/** What the preload exposes: named functions that resolve to a result envelope (errors survive the bridge as data). */
export type ExreadyBridge = {
  readonly [M in keyof InvokeMethods]: Call<InvokeMethods[M], TypedIpcResult<InvokeMethods[M]>>;
} & Subscriptions;

/** What the renderer uses: the same functions, resolving to the value or rejecting with ExreadyCallError. */
export type ExreadyApi = {
  readonly [M in keyof InvokeMethods]: Call<InvokeMethods[M], InvokeResponse<InvokeMethods[M]>>;
} & Subscriptions;

/** How calls leave the renderer: Electron's ipcRenderer in the app, a Playwright binding in e2e. */
export interface ExreadyTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<IpcResult>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

export function createExreadyBridge(transport: ExreadyTransport): ExreadyBridge {
  const bridge: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(invokeMethods)) {
    bridge[method] = (request?: unknown) => transport.invoke(channel, request);
  }
  for (const [method, channel] of Object.entries(eventMethods)) {
    bridge[method] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return Object.freeze(bridge) as ExreadyBridge;
}

export function createExreadyApi(bridge: ExreadyBridge): ExreadyApi {
  const api: Record<string, unknown> = {};
  const calls = bridge as unknown as Record<string, (request?: unknown) => Promise<IpcResult>>;
  for (const method of Object.keys(invokeMethods)) {
    api[method] = async (request?: unknown) => {
      const call = calls[method];
      if (call === undefined) throw new Error(`The bridge has no method ${method}`);
      const result = await call(request);
      if (!result.ok) throw new ExreadyCallError(result.error);
      return result.value;
    };
  }
  for (const method of Object.keys(eventMethods)) api[method] = calls[method];
  return Object.freeze(api) as ExreadyApi;
}
