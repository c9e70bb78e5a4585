import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { useTempDirs } from './temp-dir';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `exready` in this process over a user-data folder of its own per test (the lab state, the audit log
 * and the runs live there), so no other test file sees what these commands change.
 */
export function useCliOverOwnUserData(prefix: string, now = () => new Date('2026-11-22T10:00:00Z')) {
  const tempDir = useTempDirs(prefix);
  const previous = process.env.EXREADY_USER_DATA;
  let dir = '';
  beforeEach(async () => {
    dir = await tempDir();
    process.env.EXREADY_USER_DATA = dir;
  });
  afterEach(() => {
    process.env.EXREADY_USER_DATA = previous;
  });
  return {
    userData: () => dir,
    exready: async (...argv: string[]): Promise<CliRun> => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, now, {
        env: {},
        prompt: null,
      });
      return { code, stdout, stderr };
    },
  };
}
