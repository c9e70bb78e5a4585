import { z } from 'zod';
import { remotingFixIds } from '../checks/remoting-fix-ids';
import type { ServerFacts } from '../facts/server-facts';
import type { FixDescriptor } from './fix-catalogue';

/** How a fix reaches what it changes: WinRM over HTTPS 5986 (as the collection), HTTP 5985, or AD from the jump host. */
export const FixConnection = z.object({
  transport: z.enum(['https', 'http', 'jump-host']),
  port: z.union([z.literal(5986), z.literal(5985)]).nullable(),
  /** What the preview says about it, in words. */
  description: z.string().min(1),
});
export type FixConnection = z.infer<typeof FixConnection>;

export const winrmHttpsPort = 5986;
export const winrmHttpPort = 5985;

// The fixes that bring the HTTPS listener up: only they may need HTTP while 5986 has nothing listening.
const listenerBootstrapFixes: readonly string[] = [
  remotingFixIds.httpsListenerCreate,
  remotingFixIds.httpsListenerEnable,
];

/** Why the collected facts show no enabled HTTPS listener on 5986, or null when they show one or cannot tell. */
export function missingHttpsListener(facts: ServerFacts | null): string | null {
  if (facts === null) return null;
  if (facts.status === 'unreachable')
    return facts.failure.cause === 'tcp-refused'
      ? `the collection of ${facts.collectedAt} found TCP ${winrmHttpsPort} refused`
      : null;
  if (facts.listeners.status !== 'collected') return null;
  const onPort = facts.listeners.value.filter(
    (listener) => listener.transport === 'HTTPS' && listener.port === winrmHttpsPort,
  );
  if (onPort.some((listener) => listener.enabled)) return null;
  return onPort.length === 0
    ? `the collection of ${facts.collectedAt} found no HTTPS listener on ${winrmHttpsPort}`
    : `the collection of ${facts.collectedAt} found the HTTPS listener on ${winrmHttpsPort} disabled`;
}

/** HTTPS 5986 by default; HTTP 5985 only for the fix that creates or enables the HTTPS listener where none listens yet. */
export function fixConnection(
  fix: Pick<FixDescriptor, 'id' | 'target'>,
  facts: ServerFacts | null,
  restoring = false,
): FixConnection {
  if (fix.target === 'active-directory')
    return {
      transport: 'jump-host',
      port: null,
      description:
        'Runs on this jump host with the ActiveDirectory module: no WinRM connection to the server.',
    };
  const to = fix.target === 'sync-server' ? 'the sync server' : 'the server';
  const missing = restoring || !listenerBootstrapFixes.includes(fix.id) ? null : missingHttpsListener(facts);
  if (missing !== null)
    return {
      transport: 'http',
      port: winrmHttpPort,
      description: `Connects to ${to} over WinRM HTTP on TCP ${winrmHttpPort}, not HTTPS ${winrmHttpsPort}: no HTTPS listener exists yet (${missing}), and this fix is what brings it up. WinRM still encrypts the session with Kerberos or NTLM.`,
    };
  return {
    transport: 'https',
    port: winrmHttpsPort,
    description: `Connects to ${to} over WinRM HTTPS on TCP ${winrmHttpsPort}, as the collection does.`,
  };
}
