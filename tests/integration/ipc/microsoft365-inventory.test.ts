import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

// The tenant section of the inventory (issue #14, Deliver 1) through the real router and inventory.json.

const section = {
  tenant: 'Contoso.onmicrosoft.com',
  provisioningAppId: '2B3C4D5E-0000-4000-8000-000000000002',
  federatedDomains: ['contoso.com', 'FABRIKAM.com'],
  idpSignInHost: 'login.idp.example',
};

const readInventoryFile = async (dir: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(dir, 'inventory.json'), 'utf8')) as Record<string, unknown>;

describe('inventory:set-microsoft365', () => {
  const tempDir = useTempDirs('m365-inventory');

  it('keeps the tenant section normalised in inventory.json and answers it from inventory:get', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await router.invoke('inventory:add-exchange-servers', { fqdns: ['exch01.contoso.com'] });
    const expected = {
      tenant: 'contoso.onmicrosoft.com',
      provisioningAppId: '2b3c4d5e-0000-4000-8000-000000000002',
      federatedDomains: ['contoso.com', 'fabrikam.com'],
      idpSignInHost: 'login.idp.example',
    };
    await expect(
      router.invoke('inventory:set-microsoft365', { microsoft365: section }),
    ).resolves.toMatchObject({
      ok: true,
      value: { microsoft365: expected, exchangeServers: [{ fqdn: 'exch01.contoso.com' }] },
    });
    expect((await readInventoryFile(dir)).microsoft365).toEqual(expected);
    // A fresh router over the same folder reads it back from disk.
    await expect(createTestRouter(dir).router.invoke('inventory:get', undefined)).resolves.toMatchObject({
      ok: true,
      value: { microsoft365: expected },
    });
  });

  it('refuses a tenant that is neither a GUID nor name.onmicrosoft.com, naming microsoft365.tenant, and keeps the file', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await router.invoke('inventory:set-microsoft365', { microsoft365: section });
    const before = await readInventoryFile(dir);
    await expect(
      router.invoke('inventory:set-microsoft365', { microsoft365: { ...section, tenant: 'contoso.com' } }),
    ).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [
          {
            path: 'microsoft365.tenant',
            message:
              'Tenant: "contoso.com" is neither a tenant id nor an initial domain; give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com',
          },
        ],
      },
    });
    await expect(
      router.invoke('inventory:set-microsoft365', {
        microsoft365: { ...section, federatedDomains: ['a b'] },
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [
          {
            path: 'microsoft365.federatedDomains.0',
            message: 'Federated custom domains: "a b" contains white space',
          },
        ],
      },
    });
    expect(await readInventoryFile(dir)).toEqual(before);
  });

  it('removes the section when given null, leaving the servers', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await router.invoke('inventory:add-exchange-servers', { fqdns: ['exch01.contoso.com'] });
    await router.invoke('inventory:set-microsoft365', { microsoft365: section });
    const removed = await router.invoke('inventory:set-microsoft365', { microsoft365: null });
    expect(removed).toMatchObject({ ok: true, value: { exchangeServers: [{ fqdn: 'exch01.contoso.com' }] } });
    expect(removed).not.toHaveProperty('value.microsoft365');
    const onDisk = await readInventoryFile(dir);
    expect(onDisk).not.toHaveProperty('microsoft365');
    expect(onDisk.exchangeServers).toHaveLength(1);
  });
});
