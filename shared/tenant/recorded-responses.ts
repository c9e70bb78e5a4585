import { z } from 'zod';

/** One recorded Graph (or token, or EWS) exchange: what a live run saw, masked, so the rules can be replayed. */
export const RecordedResponse = z.object({
  method: z.enum(['GET', 'POST']),
  /** Absolute URL, e.g. https://graph.microsoft.com/v1.0/domains/contoso.com; query order does not matter. */
  url: z.url(),
  status: z.number().int().min(100).max(599),
  /** Response headers that matter to the client (Retry-After, x-ms-diagnostics, request-id), lower-case names. */
  headers: z.record(z.string(), z.string()).optional(),
  /** JSON (Graph, the token endpoint) or text (an EWS SOAP answer, kept whole). */
  body: z.json(),
  /** Token answers only: the decoded claims (aud, tid, appid, roles, scp, upn, exp) of the masked access token. */
  claims: z.record(z.string(), z.json()).optional(),
  /** Probe answers only: when the answer was read, and ms since the probe started (the replay's clock). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  elapsedMs: z.number().int().min(0).optional(),
});
export type RecordedResponse = z.infer<typeof RecordedResponse>;

export const recordedResponsesFormat = 'exready-recorded-responses/1';

/** The file `--record FILE` writes and `--recorded FILE` replays (issue #14, deliverable 4). */
export const RecordedResponses = z.object({
  format: z.literal(recordedResponsesFormat),
  tenant: z.string().min(1),
  recordedAt: z.iso.datetime({ offset: true }),
  /** True for the demo tenant: every screen and report says simulated. */
  simulated: z.boolean().optional(),
  responses: z.array(RecordedResponse),
});
export type RecordedResponses = z.infer<typeof RecordedResponses>;
