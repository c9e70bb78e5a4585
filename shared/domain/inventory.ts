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

/** An Entra tenant as Microsoft accepts it: the tenant id (a GUID) or its initial *.onmicrosoft.com domain. */
export const TenantName = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (value) => z.uuid().safeParse(value).success || /^[a-z0-9][a-z0-9-]{0,62}\.onmicrosoft\.com$/.test(value),
    'is neither a tenant id (GUID) nor an initial domain (name.onmicrosoft.com)',
  );

/** What the Microsoft 365 checks need to know about the tenant the IdP provisions into (issue #14). */
export const Microsoft365Inventory = z.object({
  tenant: TenantName,
  /** The application (client) id of the IdP's provisioning app registration. */
  provisioningAppId: z.uuid().transform((value) => value.toLowerCase()),
  /** The custom domains the IdP signs users in for (federated). */
  federatedDomains: z.array(Fqdn).default([]),
  /** Host name the federation's issuerUri and passiveSignInUri must point at, e.g. login.idp.example. */
  idpSignInHost: Fqdn.nullable().default(null),
});
export type Microsoft365Inventory = z.infer<typeof Microsoft365Inventory>;

/** The ERP's Exchange Online mail over OAuth (issue #15): its app, how it signs in, and the mailbox it reads. */
export const ExchangeOnlineMailInventory = z
  .object({
    /** The application (client) id of the ERP's app registration. */
    clientId: z.uuid().transform((value) => value.toLowerCase()),
    /** delegated: the ERP account's password (ROPC); app-only: the app's client secret. */
    flow: z.enum(['delegated', 'app-only']),
    /** The mailbox the ERP reads and sends from (primary SMTP address). */
    mailbox: z.email().transform((value) => value.toLowerCase()),
    /** Delegated only: the ERP account's user principal name. */
    account: z
      .email()
      .transform((value) => value.toLowerCase())
      .nullable()
      .default(null),
  })
  .refine((value) => value.flow !== 'delegated' || value.account !== null, {
    path: ['account'],
    message: 'the delegated flow signs in as an account: give its user principal name',
  });
export type ExchangeOnlineMailInventory = z.infer<typeof ExchangeOnlineMailInventory>;

/** The estate ExReady checks: Exchange servers, the sync servers that connect to them, and the account they use. */
export const Inventory = z.object({
  schemaVersion: z.literal(1),
  exchangeServers: z.array(ExchangeServer),
  syncServers: z.array(SyncServer),
  serviceAccount: z.string().nullable(),
  /** Optional: inventories written before the tenant checks have none. */
  microsoft365: Microsoft365Inventory.optional(),
  /** Optional: the ERP's Exchange Online mail (issue #15); older files have none. */
  exchangeOnlineMail: ExchangeOnlineMailInventory.optional(),
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
