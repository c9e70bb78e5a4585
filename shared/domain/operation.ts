import { z } from 'zod';

/** Every long-running call carries an id chosen by the caller, so it can be cancelled and its progress matched. */
export const OperationId = z.uuid();
export type OperationId = z.infer<typeof OperationId>;

/** Progress of a running operation, keyed on `kind` so the UI can switch exhaustively. */
export const OperationProgress = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('started'),
    operationId: OperationId,
    title: z.string(),
    /** What the operation works through (a check run: its Exchange servers), so pending items can be listed. */
    items: z.array(z.string().max(300)).max(5000).optional(),
    /** How many items run at once (a check run: the Invoke-Command throttle). */
    concurrency: z.number().int().min(1).optional(),
  }),
  z.object({ kind: z.literal('step'), operationId: OperationId, message: z.string() }),
  z.object({ kind: z.literal('finished'), operationId: OperationId }),
  z.object({ kind: z.literal('cancelled'), operationId: OperationId }),
  z.object({ kind: z.literal('failed'), operationId: OperationId, message: z.string() }),
]);
export type OperationProgress = z.infer<typeof OperationProgress>;
