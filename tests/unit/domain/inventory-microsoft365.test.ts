import { describe, expect, it } from 'vitest';
import { Inventory, Microsoft365Inventory } from '../../../shared/domain/inventory';

const before = { schemaVersion: 1, exchangeServers: [], syncServers: [], serviceAccount: null };

describe("the inventory's Microsoft 365 section", () => {
  it('keeps inventories written before it valid', () => {
    expect(Inventory.parse(before)).toEqual(before);
  });

  it('normalises the tenant, the app id and the hosts', () => {
    const parsed = Microsoft365Inventory.parse({
      tenant: ' Contoso.onmicrosoft.com ',
      provisioningAppId: '46E6ADF4-A9CF-4B60-9390-0BA6FB00BF6B',
      federatedDomains: ['Contoso.com.'],
      idpSignInHost: 'Login.IdP.example',
    });
    expect(parsed).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      provisioningAppId: '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b',
      federatedDomains: ['contoso.com'],
      idpSignInHost: 'login.idp.example',
    });
    expect(
      Microsoft365Inventory.parse({
        tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        provisioningAppId: '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b',
      }),
    ).toMatchObject({ federatedDomains: [], idpSignInHost: null });
  });

  it('refuses a tenant that is neither a GUID nor an initial domain, naming the field', () => {
    const parsed = Inventory.safeParse({
      ...before,
      microsoft365: { tenant: 'contoso.com', provisioningAppId: '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['microsoft365', 'tenant']);
    expect(parsed.error?.issues[0]?.message).toContain('onmicrosoft.com');
  });

  it('refuses an app id that is not a GUID and a domain that is not a host name', () => {
    expect(
      Microsoft365Inventory.safeParse({ tenant: 'contoso.onmicrosoft.com', provisioningAppId: 'postman' })
        .success,
    ).toBe(false);
    const badDomain = Microsoft365Inventory.safeParse({
      tenant: 'contoso.onmicrosoft.com',
      provisioningAppId: '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b',
      federatedDomains: ['contoso'],
    });
    expect(badDomain.error?.issues[0]?.path).toEqual(['federatedDomains', 0]);
  });
});
