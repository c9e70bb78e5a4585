import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateHttpsListener } from '../../../electron/checks/https-listener-rule';
import { normalizePs51Json } from '../../../electron/powershell/ps51-json';
import { WinrmListenerFacts } from '../../../shared/facts/winrm-facts';
import {
  readListBlocks,
  readPsOutputFixture,
  readWinrmSettings,
  winrmValue,
  type WinrmSetting,
} from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

// WSMan prints every value as text ("5986", "true"); the PS 5.1 normaliser turns them into facts.
function listenerFromWinrm(block: readonly WinrmSetting[]): Record<string, string | null> {
  const value = (key: string) => winrmValue(block, 'Listener', key)?.value ?? null;
  return {
    address: value('Address'),
    transport: value('Transport'),
    port: value('Port'),
    hostname: value('Hostname'),
    enabled: value('Enabled'),
    certificateThumbprint: value('CertificateThumbprint'),
    source: winrmValue(block, 'Listener')?.source ?? null,
  };
}

function listenerFacts(raw: unknown) {
  return normalizePs51Json(raw, z.array(WinrmListenerFacts), { origin: 'exch01.contoso.com' });
}

// No published output shows a Group Policy listener. This block follows the documented format of
// `winrm enumerate winrm/config/listener`, where a policy-made listener is headed `Listener [Source="GPO"]`
// (Ansible's Windows WinRM guide: "When you configured a key with GPO, it contains the text [Source="GPO"]");
// Get-WSManInstance returns the same marker as the listener's Source property.
const gpoListenerText = `Listener [Source="GPO"]
    Address = *
    Transport = HTTPS
    Port = 5986
    Hostname = exch01.contoso.com
    Enabled = false
    URLPrefix = wsman
    CertificateThumbprint = 6A8D7E5537D441190FD72C7C2E879A064072CE0F
    ListeningOn = null`;

describe('winrm.listener.https', () => {
  it('passes on the HTTPS 5986 listener of a real `winrm enumerate` output', () => {
    const blocks = readWinrmSettings(
      readPsOutputFixture('winrm_enumerate_winrm-config-listener__ansible-docs_rst-indented.txt'),
    );
    const listeners = listenerFacts(blocks.map(listenerFromWinrm));
    expect(listeners[1]).toMatchObject({
      transport: 'HTTPS',
      port: 5986,
      enabled: true,
      hostname: 'SERVER2016',
    });
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(listeners) }));
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('*:5986');
    expect(result.evidence.listeners).toHaveLength(2);
  });

  it('fails on the disabled 443 listener Set-WSManInstance printed, saying where HTTPS is offered', () => {
    const [object] = readListBlocks(
      readPsOutputFixture('Set-WSManInstance_listener_object_output__pwshdocs.txt'),
    );
    const listeners = listenerFacts({
      address: object?.Address,
      transport: object?.Transport,
      port: object?.Port,
      hostname: object?.Hostname,
      enabled: object?.Enabled,
      certificateThumbprint: object?.CertificateThumbprint,
    });
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(listeners) }));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('HTTPS *:443 (disabled)');
    expect(result.fixId).toBe('winrm.listener.https.create');
  });

  it('fails on a disabled local 5986 listener with the enable fix', () => {
    const listeners = listenerFacts([
      { ...listenerFromWinrm(readWinrmSettings(gpoListenerText)[0] ?? []), source: null },
    ]);
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(listeners) }));
    expect(result.status).toBe('fail');
    expect(result.fixId).toBe('winrm.listener.https.enable');
  });

  it('fails without a local fix when Group Policy owns the disabled listener', () => {
    const listeners = listenerFacts(readWinrmSettings(gpoListenerText).map(listenerFromWinrm));
    expect(listeners[0]?.source).toBe('GPO');
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(listeners) }));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Group Policy defines it');
    expect(result.fixId).toBeUndefined();
    expect(result.remedy).toContain('gpupdate');
  });

  it('says so when an enabled listener comes from Group Policy', () => {
    const listeners = listenerFacts(
      readWinrmSettings(gpoListenerText.replace('Enabled = false', 'Enabled = true')).map(listenerFromWinrm),
    );
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(listeners) }));
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('defined by Group Policy');
  });

  it('fails when only HTTP listens', () => {
    const facts = readyServerFacts();
    const httpOnly =
      facts.listeners.status === 'collected'
        ? facts.listeners.value.filter((item) => item.transport === 'HTTP')
        : [];
    const result = evaluateHttpsListener(readyServerFacts({ listeners: collectedValue(httpOnly) }));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('No WinRM listener accepts HTTPS on TCP 5986.');
  });

  it('is unknown when the listeners could not be enumerated', () => {
    const result = evaluateHttpsListener(readyServerFacts({ listeners: notCollected('Access is denied.') }));
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain('Access is denied.');
  });
});
