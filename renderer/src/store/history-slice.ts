import type { StateCreator } from 'zustand';
import type { RunComparison, RunSummary } from '../../../shared/runs/run-records';
import { exreadyApi } from '../bridge/exready-api';
import { runName } from '../history/run-wording';
import type { RunSlice } from './run-slice';

/** The saved runs: listed, opened in the matrix, deleted, and two compared check by check. */
export interface HistorySlice {
  /** The history screen is on show (over the matrix or the inventory it was opened from). */
  showingHistory: boolean;
  /** Newest first; null until listed. */
  savedRuns: RunSummary[] | null;
  historyBusy: boolean;
  historyError: string | null;
  /** What the last action did, in words ("Run 2 deleted."), for the screen's status line. */
  historyNotice: string | null;
  comparison: RunComparison | null;
  openHistory: () => void;
  closeHistory: () => void;
  loadSavedRuns: () => Promise<void>;
  /** Shows a saved run in the matrix, leaving the history. */
  openSavedRun: (runId: string) => Promise<void>;
  /** Deletes a saved run (the screen has the admin confirm first); answers whether it was deleted. */
  deleteSavedRun: (runId: string) => Promise<boolean>;
  compareSavedRuns: (before: string, after: string) => Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createHistorySlice: StateCreator<HistorySlice & RunSlice, [], [], HistorySlice> = (
  set,
  get,
) => ({
  showingHistory: false,
  savedRuns: null,
  historyBusy: false,
  historyError: null,
  historyNotice: null,
  comparison: null,

  openHistory() {
    // Listed afresh: runs saved since (a re-check after a fix) must be there, and the pickers start from them.
    set({ showingHistory: true, savedRuns: null, historyError: null, historyNotice: null, comparison: null });
    void get().loadSavedRuns();
  },

  closeHistory() {
    set({ showingHistory: false });
  },

  async loadSavedRuns() {
    try {
      set({ savedRuns: await exreadyApi().listRuns(), historyError: null });
    } catch (error) {
      set({ historyError: message(error) });
    }
  },

  async openSavedRun(runId) {
    set({ historyBusy: true, historyError: null });
    try {
      const run = await exreadyApi().openRun({ runId });
      set({ run, selectedServer: null, runWarnings: [], runError: null, showingHistory: false });
    } catch (error) {
      set({ historyError: message(error) });
    } finally {
      set({ historyBusy: false });
    }
  },

  async deleteSavedRun(runId) {
    const deleted = get().savedRuns?.find((run) => run.runId === runId);
    set({ historyBusy: true, historyError: null, historyNotice: null });
    try {
      await exreadyApi().deleteRun({ runId });
      const comparison = get().comparison;
      set({
        historyNotice: `${deleted === undefined ? 'The run' : runName(deleted)} deleted.`,
        // A deleted run cannot stay behind the history as the matrix, nor in a comparison.
        ...(get().run?.runId === runId ? { run: null, selectedServer: null, runWarnings: [] } : {}),
        ...(comparison !== null && (comparison.before === runId || comparison.after === runId)
          ? { comparison: null }
          : {}),
      });
      return true;
    } catch (error) {
      set({ historyError: message(error) });
      return false;
    } finally {
      await get().loadSavedRuns();
      set({ historyBusy: false });
    }
  },

  async compareSavedRuns(before, after) {
    set({ historyBusy: true, historyError: null, comparison: null });
    try {
      set({ comparison: await exreadyApi().compareRuns({ before, after }) });
    } catch (error) {
      set({ historyError: message(error) });
    } finally {
      set({ historyBusy: false });
    }
  },
});
