import { describe, expect, it } from 'vitest';
import { evaluateNetwork5986 } from '../../../electron/checks/network-port-rule';
import type { ReachabilityFacts, TcpOutcome } from '../../../shared/facts/reachability-facts';
import {
  collectedValue,
  notCollected,
  readyServerFacts,
  syncServer,
  testContext,
} from '../../helpers/remoting-facts';

function fromSync(
  from: string,
  https: TcpOutcome,
  http: TcpOutcome = 'reachable',
  message: string | null = null,
): ReachabilityFacts {
  return {
    from,
    origin: 'sync-server',
    probes: collectedValue([
      { port: 5986, outcome: https, message },
      { port: 5985, outcome: http, message: null },
    ]),
  };
}

const twoSyncServers = testContext({
  syncServers: [
    syncServer('sync01.contoso.com', '*.contoso.com'),
    syncServer('sync02.contoso.com', '*.contoso.com'),
  ],
});

function evaluate(reachability: ReachabilityFacts[], context = twoSyncServers) {
  return evaluateNetwork5986(readyServerFacts({ reachability }), context);
}

describe('network.5986', () => {
  it('passes when every sync server opened 5986, and names each in the evidence', () => {
    const result = evaluate([
      fromSync('SYNC01.contoso.com', 'reachable'),
      fromSync('sync02.contoso.com', 'reachable'),
    ]);
    expect(result.status).toBe('pass');
    expect(result.evidence.bySyncServer).toEqual({
      'sync01.contoso.com': 'reachable',
      'sync02.contoso.com': 'reachable',
    });
  });

  it('fails when one sync server is refused, and says WinRM runs when 5985 answers', () => {
    const result = evaluate([
      fromSync('sync01.contoso.com', 'reachable'),
      fromSync(
        'sync02.contoso.com',
        'refused',
        'reachable',
        'No connection could be made because the target machine actively refused it',
      ),
    ]);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('TCP 5986 is not reachable from sync02.contoso.com (connection refused).');
    expect(result.remedy).toContain('only the HTTPS listener is missing');
    expect(result.evidence.bySyncServer).toMatchObject({
      'sync02.contoso.com':
        'refused: No connection could be made because the target machine actively refused it',
    });
  });

  it('points at firewalls on a timeout and at DNS on a name failure', () => {
    expect(
      evaluate([fromSync('sync01.contoso.com', 'timed-out'), fromSync('sync02.contoso.com', 'reachable')])
        .remedy,
    ).toContain('drops TCP 5986');
    expect(
      evaluate([fromSync('sync01.contoso.com', 'dns-failure'), fromSync('sync02.contoso.com', 'reachable')])
        .remedy,
    ).toContain('cannot resolve');
  });

  it('is unknown when a sync server could not run its test, or none did', () => {
    const result = evaluate([
      fromSync('sync01.contoso.com', 'reachable'),
      {
        from: 'sync02.contoso.com',
        origin: 'sync-server',
        probes: notCollected('WinRM cannot complete the operation.'),
      },
    ]);
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain('sync02.contoso.com (not tested: WinRM cannot complete the operation.)');
    expect(evaluate([fromSync('sync01.contoso.com', 'reachable')]).status).toBe('unknown');
  });

  it('is unknown without sync servers in the inventory, but still shows what the jump host saw', () => {
    const jump: ReachabilityFacts = {
      from: 'jump01.contoso.com',
      origin: 'jump-host',
      probes: collectedValue([
        { port: 5986, outcome: 'refused', message: null },
        { port: 5985, outcome: 'reachable', message: null },
      ]),
    };
    const result = evaluate([jump], testContext({ syncServers: [] }));
    expect(result.status).toBe('unknown');
    expect(result.evidence.fromJumpHost).toEqual({ 5986: 'refused', 5985: 'reachable' });
  });
});
