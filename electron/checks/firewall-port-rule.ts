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

const isAny = (value: string | null | undefined) =>
  value === null || value === undefined || /^(any|\*|)$/i.test(value.trim());

/**
 * Why a rule cannot touch WinRM's traffic, or null: WinRM over HTTPS is received by HTTP.sys in the System process,
 * so a rule limited to another program, a package or a service never matches it.
 */
function notForWinrm(rule: FirewallRuleFacts): string | null {
  if (!isAny(rule.program) && !/^system$/i.test((rule.program ?? '').trim()))
    return `limited to the program ${rule.program ?? ''}`;
  if (!isAny(rule.package)) return `limited to the package ${rule.package ?? ''}`;
  if (!isAny(rule.service)) return `limited to the service ${rule.service ?? ''}`;
  return null;
}

/** The interfaces a rule is limited to, or null when it applies on every interface. */
function interfaceLimit(rule: FirewallRuleFacts): string | null {
  const aliases = (rule.interfaceAliases ?? []).filter((alias) => !isAny(alias));
  const types = (rule.interfaceTypes ?? []).filter((type) => type !== 'Any');
  const limits = [
    ...(aliases.length > 0 ? [`interfaces ${aliases.join(', ')}`] : []),
    ...(types.length > 0 ? [`interface types ${types.join(', ')}`] : []),
  ];
  return limits.length === 0 ? null : limits.join(' and ');
}

function appliesToDomainProfile(rule: FirewallRuleFacts): boolean {
  return (
    rule.profiles.length === 0 || rule.profiles.some((profile) => profile === 'Any' || profile === 'Domain')
  );
}

const fromGroupPolicy = (rule: FirewallRuleFacts) => rule.policyStoreSourceType === 'GroupPolicy';

function ruleEvidence(rule: FirewallRuleFacts) {
  return {
    name: rule.name,
    displayName: rule.displayName,
    action: rule.action,
    protocol: rule.protocol,
    localPorts: rule.localPorts,
    remoteAddresses: rule.remoteAddresses,
    profiles: rule.profiles,
    ...(rule.policyStoreSourceType === undefined ? {} : { source: rule.policyStoreSourceType }),
    ...(fromGroupPolicy(rule) ? { groupPolicyStore: rule.policyStoreSource ?? null } : {}),
    ...(rule.program === undefined ? {} : { program: rule.program }),
    ...(rule.service === undefined ? {} : { service: rule.service }),
    ...(interfaceLimit(rule) === null ? {} : { interfaces: interfaceLimit(rule) }),
  };
}

const label = (rule: FirewallRuleFacts) =>
  `${rule.displayName ?? rule.name}${fromGroupPolicy(rule) ? ' (from Group Policy)' : ''}`;

/** firewall.5986: Windows Firewall on the server must let TCP 5986 in (or be off); a matching block rule wins over any allow. */
export function evaluateFirewall5986(facts: CollectedServerFacts, context: EvaluationContext): CheckResult {
  const part = facts.firewallRules;
  if (part.status === 'not-collected')
    return notCollectedResult(id, 'the Windows Firewall rules', part.error);
  const covering = part.value.filter(
    (rule) =>
      rule.enabled &&
      rule.direction === 'Inbound' &&
      isTcp(rule.protocol) &&
      portsInclude(rule.localPorts, winrmHttpsPort),
  );
  const otherTraffic = covering.filter((rule) => notForWinrm(rule) !== null);
  const matching = covering.filter((rule) => notForWinrm(rule) === null);
  const allBlocks = matching.filter((rule) => rule.action === 'Block');
  const blocks = allBlocks.filter((rule) => interfaceLimit(rule) === null);
  const interfaceBlocks = allBlocks.filter((rule) => interfaceLimit(rule) !== null);
  const allows = matching.filter((rule) => rule.action === 'Allow' || rule.action === 'AllowBypass');
  // Profile states are absent in facts saved before ExReady read them: the rules alone decide then.
  const profiles = facts.firewallProfiles?.status === 'collected' ? facts.firewallProfiles.value : null;
  const domainProfile = profiles?.find((profile) => profile.name === 'Domain');
  const evidence = {
    allowRules: allows.map(ruleEvidence),
    blockRules: allBlocks.map(ruleEvidence),
    ...(otherTraffic.length === 0 ? {} : { notForWinrm: otherTraffic.map(ruleEvidence) }),
    ...(profiles === null ? {} : { profiles }),
  };
  if (domainProfile?.enabled === false) {
    return checkResult(
      id,
      'pass',
      `The Windows Firewall is off on the Domain profile, so TCP ${winrmHttpsPort} is not filtered; turning it on needs a rule that allows ${winrmHttpsPort}.`,
      { evidence },
    );
  }
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
  if (interfaceBlocks.length > 0) {
    return checkResult(
      id,
      'warn',
      `Inbound TCP ${winrmHttpsPort} is blocked by ${interfaceBlocks.map(label).join(', ')} on ${interfaceBlocks.map((rule) => interfaceLimit(rule) ?? '').join('; ')}: a sync server reaching the server there is refused.`,
      {
        evidence,
        remedy:
          'Disable the block rule or take TCP 5986 out of its ports (Set-NetFirewallRule / Group Policy if it comes from a GPO).',
      },
    );
  }
  if (domainProfile?.defaultInboundAction === 'Allow') {
    return checkResult(
      id,
      'pass',
      `The Domain profile allows inbound connections by default and no rule blocks TCP ${winrmHttpsPort}.`,
      { evidence },
    );
  }
  if (allows.length === 0) {
    const ignored =
      otherTraffic.length === 0
        ? ''
        : ` (${otherTraffic.map((rule) => `${label(rule)} is ${notForWinrm(rule) ?? ''}`).join('; ')}, which WinRM's traffic never matches: it is received by the System process)`;
    return checkResult(id, 'fail', `No enabled inbound rule allows TCP ${winrmHttpsPort}${ignored}.`, {
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
  const everywhere = domainRules.filter((rule) => interfaceLimit(rule) === null);
  if (everywhere.length === 0) {
    return checkResult(
      id,
      'warn',
      `TCP ${winrmHttpsPort} is allowed only on ${domainRules.map((rule) => `${interfaceLimit(rule) ?? ''} (${label(rule)})`).join('; ')}: a sync server reaching the server over another interface is dropped.`,
      {
        evidence,
        remedy:
          'Remove the interface limit: Set-NetFirewallRule -Name <rule> -InterfaceAlias Any -InterfaceType Any',
      },
    );
  }
  const open = everywhere.find((rule) => isAnyAddress(rule.remoteAddresses));
  if (open !== undefined) {
    return checkResult(
      id,
      'pass',
      `${label(open)} allows TCP ${winrmHttpsPort} from any remote address; limiting it to the sync servers and the jump host would narrow exposure.`,
      { evidence },
    );
  }
  const scope = [...new Set(everywhere.flatMap((rule) => rule.remoteAddresses))].join(', ');
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
