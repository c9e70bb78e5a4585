import { describe, expect, it } from 'vitest';
import { evaluateFirewall5986, portsInclude } from '../../../electron/checks/firewall-port-rule';
import type { FirewallRuleFacts } from '../../../shared/facts/firewall-facts';
import type { ReachabilityFacts } from '../../../shared/facts/reachability-facts';
import {
  collectedValue,
  notCollected,
  readyServerFacts,
  syncServer,
  testContext,
} from '../../helpers/remoting-facts';

const allow5986: FirewallRuleFacts = {
  name: 'WINRM-HTTPS-In-TCP',
  displayName: 'Windows Remote Management (HTTPS-In)',
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  protocol: 'TCP',
  localPorts: ['5986'],
  remoteAddresses: ['Any'],
  profiles: ['Domain'],
};

function evaluate(rules: Partial<FirewallRuleFacts>[], reachability?: ReachabilityFacts[]) {
  const facts = readyServerFacts({
    firewallRules: collectedValue(rules.map((rule) => ({ ...allow5986, ...rule }))),
    ...(reachability === undefined ? {} : { reachability }),
  });
  return evaluateFirewall5986(facts, testContext());
}

describe('firewall.5986', () => {
  it('passes an enabled inbound allow rule for 5986 and notes its open scope', () => {
    const result = evaluate([{}]);
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('from any remote address');
  });

  it('passes a scoped rule when every sync server reached 5986', () => {
    const result = evaluate([{ remoteAddresses: ['10.20.0.11', '10.20.0.12'] }]);
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('allowed from 10.20.0.11, 10.20.0.12, and every sync server reached it');
  });

  it('warns on a scoped rule when a sync server did not reach 5986', () => {
    const refused: ReachabilityFacts[] = [
      {
        from: 'sync01.contoso.com',
        origin: 'sync-server',
        probes: collectedValue([{ port: 5986, outcome: 'timed-out', message: null }]),
      },
    ];
    const result = evaluate([{ remoteAddresses: ['LocalSubnet'] }], refused);
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('only from LocalSubnet');
  });

  it('warns when the allow rule does not cover the Domain profile', () => {
    const result = evaluate([{ profiles: ['Public'] }]);
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('only on the Public profile');
  });

  it('fails without an enabled inbound TCP rule for 5986', () => {
    for (const rule of [
      { enabled: false },
      { localPorts: ['5985'] },
      { direction: 'Outbound' as const },
      { protocol: 'UDP' },
    ]) {
      const result = evaluate([rule]);
      expect(result.status).toBe('fail');
      expect(result.fixId).toBe('firewall.5986.allow');
    }
  });

  it('fails when a block rule covers 5986, whatever allows it', () => {
    const result = evaluate([
      {},
      { name: 'Block-Mgmt', displayName: null, action: 'Block', localPorts: ['5985-5986'] },
    ]);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('blocked by Block-Mgmt');
    expect(result.fixId).toBeUndefined();
  });

  it('reads port ranges, Any and protocol numbers', () => {
    expect(portsInclude(['5985-5986'], 5986)).toBe(true);
    expect(portsInclude(['5987-6000'], 5986)).toBe(false);
    expect(portsInclude(['Any'], 5986)).toBe(true);
    expect(evaluate([{ protocol: '6', localPorts: ['Any'] }]).status).toBe('pass');
  });

  it('is unknown when the rules could not be read', () => {
    const facts = readyServerFacts({
      firewallRules: notCollected('The Get-NetFirewallRule cmdlet is not available.'),
    });
    expect(
      evaluateFirewall5986(facts, testContext({ syncServers: [syncServer('sync01.contoso.com', '*')] }))
        .status,
    ).toBe('unknown');
  });
});
