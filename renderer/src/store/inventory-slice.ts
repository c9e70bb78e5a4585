import type { StateCreator } from 'zustand';
import type { Inventory } from '../../../shared/domain/inventory';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import { exreadyApi } from '../bridge/exready-api';

export interface InventorySlice {
  inventory: Inventory | null;
  inventoryError: string | null;
  loadInventory: () => Promise<void>;
  /** Adds the servers; on rejection returns the reasons (one per bad entry) and changes nothing. */
  addExchangeServers: (fqdns: string[]) => Promise<string[]>;
  removeExchangeServer: (fqdn: string) => Promise<void>;
}

function describe(error: unknown, entries: readonly string[]): string[] {
  if (error instanceof ExreadyCallError && error.issues.length > 0) {
    return error.issues.map((issue) => {
      const index = Number(issue.path.split('.')[1]);
      const entry = Number.isInteger(index) ? entries[index] : undefined;
      return entry === undefined ? issue.message : `Line ${index + 1}: ${issue.message}`;
    });
  }
  return [error instanceof Error ? error.message : String(error)];
}

export const createInventorySlice: StateCreator<InventorySlice, [], [], InventorySlice> = (set) => ({
  inventory: null,
  inventoryError: null,
  async loadInventory() {
    try {
      set({ inventory: await exreadyApi().getInventory(), inventoryError: null });
    } catch (error) {
      set({ inventoryError: describe(error, [])[0] ?? 'The inventory could not be read' });
    }
  },
  async addExchangeServers(fqdns) {
    try {
      set({ inventory: await exreadyApi().addExchangeServers({ fqdns }) });
      return [];
    } catch (error) {
      return describe(error, fqdns);
    }
  },
  async removeExchangeServer(fqdn) {
    set({ inventory: await exreadyApi().removeExchangeServer({ fqdn }) });
  },
});
