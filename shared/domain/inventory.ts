import { z } from 'zod';
import { Fqdn } from './hostname';

/** Where a server entry came from, so the admin knows which list to correct. */
export const ServerSource = z.enum(['manual', 'csv', 'active-directory']);
export type ServerSource = z.infer<typeof ServerSource>;

export const ExchangeServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
  source: ServerSource.default('manual'),
  /** As Active Directory reports it (e.g. "Version 15.2 (Build 1544.4)"), when discovered. */
  version: z.string().nullable().default(null),
});
export type ExchangeServer = z.infer<typeof ExchangeServer>;

/** A machine the sync service connects from: TrustedHosts and TCP 5986 are checked there. */
export const SyncServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
  source: ServerSource.default('manual'),
});
export type SyncServer = z.infer<typeof SyncServer>;

/** The estate ExReady checks: Exchange servers, the sync servers that connect to them, and the account they use. */
export const Inventory = z.object({
  schemaVersion: z.literal(1),
  exchangeServers: z.array(ExchangeServer),
  syncServers: z.array(SyncServer),
  serviceAccount: z.string().nullable(),
});
export type Inventory = z.infer<typeof Inventory>;

export const emptyInventory: Inventory = {
  schemaVersion: 1,
  exchangeServers: [],
  syncServers: [],
  serviceAccount: null,
};

/** A server to add, with its role; what the form, the CSV import and AD discovery produce. */
export const InventoryEntry = z.object({
  fqdn: Fqdn,
  role: z.enum(['exchange', 'sync']),
  version: z.string().nullable().default(null),
});
export type InventoryEntry = z.infer<typeof InventoryEntry>;
