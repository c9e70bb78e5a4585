import type { StateCreator } from 'zustand';
import type { CheckStatus } from '../../../shared/checks/check-result';

export type MatrixSort = 'server' | 'failures';

/** What the readiness matrix shows: statuses and areas to keep (empty = all), and the row order. */
export interface MatrixSlice {
  statusFilter: CheckStatus[];
  areaFilter: string[];
  matrixSort: MatrixSort;
  setStatusFilter: (statuses: CheckStatus[]) => void;
  setAreaFilter: (areas: string[]) => void;
  setMatrixSort: (sort: MatrixSort) => void;
}

export const createMatrixSlice: StateCreator<MatrixSlice, [], [], MatrixSlice> = (set) => ({
  statusFilter: [],
  areaFilter: [],
  matrixSort: 'server',
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setAreaFilter: (areaFilter) => set({ areaFilter }),
  setMatrixSort: (matrixSort) => set({ matrixSort }),
});
