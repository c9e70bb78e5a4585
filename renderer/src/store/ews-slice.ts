import type { StateCreator } from 'zustand';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import type {
  ExoSettingsImport,
  TenantEwsCheckOutcome,
} from '../../../shared/tenant/ews/ews-window-contract';
import { exreadyApi } from '../bridge/exready-api';
import { newOperationId } from './operation-id';
import type { TenantSlice } from './tenant-slice';

/** Which ERP to check: a demo case, or the inventory's ERP in the signed-in tenant. Never holds a secret. */
export type EwsCheckSource = { source: 'lab'; lab: 'demo'; case?: string } | { source: 'live' };

/** The Exchange Online mail section: the last check, the imported snippet output, and whether its details are open. */
export interface EwsSlice {
  ewsCheck: TenantEwsCheckOutcome | null;
  ewsChecking: boolean;
  ewsError: string | null;
  /** The request of the last check, so Re-check asks the same again. */
  ewsSource: EwsCheckSource | null;
  /** The snippet's output the admin imported for this ERP: sent with each re-check until the ERP changes. */
  ewsImport: ExoSettingsImport | null;
  ewsOpen: boolean;
  openEws: (open: boolean) => void;
  checkEws: (source: EwsCheckSource) => Promise<void>;
  /** Imports the snippet's output and re-judges; answers main's refusal (line:column or field), or null. */
  importExoSettings: (imported: ExoSettingsImport) => Promise<string | null>;
  /** Runs the snippet in main through ExchangeOnlineManagement and imports what it read; answers what failed, or null. */
  readExoSettingsHere: () => Promise<string | null>;
  /** Runs the probe with the typed secret (passed through, never kept); answers the refusal, or null. */
  probeEws: (secret: string) => Promise<EwsProbeAnswer>;
  /** The running probe's operation id: its Cancel stops the probe's request and its propagation wait. */
  ewsProbeOperation: string | null;
  cancelEwsProbe: () => Promise<void>;
}

/** How a probe from the window ended: it ran, the operator cancelled it, or main refused it. */
export type EwsProbeAnswer = { kind: 'ran' } | { kind: 'cancelled' } | { kind: 'refused'; message: string };

const messageOf = (error: unknown) =>
  error instanceof ExreadyCallError && error.issues.length > 0
    ? error.issues.map((issue) => issue.message).join('; ')
    : error instanceof Error
      ? error.message
      : String(error);

const sameErp = (a: EwsCheckSource | null, b: EwsCheckSource) =>
  a !== null &&
  a.source === b.source &&
  (a.source === 'live' || (b.source === 'lab' && (a.case ?? '') === (b.case ?? '')));

export const createEwsSlice: StateCreator<EwsSlice & TenantSlice, [], [], EwsSlice> = (set, get) => {
  // The newest call wins: an older answer (another case, a slow probe) never replaces it.
  let latest = 0;
  async function ask(
    source: EwsCheckSource,
    extra: { exoSettings: ExoSettingsImport | null; probe?: { secret: string }; operationId?: string },
  ): Promise<TenantEwsCheckOutcome | null> {
    const call = ++latest;
    set({ ewsChecking: true, ewsError: null });
    try {
      const outcome = await exreadyApi().checkTenantEws({ ...source, ...extra });
      if (call !== latest) return null;
      set({ ewsCheck: outcome, ewsChecking: false });
      return outcome;
    } finally {
      if (call === latest) set({ ewsChecking: false });
    }
  }

  return {
    ewsCheck: null,
    ewsChecking: false,
    ewsError: null,
    ewsSource: null,
    ewsImport: null,
    ewsOpen: false,
    ewsProbeOperation: null,
    // One pane beside the list: the ERP's details take the tenant's place.
    openEws: (open) => set(open ? { ewsOpen: true, tenantOpen: false } : { ewsOpen: false }),

    async checkEws(source) {
      const keep = sameErp(get().ewsSource, source) ? get().ewsImport : null;
      set({ ewsSource: source, ewsImport: keep });
      try {
        await ask(source, { exoSettings: keep });
      } catch (error) {
        if (get().ewsSource === source) set({ ewsError: messageOf(error) });
      }
    },

    async importExoSettings(imported) {
      const source = get().ewsSource;
      if (source === null) return 'no Exchange Online mail check to import into';
      try {
        if ((await ask(source, { exoSettings: imported })) !== null) set({ ewsImport: imported });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async readExoSettingsHere() {
      const source = get().ewsSource;
      if (source === null) return 'no Exchange Online mail check to read the settings for';
      set({ ewsChecking: true });
      try {
        const read = await exreadyApi().readExoSettings(
          source.source === 'lab' ? { source: 'lab', lab: source.lab } : { source: 'live' },
        );
        if (read.state === 'failed') return `${read.message} (${read.code})`;
        return await get().importExoSettings(read.imported);
      } catch (error) {
        return messageOf(error);
      } finally {
        set({ ewsChecking: false });
      }
    },

    async probeEws(secret) {
      const source = get().ewsSource;
      if (source === null) return { kind: 'refused', message: 'no Exchange Online mail check to probe' };
      const operationId = newOperationId();
      set({ ewsProbeOperation: operationId });
      try {
        await ask(source, { exoSettings: get().ewsImport, probe: { secret }, operationId });
        return { kind: 'ran' };
      } catch (error) {
        if (error instanceof ExreadyCallError && error.code === 'cancelled') return { kind: 'cancelled' };
        return { kind: 'refused', message: messageOf(error) };
      } finally {
        if (get().ewsProbeOperation === operationId) set({ ewsProbeOperation: null });
      }
    },

    async cancelEwsProbe() {
      const operationId = get().ewsProbeOperation;
      if (operationId !== null) await exreadyApi().cancelOperation({ operationId });
    },
  };
};
