import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { repoRoot } from '../../helpers/test-router';

// `exready evaluate --json | head -1` as a shell runs it: the reader closes the pipe early.
describe('exready writing into a closed pipe', () => {
  const tempDir = useTempDirs('cli-closed-pipe');

  it('ends quietly with the SIGPIPE convention (141), no EPIPE stack trace', async () => {
    const dir = await tempDir();
    const facts = join(dir, 'facts.json');
    const env = { ...process.env, EXREADY_USER_DATA: dir };
    const cli = `${JSON.stringify(process.execPath)} --import tsx electron/cli.ts`;
    const saved = spawnSync('bash', ['-c', `${cli} check --lab demo --facts-out '${facts}' > /dev/null`], {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
    });
    expect(saved.status, saved.stderr).toBe(1);

    const piped = spawnSync(
      'bash',
      ['-c', `set -o pipefail; ${cli} evaluate --facts '${facts}' --json | head -1`],
      { cwd: repoRoot, encoding: 'utf8', env },
    );
    expect(piped.stdout).toBe('{\n');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(141);
  });
});
