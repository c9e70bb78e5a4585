import { z } from 'zod';

// Errors cross IPC as data: Electron flattens a rejected invoke into a bare message.

export const IpcErrorCode = z.enum([
  'unknown-channel',
  'invalid-request',
  'untrusted-sender',
  'cancelled',
  'failed',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcIssue = z.object({ path: z.string(), message: z.string() });
export type IpcIssue = z.infer<typeof IpcIssue>;

export const IpcError = z.object({
  code: IpcErrorCode,
  message: z.string(),
  issues: z.array(IpcIssue).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export const IpcResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
]);
export type IpcResult = z.infer<typeof IpcResult>;
