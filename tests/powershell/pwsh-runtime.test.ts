import { join } from 'node:path';
import { PowerShell } from 'node-powershell';
import { describe, expect, it } from 'vitest';
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
