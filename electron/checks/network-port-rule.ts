import type { CheckResult, CheckStatus } from '../../shared/checks/check-result';
import { worstStatus } from '../../shared/checks/check-result';
import type { TcpOutcome } from '../../shared/facts/reachability-facts';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult } from './check-result-builder';
import type { EvaluationContext } from './evaluation-context';
import { canonicalHostName } from './host-name-match';
import { winrmHttpsPort } from './https-listener-rule';

const id = 'network.5986';
const winrmHttpPort = 5985;

export interface SyncServerOutcome {
  syncServer: string;
  result: TcpOutcome | 'not-tested';
  detail: string | null;
}

function probeFrom(
  facts: CollectedServerFacts,
  from: string,
  origin: 'sync-server' | 'jump-host',
  port: number,
) {
  const reach = facts.reachability.find(
    (item) => item.origin === origin && canonicalHostName(item.from) === canonicalHostName(from),
  );
  if (reach === undefined) return { result: 'not-tested' as const, detail: `no test was run from ${from}` };
  if (reach.probes.status === 'not-collected')
    return { result: 'not-tested' as const, detail: reach.probes.error };
  const probe = reach.probes.value.find((item) => item.port === port);
  if (probe === undefined)
    return { result: 'not-tested' as const, detail: `port ${port} was not tested from ${from}` };
  return { result: probe.outcome, detail: probe.message };
}

/** What each sync server of the inventory saw when it opened TCP 5986 to this server. */
export function syncServerOutcomes(
  facts: CollectedServerFacts,
  context: EvaluationContext,
): SyncServerOutcome[] {
  return context.syncServers.map((sync) => ({
    syncServer: sync.fqdn,
    ...probeFrom(facts, sync.fqdn, 'sync-server', winrmHttpsPort),
  }));
}

const outcomeText: Record<TcpOutcome | 'not-tested', string> = {
  reachable: 'reachable',
  refused: 'connection refused',
  'timed-out': 'timed out',
  'dns-failure': 'name does not resolve',
  'not-tested': 'not tested',
};

const statusOf = (result: SyncServerOutcome['result']): CheckStatus =>
  result === 'reachable' ? 'pass' : result === 'not-tested' ? 'unknown' : 'fail';

function remedyFor(failures: readonly SyncServerOutcome[], httpAnswers: boolean): string {
  const kinds = new Set(failures.map((item) => item.result));
  const parts: string[] = [];
  if (kinds.has('refused')) {
    parts.push(
      httpAnswers
        ? 'The server answers on 5985 but refuses 5986: WinRM runs, only the HTTPS listener is missing (see winrm.listener.https).'
        : 'The server refuses 5986: create the WinRM HTTPS listener and check the WinRM service.',
    );
  }
  if (kinds.has('timed-out')) {
    parts.push(
      'Something between the sync server and this server drops TCP 5986: open it in the network firewalls and in Windows Firewall (see firewall.5986).',
    );
  }
  if (kinds.has('dns-failure'))
    parts.push(
      "The sync server cannot resolve this server's name: fix its DNS record or the sync server's DNS settings.",
    );
  return parts.join(' ');
}

/** network.5986: decided per sync server, reported on the Exchange server they target. */
export function evaluateNetwork5986(facts: CollectedServerFacts, context: EvaluationContext): CheckResult {
  const jumpHost = facts.reachability.find((item) => item.origin === 'jump-host');
  const fromJumpHost =
    jumpHost === undefined
      ? null
      : {
          [winrmHttpsPort]: probeFrom(facts, jumpHost.from, 'jump-host', winrmHttpsPort).result,
          [winrmHttpPort]: probeFrom(facts, jumpHost.from, 'jump-host', winrmHttpPort).result,
        };
  const outcomes = syncServerOutcomes(facts, context);
  const evidence = {
    bySyncServer: Object.fromEntries(
      outcomes.map((item) => [
        item.syncServer,
        item.detail === null ? item.result : `${item.result}: ${item.detail}`,
      ]),
    ),
    fromJumpHost,
  };
  if (outcomes.length === 0) {
    return checkResult(
      id,
      'unknown',
      'No sync server is in the inventory, so nothing tested TCP 5986 from one.',
      {
        evidence,
        remedy: 'Add the sync servers to the inventory and collect again.',
      },
    );
  }
  const status = worstStatus(outcomes.map((item) => statusOf(item.result)));
  const names = outcomes.map((item) => item.syncServer).join(', ');
  if (status === 'pass') {
    return checkResult(id, 'pass', `TCP ${winrmHttpsPort} is reachable from every sync server (${names}).`, {
      evidence,
    });
  }
  const failures = outcomes.filter((item) => statusOf(item.result) === 'fail');
  const untested = outcomes.filter((item) => item.result === 'not-tested');
  const described = [...failures, ...untested]
    .map(
      (item) =>
        `${item.syncServer} (${outcomeText[item.result]}${item.result === 'not-tested' && item.detail !== null ? `: ${item.detail}` : ''})`,
    )
    .join(', ');
  if (failures.length === 0) {
    return checkResult(id, 'unknown', `TCP ${winrmHttpsPort} was not tested from ${described}.`, {
      evidence,
      remedy:
        'Make sure ExReady can run its test on every sync server (WinRM from the jump host to the sync server), then collect again.',
    });
  }
  const httpAnswers = failures.some(
    (item) => probeFrom(facts, item.syncServer, 'sync-server', winrmHttpPort).result === 'reachable',
  );
  return checkResult(id, 'fail', `TCP ${winrmHttpsPort} is not reachable from ${described}.`, {
    evidence,
    remedy: remedyFor(failures, httpAnswers),
  });
}
