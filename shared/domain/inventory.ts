import { z } from 'zod';
import { Fqdn } from './hostname';

export const ExchangeServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
});
export type ExchangeServer = z.infer<typeof ExchangeServer>;

export const SyncServer = z.object({
  fqdn: Fqdn,
  addedAt: z.iso.datetime(),
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
