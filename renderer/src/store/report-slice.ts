import type { StateCreator } from 'zustand';
import type { InvokeRequestInput } from '../../../shared/ipc/contract';
import { exreadyApi } from '../bridge/exready-api';

export type ReportFormat = InvokeRequestInput<'report:export'>['format'];

/** The last report export, tied to its run so another run on screen never shows its outcome. */
export type ReportExport = {
  runId: string;
  format: ReportFormat;
  /** A second export asked for while this one is saving: refused, and said. */
  refused?: string;
} & (
  | { kind: 'saving' }
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
);

export interface ReportSlice {
  reportExport: ReportExport | null;
  /** Main asks where to save (its Save dialog) and writes the report; the outcome lands in `reportExport`. */
  exportReport: (runId: string, format: ReportFormat) => Promise<void>;
}

export const createReportSlice: StateCreator<ReportSlice, [], [], ReportSlice> = (set, get) => ({
  reportExport: null,

  async exportReport(runId, format) {
    // One Save dialog at a time: a second choice while main asks would stack dialogs; it is refused aloud.
    const current = get().reportExport;
    if (current?.kind === 'saving') {
      set({
        reportExport: {
          ...current,
          refused: `An export is already running (the ${current.format.toUpperCase()} report): wait for it to finish.`,
        },
      });
      return;
    }
    set({ reportExport: { runId, format, kind: 'saving' } });
    try {
      const outcome = await exreadyApi().exportReport({ runId, format });
      set({
        reportExport:
          outcome.saved && outcome.path !== null
            ? { runId, format, kind: 'saved', path: outcome.path }
            : { runId, format, kind: 'cancelled' },
      });
    } catch (error) {
      set({
        reportExport: {
          runId,
          format,
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
  },
});
