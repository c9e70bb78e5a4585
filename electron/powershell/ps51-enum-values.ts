import type { z } from 'zod';
import {
  FirewallAction,
  FirewallDefaultAction,
  FirewallDirection,
  FirewallInterfaceTypes,
  FirewallProfileEnabled,
  FirewallProfiles,
  FirewallRuleEnabled,
  FirewallRuleOrigin,
  type FirewallProfile,
} from '../../shared/facts/firewall-facts';
import { ServiceStartType, ServiceStatus } from '../../shared/facts/winrm-facts';

// Windows PowerShell 5.1 ConvertTo-Json writes enums as their numbers; these tables name them back.
// Each table is keyed by the very schema object it applies to, so a number is only ever read where that enum is expected.

// https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontrollerstatus
const serviceStatus: Record<number, ServiceStatus> = {
  1: 'Stopped',
  2: 'StartPending',
  3: 'StopPending',
  4: 'Running',
  5: 'ContinuePending',
  6: 'PausePending',
  7: 'Paused',
};

// https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicestartmode
const serviceStartType: Record<number, ServiceStartType> = {
  0: 'Boot',
  1: 'System',
  2: 'Automatic',
  3: 'Manual',
  4: 'Disabled',
};

// MSFT_NetFirewallRule Direction: Inbound (1), Outbound (2) — https://learn.microsoft.com/windows/win32/fwp/wmi/wfascimprov/msft-netfirewallrule
const firewallDirection: Record<number, FirewallDirection> = { 1: 'Inbound', 2: 'Outbound' };

// MSFT_NetFirewallRule Action: Allow (2), AllowBypass (3), Block (4); NetSecurity adds NotConfigured (0) — same page.
const firewallAction: Record<number, FirewallAction> = {
  0: 'NotConfigured',
  2: 'Allow',
  3: 'AllowBypass',
  4: 'Block',
};

// MSFT_NetFirewallRule Enabled (CIM_PolicyRule): 1 enabled, 2 disabled — same page.
const firewallEnabled: Record<number, boolean> = { 1: true, 2: false };

// Profile bit mask, as FW_PROFILE_TYPE in [MS-FASP]: Domain 0x1, Private 0x2, Public 0x4; NetSecurity prints 0 as Any.
const profileBits: readonly [number, FirewallProfile][] = [
  [1, 'Domain'],
  [2, 'Private'],
  [4, 'Public'],
];

// PolicyStoreSourceType, as FW_RULE_ORIGIN_TYPE in [MS-FASP] 2.2.32: None 0, Local 1, GP 2, Dynamic 3, AutoGen 4, Hardcoded 5, MDM 6.
const firewallRuleOrigin: Record<number, FirewallRuleOrigin> = {
  0: 'None',
  1: 'Local',
  2: 'GroupPolicy',
  3: 'Dynamic',
  4: 'Generated',
  5: 'Hardcoded',
  6: 'MDM',
};

// MSFT_NetFirewallProfile Enabled is a GpoBoolean: False 0, True 1, NotConfigured 2 (null: the profile does not say).
const gpoBoolean: Record<number, boolean | null> = { 0: false, 1: true, 2: null };

// MSFT_NetFirewallProfile DefaultInboundAction: NotConfigured 0, Allow 2, Block 4.
const defaultAction: Record<number, FirewallDefaultAction> = { 0: 'NotConfigured', 2: 'Allow', 4: 'Block' };

// MSFT_NetInterfaceTypeFilter InterfaceType bit mask: Wired 1, Wireless 2, RemoteAccess 4; 0 is Any.
const interfaceTypeBits: readonly [number, FirewallInterfaceTypes[number]][] = [
  [1, 'Wired'],
  [2, 'Wireless'],
  [4, 'RemoteAccess'],
];

function decodeMask<T extends string>(bits: readonly [number, T][]): (value: unknown) => unknown {
  return (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (value === 0) return ['Any'];
      return bits.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
    }
    // Formatted output joins flag names: "Domain, Private".
    if (typeof value === 'string' && value.includes(',')) return value.split(/\s*,\s*/).filter(Boolean);
    return value;
  };
}

function lookup<T>(table: Record<number, T>): (value: unknown) => unknown {
  return (value) => (typeof value === 'number' && value in table ? table[value] : value);
}

/** Converters run on a value before the generic normalisation of its schema. */
export const ps51EnumConverters: ReadonlyMap<z.ZodType, (value: unknown) => unknown> = new Map<
  z.ZodType,
  (value: unknown) => unknown
>([
  [ServiceStatus, lookup(serviceStatus)],
  [ServiceStartType, lookup(serviceStartType)],
  [FirewallDirection, lookup(firewallDirection)],
  [FirewallAction, lookup(firewallAction)],
  [FirewallRuleEnabled, lookup(firewallEnabled)],
  [FirewallProfiles, decodeMask(profileBits)],
  [FirewallRuleOrigin, lookup(firewallRuleOrigin)],
  [FirewallProfileEnabled, lookup(gpoBoolean)],
  [FirewallDefaultAction, lookup(defaultAction)],
  [FirewallInterfaceTypes, decodeMask(interfaceTypeBits)],
]);
