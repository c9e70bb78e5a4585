import { create } from 'zustand';
import { createAppInfoSlice, type AppInfoSlice } from './app-info-slice';
import { createInventorySlice, type InventorySlice } from './inventory-slice';

export type AppState = AppInfoSlice & InventorySlice;

/** One store, split into slices by domain; each slice mirrors main-process data through the bridge. */
export const useAppStore = create<AppState>()((...args) => ({
  ...createAppInfoSlice(...args),
  ...createInventorySlice(...args),
}));
