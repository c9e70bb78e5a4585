import type {
  FirewallDefaultAction,
  FirewallInterfaceTypes,
  FirewallProfile,
  FirewallRuleFacts,
  FirewallRuleOrigin,
} from '../../shared/facts/firewall-facts';

// The NetSecurity numbers Windows PowerShell prints for a lab rule or profile (both labs print them the same way).

export const directionNumber = { Inbound: 1, Outbound: 2 };
export const actionNumber = { NotConfigured: 0, Allow: 2, AllowBypass: 3, Block: 4 };
const profileBit: Record<FirewallProfile, number> = { Any: 0, Domain: 1, Private: 2, Public: 4 };
// PolicyStoreSourceType, as FW_RULE_ORIGIN_TYPE in [MS-FASP] 2.2.32.
const originNumber: Record<FirewallRuleOrigin, number> = {
  None: 0,
  Local: 1,
  GroupPolicy: 2,
  Dynamic: 3,
  Generated: 4,
  Hardcoded: 5,
  MDM: 6,
};
const interfaceTypeBit: Record<FirewallInterfaceTypes[number], number> = {
  Any: 0,
  Wired: 1,
  Wireless: 2,
  RemoteAccess: 4,
};
// GpoBoolean: False 0, True 1, NotConfigured 2; DefaultInboundAction: NotConfigured 0, Allow 2, Block 4.
export const gpoBooleanNumber = (value: boolean | null) => (value === null ? 2 : value ? 1 : 0);
export const defaultActionNumber: Record<FirewallDefaultAction, number> = {
  NotConfigured: 0,
  Allow: 2,
  Block: 4,
};

export const profileMask = (profiles: readonly FirewallProfile[]) =>
  profiles.reduce((mask, profile) => mask | profileBit[profile], 0);

/** A lab rule with every filter filled in as the ActiveStore reports it (a lab rule without an origin is local). */
export function labRuleFilters(rule: FirewallRuleFacts) {
  const origin = rule.policyStoreSourceType ?? 'Local';
  return {
    origin: originNumber[origin],
    // The ActiveStore names a local rule's store PersistentStore and a GPO rule's the merged Group Policy store RSOP.
    store: rule.policyStoreSource ?? (origin === 'GroupPolicy' ? 'RSOP' : 'PersistentStore'),
    program: rule.program ?? 'Any',
    package: rule.package ?? null,
    service: rule.service ?? 'Any',
    interfaceAliases: rule.interfaceAliases ?? ['Any'],
    interfaceTypes: (rule.interfaceTypes ?? ['Any']).reduce((mask, type) => mask | interfaceTypeBit[type], 0),
  };
}
