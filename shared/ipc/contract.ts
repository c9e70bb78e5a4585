import { z } from 'zod';
import { AppInfo, PowerShellProbe } from '../domain/app-info';
import { Inventory } from '../domain/inventory';
import { ServiceAccount } from '../domain/service-account';
import { Fqdn } from '../domain/hostname';
import { OperationId, OperationProgress } from '../domain/operation';

// The one IPC contract: zod schemas are the source of truth; every type below is inferred from them.

const NoRequest = z.undefined();

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
