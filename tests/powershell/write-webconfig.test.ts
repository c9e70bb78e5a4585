import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';
import { useTempDirs } from '../helpers/temp-dir';

const run = promisify(execFile);
const script = join(repoRoot, 'resources', 'powershell', 'webconfig', 'Write-ExreadyWebConfig.ps1');
const onStandInServer = join(repoRoot, 'tests', 'powershell', 'scripts', 'Invoke-ExreadyOnStandInServer.ps1');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').toUpperCase();

async function write(parameters: Record<string, unknown>) {
  const encoded = Buffer.from(JSON.stringify(parameters), 'utf8').toString('base64');
  const { stdout } = await run(pwshPath ?? 'pwsh', [
    '-NoProfile',
    '-File',
    onStandInServer,
    '-Script',
    script,
    '-ParametersBase64',
    encoded,
  ]);
  return JSON.parse(stdout.trim()) as {
    status: string;
    before: string;
    after: string | null;
    backup: string | null;
  };
}

// Runs the real script where PowerShell 7 is available; Invoke-Command to the server is stood in (the block runs here).
describe.skipIf(pwshPath === null)('Write-ExreadyWebConfig.ps1', () => {
  const tempDir = useTempDirs('write-webconfig');

  it('backs up, replaces and checks the hash; refuses a file that changed since it was read', async () => {
    const dir = await tempDir();
    const path = join(dir, 'web.config');
    const before = Buffer.from('\ufeff<configuration />\r\n', 'utf8');
    const after = Buffer.from('\ufeff<configuration><appSettings /></configuration>\r\n', 'utf8');
    await writeFile(path, before);
    const parameters = {
      server: 'exch01.contoso.com',
      path,
      expectedSha256: sha(before),
      contentBase64: after.toString('base64'),
      backupName: 'web.config.exready-20261122-100000.bak',
    };
    const result = await write(parameters);
    expect(result).toMatchObject({ status: 'written', before: sha(before), after: sha(after) });
    expect(await readFile(path)).toEqual(after);
    expect(await readFile(join(dir, parameters.backupName))).toEqual(before);
    const again = await write({ ...parameters, backupName: 'web.config.exready-20261122-100001.bak' });
    expect(again.status).toBe('refused');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
