import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixScriptPath } from '../../../electron/fixes/fix-preview';
import { runScriptProcess } from '../../../electron/powershell/script-process';
import { checkPowerShellSource } from '../../../electron/powershell/syntax-check';
import { fixCatalogue } from '../../../shared/fixes/fix-catalogue';
import { FixScriptResult } from '../../../shared/fixes/fix-result';
import { scriptsDir } from '../../helpers/fix-lab';
import { pwshPath } from '../../helpers/pwsh';

describe.each(fixCatalogue)('$script', (fix) => {
  it('parses clean, takes one base64 argument and reads before it writes', async () => {
    const text = await readFile(fixScriptPath(scriptsDir, fix), 'utf8');
    expect(await checkPowerShellSource(text, fix.script)).toEqual([]);
    expect(text).toContain('param([Parameter(Mandatory)][string]$ParametersBase64)');
    expect(text).toMatch(/status = 'unchanged'/);
    expect(text).toContain('ConvertTo-Json -Compress');
  });
});

// With real pwsh (no Windows, no WinRM target) every script must fail cleanly: one result line, nothing "done".
describe.skipIf(pwshPath === null)('fix scripts under real pwsh', () => {
  it.each(fixCatalogue)(
    '$script reports an unreachable server as failed, not done',
    async (fix) => {
      const output = await runScriptProcess({
        executable: pwshPath ?? 'pwsh',
        scriptPath: fixScriptPath(scriptsDir, fix),
        parameters: {
          server: 'no-such-host.invalid',
          syncServer: 'no-such-host.invalid',
          hosts: ['exch01.contoso.com'],
          account: 'CONTOSO\\svc-sync',
          level: 'None',
          thumbprint: '01'.repeat(20),
          remoteAddresses: ['10.0.0.1'],
        },
        timeoutMs: 60_000,
        signal: new AbortController().signal,
      });
      const line = output.stdout.trim().split(/\r?\n/).at(-1) ?? '';
      const result = FixScriptResult.parse(JSON.parse(line));
      expect(['failed', 'refused']).toContain(result.status);
      expect(result.changed).toBe(false);
    },
    90_000,
  );
});
