import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NodePowerShellShell,
  openNodePowerShellHost,
} from '../../../electron/powershell/node-powershell-host';
import {
  PowerShellShellError,
  PowerShellTimeoutError,
  type PowerShellHost,
} from '../../../electron/powershell/powershell-host';
import { PowerShellPool } from '../../../electron/powershell/shell-pool';
import { openPowerShellCollection } from '../../../electron/services/powershell-collection';
import { useTempDirs } from '../../helpers/temp-dir';
import { fakePwshSource } from './fake-pwsh-script';

// The node-powershell shell for real (processes, pipes, markers), driven into a stand-in pwsh where none exists.
const newTempDir = useTempDirs('fake-pwsh');
const script = '/opt/exready/resources/powershell/collect/Invoke-ExreadyCollection.ps1';

async function fakeHost(size = 1): Promise<PowerShellHost> {
  const executable = join(await newTempDir(), 'pwsh');
  await writeFile(executable, fakePwshSource);
  await chmod(executable, 0o755);
  return new PowerShellPool({ size, createShell: () => new NodePowerShellShell(executable) });
}

const signal = () => new AbortController().signal;

describe.skipIf(process.platform === 'win32')('NodePowerShellShell over a stand-in pwsh', () => {
  it('hands each line over while the script still runs, without node-powershell delimiters', async () => {
    const host = await fakeHost();
    try {
      let finished = false;
      const lines: { text: string; finishedYet: boolean }[] = [];
      const run = host
        .run(
          script,
          { lines: ['{"n":1}', 'Jörg 東京 🔐', '{"n":3}'], delayMs: 150, errors: ['Access is denied.'] },
          {
            signal: signal(),
            timeoutMs: 10_000,
            onLine: (text) => lines.push({ text, finishedYet: finished }),
          },
        )
        .finally(() => (finished = true));
      const result = await run;
      expect(lines.map((line) => line.text)).toEqual(['{"n":1}', 'Jörg 東京 🔐', '{"n":3}']);
      expect(lines[0]?.finishedYet).toBe(false);
      expect(result.errors).toEqual(['Access is denied.']);
    } finally {
      await host.dispose();
    }
  });

  it('kills a hung shell on timeout and runs the next call on a fresh one', async () => {
    const host = await fakeHost();
    try {
      const started = Date.now();
      await expect(
        host.run(script, { hang: true }, { signal: signal(), timeoutMs: 300, onLine: () => undefined }),
      ).rejects.toBeInstanceOf(PowerShellTimeoutError);
      expect(Date.now() - started).toBeLessThan(5_000);
      const lines: string[] = [];
      await host.run(
        script,
        { lines: ['after'] },
        { signal: signal(), timeoutMs: 10_000, onLine: (line) => lines.push(line) },
      );
      expect(lines).toEqual(['after']);
    } finally {
      await host.dispose();
    }
  });

  it('reports a missing executable as a typed error', async () => {
    await expect(openNodePowerShellHost({ executable: '/nonexistent/pwsh' })).rejects.toBeInstanceOf(
      PowerShellShellError,
    );
    const pool = new PowerShellPool({ createShell: () => new NodePowerShellShell('/nonexistent/pwsh') });
    await expect(
      pool.run(script, {}, { signal: signal(), timeoutMs: 5_000, onLine: () => undefined }),
    ).rejects.toBeInstanceOf(PowerShellShellError);
    await pool.dispose();
  });
});

describe('openPowerShellCollection', () => {
  it('refuses a configured PowerShell that does not exist, before any server is contacted', async () => {
    await expect(
      openPowerShellCollection({
        executable: '/nonexistent/pwsh.exe',
        scriptsDir: '/opt/exready/resources/powershell',
      }),
    ).rejects.toThrow('PowerShell not found: tried /nonexistent/pwsh.exe');
  });
});
