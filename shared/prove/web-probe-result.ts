import { z } from 'zod';
import { CheckStatus } from '../checks/check-result';
import { WebProbeApp, WebProbeClass } from './web-probe-classes';

const ConnectionErrorFacts = z.object({ code: z.string(), message: z.string() });

export const WebProbeHop = z.object({
  url: z.string(),
  httpStatus: z.number().int(),
  location: z.string().nullable(),
});
export type WebProbeHop = z.infer<typeof WebProbeHop>;

export const WebAppProbe = z.object({
  app: WebProbeApp,
  url: z.string(),
  probeClass: WebProbeClass,
  status: CheckStatus,
  meaning: z.string(),
  remedy: z.string(),
  predictedBy: z.array(z.string()),
  hops: z.array(WebProbeHop),
  /** The connection error's code and text, when there was no answer. */
  error: ConnectionErrorFacts.nullable(),
  durationMs: z.number().nonnegative(),
});
export type WebAppProbe = z.infer<typeof WebAppProbe>;

export const HealthProbe = z.object({
  app: WebProbeApp,
  url: z.string(),
  status: CheckStatus,
  httpStatus: z.number().int().nullable(),
  /** The first 100 characters of the page ("200 OK<br/>EXCH01.contoso.com" when healthy). */
  excerpt: z.string().nullable(),
  error: ConnectionErrorFacts.nullable(),
});
export type HealthProbe = z.infer<typeof HealthProbe>;

/** One OWA/ECP probe of a server from the jump host: each app's outcome and its health check page. */
export const WebProbeResult = z.object({
  server: z.string(),
  at: z.iso.datetime({ offset: true }),
  simulated: z.boolean(),
  status: CheckStatus,
  apps: z.array(WebAppProbe),
  health: z.array(HealthProbe),
});
export type WebProbeResult = z.infer<typeof WebProbeResult>;

/** The probe run after a web.config apply or rollback, as the window receives it. */
export const WebProofAfterChange = z.object({
  result: WebProbeResult.nullable(),
  auditId: z.number().int().nullable(),
  /** Why the probe could not run (the change itself stands). */
  error: z.string().nullable(),
});
export type WebProofAfterChange = z.infer<typeof WebProofAfterChange>;
