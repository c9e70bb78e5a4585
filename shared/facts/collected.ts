import { z } from 'zod';

/**
 * A part of the facts that the collector tried to gather: either its value, or the error that stopped it.
 * Rules answer `unknown` for a part that was not collected, never guess.
 */
export function collected<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('collected'), value }),
    z.object({ status: z.literal('not-collected'), error: z.string() }),
  ]);
}

export type Collected<T> = { status: 'collected'; value: T } | { status: 'not-collected'; error: string };

/** Where a WinRM setting comes from: "GPO" means Group Policy owns it and a local change will not stick. */
export const ConfigSource = z.string().min(1).nullable();
export type ConfigSource = z.infer<typeof ConfigSource>;

export function isFromGroupPolicy(source: ConfigSource): boolean {
  return source !== null && source.toUpperCase() === 'GPO';
}
