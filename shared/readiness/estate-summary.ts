import { z } from 'zod';
import { Integration } from './integration';
import type { ReadinessVerdict } from './readiness-verdict';

export const EstateReadiness = z.object({
  integration: Integration,
  servers: z.number().int().nonnegative(),
  ready: z.number().int().nonnegative(),
  /** Of the ready servers, those ready only with accepted risks. */
  withRisks: z.number().int().nonnegative(),
  notReady: z.number().int().nonnegative(),
  notChecked: z.number().int().nonnegative(),
  /** "Remote PowerShell: 3 of 8 ready (1 with accepted risks), 2 not ready, 3 not checked" */
  text: z.string().min(1),
});
export type EstateReadiness = z.infer<typeof EstateReadiness>;

/** The estate line of one integration from every server's verdict for it. */
export function estateReadiness(
  integration: Integration,
  verdicts: readonly ReadinessVerdict[],
): EstateReadiness {
  const own = verdicts.filter((verdict) => verdict.integration === integration);
  const count = (kind: ReadinessVerdict['kind']): number =>
    own.filter((verdict) => verdict.kind === kind).length;
  const withRisks = count('ready-with-risks');
  const ready = count('ready') + withRisks;
  const notReady = count('not-ready');
  const notChecked = count('not-checked');
  const parts = [
    `${ready} of ${own.length} ready${withRisks > 0 ? ` (${withRisks} with accepted risks)` : ''}`,
  ];
  if (notReady > 0) parts.push(`${notReady} not ready`);
  if (notChecked > 0) parts.push(`${notChecked} not checked`);
  return {
    integration,
    servers: own.length,
    ready,
    withRisks,
    notReady,
    notChecked,
    text: `${integration}: ${parts.join(', ')}`,
  };
}
