import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCollectionOutput } from '../../electron/facts/collection-line-reader';
import { assembleSavedFacts } from '../../electron/facts/facts-assembler';
import { encodeScriptParameters } from '../../electron/powershell/script-process';
import type { CollectionRequest } from '../../shared/facts/collection-protocol';
import { SavedFacts } from '../../shared/facts/saved-facts';
import { demoEstate } from '../../electron/lab/demo-estate';
import { toPowerShellLab } from '../../electron/lab/powershell-lab';
import { pwshPath } from '../helpers/pwsh';
import { useTempDirs } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/test-router';

const collector = join(repoRoot, 'resources', 'powershell', 'collect', 'Invoke-ExreadyCollection.ps1');
const labModule = join(repoRoot, 'resources', 'powershell', 'lab', 'ExreadyLab.psm1');
// Paths and parameters travel in the environment: nothing is spliced into the command text.
const command =
  'Import-Module -Name $env:EXREADY_LAB_MODULE -Global -Force; & $env:EXREADY_COLLECTOR -ParametersBase64 $env:EXREADY_PARAMETERS';

// Runs the REAL collector scripts against the lab module where PowerShell 7 exists.
describe.skipIf(pwshPath === null)('the collector against the lab (real pwsh)', () => {
  const tempDir = useTempDirs('collect-lab');

  it('prints protocol lines that read, assemble and validate as saved facts', async () => {
    const now = new Date();
    const dir = await tempDir();
    const labFile = join(dir, 'lab.json');
    await writeFile(labFile, JSON.stringify(toPowerShellLab(demoEstate, now)), 'utf8');
    const request: CollectionRequest = {
      runId: '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b',
      exchangeServers: demoEstate.exchangeServers.map((server) => server.fqdn),
      syncServers: demoEstate.syncServers.map((server) => server.fqdn),
      serviceAccount: demoEstate.serviceAccount,
      throttle: 4,
      timeoutSeconds: 30,
    };
    const run = spawnSync(
      pwshPath ?? 'pwsh',
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', command],
      {
        encoding: 'utf8',
        timeout: 55_000,
        env: {
          ...process.env,
          EXREADY_LAB_FILE: labFile,
          EXREADY_LAB_MODULE: labModule,
          EXREADY_COLLECTOR: collector,
          EXREADY_PARAMETERS: encodeScriptParameters(request),
        },
      },
    );
    expect(run.stderr).toBe('');
    const output = readCollectionOutput(run.stdout);
    expect(output.malformed).toEqual([]);
    expect(output.lines.at(-1)?.line.kind).toBe('done');

    const { facts, problems } = assembleSavedFacts({
      request,
      lines: output.lines.map((item) => item.line),
      collectedAt: now,
    });
    expect(problems).toEqual([]);
    expect(SavedFacts.safeParse(facts).success).toBe(true);
    const byName = new Map(facts.servers.map((server) => [server.fqdn, server]));
    expect(byName.get('exch01.contoso.com')).toMatchObject({
      status: 'collected',
      winrmService: { status: 'collected', value: { status: 'Running', startType: 'Automatic' } },
      serviceAuth: { status: 'collected', value: { cbtHardeningLevel: 'None' } },
    });
    expect(byName.get('exch03.contoso.com')).toMatchObject({
      serviceAuth: { value: { cbtHardeningLevel: 'Strict', cbtHardeningLevelSource: 'GPO' } },
    });
    expect(byName.get('exch05.contoso.com')).toMatchObject({
      status: 'unreachable',
      failure: { cause: 'kerberos' },
    });
    expect(byName.get('exch07.contoso.com')).toMatchObject({
      status: 'unreachable',
      failure: { cause: 'unknown' },
    });
    expect(byName.get('exch08.contoso.com')).toMatchObject({ certificates: { status: 'not-collected' } });
    expect(byName.get('exch02.contoso.com')).toMatchObject({
      trustedHosts: { status: 'collected', value: { value: '*', source: null } },
    });
  });
});
