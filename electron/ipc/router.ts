import type { z } from 'zod';
import {
  invokeContract,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../shared/ipc/contract';
import type { IpcIssue, IpcResult } from '../../shared/ipc/result';
import type { EventSink } from './event-sink';
import { isCancellation, OperationRegistry } from './operation-registry';

export interface InvokeContext {
  /** Aborted when the renderer cancels this call's operation id, or the app quits. */
  readonly signal: AbortSignal;
  readonly events: EventSink;
}

export type InvokeHandlers = {
  [C in Exclude<InvokeChannel, 'operation:cancel'>]: (
    request: InvokeRequest<C>,
    context: InvokeContext,
  ) => Promise<InvokeResponse<C>>;
};

export interface RouterLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface IpcRouter {
  /** Validates and dispatches one call; never throws, always answers with a result envelope. */
  invoke(channel: unknown, rawRequest: unknown): Promise<IpcResult>;
  readonly operations: OperationRegistry;
}

export function zodIssuesToIpcIssues(error: z.ZodError): IpcIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message,
  }));
}

function operationIdOf(request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return null;
  const id = (request as { operationId?: unknown }).operationId;
  return typeof id === 'string' ? id : null;
}

export function createIpcRouter(options: {
  handlers: InvokeHandlers;
  events: EventSink;
  logger: RouterLogger;
}): IpcRouter {
  const operations = new OperationRegistry();
  const idle = new AbortController().signal;

  async function dispatch(channel: InvokeChannel, request: unknown, signal: AbortSignal): Promise<unknown> {
    if (channel === 'operation:cancel') {
      const { operationId } = request as InvokeRequest<'operation:cancel'>;
      return { cancelled: operations.cancel(operationId) };
    }
    const handler = options.handlers[channel] as (r: unknown, c: InvokeContext) => Promise<unknown>;
    return handler(request, { signal, events: options.events });
  }

  return {
    operations,
    async invoke(channel, rawRequest) {
      if (!isInvokeChannel(channel)) {
        options.logger.warn('Rejected a call on an unknown channel', { channel: String(channel) });
        return {
          ok: false,
          error: { code: 'unknown-channel', message: `Unknown channel "${String(channel)}"` },
        };
      }
      const contract = invokeContract[channel];
      const parsed = contract.request.safeParse(rawRequest);
      if (!parsed.success) {
        const issues = zodIssuesToIpcIssues(parsed.error);
        options.logger.warn('Rejected an invalid request', { channel, issues });
        return {
          ok: false,
          error: {
            code: 'invalid-request',
            message: `Invalid request for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            issues,
          },
        };
      }
      const operationId = channel === 'operation:cancel' ? null : operationIdOf(parsed.data);
      let signal = idle;
      if (operationId !== null) {
        try {
          signal = operations.start(operationId);
        } catch (error) {
          return { ok: false, error: { code: 'invalid-request', message: (error as Error).message } };
        }
      }
      try {
        const value = await dispatch(channel, parsed.data, signal);
        return { ok: true, value: contract.response.parse(value) };
      } catch (error) {
        if (isCancellation(error, signal)) {
          return { ok: false, error: { code: 'cancelled', message: `${channel} was cancelled` } };
        }
        const message = error instanceof Error ? error.message : String(error);
        options.logger.error('A call failed', { channel, message });
        return { ok: false, error: { code: 'failed', message } };
      } finally {
        if (operationId !== null) operations.finish(operationId);
      }
    },
  };
}
