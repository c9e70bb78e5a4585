import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDesiredSettings } from '../shared/integrations/desired-settings';
import { monosignProfile } from '../shared/integrations/monosign-profile';
import { planIntegrationBytes, type IntegrationRequest } from '../electron/webconfig/integration-plan';
import { applyFilePlan, planFile } from '../electron/webconfig/local-webconfig-file';
import type { BenchFigure, BenchSuite } from './bench-result';

const fixtureDir = fileURLToPath(new URL('../tests/fixtures/webconfig/', import.meta.url));
const syntheticBytes = 180 * 1024;
const runs = 25;
const warmups = 3;
const mib = 1024 * 1024;

const resolved = resolveDesiredSettings(monosignProfile, [
  { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
  { key: 'MONOSIGN_API_KEY', value: 'bench-key' },
  { key: 'MONOSIGN_API_SECRET', value: 'bench-secret' },
  { key: 'MONOSIGN_DEBUG_MODE', value: 'true' },
  { key: 'MONOSIGN_LOG_PATH', value: 'C:\\monosign-logs' },
  { key: 'MONOSIGN_USER_EXCEPTIONS', value: 'admin@contoso.com' },
]);
if (!resolved.ok) throw new Error(resolved.problems.join('; '));
// The largest fixture is the back-end ECP file; its synthetic big brother keeps the same appSettings.
const request: IntegrationRequest = { profile: monosignProfile, appId: 'ecp', settings: resolved.settings };

async function largestFixture(): Promise<{ name: string; bytes: Buffer }> {
  let best = { name: '', size: -1 };
  for (const name of await readdir(fixtureDir)) {
    if (name === 'SOURCES.md') continue;
    const { size } = await stat(join(fixtureDir, name));
    if (size > best.size) best = { name, size };
  }
  return { name: best.name, bytes: await readFile(join(fixtureDir, best.name)) };
}

/** The "about 180 kB" file: the largest fixture with its location blocks repeated (paths renamed). */
function synthesise(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const blocks = [...text.matchAll(/^[ \t]*<location\b[\s\S]*?<\/location>\r?\n/gm)].map((match) => match[0]);
  if (blocks.length === 0) throw new Error('the largest fixture has no <location> blocks to repeat');
  const closing = text.lastIndexOf('</configuration>');
  let extra = '';
  for (let copy = 1; Buffer.byteLength(text) + Buffer.byteLength(extra) < syntheticBytes; copy++) {
    for (const block of blocks) extra += block.replace(/path="([^"]*)"/, `path="$1-copy${copy}"`);
  }
  return Buffer.from(text.slice(0, closing) + extra + text.slice(closing));
}

interface Measured {
  medianMs: number;
  heapMiB: number;
  rssMiB: number;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Median time over the runs, and the largest heapUsed / rss rise across one run. With
 * --expose-gc each run starts from a collected heap, so the rise is what one run allocates.
 */
async function measure(run: () => Promise<void> | void): Promise<Measured> {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  let heap = 0;
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    collectGarbage?.();
    const before = process.memoryUsage();
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
    const after = process.memoryUsage();
    heap = Math.max(heap, after.heapUsed - before.heapUsed);
    rss = Math.max(rss, after.rss - before.rss);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? 0, heapMiB: heap / mib, rssMiB: rss / mib };
}

function figures(what: string, measured: Measured): BenchFigure[] {
  const gc = collectGarbage === undefined ? 'without --expose-gc' : 'heap collected before each run';
  const note = `median of ${runs} runs after ${warmups} warm-ups; memory: largest rise across one run (${gc})`;
  return [
    { name: `${what}: time`, value: measured.medianMs, unit: 'ms', note },
    { name: `${what}: heapUsed rise`, value: measured.heapMiB, unit: 'MiB', note },
    { name: `${what}: rss rise`, value: measured.rssMiB, unit: 'MiB', note },
  ];
}

/** Plan and apply of the Monosign profile on the largest real web.config and on a ~180 kB one. */
export const webconfigBench: BenchSuite = async () => {
  const largest = await largestFixture();
  const inputs = [
    { label: `${largest.name} (${(largest.bytes.length / 1024).toFixed(0)} kB)`, bytes: largest.bytes },
  ];
  const synthetic = synthesise(largest.bytes);
  inputs.push({ label: `synthetic (${(synthetic.length / 1024).toFixed(0)} kB)`, bytes: synthetic });

  const out: BenchFigure[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'exready-bench-webconfig-'));
  let tick = 0;
  try {
    for (const input of inputs) {
      out.push(
        ...figures(
          `plan ${input.label}`,
          await measure(() => void planIntegrationBytes(input.bytes, request)),
        ),
      );
      const path = join(dir, 'web.config');
      const apply = async () => {
        await writeFile(path, input.bytes);
        // Each apply gets its own second so backups never collide.
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
        await applyFilePlan(await planFile(path, request), () => at);
      };
      out.push(...figures(`apply ${input.label}`, await measure(apply)));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
};
