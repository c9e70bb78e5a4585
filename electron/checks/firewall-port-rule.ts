import type { CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { FirewallRuleFacts } from '../../shared/facts/firewall-facts';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import type { EvaluationContext } from './evaluation-context';
import { winrmHttpsPort } from './https-listener-rule';
import { syncServerOutcomes } from './network-port-rule';

const id = 'firewall.5986';

/** Whether a rule's LocalPort values ("5986", "5985-5986", "Any") include a port. */
export function portsInclude(localPorts: readonly string[], port: number): boolean {
  return localPorts.some((entry) => {
    const value = entry.trim();
    if (/^(any|\*)$/i.test(value)) return true;
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(value);
    if (range !== null) return Number(range[1]) <= port && port <= Number(range[2]);
    return /^\d+$/.test(value) && Number(value) === port;
  });
}

function isTcp(protocol: string): boolean {
  return /^(tcp|6|any)$/i.test(protocol.trim());
}

function isAnyAddress(addresses: readonly string[]): boolean {
  return addresses.length === 0 || addresses.some((address) => /^(any|\*)$/i.test(address.trim()));
}

function appliesToDomainProfile(rule: FirewallRuleFacts): boolean {
  return (
    rule.profiles.length === 0 || rule.profiles.some((profile) => profile === 'Any' || profile === 'Domain')
  );
}

function ruleEvidence(rule: FirewallRuleFacts) {
  return {
    name: rule.name,
    displayName: rule.displayName,
    action: rule.action,
    protocol: rule.protocol,
    localPorts: rule.localPorts,
    remoteAddresses: rule.remoteAddresses,
    profiles: rule.profiles,
  };
}

const label = (rule: FirewallRuleFacts) => rule.displayName ?? rule.name;

/** firewall.5986: Windows Firewall on the server must let TCP 5986 in; a matching block rule wins over any allow. */
export function evaluateFirewall5986(facts: CollectedServerFacts, context: EvaluationContext): CheckResult {
  const part = facts.firewallRules;
  if (part.status === 'not-collected')
    return notCollectedResult(id, 'the Windows Firewall rules', part.error);
  const matching = part.value.filter(
    (rule) =>
      rule.enabled &&
      rule.direction === 'Inbound' &&
      isTcp(rule.protocol) &&
      portsInclude(rule.localPorts, winrmHttpsPort),
  );
  const blocks = matching.filter((rule) => rule.action === 'Block');
  const allows = matching.filter((rule) => rule.action === 'Allow' || rule.action === 'AllowBypass');
  const evidence = { allowRules: allows.map(ruleEvidence), blockRules: blocks.map(ruleEvidence) };
  if (blocks.length > 0) {
    return checkResult(
      id,
      'fail',
      `Inbound TCP ${winrmHttpsPort} is blocked by ${blocks.map(label).join(', ')}: a block rule wins over allow rules.`,
      {
        evidence,
        remedy:
          'Disable the block rule or take TCP 5986 out of its ports (Set-NetFirewallRule / Group Policy if it comes from a GPO).',
      },
    );
  }
  if (allows.length === 0) {
    return checkResult(id, 'fail', `No enabled inbound rule allows TCP ${winrmHttpsPort}.`, {
      evidence,
      remedy:
        'New-NetFirewallRule -Name "WINRM-HTTPS-In-TCP" -DisplayName "Windows Remote Management (HTTPS-In)" -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Profile Domain -RemoteAddress <sync server addresses>',
      fixId: remotingFixIds.firewallAllow5986,
    });
  }
  const domainRules = allows.filter(appliesToDomainProfile);
  if (domainRules.length === 0) {
    const profiles = [...new Set(allows.flatMap((rule) => rule.profiles))].join(', ');
    return checkResult(
      id,
      'warn',
      `TCP ${winrmHttpsPort} is allowed only on the ${profiles} profile, not on Domain networks.`,
      {
        evidence,
        remedy: 'Add the Domain profile to the rule: Set-NetFirewallRule -Name <rule> -Profile Domain',
      },
    );
  }
  const open = domainRules.find((rule) => isAnyAddress(rule.remoteAddresses));
  if (open !== undefined) {
    return checkResult(
      id,
      'pass',
      `${label(open)} allows TCP ${winrmHttpsPort} from any remote address; limiting it to the sync servers and the jump host would narrow exposure.`,
      { evidence },
    );
  }
  const scope = [...new Set(domainRules.flatMap((rule) => rule.remoteAddresses))].join(', ');
  const outcomes = syncServerOutcomes(facts, context);
  const allReached = outcomes.length > 0 && outcomes.every((outcome) => outcome.result === 'reachable');
  if (allReached) {
    return checkResult(
      id,
      'pass',
      `TCP ${winrmHttpsPort} is allowed from ${scope}, and every sync server reached it.`,
      {
        evidence,
      },
    );
  }
  return checkResult(
    id,
    'warn',
    `TCP ${winrmHttpsPort} is allowed only from ${scope}: make sure every sync server's address is inside that scope.`,
    {
      evidence,
      remedy:
        "Add the sync servers' addresses to the rule: Set-NetFirewallAddressFilter -RemoteAddress <addresses>",
    },
  );
}
