import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { powershellEnvironment } from '../../electron/powershell/shell-environment';
import { pesterModulePath, powershellTierMissing, pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';

// Every Pester file under tests/powershell/pester runs once, in one pwsh process, before the tests are
// collected; each Pester test becomes a vitest test here, so its count is in the tier's summary.

const PesterRun = z.object({
  tests: z.array(
    z.object({ file: z.string(), name: z.string(), result: z.string(), error: z.string().nullable() }),
  ),
  containerErrors: z.array(z.object({ file: z.string(), error: z.string() })),
  executed: z.record(z.string(), z.number()),
});
type PesterRun = z.infer<typeof PesterRun>;

// Scripts whose Pester tests are still to be written: none since issue #11, and a new script comes with its tests.
const scriptsAwaitingPester: readonly string[] = [];

const pesterRoot = join(repoRoot, 'tests', 'powershell', 'pester');
const resourcesRoot = join(repoRoot, 'resources');

function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function runPester(): PesterRun {
  const work = mkdtempSync(join(tmpdir(), 'exready-pester-'));
  try {
    const resultFile = join(work, 'pester.json');
    const run = spawnSync(
      pwshPath ?? 'pwsh',
      [
        '-NoLogo',
        '-NoProfile',
        '-NonInteractive',
        '-File',
        join(repoRoot, 'tests', 'powershell', 'run-pester.ps1'),
        '-PesterModule',
        pesterModulePath ?? '',
        '-TestPath',
        pesterRoot,
        '-ResultFile',
        resultFile,
        '-ResourcesRoot',
        resourcesRoot,
      ],
      { encoding: 'utf8', env: powershellEnvironment(), timeout: 600_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0) {
      throw new Error(`Pester did not finish (exit ${run.status}): ${run.stderr || run.stdout}`);
    }
    return PesterRun.parse(JSON.parse(readFileSync(resultFile, 'utf8').replace(/^\uFEFF/, '')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const pester = powershellTierMissing === null ? runPester() : null;
const pesterFiles = listFiles(pesterRoot, '.Tests.ps1');
if (pester !== null) {
  const count = (result: string) => pester.tests.filter((test) => test.result === result).length;
  // The count the issue asks to see in the run's output, beside each Pester test counted as a vitest test.
  console.log(
    `Pester 5.7.1: ${pester.tests.length} tests in ${pesterFiles.length} files: ${count('Passed')} passed, ${count('Failed')} failed, ${count('Skipped') + count('NotRun')} skipped`,
  );
}

describe.skipIf(pester === null)('Pester', () => {
  const run = pester ?? { tests: [], containerErrors: [], executed: {} };
  it('found every Pester file and at least one test in each', () => {
    const withTests = new Set(run.tests.map((test) => test.file));
    expect(
      pesterFiles.filter((file) => !withTests.has(file)).map((file) => relative(repoRoot, file)),
    ).toEqual([]);
  });

  it('every Pester file loaded (no failure outside a test)', () => {
    expect(run.containerErrors).toEqual([]);
  });

  it('every script under resources/ is executed by at least one Pester test, bar the named gaps', () => {
    const scripts = listFiles(resourcesRoot, '.ps1').concat(listFiles(resourcesRoot, '.psm1'));
    const untested = scripts
      .filter((file) => !file.endsWith('ExreadyLab.psm1') && (run.executed[file] ?? 0) === 0)
      .map((file) => relative(repoRoot, file).split(sep).join('/'));
    // Fails both ways: a new untested script, and a listed one that now has its test (take it off the list).
    expect(untested).toEqual([...scriptsAwaitingPester]);
  });

  for (const file of pesterFiles) {
    describe(relative(pesterRoot, file), () => {
      for (const test of run.tests.filter((candidate) => candidate.file === file)) {
        const body = () => {
          expect(test.error ?? '', test.name).toBe('');
          expect(test.result).toBe('Passed');
        };
        if (test.result === 'Skipped' || test.result === 'NotRun') it.skip(test.name, body);
        else it(test.name, body);
      }
    });
  }
});
