import { z } from 'zod';

/** The one JSON line every fix script prints; only `applied` and `unchanged` mean the server holds the desired state. */
export const FixScriptResult = z.object({
  exreadyResult: z.literal(1),
  status: z.enum(['applied', 'unchanged', 'refused', 'failed']),
  changed: z.boolean(),
  before: z.json(),
  after: z.json(),
  message: z.string(),
  error: z.string().nullable(),
});
export type FixScriptResult = z.infer<typeof FixScriptResult>;
