import type { z } from 'zod';
import {
  invokeContract,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../shared/ipc/contract';
import type { IpcIssue, IpcResult } from '../../shared/ipc/result';
import { quoteInput } from '../../shared/domain/quote-input';
import type { EventSink } from './event-sink';
import { isCancellation, OperationRegistry } from './operation-registry';
import { payloadLimitIssue } from './payload-limits';
import { RequestIssuesError } from './request-issues-error';
import { redactSecretValues, secretValuesOf } from './secret-fields';

/** A message or log line never grows with the input: issue messages quote at most 200 characters of it. */
const maxMessageChars = 2000;
const maxIssues = 20;
const bounded = (text: string, max = maxMessageChars) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;

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
  return error.issues.slice(0, maxIssues).map((issue) => ({
    path: bounded(issue.path.map(String).join('.') || '(request)', 300),
    message: bounded(issue.message, 500),
  }));
}

function invalidRequest(channel: InvokeChannel, issues: IpcIssue[]): IpcResult {
  return {
    ok: false,
    error: {
      code: 'invalid-request',
      message: bounded(
        `Invalid request for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      ),
      issues,
    },
  };
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
        const named = quoteInput(typeof channel === 'string' ? channel : typeof channel);
        options.logger.warn('Rejected a call on an unknown channel', { channel: named });
        return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${named}` } };
      }
      const contract = invokeContract[channel];
      // A secret field's value never reaches a log line or an error message, whatever a handler threw.
      const secrets = secretValuesOf(channel, rawRequest);
      const redact = (text: string) => (secrets.length === 0 ? text : redactSecretValues(text, secrets));
      const redactIssues = (issues: IpcIssue[]) =>
        issues.map((issue) => ({ path: issue.path, message: redact(issue.message) }));
      const limit = payloadLimitIssue(channel, rawRequest);
      if (limit !== null) {
        options.logger.warn('Rejected an oversized request', { channel, issues: [limit] });
        return invalidRequest(channel, [limit]);
      }
      const parsed = contract.request.safeParse(rawRequest);
      if (!parsed.success) {
        const issues = redactIssues(zodIssuesToIpcIssues(parsed.error));
        options.logger.warn('Rejected an invalid request', { channel, issues });
        return invalidRequest(channel, issues);
      }
      const operationId = channel === 'operation:cancel' ? null : operationIdOf(parsed.data);
      let signal = idle;
      if (operationId !== null) {
        try {
          signal = operations.start(operationId);
        } catch (error) {
          const message = bounded((error as Error).message);
          return {
            ok: false,
            error: { code: 'invalid-request', message, issues: [{ path: 'operationId', message }] },
          };
        }
      }
      try {
        const value = await dispatch(channel, parsed.data, signal);
        return { ok: true, value: contract.response.parse(value) };
      } catch (error) {
        if (isCancellation(error, signal)) {
          return { ok: false, error: { code: 'cancelled', message: `${channel} was cancelled` } };
        }
        if (error instanceof RequestIssuesError && error.issues.length > 0) {
          const issues = redactIssues(error.issues.slice(0, maxIssues)).map((issue) => ({
            path: bounded(issue.path, 300),
            message: bounded(issue.message, 500),
          }));
          options.logger.warn('Rejected an invalid request', { channel, issues });
          return invalidRequest(channel, issues);
        }
        const message = bounded(redact(error instanceof Error ? error.message : String(error)));
        options.logger.error('A call failed', { channel, message });
        return { ok: false, error: { code: 'failed', message } };
      } finally {
        if (operationId !== null) operations.finish(operationId);
      }
    },
  };
}
