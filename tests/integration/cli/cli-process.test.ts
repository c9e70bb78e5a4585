import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { repoRoot } from '../../helpers/test-router';

// The real entry point in a real process: exit codes and streams as a script would see them.
function exready(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

describe('the exready process', () => {
  it('exits 0 and prints the version', () => {
    const run = exready('--version');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });

  it('exits 2 on an unknown command, with the reason on stderr', () => {
    const run = exready('deploy-everything');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown command 'deploy-everything'");
  });
});
