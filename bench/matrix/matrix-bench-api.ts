import type { SavedRun } from '../../shared/runs/run-records';

// The contract between the node-side suite (bench/matrix.bench.ts) and the page it drives in Chromium.

/** What the table must show after a step: the page throws otherwise, so an empty table is never timed. */
export interface MatrixShape {
  rows: number;
  columns: number;
}

export interface MatrixBenchRequest {
  run: SavedRun;
  repetitions: number;
  /** The whole run: every server, every check. */
  all: MatrixShape;
  /** After the status filter "Fail". */
  failing: MatrixShape;
  /** After the area filter on `area`. */
  area: MatrixShape & { name: string };
}

/** Milliseconds per repetition, measured in the page with performance.now(). */
export interface MatrixTimings {
  /** createRoot + flushSync(render) + forced style and layout. */
  render: number[];
  /** The same, up to the task after the next animation frame (the first paint). */
  renderToFrame: number[];
  /** flushSync(setStatusFilter(['fail'])) + forced style and layout. */
  statusFilter: number[];
  /** flushSync(setStatusFilter([])) back to the whole table + forced style and layout. */
  clearFilter: number[];
  /** flushSync(setAreaFilter([area])) + forced style and layout. */
  areaFilter: number[];
}

export interface MatrixBenchPage {
  measure(request: MatrixBenchRequest): Promise<MatrixTimings>;
}

/** The page's global, set by matrix-bench-page.tsx. */
export interface MatrixBenchGlobal {
  __matrixBench: MatrixBenchPage;
}
