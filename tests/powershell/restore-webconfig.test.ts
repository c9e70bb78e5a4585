import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppPoolRecycleResult } from '../../electron/services/app-pool-recycle-service';
import { WebConfigRestoreResult } from '../../electron/services/mfa-webconfig-rollback-service';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';
import { useTempDirs } from '../helpers/temp-dir';

const run = promisify(execFile);
const folder = join(repoRoot, 'resources', 'powershell', 'webconfig');
const onStandInServer = join(repoRoot, 'tests', 'powershell', 'scripts', 'Invoke-ExreadyOnStandInServer.ps1');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').toUpperCase();

async function runScript(name: string, parameters: Record<string, unknown>): Promise<unknown> {
  const encoded = Buffer.from(JSON.stringify(parameters), 'utf8').toString('base64');
  const { stdout } = await run(pwshPath ?? 'pwsh', [
    '-NoProfile',
    '-File',
    onStandInServer,
    '-Script',
    join(folder, name),
    '-ParametersBase64',
    encoded,
  ]);
  return JSON.parse(stdout.trim());
}

// Runs the real scripts where PowerShell 7 is available, Invoke-Command to the server stood in (the block runs here),
// and checks their JSON against the schemas the services parse it with.
describe.skipIf(pwshPath === null)('Restore-ExreadyWebConfig.ps1 and Restart-ExreadyAppPool.ps1', () => {
  const tempDir = useTempDirs('restore-webconfig');

  it('restores a backup, keeping the current file as a pre-rollback backup', async () => {
    const dir = await tempDir();
    const path = join(dir, 'web.config');
    const current = Buffer.from('\ufeff<configuration><appSettings /></configuration>\r\n', 'utf8');
    const backup = Buffer.from('\ufeff<configuration />\r\n', 'utf8');
    const backupName = 'web.config.exready-20261122-100000.bak';
    const preRollbackName = 'web.config.exready-20261122-110000.pre-rollback.bak';
    await writeFile(path, current);
    await writeFile(join(dir, backupName), backup);
    const parameters = {
      server: 'exch01.contoso.com',
      path,
      expectedSha256: sha(current),
      backupName,
      preRollbackName,
    };
    const result = WebConfigRestoreResult.parse(await runScript('Restore-ExreadyWebConfig.ps1', parameters));
    expect(result).toMatchObject({ status: 'written', before: sha(current), after: sha(backup) });
    expect(result.backupSha256).toBe(sha(backup));
    expect(await readFile(path)).toEqual(backup);
    expect(await readFile(join(dir, preRollbackName))).toEqual(current);
    const traversal = WebConfigRestoreResult.parse(
      await runScript('Restore-ExreadyWebConfig.ps1', { ...parameters, backupName: `..\\${backupName}` }),
    );
    expect(traversal.status).toBe('refused');
  });

  it('refuses an app without a pool, in the shape the service parses', async () => {
    const result = AppPoolRecycleResult.parse(
      await runScript('Restart-ExreadyAppPool.ps1', {
        server: 'exch01.contoso.com',
        app: 'web',
        timeoutSeconds: 1,
      }),
    );
    expect(result).toMatchObject({ status: 'refused', appPool: null, statusCode: null });
  });
});
