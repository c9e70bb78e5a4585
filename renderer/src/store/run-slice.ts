import type { StateCreator } from 'zustand';
import type { OperationProgress } from '../../../shared/domain/operation';
import type { SavedRun } from '../../../shared/runs/run-records';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import { exreadyApi } from '../bridge/exready-api';
import { newOperationId } from './operation-id';
import { createFrameBatcher } from './progress-batcher';

export type Lab = 'demo' | null;

/** A check run in progress, as its progress events describe it. */
export interface RunningCheck {
  operationId: string;
  lab: Lab;
  title: string;
  /** Date.now() when the check started: the panel shows the time elapsed since. */
  startedAt: number;
  /** The Exchange servers the check works through, as its started event names them. */
  items: string[];
  /** How many servers are collected at once (the throttle); null until said. */
  concurrency: number | null;
  /** Per server, the latest thing said about it ("collected", "unreachable", …). */
  servers: Record<string, string>;
  done: number;
  total: number | null;
  lastMessage: string;
  cancelling: boolean;
}

export interface RunSlice {
  check: RunningCheck | null;
  run: SavedRun | null;
  runWarnings: string[];
  runError: string | null;
  /** What the last run's end means when it was not a plain success: "Cancelled: 5 of 8 collected". */
  runNotice: string | null;
  selectedServer: string | null;
  /** Checks every server, or one (merged into the newest run, its detail kept on screen). */
  checkAll: (lab: Lab, server?: string) => Promise<void>;
  cancelCheck: () => Promise<void>;
  applyProgress: (events: readonly OperationProgress[]) => void;
  /** Reads the newest saved run back (after a fix re-checked a server). */
  reloadNewestRun: () => Promise<SavedRun | null>;
  openServer: (fqdn: string | null) => void;
  closeRun: () => void;
}

const serverStep = /^([A-Za-z0-9.-]+\.[A-Za-z0-9-]+): (.+?)(?: \((\d+)\/(\d+)\))?$/;

function advance(check: RunningCheck, event: OperationProgress): RunningCheck {
  switch (event.kind) {
    case 'started': {
      const total = /(\d+)/.exec(event.title);
      return {
        ...check,
        title: event.title,
        total: event.items?.length ?? (total ? Number(total[1]) : check.total),
        items: event.items ?? check.items,
        concurrency: event.concurrency ?? check.concurrency,
      };
    }
    case 'step': {
      const match = serverStep.exec(event.message);
      if (match === null) return { ...check, lastMessage: event.message };
      const [, server = '', state = '', done, total] = match;
      return {
        ...check,
        lastMessage: event.message,
        servers: { ...check.servers, [server]: state },
        done: done !== undefined ? Number(done) : check.done,
        total: total !== undefined ? Number(total) : check.total,
      };
    }
    case 'failed':
      return { ...check, lastMessage: event.message };
    case 'finished':
    case 'cancelled':
      return check;
  }
}

async function newestRun(): Promise<SavedRun | null> {
  const runs = await exreadyApi().listRuns();
  const newest = runs[0];
  return newest === undefined ? null : exreadyApi().openRun({ runId: newest.runId });
}

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set, get) => ({
  check: null,
  run: null,
  runWarnings: [],
  runError: null,
  runNotice: null,
  selectedServer: null,

  async checkAll(lab, server) {
    if (get().check !== null) return;
    const operationId = newOperationId();
    set({
      check: {
        operationId,
        lab,
        title:
          server !== undefined
            ? `Checking ${server} again`
            : lab === 'demo'
              ? 'Checking the demo estate'
              : 'Checking the Exchange servers',
        startedAt: Date.now(),
        items: server === undefined ? [] : [server],
        concurrency: null,
        servers: {},
        done: 0,
        total: null,
        lastMessage: '',
        cancelling: false,
      },
      runError: null,
      runNotice: null,
      runWarnings: [],
    });
    const batcher = createFrameBatcher<OperationProgress>((events) => get().applyProgress(events));
    const unsubscribe = exreadyApi().onOperationProgress((event) => {
      if (event.operationId === operationId) batcher.push(event);
    });
    try {
      const summary = await exreadyApi().runCheck({
        operationId,
        lab,
        ...(server === undefined ? {} : { server }),
      });
      const run = await exreadyApi().openRun({ runId: summary.runId });
      set({
        run,
        runWarnings: summary.warnings,
        selectedServer: server ?? null,
        runNotice:
          summary.cancelled === null
            ? null
            : `Cancelled: ${summary.cancelled.collected} of ${summary.cancelled.total} collected. The others are marked not collected; check again to read them.`,
      });
    } catch (error) {
      const cancelled = error instanceof ExreadyCallError && error.code === 'cancelled';
      if (cancelled) set({ runNotice: 'Cancelled before any server answered: nothing was collected.' });
      else set({ runError: error instanceof Error ? error.message : String(error) });
    } finally {
      batcher.flushNow();
      unsubscribe();
      set({ check: null });
    }
  },

  async cancelCheck() {
    const check = get().check;
    if (check === null) return;
    set({ check: { ...check, cancelling: true } });
    await exreadyApi().cancelOperation({ operationId: check.operationId });
  },

  applyProgress(events) {
    const check = get().check;
    if (check === null) return;
    set({ check: events.reduce(advance, check) });
  },

  async reloadNewestRun() {
    const newest = await newestRun();
    if (newest === null) return null;
    const current = get().run;
    const rechecked = new Map(newest.results.map((entry) => [entry.fqdn, entry]));
    // A fix re-checks its server only: keep the other servers of the run on screen.
    const run =
      current === null || current.results.every((entry) => rechecked.has(entry.fqdn))
        ? newest
        : { ...current, results: current.results.map((entry) => rechecked.get(entry.fqdn) ?? entry) };
    set({ run });
    return run;
  },

  openServer(fqdn) {
    set({ selectedServer: fqdn });
  },

  closeRun() {
    set({ run: null, selectedServer: null, runWarnings: [], runError: null, runNotice: null });
  },
});
