import { describe, expect, it } from 'vitest';
import { evaluateFirewall5986, portsInclude } from '../../../electron/checks/firewall-port-rule';
import type { FirewallProfileStateFacts, FirewallRuleFacts } from '../../../shared/facts/firewall-facts';
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

function evaluate(
  rules: Partial<FirewallRuleFacts>[],
  reachability?: ReachabilityFacts[],
  profiles?: FirewallProfileStateFacts[],
) {
  const facts = readyServerFacts({
    firewallRules: collectedValue(rules.map((rule) => ({ ...allow5986, ...rule }))),
    ...(reachability === undefined ? {} : { reachability }),
    ...(profiles === undefined ? {} : { firewallProfiles: collectedValue(profiles) }),
  });
  return evaluateFirewall5986(facts, testContext());
}

function domainProfile(change: Partial<FirewallProfileStateFacts>): FirewallProfileStateFacts[] {
  return [
    { name: 'Domain', enabled: true, defaultInboundAction: 'Block', ...change },
    { name: 'Public', enabled: true, defaultInboundAction: 'Block' },
  ];
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

  it('passes an any-port allow rule, Allow as well as Block rules without a port count', () => {
    const result = evaluate([{ name: 'Allow-All-Mgmt', displayName: null, localPorts: ['Any'] }]);
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('Allow-All-Mgmt allows TCP 5986');
  });

  it('names a rule delivered by Group Policy in the summary and the evidence', () => {
    const result = evaluate([{ policyStoreSourceType: 'GroupPolicy', policyStoreSource: 'RSOP' }]);
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('Windows Remote Management (HTTPS-In) (from Group Policy)');
    expect(result.evidence.allowRules).toEqual([
      expect.objectContaining({ source: 'GroupPolicy', groupPolicyStore: 'RSOP' }),
    ]);
  });

  it('does not count a rule limited to another program, a package or a service', () => {
    for (const limit of [
      { program: 'C:\\Program Files\\App\\app.exe' },
      { package: 'S-1-15-2-1' },
      { service: 'WinRM' },
    ]) {
      const result = evaluate([{ localPorts: ['Any'], ...limit }]);
      expect(result.status).toBe('fail');
      expect(result.summary).toContain('which WinRM');
      expect(result.fixId).toBe('firewall.5986.allow');
    }
  });

  it('counts a rule limited to the System program, which receives WinRM over HTTP.sys', () => {
    expect(evaluate([{ program: 'System', service: 'Any' }]).status).toBe('pass');
  });

  it('does not let a block rule for another program stop WinRM', () => {
    const result = evaluate([
      {},
      { name: 'Block-App', action: 'Block', localPorts: ['Any'], program: 'C:\\app.exe' },
    ]);
    expect(result.status).toBe('pass');
  });

  it('warns at most when the only allow rule is limited to an interface or interface type', () => {
    const byAlias = evaluate([{ interfaceAliases: ['Ethernet 2'] }]);
    expect(byAlias.status).toBe('warn');
    expect(byAlias.summary).toContain('only on interfaces Ethernet 2');
    const byType = evaluate([{ interfaceTypes: ['Wireless'] }]);
    expect(byType.status).toBe('warn');
    expect(byType.summary).toContain('interface types Wireless');
    expect(evaluate([{ interfaceAliases: ['Any'], interfaceTypes: ['Any'] }]).status).toBe('pass');
  });

  it('warns when a block rule covers 5986 on some interfaces only', () => {
    const result = evaluate([
      {},
      {
        name: 'Block-Wifi',
        displayName: null,
        action: 'Block',
        localPorts: ['Any'],
        interfaceTypes: ['Wireless'],
      },
    ]);
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('blocked by Block-Wifi on interface types Wireless');
  });

  it('passes with a note when the firewall is off on the Domain profile, whatever the rules say', () => {
    const result = evaluate([{ localPorts: ['5985'] }], undefined, domainProfile({ enabled: false }));
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('Windows Firewall is off on the Domain profile');
    expect(result.evidence.profiles).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Domain', enabled: false })]),
    );
  });

  it('passes when the Domain profile allows inbound by default and nothing blocks 5986', () => {
    const result = evaluate(
      [{ localPorts: ['5985'] }],
      undefined,
      domainProfile({ defaultInboundAction: 'Allow' }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('allows inbound connections by default');
    const blocked = evaluate(
      [{ action: 'Block' }],
      undefined,
      domainProfile({ defaultInboundAction: 'Allow' }),
    );
    expect(blocked.status).toBe('fail');
  });

  it('decides from the rules alone when the profiles are unknown or only another profile is off', () => {
    expect(evaluate([{ localPorts: ['5985'] }]).status).toBe('fail');
    const publicOff: FirewallProfileStateFacts[] = [
      { name: 'Domain', enabled: true, defaultInboundAction: 'Block' },
      { name: 'Public', enabled: false, defaultInboundAction: 'Block' },
    ];
    expect(evaluate([{ localPorts: ['5985'] }], undefined, publicOff).status).toBe('fail');
    expect(evaluate([{ localPorts: ['5985'] }], undefined, domainProfile({ enabled: null })).status).toBe(
      'fail',
    );
  });
});
