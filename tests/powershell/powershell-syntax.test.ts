import { spawnSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPowerShellSyntax, parseWithPowerShell } from '../../electron/powershell/pwsh-syntax-check';
import {
  checkPowerShellFile,
  checkPowerShellSource,
  findPowerShellFiles,
} from '../../electron/powershell/syntax-check';
import { pwshPath } from '../helpers/pwsh';
import { useTempDirs } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/test-router';

// What npm run check:ps parses: the shipped scripts, the PowerShell tests and stand-ins, the check scripts.
const scripts = (
  await Promise.all(
    ['resources', join('tests', 'powershell'), join('scripts', 'powershell')].map((root) =>
      findPowerShellFiles(join(repoRoot, root)),
    ),
  )
).flat();
const brokenFixture = join(repoRoot, 'tests', 'fixtures', 'powershell', 'broken-unclosed-condition.ps1');
const pwsh = pwshPath ?? 'pwsh';
const projectRun = pwshPath === null ? null : await parseWithPowerShell(pwsh, scripts);

// PowerShell's own answer for the fixture: the '{' where the condition should have closed.
const brokenFixtureErrors = [
  { line: 3, column: 18, message: "Unexpected token '{' in expression or statement." },
  { line: 3, column: 18, message: "Missing closing ')' after expression in 'if' statement." },
];

function runCheckPs(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-powershell-syntax.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

describe.skipIf(pwshPath === null)(
  "every PowerShell script of the project, read by PowerShell's parser",
  () => {
    it('there are scripts to check, from resources/ and the tests', () => {
      const roots = new Set(scripts.map((file) => relative(repoRoot, file).split(/[\\/]/)[0]));
      expect([...roots].sort()).toEqual(['resources', 'scripts', 'tests']);
    });

    it.each(scripts.map((file) => [relative(repoRoot, file), file]))('%s parses clean', (_name, file) => {
      expect(projectRun?.problems.filter((problem) => problem.file === file)).toEqual([]);
    });
  },
);

describe.skipIf(pwshPath === null)("the syntax check with PowerShell's parser", () => {
  const tempDir = useTempDirs('ps-syntax');

  it("reports the broken fixture where PowerShell's parser puts each error", async () => {
    const run = await parseWithPowerShell(pwsh, [brokenFixture]);
    expect(run.parser).toMatch(/^PowerShell 7\.\d+\.\d+ parser$/);
    expect(run.problems).toEqual(brokenFixtureErrors.map((error) => ({ file: brokenFixture, ...error })));
  });

  it('reads every file in one run and keeps each error with its own file', async () => {
    const dir = await tempDir();
    const clean = join(dir, 'clean.ps1');
    const broken = join(dir, 'unclosed-function.ps1');
    await copyFile(join(repoRoot, 'tests', 'powershell', 'scripts', 'Echo-ExreadyParameters.ps1'), clean);
    await writeFile(broken, 'function f {\n  Get-Item x\n', 'utf8');
    const run = await parseWithPowerShell(pwsh, [clean, broken]);
    expect(run.problems).toEqual([
      {
        file: broken,
        line: 1,
        column: 12,
        message: "Missing closing '}' in statement block or type definition.",
      },
    ]);
  });

  it('the command-line check fails with file:line:column on a folder holding a broken script', async () => {
    const dir = await tempDir();
    await copyFile(brokenFixture, join(dir, 'broken.ps1'));
    const run = runCheckPs([dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("broken.ps1:3:18: Unexpected token '{' in expression or statement.");
    expect(run.stdout).toMatch(
      /PowerShell syntax \(PowerShell 7\.\d+\.\d+ parser\): 1 file\(s\) parsed, 2 error\(s\)/,
    );
  });

  it('the command-line check passes on the project and says which parser ran', () => {
    const run = runCheckPs([]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('PowerShell syntax (PowerShell 7.');
    expect(run.stdout).toContain(`${scripts.length} file(s) parsed, 0 error(s)`);
  });
});

describe('the tree-sitter fallback where pwsh is absent', () => {
  it('is what runs without pwsh, and says so', async () => {
    const run = await checkPowerShellSyntax([brokenFixture], null);
    expect(run.parser).toBe('tree-sitter-powershell, pwsh not found');
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatchObject({ file: brokenFixture, line: 3, column: 16 });
  });

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
});
