import { spawnSync } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPowerShellFile,
  checkPowerShellSource,
  findPowerShellFiles,
} from '../../electron/powershell/syntax-check';
import { useTempDirs } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/test-router';

const scripts = await findPowerShellFiles(join(repoRoot, 'resources'));
const brokenFixture = join(repoRoot, 'tests', 'fixtures', 'powershell', 'broken-unclosed-condition.ps1');

describe('every PowerShell script ExReady ships', () => {
  it('there are scripts to check', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  it.each(scripts.map((file) => [relative(repoRoot, file), file]))('%s parses clean', async (_name, file) => {
    expect(await checkPowerShellFile(file)).toEqual([]);
  });
});

describe('the syntax check', () => {
  const tempDir = useTempDirs('ps-syntax');

  it('reports a broken script with file, line and column of the innermost error', async () => {
    const problems = await checkPowerShellFile(brokenFixture);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: brokenFixture, line: 3, column: 16 });
  });

  it('reports a missing closing brace', async () => {
    const problems = await checkPowerShellSource('function f {\n  Get-Item x\n', 'inline.ps1');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.file).toBe('inline.ps1');
  });

  it('accepts the constructs the collectors rely on', async () => {
    const source = [
      '[CmdletBinding()] param([Parameter(Mandatory)][string]$ParametersBase64)',
      '$p = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json',
      'try { Get-Item WSMan:\\localhost\\Listener\\* -ErrorAction Stop } catch { Write-Error $_ } finally { }',
      '$h = @{ a = 1; "b c" = @(1, 2) }; [pscustomobject]$h | ConvertTo-Json -Compress -Depth 5',
    ].join('\n');
    expect(await checkPowerShellSource(source, 'ok.ps1')).toEqual([]);
  });

  it('the command-line check fails with file:line:column on a folder holding a broken script', async () => {
    const dir = await tempDir();
    await copyFile(brokenFixture, join(dir, 'broken.ps1'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-powershell-syntax.ts', dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.ps1:3:16: unexpected "1"/);
    expect(run.stdout).toContain('1 file(s) parsed, 1 error(s)');
  });
});
