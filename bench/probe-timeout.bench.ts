import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoEstate, healthy } from '../electron/lab/demo-estate';
import { LabEstate, type LabExchangeServerInput } from '../electron/lab/lab-estate';
import { prepareLabPowerShell } from '../tests/helpers/lab-powershell';
import { powershellTierMissing } from '../tests/helpers/pwsh';
import { repoRoot } from '../tests/helpers/test-router';
import type { BenchSuite } from './bench-result';

// The real collector under real pwsh, through `exready check --powershell`, against the lab's loopback network:
// 20 Exchange servers where 10 drop TCP 5986 (a listener with a full backlog: SYNs go unanswered) against the
// same 20 where none drop. Probes start at once, so the dropping run may cost one probe timeout more, not ten.

const serverCount = 20;
const droppingCount = 10;
const runs = 3;
/** The collector's TCP probe timeout ($tcpTimeoutMilliseconds in Invoke-ExreadyCollection.ps1). */
const probeTimeoutMs = 5000;

const droppedSession =
  demoEstate.exchangeServers.find((server) => server.fqdn === 'exch06.contoso.com')?.unreachable ?? null;

function estateOf(dropping: number): LabEstate {
  const servers: LabExchangeServerInput[] = Array.from({ length: serverCount }, (_, offset) => {
    const index = offset + 1;
    const fqdn = `exch${String(index).padStart(2, '0')}.contoso.com`;
    if (offset >= dropping || droppedSession === null) return healthy(index);
    // As exch06 of the demo: the session times out and every probe of 5986 goes unanswered.
    const message = droppedSession.message.replace('exch06.contoso.com', fqdn);
    return healthy(index, { unreachable: { ...droppedSession, message }, tcp5986: 'timed-out' });
  });
  return LabEstate.parse({ ...demoEstate, name: 'Probe timeout bench', exchangeServers: servers });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function collectionMs(estate: LabEstate): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'exready-bench-probes-'));
  try {
    const lab = await prepareLabPowerShell(dir, estate, new Date());
    const args = [
      '--import',
      'tsx',
      'electron/cli.ts',
      'check',
      '--powershell',
      lab.executable,
      '--servers',
      estate.exchangeServers.map((server) => server.fqdn).join(','),
      '--sync-server',
      estate.syncServers.map((server) => server.fqdn).join(','),
      '--service-account',
      estate.serviceAccount ?? '',
      '--json',
    ];
    const started = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      env: lab.env,
      timeout: 300_000,
    });
    const elapsed = performance.now() - started;
    // Exit 1 means failing checks, which the dropping servers have; anything else is a broken run, not a figure.
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(`exready check exited ${run.status}: ${String(run.stderr).slice(0, 2000)}`);
    }
    return elapsed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const probeTimeoutBench: BenchSuite = async () => {
  if (powershellTierMissing !== null) {
    console.warn(`probes     skipped: ${powershellTierMissing}`);
    return [];
  }
  const none: number[] = [];
  const dropping: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    none.push(await collectionMs(estateOf(0)));
    dropping.push(await collectionMs(estateOf(droppingCount)));
  }
  const noneMs = median(none);
  const droppingMs = median(dropping);
  return [
    {
      name: `collect ${serverCount} servers, none dropping 5986 (real pwsh, median of ${runs})`,
      value: noneMs,
      unit: 'ms',
    },
    {
      name: `collect ${serverCount} servers, ${droppingCount} dropping 5986`,
      value: droppingMs,
      unit: 'ms',
    },
    {
      name: `${droppingCount} dropping / none dropping`,
      value: droppingMs / noneMs,
      unit: 'ratio',
      note: `sequential probes would add ${(droppingCount * probeTimeoutMs) / 1000} s`,
    },
    {
      name: `${droppingCount} dropping minus none dropping`,
      value: droppingMs - noneMs,
      unit: 'ms',
      target: { value: probeTimeoutMs, better: 'lower' },
      note: 'target: at most one probe timeout apart',
    },
  ];
};
