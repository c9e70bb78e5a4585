import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodePowerShellHost } from '../../electron/powershell/node-powershell-host';
import { PowerShellCancelledError, PowerShellTimeoutError } from '../../electron/powershell/powershell-host';
import { checkPowerShellFile } from '../../electron/powershell/syntax-check';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';
import { hostileParameters } from '../unit/powershell-runner/hostile-values';

const echoScript = join(repoRoot, 'tests', 'powershell', 'scripts', 'Echo-ExreadyParameters.ps1');

describe('the runner test script', () => {
  it('parses clean', async () => {
    expect(await checkPowerShellFile(echoScript)).toEqual([]);
  });
});

// The pool on node-powershell against real PowerShell 7, where it exists.
describe.skipIf(pwshPath === null)('the PowerShell runner on real pwsh', () => {
  const open = () => openNodePowerShellHost({ executable: pwshPath, poolSize: 2 });

  it('brings hostile parameter values back unchanged through -ParametersBase64', async () => {
    const host = await open();
    try {
      const parameters = hostileParameters();
      const lines: string[] = [];
      const result = await host.run(echoScript, parameters, {
        signal: new AbortController().signal,
        timeoutMs: 30_000,
        onLine: (line) => lines.push(line),
      });
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0] ?? '')).toEqual(parameters);
      expect(JSON.parse(lines[1] ?? '')).toEqual({ echoed: parameters });
      // Where a host prints warnings differs between versions: it must be kept, on either stream.
      expect([...result.warnings, ...result.errors].join('\n')).toContain('echo warning');
      expect(result.errors.join('\n')).toContain('echo error');
    } finally {
      await host.dispose();
    }
  });

  it('runs two scripts at once on two shells', async () => {
    const host = await open();
    try {
      const run = (index: number) =>
        host.run(
          echoScript,
          { index },
          {
            signal: new AbortController().signal,
            timeoutMs: 30_000,
            onLine: () => undefined,
          },
        );
      await expect(Promise.all([run(1), run(2)])).resolves.toHaveLength(2);
    } finally {
      await host.dispose();
    }
  });

  it('stops a script on timeout and on cancel, then still runs the next one', async () => {
    const host = await open();
    const options = (signal: AbortSignal, timeoutMs: number) => ({
      signal,
      timeoutMs,
      onLine: () => undefined,
    });
    try {
      await expect(
        host.run(echoScript, { mode: 'sleep' }, options(new AbortController().signal, 3_000)),
      ).rejects.toBeInstanceOf(PowerShellTimeoutError);
      const controller = new AbortController();
      const cancelled = host.run(echoScript, { mode: 'sleep' }, options(controller.signal, 30_000));
      setTimeout(() => controller.abort(), 2_000);
      await expect(cancelled).rejects.toBeInstanceOf(PowerShellCancelledError);
      const lines: string[] = [];
      await host.run(
        echoScript,
        { after: true },
        {
          signal: new AbortController().signal,
          timeoutMs: 30_000,
          onLine: (line) => lines.push(line),
        },
      );
      expect(JSON.parse(lines[0] ?? '')).toEqual({ after: true });
    } finally {
      await host.dispose();
    }
  });
});
