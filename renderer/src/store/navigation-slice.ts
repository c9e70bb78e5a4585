import type { StateCreator } from 'zustand';

/** The window's places, as the left navigation names them. */
export type View = 'inventory' | 'readiness' | 'changes' | 'history' | 'reports';

/** Which place of the window is on show, and where focus should land when a place or a server opens. */
export interface NavigationSlice {
  view: View;
  /** Bumped whenever focus should move to the heading of what just opened (a run, a server's details). */
  focusRequest: { target: 'readiness' | 'details'; seq: number } | null;
  setView: (view: View) => void;
  requestFocus: (target: 'readiness' | 'details') => void;
}

export const createNavigationSlice: StateCreator<NavigationSlice, [], [], NavigationSlice> = (set, get) => ({
  view: 'inventory',
  focusRequest: null,
  setView: (view) => set({ view }),
  requestFocus: (target) => set({ focusRequest: { target, seq: (get().focusRequest?.seq ?? 0) + 1 } }),
});
