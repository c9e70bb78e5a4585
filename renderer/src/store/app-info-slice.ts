import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/domain/app-info';
import { exreadyApi } from '../bridge/exready-api';

export interface AppInfoSlice {
  appInfo: AppInfo | null;
  loadAppInfo: () => Promise<void>;
}

export const createAppInfoSlice: StateCreator<AppInfoSlice, [], [], AppInfoSlice> = (set) => ({
  appInfo: null,
  async loadAppInfo() {
    set({ appInfo: await exreadyApi().getAppInfo() });
  },
});
