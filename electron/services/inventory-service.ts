import { join } from 'node:path';
import { emptyInventory, Inventory } from '../../shared/domain/inventory';
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

  /** Adds servers not already present (case-insensitive FQDN match); keeps the order they were given. */
  addExchangeServers(fqdns: readonly string[]): Promise<Inventory> {
    return this.update((inventory) => {
      const known = new Set(inventory.exchangeServers.map((s) => s.fqdn));
      const addedAt = this.now().toISOString();
      for (const fqdn of fqdns) {
        if (known.has(fqdn)) continue;
        known.add(fqdn);
        inventory.exchangeServers.push({ fqdn, addedAt });
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
