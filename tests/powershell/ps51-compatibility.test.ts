import { spawnSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lintForWindowsPowerShell51,
  runsOnWindowsPowerShell51,
} from '../../electron/powershell/ps51-compatibility-lint';
import { findPowerShellFiles } from '../../electron/powershell/syntax-check';
import { pwshPath } from '../helpers/pwsh';
import { useTempDirs } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/test-router';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'powershell');
const probe = join(fixtures, 'ps7-only-constructs.ps1');
const lookAlikes = join(fixtures, 'ps51-look-alikes.ps1');
const pwsh = pwshPath ?? 'pwsh';
const shipped = (await findPowerShellFiles(join(repoRoot, 'resources'))).filter((file) =>
  runsOnWindowsPowerShell51(file, repoRoot),
);
const shippedFindings = pwshPath === null ? null : await lintForWindowsPowerShell51(pwsh, shipped);

// Each probe line ends with "# <construct>: <what it is>", naming the one finding expected on that line.
const probeLines = (await readFile(probe, 'utf8')).split(/\r?\n/);
const expected = probeLines.flatMap((text, index) => {
  const marker = /\S.*\s#\s([a-z0-9-]+):\s(.+)$/.exec(text);
  return marker ? [{ line: index + 1, construct: marker[1] ?? '', named: marker[2] ?? '', text }] : [];
});

describe('which scripts must run on Windows PowerShell 5.1', () => {
  it('every script under resources/powershell except the lab', () => {
    const at = (...parts: string[]) => join(repoRoot, ...parts);
    expect(
      runsOnWindowsPowerShell51(
        at('resources', 'powershell', 'collect', 'Get-ExreadyMfaFacts.ps1'),
        repoRoot,
      ),
    ).toBe(true);
    expect(
      runsOnWindowsPowerShell51(
        at('resources', 'powershell', 'fixes', 'Enable-ExreadyRemoting.ps1'),
        repoRoot,
      ),
    ).toBe(true);
    expect(runsOnWindowsPowerShell51(at('resources', 'powershell', 'lab', 'ExreadyLab.psm1'), repoRoot)).toBe(
      false,
    );
    expect(runsOnWindowsPowerShell51(at('tests', 'powershell', 'run-pester.ps1'), repoRoot)).toBe(false);
    expect(
      runsOnWindowsPowerShell51(at('scripts', 'powershell', 'Get-ExreadyParseErrors.ps1'), repoRoot),
    ).toBe(false);
  });
});

describe.skipIf(pwshPath === null)('the Windows PowerShell 5.1 lint', () => {
  const tempDir = useTempDirs('ps51-lint');

  it('the probe names one construct per line, every one of them', () => {
    expect(expected.length).toBeGreaterThanOrEqual(36);
    expect(new Set(expected.map((entry) => entry.construct))).toEqual(
      new Set([
        'ternary',
        'null-coalescing',
        'null-coalescing-assignment',
        'null-conditional-member',
        'null-conditional-index',
        'pipeline-chain',
        'ps7-parameter',
        'ps7-variable',
        'ps7-encoding',
        'join-path-child-paths',
        'ps7-command',
        'clean-block',
        'convertto-json-depth',
        'system-text-json',
      ]),
    );
  });

  it('reports every construct of the probe at its line, and nothing else', async () => {
    const findings = await lintForWindowsPowerShell51(pwsh, [probe]);
    expect(findings.map(({ line, construct }) => ({ line, construct }))).toEqual(
      expected.map(({ line, construct }) => ({ line, construct })),
    );
    for (const finding of findings) {
      expect(finding.file).toBe(probe);
      expect(finding.message).toContain('PowerShell');
    }
  });

  it('points at the parameter, the encoding or the variable itself, and names it in the reason', async () => {
    const findings = await lintForWindowsPowerShell51(pwsh, [probe]);
    const named = expected.filter((entry) => /^ps7-(parameter|encoding|variable)$/.test(entry.construct));
    expect(named.length).toBeGreaterThan(20);
    for (const entry of named) {
      // "Get-Content -Encoding utf8NoBOM" points at utf8NoBOM; "ForEach-Object -Parallel" at -Parallel; "$IsLinux" at $IsLinux.
      const token = entry.named.split(' ').at(-1) ?? '';
      const finding = findings.find((candidate) => candidate.line === entry.line);
      expect(finding, entry.text).toMatchObject({ column: entry.text.indexOf(token) + 1 });
      expect(finding?.message).toContain(token);
    }
  });

  it('reports nothing in valid 5.1 that looks like what it reports', async () => {
    expect(await lintForWindowsPowerShell51(pwsh, [lookAlikes])).toEqual([]);
  });

  it('reports ConvertTo-Json without -Depth, where 5.1 truncates nested output', async () => {
    const dir = await tempDir();
    const script = join(dir, 'nested.ps1');
    await writeFile(
      script,
      '$o = @{ a = @{ b = @{ c = 1 } } }\n[Console]::Out.WriteLine(($o | ConvertTo-Json -Compress))\n',
    );
    expect(await lintForWindowsPowerShell51(pwsh, [script])).toEqual([
      {
        file: script,
        line: 2,
        column: 32,
        construct: 'convertto-json-depth',
        message:
          'ConvertTo-Json without -Depth: Windows PowerShell 5.1 stops at depth 2 and silently turns deeper values into strings',
      },
    ]);
  });

  it.each(shipped.map((file) => [relative(repoRoot, file), file]))(
    '%s runs on Windows PowerShell 5.1',
    (_name, file) => {
      expect(shippedFindings?.filter((finding) => finding.file === file)).toEqual([]);
    },
  );

  it('npm run check:ps fails with file:line:column for a folder linted with --ps51', async () => {
    const dir = await tempDir();
    await copyFile(probe, join(dir, 'probe.ps1'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/check-powershell-syntax.ts', '--ps51', dir],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    const parallel = expected.find((entry) => entry.named === 'ForEach-Object -Parallel');
    expect(run.stderr).toContain(
      `probe.ps1:${parallel?.line}:${(parallel?.text.indexOf('-Parallel') ?? 0) + 1}: ForEach-Object -Parallel: Windows PowerShell 5.1's ForEach-Object has no such parameter`,
    );
    expect(run.stdout).toContain('1 file(s) parsed, 0 error(s)');
    expect(run.stdout).toContain(
      `Windows PowerShell 5.1 compatibility: 1 file(s) linted, ${expected.length} finding(s)`,
    );
  });
});
