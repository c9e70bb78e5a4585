import { join } from 'node:path';
import { PowerShell } from 'node-powershell';
import { describe, expect, it } from 'vitest';
import { openNodePowerShellHost } from '../../electron/powershell/node-powershell-host';
import { runScriptProcess } from '../../electron/powershell/script-process';
import { powershellEnvironment } from '../../electron/powershell/shell-environment';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';

// Runs real PowerShell 7 where it exists (CI provisions it when the package registry has it).
describe.skipIf(pwshPath === null)('real pwsh', () => {
  const executable = pwshPath ?? 'pwsh';

  it('runs through node-powershell and returns JSON', async () => {
    const shell = new PowerShell({
      executable,
      executableOptions: { '-NoLogo': true, '-NoProfile': true, '-NonInteractive': true },
      spawnOptions: { env: powershellEnvironment({ ...process.env, TERM: 'xterm-256color' }) },
    });
    try {
      const result = await shell.invoke(
        '[pscustomobject]@{ answer = 42; edition = $PSVersionTable.PSEdition } | ConvertTo-Json -Compress',
      );
      expect(JSON.parse(result.raw)).toEqual({ answer: 42, edition: 'Core' });
    } finally {
      await shell.dispose();
    }
  });

  it('the shell host of the app prints clean JSON lines even on an xterm terminal', async () => {
    // pwsh on a known terminal type wraps its output in ESC[?1h ESC[?1l; the host must start it with TERM=dumb.
    const previous = process.env.TERM;
    process.env.TERM = 'xterm-256color';
    const host = await openNodePowerShellHost({ executable, poolSize: 1 });
    try {
      const lines: string[] = [];
      await host.run(
        join(repoRoot, 'tests', 'powershell', 'scripts', 'Echo-ExreadyParameters.ps1'),
        { answer: 42 },
        { signal: new AbortController().signal, timeoutMs: 60_000, onLine: (line) => lines.push(line) },
      );
      expect(lines.join('\n')).not.toMatch(/\u001b/);
      expect(lines.map((line) => JSON.parse(line) as unknown)).toContainEqual({ answer: 42 });
    } finally {
      await host.dispose();
      if (previous === undefined) delete process.env.TERM;
      else process.env.TERM = previous;
    }
  });

  it('runs the host probe script and reports itself', async () => {
    const output = await runScriptProcess({
      executable,
      scriptPath: join(repoRoot, 'resources', 'powershell', 'environment', 'Get-ExreadyHostInfo.ps1'),
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    });
    expect(output.exitCode).toBe(0);
    expect(JSON.parse(output.stdout)).toMatchObject({ edition: 'Core', hasActiveDirectoryModule: false });
  });
});
