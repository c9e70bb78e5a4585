import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useCliOverOwnUserData } from '../../helpers/cli-run';
import { repoRoot } from '../../helpers/test-router';

// `--help` after any command, wherever it stands: the command's own usage on stdout, exit 0, nothing run.
describe('exready <command> --help', () => {
  const { exready, userData } = useCliOverOwnUserData('cli-help');

  it.each([
    ['check', 'Usage: exready check'],
    ['fix', 'exready fix --list [--json]'],
    ['undo', 'exready undo --audit-id N'],
    ['audit', 'Usage: exready audit verify'],
    ['report', 'Usage: exready report'],
    ['evaluate', 'Usage: exready evaluate'],
    ['webconfig', 'Usage: exready webconfig'],
    ['tenant', 'exready tenant report --run <id|latest> --report <file>'],
    ['help', 'Usage: exready <command>'],
    ['version', 'Usage: exready version'],
  ])('%s --help and -h print its usage and exit 0', async (command, usage) => {
    for (const flag of ['--help', '-h']) {
      const run = await exready(command, flag);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(usage);
      expect(run.stderr).toBe('');
    }
  });

  it('tenant runs --help and tenant report --help print the tenant usage, naming runs and report', async () => {
    for (const args of [
      ['tenant', 'runs', '--help'],
      ['tenant', 'report', '--run', 'latest', '-h'],
    ]) {
      const run = await exready(...args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('exready tenant runs [--json] [--history <dir>]');
    }
    const top = await exready('help');
    expect(top.stdout).toContain('tenant runs [--json] [--history DIR]');
  });

  it('prints the usage even after other options, and runs nothing', async () => {
    const run = await exready('undo', '--audit-id', '7', '--yes', '--lab', 'demo', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exready undo --audit-id N');
    expect(run.stdout).not.toContain('SIMULATED');
    expect(await readdir(userData())).toEqual([]);
  });

  it('undo --help in a real process exits 0 (it was refused as an unknown option)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'undo', '--help'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('exready undo --audit-id N');
  });
});
