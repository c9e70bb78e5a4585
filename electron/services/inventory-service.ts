import { join } from 'node:path';
import {
  emptyInventory,
  Inventory,
  type InventoryEntry,
  type ExchangeOnlineMailInventory,
  type Microsoft365Inventory,
  type ServerSource,
} from '../../shared/domain/inventory';
import { JsonStore } from '../storage/json-store';

/** The estate under check, persisted as inventory.json in the user-data folder. */
export class InventoryService {
  private readonly store: JsonStore<typeof Inventory>;
  // Serialises read-modify-write cycles so two quick calls cannot lose an update.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    userDataDir: string,
    private readonly now: () => Date,
  ) {
    this.store = new JsonStore(join(userDataDir, 'inventory.json'), Inventory, () =>
      structuredClone(emptyInventory),
    );
  }

  get(): Promise<Inventory> {
    return this.store.read();
  }

  addExchangeServers(fqdns: readonly string[]): Promise<Inventory> {
    return this.addEntries(
      fqdns.map((fqdn) => ({ fqdn, role: 'exchange', version: null })),
      'manual',
    );
  }

  addSyncServers(fqdns: readonly string[]): Promise<Inventory> {
    return this.addEntries(
      fqdns.map((fqdn) => ({ fqdn, role: 'sync', version: null })),
      'manual',
    );
  }

  /** Adds entries not already present (same FQDN and role); keeps the order they were given. */
  addEntries(entries: readonly InventoryEntry[], source: ServerSource): Promise<Inventory> {
    return this.update((inventory) => {
      const addedAt = this.now().toISOString();
      const exchange = new Set(inventory.exchangeServers.map((s) => s.fqdn));
      const sync = new Set(inventory.syncServers.map((s) => s.fqdn));
      for (const entry of entries) {
        if (entry.role === 'exchange' && !exchange.has(entry.fqdn)) {
          exchange.add(entry.fqdn);
          inventory.exchangeServers.push({ fqdn: entry.fqdn, addedAt, source, version: entry.version });
        } else if (entry.role === 'sync' && !sync.has(entry.fqdn)) {
          sync.add(entry.fqdn);
          inventory.syncServers.push({ fqdn: entry.fqdn, addedAt, source });
        }
      }
      return inventory;
    });
  }

  removeExchangeServer(fqdn: string): Promise<Inventory> {
    return this.update((inventory) => ({
      ...inventory,
      exchangeServers: inventory.exchangeServers.filter((s) => s.fqdn !== fqdn),
    }));
  }

  removeSyncServer(fqdn: string): Promise<Inventory> {
    return this.update((inventory) => ({
      ...inventory,
      syncServers: inventory.syncServers.filter((s) => s.fqdn !== fqdn),
    }));
  }

  setServiceAccount(account: string | null): Promise<Inventory> {
    return this.update((inventory) => ({ ...inventory, serviceAccount: account }));
  }

  /** Keeps the tenant section, or removes it when given null (inventory.json then has no microsoft365 key). */
  setMicrosoft365(section: Microsoft365Inventory | null): Promise<Inventory> {
    return this.update((inventory) => {
      const { microsoft365: _previous, ...rest } = inventory;
      return section === null ? rest : { ...rest, microsoft365: section };
    });
  }

  /** Keeps the ERP's Exchange Online mail section, or removes it when given null. */
  setExchangeOnlineMail(section: ExchangeOnlineMailInventory | null): Promise<Inventory> {
    return this.update((inventory) => {
      const { exchangeOnlineMail: _previous, ...rest } = inventory;
      return section === null ? rest : { ...rest, exchangeOnlineMail: section };
    });
  }

  private update(change: (inventory: Inventory) => Inventory): Promise<Inventory> {
    const next = this.queue.then(async () => {
      const updated = change(await this.store.read());
      await this.store.write(updated);
      return updated;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
