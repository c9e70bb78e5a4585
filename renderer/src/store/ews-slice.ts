import type { StateCreator } from 'zustand';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import type {
  ExoSettingsImport,
  TenantEwsCheckOutcome,
} from '../../../shared/tenant/ews/ews-window-contract';
import { exreadyApi } from '../bridge/exready-api';
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
  probeEws: (secret: string) => Promise<string | null>;
}

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
    extra: { exoSettings: ExoSettingsImport | null; probe?: { secret: string } },
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
      if (source === null) return 'no Exchange Online mail check to probe';
      try {
        await ask(source, { exoSettings: get().ewsImport, probe: { secret } });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
  };
};
