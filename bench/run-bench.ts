import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchFigure, BenchSuite } from './bench-result';
import { evaluateBench } from './evaluate.bench';
import { fanoutBench } from './fanout.bench';
import { ipcRouterBench } from './ipc-router.bench';
import { matrixBench } from './matrix.bench';
import { probeTimeoutBench } from './probe-timeout.bench';
import { reportBench } from './report.bench';
import { webconfigBench } from './webconfig.bench';

// `npm run bench`: every suite's figures, with the ratio to its target where it has one
// (ratio <= 1 meets the target). Prints; asserts nothing.
const suites: [string, BenchSuite][] = [
  ['ipc', ipcRouterBench],
  ['fanout', fanoutBench],
  ['evaluate', evaluateBench],
  ['webconfig', webconfigBench],
  ['report', reportBench],
  ['matrix', matrixBench],
  ['probes', probeTimeoutBench],
];

function ratio(figure: BenchFigure): string {
  if (figure.target === undefined) return '';
  const r =
    figure.target.better === 'lower'
      ? figure.value / figure.target.value
      : figure.target.value / figure.value;
  return `ratio ${r.toFixed(3)} (target ${figure.target.better === 'lower' ? '<=' : '>='} ${figure.target.value} ${figure.unit}) ${r <= 1 ? 'met' : 'MISSED'}`;
}

const all: (BenchFigure & { suite: string })[] = [];
for (const [suite, run] of suites) {
  for (const figure of await run()) {
    all.push({ suite, ...figure });
    const value = figure.value >= 100 ? figure.value.toFixed(0) : figure.value.toFixed(2);
    console.log(
      `${suite.padEnd(10)} ${figure.name.padEnd(64)} ${value.padStart(10)} ${figure.unit.padEnd(6)} ${ratio(figure)}${figure.note ? `  ${figure.note}` : ''}`,
    );
  }
}
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/latest.json',
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, figures: all }, null, 2)}\n`,
);
