import type { StateCreator } from 'zustand';
import type { CheckStatus } from '../../../shared/checks/check-result';
import type { ReadinessQuery } from '../readiness/run-verdicts';

export type MatrixSort = 'server' | 'failures';
export type ReadinessTab = 'servers' | 'matrix';

/** What the readiness views show: the matrix's statuses and areas (empty = all) and order, the list's query. */
export interface MatrixSlice {
  statusFilter: CheckStatus[];
  areaFilter: string[];
  matrixSort: MatrixSort;
  readinessTab: ReadinessTab;
  readinessQuery: ReadinessQuery;
  setStatusFilter: (statuses: CheckStatus[]) => void;
  setAreaFilter: (areas: string[]) => void;
  setMatrixSort: (sort: MatrixSort) => void;
  setReadinessTab: (tab: ReadinessTab) => void;
  setReadinessQuery: (patch: Partial<ReadinessQuery>) => void;
}

export const createMatrixSlice: StateCreator<MatrixSlice, [], [], MatrixSlice> = (set, get) => ({
  statusFilter: [],
  areaFilter: [],
  matrixSort: 'server',
  readinessTab: 'servers',
  readinessQuery: { search: '', filter: 'all', sort: { key: 'overall', direction: 'ascending' } },
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setAreaFilter: (areaFilter) => set({ areaFilter }),
  setMatrixSort: (matrixSort) => set({ matrixSort }),
  setReadinessTab: (readinessTab) => set({ readinessTab }),
  setReadinessQuery: (patch) => set({ readinessQuery: { ...get().readinessQuery, ...patch } }),
});
