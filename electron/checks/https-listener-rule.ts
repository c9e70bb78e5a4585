import type { CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { isFromGroupPolicy } from '../../shared/facts/collected';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { WinrmListenerFacts } from '../../shared/facts/winrm-facts';
import { checkResult, notCollectedResult } from './check-result-builder';

const id = 'winrm.listener.https';
export const winrmHttpsPort = 5986;

/** The HTTPS listener the sync service will use: the enabled one on 5986, else a disabled one there. */
export function findHttpsListener(listeners: readonly WinrmListenerFacts[]): WinrmListenerFacts | undefined {
  const onPort = listeners.filter(
    (listener) => listener.transport === 'HTTPS' && listener.port === winrmHttpsPort,
  );
  return onPort.find((listener) => listener.enabled) ?? onPort[0];
}

export function describeListener(listener: WinrmListenerFacts): string {
  const source = listener.source === null ? '' : `, Source ${listener.source}`;
  return `${listener.transport} ${listener.address}:${listener.port} (${listener.enabled ? 'enabled' : 'disabled'}${source})`;
}

function listenerEvidence(listener: WinrmListenerFacts) {
  return {
    address: listener.address,
    transport: listener.transport,
    port: listener.port,
    hostname: listener.hostname,
    enabled: listener.enabled,
    certificateThumbprint: listener.certificateThumbprint,
    source: listener.source,
  };
}

const createCommand =
  'winrm create winrm/config/Listener?Address=*+Transport=HTTPS \'@{Hostname="<server FQDN>"; CertificateThumbprint="<thumbprint>"}\'';

/** winrm.listener.https: an enabled WinRM listener must accept HTTPS on TCP 5986. */
export function evaluateHttpsListener(facts: CollectedServerFacts): CheckResult {
  const part = facts.listeners;
  if (part.status === 'not-collected') return notCollectedResult(id, 'the WinRM listeners', part.error);
  const listeners = part.value;
  const evidence = { listeners: listeners.map(listenerEvidence) };
  const listener = findHttpsListener(listeners);
  if (listener?.enabled === true) {
    const policy = isFromGroupPolicy(listener.source) ? ' It is defined by Group Policy.' : '';
    return checkResult(
      id,
      'pass',
      `WinRM listens for HTTPS on ${listener.address}:${listener.port}.${policy}`,
      {
        evidence,
      },
    );
  }
  if (listener !== undefined) {
    const summary = `The HTTPS listener on ${winrmHttpsPort} exists but is disabled.`;
    if (isFromGroupPolicy(listener.source)) {
      return checkResult(
        id,
        'fail',
        `${summary} Group Policy defines it, so it cannot be enabled on the server.`,
        {
          evidence,
          remedy:
            'Enable the listener in the Group Policy that defines it (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service), then run gpupdate /force on the server.',
        },
      );
    }
    return checkResult(id, 'fail', summary, {
      evidence,
      remedy:
        'Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address="*";Transport="HTTPS"} -ValueSet @{Enabled="true"}',
      fixId: remotingFixIds.httpsListenerEnable,
    });
  }
  const otherHttps = listeners.filter((item) => item.transport === 'HTTPS');
  const others =
    otherHttps.length === 0
      ? ''
      : ` HTTPS is offered only on ${otherHttps.map(describeListener).join('; ')}.`;
  return checkResult(id, 'fail', `No WinRM listener accepts HTTPS on TCP ${winrmHttpsPort}.${others}`, {
    evidence,
    remedy: `Create the listener with a Server Authentication certificate issued to the server's FQDN: ${createCommand}`,
    fixId: remotingFixIds.httpsListenerCreate,
  });
}
