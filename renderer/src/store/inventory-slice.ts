import type { StateCreator } from 'zustand';
import type { Inventory, InventoryEntry } from '../../../shared/domain/inventory';
import type { InvokeRequestInput } from '../../../shared/ipc/contract';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import { exreadyApi } from '../bridge/exready-api';
import { newOperationId } from './operation-id';

export type ServerRole = InventoryEntry['role'];

/** The last CSV import, kept in the store so its outcome survives the empty state turning into the list. */
export type CsvImportState =
  | { kind: 'idle' }
  | { kind: 'importing'; fileName: string }
  | { kind: 'imported'; fileName: string; exchangeAdded: number; syncAdded: number; alreadyListed: number }
  | { kind: 'refused'; fileName: string; problems: string[] }
  | { kind: 'failed'; fileName: string; message: string };

/** The last discovery from Active Directory. */
export type DiscoveryState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; found: number; added: number; skipped: string[] }
  | { kind: 'failed'; message: string };

/** The tenant section as the form sends it (main normalises and defaults it). */
export type Microsoft365Input = NonNullable<InvokeRequestInput<'inventory:set-microsoft365'>['microsoft365']>;
/** Main's refusals by field of the tenant section ("tenant", "federatedDomains", …; "" for the whole). */
export type Microsoft365Problems = Record<string, string[]>;
/** The ERP's Exchange Online mail section as the form sends it. */
export type ExchangeOnlineMailInput = NonNullable<
  InvokeRequestInput<'inventory:set-exchange-online-mail'>['exchangeOnlineMail']
>;

export interface InventorySlice {
  inventory: Inventory | null;
  inventoryError: string | null;
  csvImport: CsvImportState;
  discovery: DiscoveryState;
  loadInventory: () => Promise<void>;
  /** Adds the servers; on rejection returns the reasons (one per bad entry) and changes nothing. */
  addServers: (role: ServerRole, fqdns: string[]) => Promise<string[]>;
  /** Removes one server; answers why it could not, or null. */
  removeServer: (role: ServerRole, fqdn: string) => Promise<string | null>;
  /** Sets (or, with null, clears) the service account; on rejection returns the field's problems. */
  setServiceAccount: (account: string | null) => Promise<string[]>;
  /** Sets (or, with null, removes) the Microsoft 365 tenant section; on rejection returns main's problems by field. */
  setMicrosoft365: (section: Microsoft365Input | null) => Promise<Microsoft365Problems>;
  /** Sets (or, with null, removes) the ERP's Exchange Online mail; on rejection returns main's problems by field. */
  setExchangeOnlineMail: (section: ExchangeOnlineMailInput | null) => Promise<Microsoft365Problems>;
  importCsv: (file: File) => Promise<void>;
  discoverExchangeServers: () => Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The router's field issues as sentences; an entry's issue (path "fqdns.1") names its line. */
function describe(error: unknown, entries: readonly string[]): string[] {
  if (error instanceof ExreadyCallError && error.issues.length > 0) {
    return error.issues.map((issue) => {
      const index = Number(issue.path.split('.')[1]);
      const entry = Number.isInteger(index) ? entries[index] : undefined;
      return entry === undefined ? issue.message : `Line ${index + 1}: ${issue.message}`;
    });
  }
  return [messageOf(error)];
}

/** How many servers of a role `after` lists that `before` did not: main skips ones already there. */
function newServers(before: Inventory | null, after: Inventory, role: ServerRole): number {
  const list = (inventory: Inventory) =>
    role === 'exchange' ? inventory.exchangeServers : inventory.syncServers;
  const known = new Set(before === null ? [] : list(before).map((server) => server.fqdn));
  return list(after).filter((server) => !known.has(server.fqdn)).length;
}

export const createInventorySlice: StateCreator<InventorySlice, [], [], InventorySlice> = (set, get) => ({
  inventory: null,
  inventoryError: null,
  csvImport: { kind: 'idle' },
  discovery: { kind: 'idle' },

  async loadInventory() {
    try {
      set({ inventory: await exreadyApi().getInventory(), inventoryError: null });
    } catch (error) {
      set({ inventoryError: describe(error, [])[0] ?? 'The inventory could not be read' });
    }
  },

  async addServers(role, fqdns) {
    try {
      const api = exreadyApi();
      const request = { fqdns };
      set({
        inventory:
          role === 'exchange' ? await api.addExchangeServers(request) : await api.addSyncServers(request),
      });
      return [];
    } catch (error) {
      return describe(error, fqdns);
    }
  },

  async removeServer(role, fqdn) {
    try {
      const api = exreadyApi();
      set({
        inventory:
          role === 'exchange'
            ? await api.removeExchangeServer({ fqdn })
            : await api.removeSyncServer({ fqdn }),
      });
      return null;
    } catch (error) {
      return `${fqdn} could not be removed: ${messageOf(error)}`;
    }
  },

  async setServiceAccount(account) {
    try {
      set({ inventory: await exreadyApi().setServiceAccount({ account }) });
      return [];
    } catch (error) {
      return describe(error, []);
    }
  },

  async setMicrosoft365(section) {
    try {
      set({ inventory: await exreadyApi().setMicrosoft365Inventory({ microsoft365: section }) });
      return {};
    } catch (error) {
      if (!(error instanceof ExreadyCallError) || error.issues.length === 0)
        return { '': [messageOf(error)] };
      const problems: Microsoft365Problems = {};
      for (const issue of error.issues) {
        // "microsoft365.federatedDomains.1" belongs to the domains field; the shared message quotes the entry.
        const [, field = ''] = issue.path.split('.');
        (problems[field] ??= []).push(issue.message);
      }
      return problems;
    }
  },

  async setExchangeOnlineMail(section) {
    try {
      set({
        inventory: await exreadyApi().setExchangeOnlineMailInventory({ exchangeOnlineMail: section }),
      });
      return {};
    } catch (error) {
      if (!(error instanceof ExreadyCallError) || error.issues.length === 0)
        return { '': [messageOf(error)] };
      const problems: Microsoft365Problems = {};
      // "exchangeOnlineMail.account" belongs to the account field.
      for (const issue of error.issues) (problems[issue.path.split('.')[1] ?? ''] ??= []).push(issue.message);
      return problems;
    }
  },

  async importCsv(file) {
    if (get().csvImport.kind === 'importing') return;
    const fileName = file.name;
    set({ csvImport: { kind: 'importing', fileName } });
    try {
      const text = await file.text();
      const before = get().inventory;
      const answer = await exreadyApi().importInventoryCsv({ fileName, text });
      if (!answer.ok) {
        set({ csvImport: { kind: 'refused', fileName, problems: answer.problems } });
        return;
      }
      const exchangeAdded = newServers(before, answer.inventory, 'exchange');
      const syncAdded = newServers(before, answer.inventory, 'sync');
      const listed = answer.exchangeServers + answer.syncServers;
      set({
        inventory: answer.inventory,
        csvImport: {
          kind: 'imported',
          fileName,
          exchangeAdded,
          syncAdded,
          alreadyListed: Math.max(0, listed - exchangeAdded - syncAdded),
        },
      });
    } catch (error) {
      set({ csvImport: { kind: 'failed', fileName, message: describe(error, []).join(' ') } });
    }
  },

  async discoverExchangeServers() {
    if (get().discovery.kind === 'running') return;
    set({ discovery: { kind: 'running' } });
    try {
      const before = get().inventory;
      const answer = await exreadyApi().discoverExchangeServers({ operationId: newOperationId() });
      set({
        inventory: answer.inventory,
        discovery: {
          kind: 'done',
          found: answer.discovered,
          added: newServers(before, answer.inventory, 'exchange'),
          skipped: answer.skipped,
        },
      });
    } catch (error) {
      set({ discovery: { kind: 'failed', message: messageOf(error) } });
    }
  },
});
