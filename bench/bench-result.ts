/** One measured figure: printed by `npm run bench` beside its target as a ratio, never asserted. */
export interface BenchFigure {
  /** What was measured, e.g. "evaluate 1,000 servers' facts". */
  name: string;
  value: number;
  unit: 'ms' | 'MiB' | 'ratio' | 'ops/s';
  /** The target and which side of it is good. */
  target?: { value: number; better: 'lower' | 'higher' };
  note?: string;
}

export type BenchSuite = () => Promise<BenchFigure[]>;
