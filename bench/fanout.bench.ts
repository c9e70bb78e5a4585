import { performance } from 'node:perf_hooks';
import { runCheck } from '../electron/services/check-run-service';
import { functionCollectionSource, type CollectionProducer } from '../electron/services/collection-source';
import type { CollectionRequest } from '../shared/facts/collection-protocol';
import { collectionLine } from '../tests/helpers/collection-lines';
import { readyServerFacts, syncServer } from '../tests/helpers/remoting-facts';
import { assembleFacts } from '../electron/facts/facts-assembler';
import type { BenchFigure, BenchSuite } from './bench-result';

// 200 Exchange servers answering after a seeded random 20-60 ms each, fanned out as Invoke-Command -ThrottleLimit 16
// does (a slot takes the next server as soon as its server answers), streamed as protocol text lines through the
// check run service: line parsing, progress, facts assembly (stand-in) and evaluation all included.

const serverCount = 200;
const throttle = 16;
const runs = 3;
const now = new Date('2025-03-01T12:00:00.000Z');

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The makespan of the same schedule with zero overhead: each server goes to the slot that frees first. */
export function idealMakespan(latencies: readonly number[], slots: number): number {
  const freeAt = new Array<number>(slots).fill(0);
  for (const latency of latencies) {
    const slot = freeAt.indexOf(Math.min(...freeAt));
    freeAt[slot] = (freeAt[slot] ?? 0) + latency;
  }
  return Math.max(...freeAt);
}

/** Lines as a throttled fan-out prints them: in the order servers answer, not the order they were asked. */
function throttledProducer(latencies: readonly number[]): CollectionProducer {
  return (request: CollectionRequest) => ({
    async *[Symbol.asyncIterator]() {
      const ready: string[] = [];
      let wake: (() => void) | null = null;
      let next = 0;
      let running = 0;
      const start = () => {
        while (running < request.throttle && next < request.exchangeServers.length) {
          const index = next;
          next += 1;
          running += 1;
          const fqdn = request.exchangeServers[index] ?? '';
          setTimeout(() => {
            running -= 1;
            ready.push(collectionLine(request.runId, 'server-facts', fqdn, readyServerFacts({ fqdn })));
            start();
            wake?.();
          }, latencies[index]);
        }
      };
      start();
      let delivered = 0;
      while (delivered < request.exchangeServers.length) {
        if (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        for (const line of ready.splice(0)) {
          delivered += 1;
          yield line;
        }
      }
      for (const fqdn of request.syncServers) {
        yield collectionLine(request.runId, 'sync-facts', fqdn, syncServer(fqdn, '*.contoso.com'));
      }
      yield collectionLine(request.runId, 'done', null, { servers: request.exchangeServers.length });
    },
  });
}

export const fanoutBench: BenchSuite = async () => {
  const random = seeded(5986);
  const latencies = Array.from({ length: serverCount }, () => 20 + random() * 40);
  const servers = latencies.map((_, index) => `exch${String(index).padStart(3, '0')}.contoso.com`);
  const ideal = idealMakespan(latencies, throttle);
  const mean = latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length;
  const naive = Math.ceil(serverCount / throttle) * mean;
  const source = functionCollectionSource(throttledProducer(latencies));
  const ratios: number[] = [];
  let walls: number[] = [];
  // One untimed round first so the figure measures steady state, not module loading and JIT warm-up.
  for (let round = 0; round <= runs; round += 1) {
    let progressEvents = 0;
    const started = performance.now();
    const outcome = await runCheck(
      {
        exchangeServers: servers,
        syncServers: ['sync01.contoso.com'],
        serviceAccount: 'CONTOSO\\svc-sync',
        throttle,
      },
      { source, assemble: assembleFacts, now: () => now },
      { signal: new AbortController().signal, onProgress: () => (progressEvents += 1) },
    );
    const wall = performance.now() - started;
    if (outcome.results.length !== serverCount || progressEvents < serverCount)
      throw new Error('lost servers');
    if (round === 0) continue;
    ratios.push(wall / ideal);
    walls = [...walls, wall];
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const figures: BenchFigure[] = [
    {
      name: `fan-out ${serverCount} servers, throttle ${throttle}: wall / ideal`,
      value: Number(median(ratios).toFixed(3)),
      unit: 'ratio',
      target: { value: 1.15, better: 'lower' },
      note: `median of ${runs}; ideal = zero-overhead makespan of the same schedule over the drawn latencies, ${ideal.toFixed(0)} ms (ceil(N/T) x mean = ${naive.toFixed(0)} ms); wall ${median(walls).toFixed(0)} ms`,
    },
  ];
  return figures;
};
