import { z } from 'zod';

export const FirewallDirection = z.enum(['Inbound', 'Outbound']);
export type FirewallDirection = z.infer<typeof FirewallDirection>;

export const FirewallAction = z.enum(['NotConfigured', 'Allow', 'AllowBypass', 'Block']);
export type FirewallAction = z.infer<typeof FirewallAction>;

export const FirewallProfile = z.enum(['Any', 'Domain', 'Private', 'Public']);
export type FirewallProfile = z.infer<typeof FirewallProfile>;

/** Its own schema so the PS 5.1 normaliser can map NetSecurity.Enabled (1 True, 2 False) to a boolean. */
export const FirewallRuleEnabled = z.boolean();

/** Its own schema so the normaliser can decode the NetSecurity profile bit mask into names. */
export const FirewallProfiles = z.array(FirewallProfile);

/** Where a rule comes from (PolicyStoreSourceType, as FW_RULE_ORIGIN_TYPE in [MS-FASP] 2.2.32). */
export const FirewallRuleOrigin = z.enum([
  'None',
  'Local',
  'GroupPolicy',
  'Dynamic',
  'Generated',
  'Hardcoded',
  'MDM',
]);
export type FirewallRuleOrigin = z.infer<typeof FirewallRuleOrigin>;

/** Its own schema so the normaliser can decode the NetSecurity InterfaceType bit mask (0 Any) into names. */
export const FirewallInterfaceTypes = z.array(z.enum(['Any', 'Wired', 'Wireless', 'RemoteAccess']));
export type FirewallInterfaceTypes = z.infer<typeof FirewallInterfaceTypes>;

/** Get-NetFirewallRule -PolicyStore ActiveStore joined with its port, address, application, service and interface filters. */
export const FirewallRuleFacts = z.object({
  name: z.string().min(1),
  displayName: z.string().nullable(),
  enabled: FirewallRuleEnabled,
  direction: FirewallDirection,
  action: FirewallAction,
  /** "TCP", "UDP", "Any" or a protocol number as text. */
  protocol: z.string(),
  /** e.g. ["5986"], ["5985-5986"], ["Any"]. */
  localPorts: z.array(z.string()),
  /** e.g. ["Any"], ["LocalSubnet"], ["10.1.0.0/16"]. */
  remoteAddresses: z.array(z.string()),
  profiles: FirewallProfiles,
  // The fields below are optional so facts saved before ExReady read them stay valid.
  /** GroupPolicy for a rule a GPO delivers; policyStoreSource then names the GPO store. */
  policyStoreSourceType: FirewallRuleOrigin.optional(),
  policyStoreSource: z.string().nullable().optional(),
  /** Application filter: "Any", "System" or a program path; package an AppContainer SID or null. */
  program: z.string().nullable().optional(),
  package: z.string().nullable().optional(),
  /** Service filter: "Any" or a service short name. */
  service: z.string().nullable().optional(),
  /** Interface filter: ["Any"] or the interface aliases the rule is limited to. */
  interfaceAliases: z.array(z.string()).optional(),
  /** Interface type filter: ["Any"] or the types the rule is limited to. */
  interfaceTypes: FirewallInterfaceTypes.optional(),
});
export type FirewallRuleFacts = z.infer<typeof FirewallRuleFacts>;

/** Its own schema so the normaliser can map GpoBoolean (False 0, True 1, NotConfigured 2 as null) to a boolean. */
export const FirewallProfileEnabled = z.boolean().nullable();

export const FirewallDefaultAction = z.enum(['NotConfigured', 'Allow', 'Block']);
export type FirewallDefaultAction = z.infer<typeof FirewallDefaultAction>;

/** Get-NetFirewallProfile -PolicyStore ActiveStore: one profile's effective state. */
export const FirewallProfileStateFacts = z.object({
  name: z.enum(['Domain', 'Private', 'Public']),
  enabled: FirewallProfileEnabled,
  defaultInboundAction: FirewallDefaultAction,
});
export type FirewallProfileStateFacts = z.infer<typeof FirewallProfileStateFacts>;
