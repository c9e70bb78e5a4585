import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakePowerShell } from '../../helpers/fake-powershell';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const operationId = '6d2b1a0e-1c1f-4d5e-9a7b-2f0c3e4d5a6b';

// Discovery through the router with a stand-in PowerShell that prints what the AD script would.
async function discover(dir: string, output: string) {
  await writeFile(join(dir, 'discovered.json'), output);
  const executable = await fakePowerShell(dir, `cat "${dir}/discovered.json"`);
  const { router } = createTestRouter(dir, { powershellCandidates: [executable] });
  return router.invoke('inventory:discover-exchange-servers', { operationId });
}

describe('discovering Exchange servers from Active Directory', () => {
  const tempDir = useTempDirs('discovery');

  it('adds the servers AD lists, marked as discovered, and names those it cannot check', async () => {
    const result = await discover(
      await tempDir(),
      JSON.stringify([
        { name: 'EXCH01', fqdn: 'EXCH01.contoso.com', version: 'Version 15.2 (Build 1544.4)', roles: 16439 },
        { name: 'EXCH02', fqdn: 'exch02.contoso.com', version: null, roles: null },
        { name: 'LEGACY', fqdn: null, version: 'Version 14.3', roles: 2 },
      ]),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        discovered: 2,
        skipped: ['LEGACY has no DNS host name in Active Directory'],
        inventory: {
          exchangeServers: [
            {
              fqdn: 'exch01.contoso.com',
              source: 'active-directory',
              version: 'Version 15.2 (Build 1544.4)',
            },
            { fqdn: 'exch02.contoso.com', source: 'active-directory', version: null },
          ],
        },
      },
    });
  });

  it('accepts the single object Windows PowerShell 5.1 prints for a one-server organisation', async () => {
    const result = await discover(
      await tempDir(),
      '\uFEFF{"name":"EXCH01","fqdn":"exch01.contoso.com","version":null,"roles":2}',
    );
    expect(result).toMatchObject({ ok: true, value: { discovered: 1 } });
  });

  it('reports output it cannot read as a failure naming the script and the field', async () => {
    const result = await discover(await tempDir(), '[{"name":"EXCH01","fqdn":42}]');
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!result.ok && result.error.message).toContain('Find-ExreadyExchangeServers.ps1');
  });
});
