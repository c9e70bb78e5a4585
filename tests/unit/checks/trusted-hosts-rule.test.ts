import { describe, expect, it } from 'vitest';
import { evaluateTrustedHosts, trustedHostEntryCovers } from '../../../electron/checks/trusted-hosts-rule';
import type { SyncServerFacts } from '../../../shared/facts/server-facts';
import { notCollected, readyServerFacts, syncServer, testContext } from '../../helpers/remoting-facts';

function evaluate(...syncServers: SyncServerFacts[]) {
  return evaluateTrustedHosts(readyServerFacts(), testContext({ syncServers }));
}

describe('winrm.trustedhosts', () => {
  it('passes when every sync server lists the server, by name or by a domain pattern', () => {
    const result = evaluate(
      syncServer('sync01.contoso.com', 'exch01.contoso.com, 10.0.0.5'),
      syncServer('sync02.contoso.com', '*.contoso.com'),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('sync02.contoso.com: covered by *.contoso.com');
    expect(result.evidence.bySyncServer).toEqual({
      'sync01.contoso.com': { value: 'exch01.contoso.com, 10.0.0.5', source: null },
      'sync02.contoso.com': { value: '*.contoso.com', source: null },
    });
  });

  it('warns on "*", which trusts every host', () => {
    const result = evaluate(syncServer('sync01.contoso.com', '*'));
    expect(result.status).toBe('warn');
    expect(result.remedy).toContain('*.contoso.com');
  });

  it('fails when one sync server does not list the server, naming it', () => {
    const result = evaluate(
      syncServer('sync01.contoso.com', 'exch02.contoso.com'),
      syncServer('sync02.contoso.com', '*'),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('sync01.contoso.com: TrustedHosts lists only exch02.contoso.com');
    expect(result.remedy).toContain("-Value 'exch01.contoso.com' -Concatenate");
    expect(result.fixId).toBe('winrm.trustedhosts.add-server');
  });

  it('fails on an empty list, and offers no local fix where Group Policy sets it', () => {
    const result = evaluate(syncServer('sync01.contoso.com', '', 'GPO'));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('TrustedHosts is empty');
    expect(result.fixId).toBeUndefined();
    expect(result.remedy).toContain('Group Policy sets TrustedHosts');
  });

  it('is unknown when a list could not be read, or there is no sync server', () => {
    expect(
      evaluate({ fqdn: 'sync01.contoso.com', trustedHosts: notCollected('Access is denied.') }).status,
    ).toBe('unknown');
    expect(evaluate().status).toBe('unknown');
  });

  it('matches WinRM patterns where * stands for any characters', () => {
    expect(trustedHostEntryCovers('exch*', 'exch01.contoso.com')).toBe(true);
    expect(trustedHostEntryCovers('*.fabrikam.com', 'exch01.contoso.com')).toBe(false);
    expect(trustedHostEntryCovers('EXCH01.CONTOSO.COM', 'exch01.contoso.com')).toBe(true);
    expect(trustedHostEntryCovers('exch01.contoso.com.evil', 'exch01.contoso.com')).toBe(false);
  });
});
