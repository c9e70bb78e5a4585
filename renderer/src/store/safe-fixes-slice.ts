import type { StateCreator } from 'zustand';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { describeFix } from '../../../shared/fixes/fix-description';
import { exreadyApi } from '../bridge/exready-api';
import { checkEvidence } from '../checks/fix-evidence';
import { safeFixCandidates, type SafeFixCandidate } from '../checks/safe-fixes';
import type { FixOutcome, FixPreview } from './fix-slice';
import type { Lab, RunSlice } from './run-slice';

/** One fix of the batch, from selection to its re-checked status. */
export interface SafeFixItem extends SafeFixCandidate {
  selected: boolean;
  state: 'idle' | 'previewing' | 'ready' | 'not-safe' | 'applying' | 'done';
  preview: FixPreview | null;
  /** The previewed change in one sentence, read from the run before anything was applied. */
  description: string | null;
  outcome: FixOutcome | null;
  error: string | null;
  recheckedStatus: CheckStatus | null;
}

export interface SafeFixesFlow {
  lab: Lab;
  phase: 'select' | 'previewing' | 'review' | 'applying' | 'done';
  items: SafeFixItem[];
  error: string | null;
  exported: string | null;
}

export interface SafeFixesSlice {
  safeFixes: SafeFixesFlow | null;
  openSafeFixes: () => Promise<void>;
  closeSafeFixes: () => void;
  toggleSafeFix: (key: string, selected: boolean) => void;
  /** Previews every selected fix in main; one whose preview is not risk-free is set aside. */
  previewSafeFixes: () => Promise<void>;
  /** Applies the previewed fixes one after another, each audited and re-checked by main. */
  applySafeFixes: () => Promise<void>;
  exportSafeFixes: () => Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createSafeFixesSlice: StateCreator<SafeFixesSlice & RunSlice, [], [], SafeFixesSlice> = (
  set,
  get,
) => {
  const describe = (preview: FixPreview) =>
    describeFix({
      fixId: preview.fixId,
      server: preview.server,
      parameters: preview.parameters,
      current: checkEvidence(get().run, preview.server, preview.checkId),
    });
  const patch = (change: Partial<SafeFixesFlow>) => {
    const flow = get().safeFixes;
    if (flow !== null) set({ safeFixes: { ...flow, ...change } });
  };
  const patchItem = (key: string, change: Partial<SafeFixItem>) => {
    const flow = get().safeFixes;
    if (flow === null) return;
    set({
      safeFixes: {
        ...flow,
        items: flow.items.map((item) => (item.key === key ? { ...item, ...change } : item)),
      },
    });
  };
  return {
    safeFixes: null,
    async openSafeFixes() {
      const run = get().run;
      if (run === null) return;
      const lab: Lab = run.savedFacts.simulated === true ? 'demo' : null;
      set({ safeFixes: { lab, phase: 'select', items: [], error: null, exported: null } });
      try {
        const catalogue = await exreadyApi().listFixes();
        const items = safeFixCandidates(run, catalogue).map((candidate): SafeFixItem => ({
          ...candidate,
          selected: true,
          state: 'idle',
          preview: null,
          description: null,
          outcome: null,
          error: null,
          recheckedStatus: null,
        }));
        patch({ items });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    closeSafeFixes() {
      set({ safeFixes: null });
    },
    toggleSafeFix(key, selected) {
      if (get().safeFixes?.phase === 'select') patchItem(key, { selected });
    },
    async previewSafeFixes() {
      const flow = get().safeFixes;
      if (flow === null) return;
      patch({ phase: 'previewing', error: null });
      for (const item of flow.items.filter((entry) => entry.selected)) {
        patchItem(item.key, { state: 'previewing', error: null });
        try {
          const preview = await exreadyApi().previewFix({
            fixId: item.fixId,
            server: item.server,
            parameters: item.parameters,
            lab: flow.lab,
          });
          // The catalogue said "no risk"; the preview, built from the real parameters, has the last word.
          patchItem(
            item.key,
            preview.risk === 'none'
              ? { state: 'ready', preview, description: describe(preview) }
              : {
                  state: 'not-safe',
                  preview,
                  error: 'This fix lowers security here: use the server’s Fix button.',
                },
          );
        } catch (error) {
          patchItem(item.key, { state: 'not-safe', error: message(error) });
        }
      }
      patch({ phase: 'review' });
    },
    async applySafeFixes() {
      const flow = get().safeFixes;
      if (flow === null) return;
      patch({ phase: 'applying', error: null });
      for (const item of flow.items.filter((entry) => entry.state === 'ready' && entry.preview !== null)) {
        patchItem(item.key, { state: 'applying' });
        try {
          const outcome = await exreadyApi().applyFix({
            previewId: item.preview?.previewId ?? '',
            confirmed: true,
            riskAccepted: false,
          });
          patchItem(item.key, { state: 'done', outcome });
        } catch (error) {
          patchItem(item.key, { state: 'done', error: message(error) });
        }
      }
      // One read of the newest run after all of them: each fix re-checked its server and merged it.
      const run = await get().reloadNewestRun();
      const current = get().safeFixes;
      if (current === null) return;
      set({
        safeFixes: {
          ...current,
          phase: 'done',
          items: current.items.map((item) =>
            item.state !== 'done'
              ? item
              : {
                  ...item,
                  recheckedStatus:
                    run?.results
                      .find((entry) => entry.fqdn === item.server)
                      ?.results.find((result) => result.checkId === item.checkId)?.status ?? null,
                },
          ),
        },
      });
    },
    async exportSafeFixes() {
      const flow = get().safeFixes;
      if (flow === null) return;
      const fixes = flow.items
        .filter((item) => item.selected && item.state !== 'not-safe')
        .map((item) => ({ fixId: item.fixId, server: item.server, parameters: item.parameters }));
      if (fixes.length === 0) return;
      try {
        const saved = await exreadyApi().exportFixes({ fixes });
        patch({
          exported: saved.saved ? `Saved to ${saved.path ?? ''}` : 'Export cancelled: nothing was saved.',
        });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
  };
};
