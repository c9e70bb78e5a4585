import { describe, expect, it } from 'vitest';
import { describePreview, planFix } from '../../../electron/fixes/fix-preview';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import type { CollectedServerFacts, UnreachableServerFacts } from '../../../shared/facts/server-facts';
import { fixCatalogue, findFix, type FixDefinition } from '../../../shared/fixes/fix-catalogue';
import { fixConnection } from '../../../shared/fixes/fix-connection';
import { goodThumbprint, scriptsDir, server } from '../../helpers/fix-lab';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

const fix = (id: string): FixDefinition => {
  const found = findFix(id);
  if (found === undefined) throw new Error(`no fix ${id}`);
  return found;
};
const create = fix(remotingFixIds.httpsListenerCreate);
const enable = fix(remotingFixIds.httpsListenerEnable);

const ready = readyServerFacts();
const listeners = ready.listeners.status === 'collected' ? ready.listeners.value : [];
const httpsListener = listeners.find((listener) => listener.transport === 'HTTPS');
const withoutHttps: CollectedServerFacts = readyServerFacts({
  listeners: collectedValue(listeners.filter((listener) => listener !== httpsListener)),
});
const withDisabledHttps: CollectedServerFacts = readyServerFacts({
  listeners: collectedValue(
    listeners.map((listener) => (listener === httpsListener ? { ...listener, enabled: false } : listener)),
  ),
});
const refused = (cause: UnreachableServerFacts['failure']['cause']): UnreachableServerFacts => ({
  schemaVersion: 1,
  fqdn: server,
  collectedAt: '2025-03-01T11:58:00.000Z',
  status: 'unreachable',
  failure: {
    cause,
    message: 'Connecting to remote server exch01.contoso.com failed',
    remedy: 'see the cause',
  },
});

describe('fixConnection', () => {
  it('connects every server fix over HTTPS 5986 when the server has its HTTPS listener', () => {
    for (const item of fixCatalogue.filter((entry) => entry.target !== 'active-directory')) {
      expect(fixConnection(item, ready), item.id).toMatchObject({ transport: 'https', port: 5986 });
    }
  });

  it('creates the HTTPS listener over HTTP 5985 when the facts show none, and says why', () => {
    const connection = fixConnection(create, withoutHttps);
    expect(connection).toMatchObject({ transport: 'http', port: 5985 });
    expect(connection.description).toContain('over WinRM HTTP on TCP 5985, not HTTPS 5986');
    expect(connection.description).toContain('no HTTPS listener exists yet');
    expect(connection.description).toContain('found no HTTPS listener on 5986');
  });

  it('enables a disabled HTTPS listener over HTTP 5985', () => {
    const connection = fixConnection(enable, withDisabledHttps);
    expect(connection.transport).toBe('http');
    expect(connection.description).toContain('found the HTTPS listener on 5986 disabled');
  });

  it('takes TCP 5986 refused at collection as no HTTPS listener; other failures do not say so', () => {
    expect(fixConnection(create, refused('tcp-refused')).transport).toBe('http');
    expect(fixConnection(create, refused('kerberos')).transport).toBe('https');
    expect(fixConnection(create, refused('tcp-timeout')).transport).toBe('https');
  });

  it('stays on HTTPS where the facts cannot tell: none collected, listeners not collected', () => {
    expect(fixConnection(create, null).transport).toBe('https');
    expect(
      fixConnection(create, readyServerFacts({ listeners: notCollected('Access is denied') })).transport,
    ).toBe('https');
  });

  it('keeps every other fix on HTTPS even where no HTTPS listener exists', () => {
    for (const item of fixCatalogue.filter((entry) => entry !== create && entry !== enable)) {
      expect(fixConnection(item, withoutHttps).transport, item.id).not.toBe('http');
    }
  });

  it('undoes a listener fix over HTTPS: the listener exists by then', () => {
    expect(fixConnection(create, withoutHttps, true).transport).toBe('https');
  });

  it('names the sync server for TrustedHosts and the jump host for Active Directory', () => {
    expect(fixConnection(fix(remotingFixIds.trustedHostsAddServer), ready).description).toContain(
      'to the sync server over WinRM HTTPS on TCP 5986',
    );
    expect(fixConnection(fix(remotingFixIds.trustedForDelegation), ready)).toMatchObject({
      transport: 'jump-host',
      port: null,
    });
  });
});

describe('planFix connection', () => {
  it('hands the script transport http and says so in the preview when the listener is missing', async () => {
    const plan = await planFix(create.id, server, { thumbprint: goodThumbprint }, scriptsDir, {
      facts: withoutHttps,
    });
    expect(plan.scriptParameters).toMatchObject({ server, transport: 'http', thumbprint: goodThumbprint });
    expect(plan.preview.connection.transport).toBe('http');
    expect(plan.preview.parameters.transport).toBe('http');
    expect(describePreview(plan.preview)).toMatch(
      /^Connects: {3}Connects to the server over WinRM HTTP on TCP 5985, not HTTPS 5986: no HTTPS listener exists yet/m,
    );
  });

  it('hands every other plan transport https, and the AD fix none', async () => {
    const cbt = await planFix(remotingFixIds.cbtHardeningNone, server, { level: 'None' }, scriptsDir, {
      facts: withoutHttps,
    });
    expect(cbt.scriptParameters.transport).toBe('https');
    expect(describePreview(cbt.preview)).toContain(
      'Connects:   Connects to the server over WinRM HTTPS on TCP 5986',
    );
    const delegation = await planFix(remotingFixIds.trustedForDelegation, server, {}, scriptsDir);
    expect(delegation.scriptParameters).not.toHaveProperty('transport');
  });

  it('does not let a parameter choose the transport', async () => {
    await expect(
      planFix(remotingFixIds.cbtHardeningNone, server, { level: 'None', transport: 'http' }, scriptsDir),
    ).rejects.toThrow(/transport/);
  });
});
