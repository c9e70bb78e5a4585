import { create } from 'zustand';
import { createAppInfoSlice, type AppInfoSlice } from './app-info-slice';
import { createEwsSlice, type EwsSlice } from './ews-slice';
import { createFixSlice, type FixSlice } from './fix-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createInventorySlice, type InventorySlice } from './inventory-slice';
import { createMatrixSlice, type MatrixSlice } from './matrix-slice';
import { createMfaSlice, type MfaSlice } from './mfa-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';
import { createReportSlice, type ReportSlice } from './report-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSafeFixesSlice, type SafeFixesSlice } from './safe-fixes-slice';
import { runErrorIsStale } from './stale-messages';
import { createTenantSlice, type TenantSlice } from './tenant-slice';

export type AppState = AppInfoSlice &
  InventorySlice &
  RunSlice &
  MatrixSlice &
  FixSlice &
  MfaSlice &
  SafeFixesSlice &
  HistorySlice &
  ReportSlice &
  NavigationSlice &
  TenantSlice &
  EwsSlice;

/** One store, split into slices by domain; each slice mirrors main-process data through the bridge. */
export const useAppStore = create<AppState>()((...args) => ({
  ...createAppInfoSlice(...args),
  ...createInventorySlice(...args),
  ...createRunSlice(...args),
  ...createMatrixSlice(...args),
  ...createFixSlice(...args),
  ...createMfaSlice(...args),
  ...createSafeFixesSlice(...args),
  ...createHistorySlice(...args),
  ...createReportSlice(...args),
  ...createNavigationSlice(...args),
  ...createTenantSlice(...args),
  ...createEwsSlice(...args),
}));

// An error of an earlier check must not linger after unrelated successful actions.
useAppStore.subscribe((state, previous) => {
  if (runErrorIsStale(previous, state)) useAppStore.setState({ runError: null });
});
