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

/** Get-NetFirewallRule joined with its port filter and address filter. */
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
});
export type FirewallRuleFacts = z.infer<typeof FirewallRuleFacts>;
