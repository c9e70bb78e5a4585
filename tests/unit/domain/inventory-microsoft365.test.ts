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

  it('words every refusal with the field and what is expected, never zod\'s "Invalid input"', () => {
    const messages = (value: unknown) =>
      Object.fromEntries(
        (Microsoft365Inventory.safeParse(value).error?.issues ?? []).map((issue) => [
          issue.path.join('.'),
          issue.message,
        ]),
      );
    const tenantExpected = 'Tenant: give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com';
    const appExpected =
      "Provisioning app's client id: give the application (client) id of the IdP's app registration (Entra admin center, App registrations), a GUID such as 46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b";
    // What the form sends when the admin typed something wrong.
    expect(
      messages({
        tenant: 'contoso.com',
        provisioningAppId: 'postman',
        federatedDomains: ['contoso', 'a b'],
        idpSignInHost: 'login',
      }),
    ).toEqual({
      tenant:
        'Tenant: "contoso.com" is neither a tenant id nor an initial domain; give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com',
      provisioningAppId: `Provisioning app's client id: "postman" is not a GUID; ${appExpected.slice(appExpected.indexOf('give'))}`,
      'federatedDomains.0':
        'Federated custom domains: "contoso" is not fully qualified (expected e.g. contoso.com)',
      'federatedDomains.1': 'Federated custom domains: "a b" contains white space',
      idpSignInHost: 'IdP sign-in host: "login" is not fully qualified (expected e.g. login.idp.example)',
    });
    // Left empty, or missing.
    expect(messages({ tenant: '  ', provisioningAppId: '', idpSignInHost: '' })).toEqual({
      tenant: tenantExpected,
      provisioningAppId: appExpected,
      idpSignInHost:
        'IdP sign-in host: give the host name the IdP signs users in on, e.g. login.idp.example, or leave it empty',
    });
    expect(messages({})).toEqual({ tenant: tenantExpected, provisioningAppId: appExpected });
    // Not even text (a caller other than the form): still the field's words.
    const wrongTypes = messages({ tenant: 5, provisioningAppId: null, federatedDomains: 'contoso.com' });
    expect(wrongTypes).toEqual({
      tenant: tenantExpected,
      provisioningAppId: appExpected,
      federatedDomains: 'Federated custom domains: give a list of host names, e.g. contoso.com',
    });
    const all = [...Object.values(wrongTypes), ...Object.values(messages('x'))].join('\n');
    expect(all).not.toMatch(/Invalid input|expected string|received/);
  });
});
