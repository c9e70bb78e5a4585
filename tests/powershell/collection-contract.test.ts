import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSavedFacts } from '../../electron/checks/evaluate-estate';
import { assembleSavedFacts } from '../../electron/facts/facts-assembler';
import { simulateCollection } from '../../electron/lab/simulate-collection';
import type { LabEstate } from '../../electron/lab/lab-estate';
import type { CollectionRequest } from '../../shared/facts/collection-protocol';
import { SavedFacts } from '../../shared/facts/saved-facts';
import { contractEstate, contractServers, contractVerdicts, labGaps } from '../helpers/contract-estate';
import { prepareLabPowerShell } from '../helpers/lab-powershell';
import { powershellTierMissing } from '../helpers/pwsh';
import { useTempDirs } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/test-router';

// The collection contract: the REAL collector scripts, run by real pwsh through `exready check --powershell`, against
// the lab module (whose Invoke-Command serialises like remoting), read, assembled, normalised and judged by the real
// TypeScript side; every verdict asserted, and the same verdicts as the TypeScript lab's simulation of the estate.

type Verdicts = Record<string, Record<string, string>>;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function exready(args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const JsonReport = (text: string) =>
  JSON.parse(text) as { servers: { fqdn: string; results: { checkId: string; status: string }[] }[] };

function verdictsOf(report: ReturnType<typeof JsonReport>, checks: (id: string) => boolean): Verdicts {
  return Object.fromEntries(
    report.servers.map((server) => [
      server.fqdn,
      Object.fromEntries(
        server.results
          .filter((result) => checks(result.checkId))
          .map((result) => [result.checkId, result.status]),
      ),
    ]),
  );
}

function simulatedVerdicts(
  estate: LabEstate,
  request: CollectionRequest,
  now: Date,
  checks: (id: string) => boolean,
) {
  const { facts } = assembleSavedFacts({
    request,
    lines: simulateCollection(estate, request, now),
    collectedAt: now,
  });
  return Object.fromEntries(
    evaluateSavedFacts(facts, now).map((server) => [
      server.fqdn,
      Object.fromEntries(
        server.results
          .filter((result) => checks(result.checkId))
          .map((result) => [result.checkId, result.status]),
      ),
    ]),
  );
}

// What the PowerShell lab cannot stand in for yet is left out of the comparison, by name.
const comparedChecks = (id: string) => !id.startsWith('mfa.') && !id.startsWith('exchange.');

describe.skipIf(powershellTierMissing !== null)('the collection contract (real collector, real pwsh)', () => {
  const tempDir = useTempDirs('collection-contract');

  it('check --powershell, --facts-out and evaluate --facts give every expected verdict', async () => {
    const dir = await tempDir();
    const now = new Date();
    const lab = await prepareLabPowerShell(dir, contractEstate, now);
    const request: CollectionRequest = {
      runId: '00000000-0000-4000-8000-000000000000',
      exchangeServers: contractServers,
      syncServers: contractEstate.syncServers.map((server) => server.fqdn),
      serviceAccount: contractEstate.serviceAccount,
      throttle: 16,
      timeoutSeconds: 30,
    };
    const factsFile = join(dir, 'facts.json');
    const check = exready(
      [
        'check',
        '--powershell',
        lab.executable,
        '--servers',
        request.exchangeServers.join(','),
        '--sync-server',
        request.syncServers.join(','),
        '--service-account',
        request.serviceAccount ?? '',
        '--json',
        '--facts-out',
        factsFile,
      ],
      lab.env,
    );
    // Progress goes to stderr, one line per server (the silent exch07's when the collection ends); nothing else may.
    const lines = check.stderr.split('\n');
    expect(
      lines.filter(
        (text) =>
          !/^(Collecting \d+ Exchange servers\.\.\.|\[\d+\/\d+\] \S+: (collected|unreachable|no answer \(.+\)))?$/.test(
            text,
          ),
      ),
    ).toEqual([]);
    expect(lines.filter((text) => text.includes(': no answer ('))).toEqual([
      '[12/12] exch07.contoso.com: no answer (the collection ended before it answered)',
    ]);
    // Exit 1: the estate has failing checks on purpose.
    expect(check.status).toBe(1);
    const collectedVerdicts = verdictsOf(JsonReport(check.stdout), comparedChecks);

    expect(collectedVerdicts).toEqual(contractVerdicts);
    // The TypeScript lab describes the same servers: the same verdicts, apart from what the PowerShell lab lacks.
    const withoutGaps = (verdicts: Verdicts) =>
      Object.fromEntries(
        Object.entries(verdicts).map(([server, checks]) => [
          server,
          Object.fromEntries(Object.entries(checks).filter(([id]) => !(labGaps[server] ?? []).includes(id))),
        ]),
      );
    const simulated = simulatedVerdicts(contractEstate, request, now, comparedChecks);
    expect(withoutGaps(collectedVerdicts)).toEqual(withoutGaps(simulated));
    // Each gap is a real difference: once the lab stands in for it, it leaves the list.
    for (const [server, ids] of Object.entries(labGaps)) {
      for (const id of ids)
        expect(collectedVerdicts[server]?.[id], `${server} ${id}`).not.toBe(simulated[server]?.[id]);
    }

    const saved = SavedFacts.safeParse(JSON.parse(await readFile(factsFile, 'utf8')));
    expect(saved.success).toBe(true);
    const evaluate = exready(['evaluate', '--facts', factsFile, '--json'], lab.env);
    expect(evaluate.stderr).toBe('');
    expect(verdictsOf(JsonReport(evaluate.stdout), comparedChecks)).toEqual(collectedVerdicts);
  });
});
