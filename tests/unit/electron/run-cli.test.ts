import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { runCli } from '../../../electron/cli/run-cli';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('exready', () => {
  it('prints usage with --help and with no command', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], []]) {
      const { code, stdout } = await run(...argv);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: exready <command>');
    }
  });

  it('prints the package version with --version', async () => {
    const { code, stdout } = await run('--version');
    expect(code).toBe(0);
    expect(stdout).toBe(`${packageJson.version}\n`);
  });

  it('refuses an unknown command with exit code 2 and names it', async () => {
    const { code, stdout, stderr } = await run('frobnicate', '--now');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('refuses an unknown option with exit code 2', async () => {
    const { code, stderr } = await run('--frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frobnicate'");
  });
});
