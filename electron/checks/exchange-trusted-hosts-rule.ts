import type { CheckResult } from '../../shared/checks/check-result';
import { isFromGroupPolicy } from '../../shared/facts/collected';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import { trustedHostEntries } from './trusted-hosts-rule';

const id = 'winrm.trustedhosts.exchange';

/** winrm.trustedhosts.exchange: "*" in the Exchange server's own TrustedHosts breaks the Exchange Management Shell there. */
export function evaluateExchangeTrustedHosts(facts: CollectedServerFacts): CheckResult {
  const part = facts.trustedHosts;
  if (part === undefined) {
    return checkResult(
      id,
      'unknown',
      `The TrustedHosts of ${facts.fqdn} itself was not read: these facts were saved by an ExReady version that did not collect it.`,
      { evidence: { notCollected: 'TrustedHosts' }, remedy: 'Collect again.' },
    );
  }
  if (part.status === 'not-collected') {
    return notCollectedResult(id, `the TrustedHosts of ${facts.fqdn}`, part.error);
  }
  const { value, source } = part.value;
  const evidence = { value, source };
  if (!trustedHostEntries(value).includes('*')) {
    const shown = value.trim() === '' ? 'is empty' : `is "${value}"`;
    return checkResult(
      id,
      'pass',
      `The TrustedHosts of ${facts.fqdn} itself ${shown}: its Exchange Management Shell connects with Kerberos.`,
      { evidence },
    );
  }
  const remedy = isFromGroupPolicy(source)
    ? 'Group Policy sets TrustedHosts on this server (Windows Remote Management > WinRM Client > Trusted Hosts): take "*" out of that policy for the Exchange servers.'
    : `On ${facts.fqdn}: Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value '' -Force (or the hosts this server itself connects to, without "*"). The integration needs TrustedHosts on the sync servers, which open the sessions, not on the Exchange servers.`;
  return checkResult(
    id,
    'warn',
    `${facts.fqdn} has "*" in its own TrustedHosts: with "*" the Exchange Management Shell on this server negotiates instead of using Kerberos, and Exchange's PowerShell endpoint, which needs Kerberos, refuses it, so EMS fails to connect (microsoft/CSS-Exchange issue 2412).`,
    { evidence, remedy },
  );
}
