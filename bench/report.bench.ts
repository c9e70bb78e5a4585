import { performance } from 'node:perf_hooks';
import { buildReport } from '../electron/reports/build-report';
import { renderReportCsv } from '../electron/reports/report-csv';
import { renderReportHtml } from '../electron/reports/report-html';
import { renderReportJson } from '../electron/reports/report-json';
import type { BenchFigure, BenchSuite } from './bench-result';
import { repeatedDemoEstate } from './repeated-demo-estate';

// The demo lab's facts and results (every status, evidence, accepted risks) repeated to 500 servers.

const serverCount = 500;
const runs = 5;
const now = new Date('2026-11-22T10:00:00Z');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const reportBench: BenchSuite = async () => {
  const estate = await repeatedDemoEstate(serverCount, now);
  const html: number[] = [];
  const data: number[] = [];
  let size = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const report = buildReport({
      ...estate,
      auditEntries: [],
      period: { from: null, to: now },
      runId: null,
      appVersion: 'bench',
      operator: 'CONTOSO\\bench',
      now: () => now,
      knownSecrets: ['bench-known-secret-value'],
    });
    size = renderReportHtml(report).length;
    const built = performance.now();
    renderReportJson(report);
    renderReportCsv(report);
    html.push(built - started);
    data.push(performance.now() - built);
  }
  const figures: BenchFigure[] = [
    {
      name: `report model + HTML, ${serverCount} servers`,
      value: median(html),
      unit: 'ms',
      target: { value: 2000, better: 'lower' },
      note: `median of ${runs}; HTML ${(size / 1_048_576).toFixed(1)} MiB`,
    },
    {
      name: `report JSON + CSV, ${serverCount} servers (from the model)`,
      value: median(data),
      unit: 'ms',
      target: { value: 2000, better: 'lower' },
      note: `median of ${runs}`,
    },
  ];
  return figures;
};
