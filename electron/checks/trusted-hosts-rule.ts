import type { CheckResult, CheckStatus, EvidenceValue } from '../../shared/checks/check-result';
import { worstStatus } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { isFromGroupPolicy } from '../../shared/facts/collected';
import type { CollectedServerFacts, SyncServerFacts } from '../../shared/facts/server-facts';
import { checkResult } from './check-result-builder';
import type { EvaluationContext } from './evaluation-context';
import { canonicalHostName } from './host-name-match';

const id = 'winrm.trustedhosts';

/** The entries of a TrustedHosts value ("a.contoso.com, *.fabrikam.com"). */
export function trustedHostEntries(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** WinRM TrustedHosts entries are host names, IP addresses or patterns where * stands for any characters. */
export function trustedHostEntryCovers(entry: string, fqdn: string): boolean {
  const pattern = canonicalHostName(entry);
  if (pattern === '*') return true;
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(canonicalHostName(fqdn));
}

interface Verdict {
  syncServer: string;
  status: CheckStatus;
  text: string;
  fromPolicy: boolean;
}

function judge(sync: SyncServerFacts, fqdn: string): Verdict {
  if (sync.trustedHosts.status === 'not-collected') {
    return {
      syncServer: sync.fqdn,
      status: 'unknown',
      text: `not read (${sync.trustedHosts.error})`,
      fromPolicy: false,
    };
  }
  const { value, source } = sync.trustedHosts.value;
  const fromPolicy = isFromGroupPolicy(source);
  const entries = trustedHostEntries(value);
  if (entries.includes('*')) {
    return { syncServer: sync.fqdn, status: 'warn', text: 'trusts every host ("*")', fromPolicy };
  }
  const covering = entries.filter((entry) => trustedHostEntryCovers(entry, fqdn));
  if (covering.length > 0)
    return { syncServer: sync.fqdn, status: 'pass', text: `covered by ${covering.join(', ')}`, fromPolicy };
  const shown = value.trim() === '' ? 'is empty' : `lists only ${entries.join(', ')}`;
  return { syncServer: sync.fqdn, status: 'fail', text: `TrustedHosts ${shown}`, fromPolicy };
}

/** winrm.trustedhosts: decided on each sync server, reported on the Exchange server it must trust. */
export function evaluateTrustedHosts(facts: CollectedServerFacts, context: EvaluationContext): CheckResult {
  const verdicts = context.syncServers.map((sync) => judge(sync, facts.fqdn));
  const evidence = {
    bySyncServer: Object.fromEntries(
      context.syncServers.map((sync): [string, EvidenceValue] => [
        sync.fqdn,
        sync.trustedHosts.status === 'collected'
          ? { value: sync.trustedHosts.value.value, source: sync.trustedHosts.value.source }
          : { error: sync.trustedHosts.error },
      ]),
    ),
  };
  if (verdicts.length === 0) {
    return checkResult(
      id,
      'unknown',
      'No sync server is in the inventory, so no TrustedHosts list was read.',
      {
        evidence,
        remedy: 'Add the sync servers to the inventory and collect again.',
      },
    );
  }
  const status = worstStatus(verdicts.map((verdict) => verdict.status));
  const summary = verdicts.map((verdict) => `${verdict.syncServer}: ${verdict.text}`).join('; ');
  if (status === 'pass')
    return checkResult(id, 'pass', `${facts.fqdn} is trusted by every sync server (${summary}).`, {
      evidence,
    });
  const failing = verdicts.filter((verdict) => verdict.status === 'fail');
  const byPolicy = failing.filter((verdict) => verdict.fromPolicy).map((verdict) => verdict.syncServer);
  if (status === 'fail') {
    const policy =
      byPolicy.length > 0
        ? ` On ${byPolicy.join(', ')} Group Policy sets TrustedHosts ("Trusted Hosts" under WinRM Client): add the server there.`
        : '';
    return checkResult(id, 'fail', `Not every sync server trusts ${facts.fqdn}: ${summary}.`, {
      evidence,
      remedy: `On each sync server listed: Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value '${facts.fqdn}' -Concatenate -Force.${policy}`,
      ...(byPolicy.length === failing.length ? {} : { fixId: remotingFixIds.trustedHostsAddServer }),
    });
  }
  if (status === 'warn') {
    return checkResult(
      id,
      'warn',
      `${summary}: the sync server may send credentials to any host without authenticating it.`,
      {
        evidence,
        remedy: `Replace "*" with the Exchange server names (or *.${facts.fqdn.split('.').slice(1).join('.')}): Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value '<servers>' -Force`,
      },
    );
  }
  return checkResult(id, 'unknown', `TrustedHosts could not be read on every sync server: ${summary}.`, {
    evidence,
    remedy: 'Make sure ExReady can reach every sync server, then collect again.',
  });
}
