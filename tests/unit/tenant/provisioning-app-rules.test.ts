import { describe, expect, it } from 'vitest';
import { tenantRequests } from '../../../electron/tenant/collect-tenant-facts';
import { microsoftGraphAppId } from '../../../shared/tenant/graph-shapes';
import { appId, appSpId, graphFixture, TenantScenario } from '../../helpers/tenant-scenario';

const notFound = { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } };
const forbidden = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } };

describe('m365.provisioning.app', () => {
  it('passes when the app registration with the inventory client id exists, keeping its raw fields', async () => {
    const result = await new TenantScenario().result('m365.provisioning.app');
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({ appId, id: '03ef14b0-ca33-4840-8f4f-d6e91916010e' });
    expect(result.references[0]).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('fails on 404, naming the client id', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.application(appId), notFound, 404)
      .result('m365.provisioning.app');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(appId);
    expect(result.remedy).toBeDefined();
  });

  it('is unknown, naming the request, when the recording lacks it or Graph answers 403', async () => {
    const missing = await new TenantScenario()
      .remove(tenantRequests.application(appId))
      .result('m365.provisioning.app');
    expect(missing.status).toBe('unknown');
    expect(missing.summary).toContain(`GET ${tenantRequests.application(appId)}`);
    const denied = await new TenantScenario()
      .set(tenantRequests.application(appId), forbidden, 403)
      .result('m365.provisioning.app');
    expect(denied.status).toBe('unknown');
    expect(denied.evidence.errorCode).toBe('Authorization_RequestDenied');
  });
});

describe('m365.provisioning.permissions', () => {
  it('passes when every required Graph permission is declared', async () => {
    const result = await new TenantScenario().result('m365.provisioning.permissions');
    expect(result.status).toBe('pass');
  });

  it("fails on the docs' example app (only other scopes), naming each missing permission", async () => {
    const example = graphFixture('application-get-by-appid.json');
    const result = await new TenantScenario()
      .set(tenantRequests.application(appId), example)
      .result('m365.provisioning.permissions');
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual([
      'Directory.AccessAsUser.All (delegated)',
      'Directory.ReadWrite.All (delegated)',
      'User.ReadWrite.All (delegated)',
      'Directory.ReadWrite.All (application)',
      'User.ReadWrite.All (application)',
    ]);
    expect(result.evidence.requiredResourceAccess).toEqual(example.requiredResourceAccess);
  });

  it("resolves ids by value against the tenant's Graph service principal, not a fixed list", async () => {
    // The tenant's Graph publishes User.ReadWrite.All (application) under another id: the declared id no longer counts.
    const result = await new TenantScenario()
      .edit<{ appRoles: { id: string; value: string }[] }>(
        tenantRequests.servicePrincipal(microsoftGraphAppId),
        (graph) => {
          const role = graph.appRoles.find((entry) => entry.value === 'User.ReadWrite.All');
          if (role) role.id = 'aaaaaaaa-0000-4000-8000-000000000001';
        },
      )
      .result('m365.provisioning.permissions');
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual(['User.ReadWrite.All (application)']);
  });

  it('is unknown without the Graph service principal, and n/a without an app', async () => {
    const unknown = await new TenantScenario()
      .remove(tenantRequests.servicePrincipal(microsoftGraphAppId))
      .result('m365.provisioning.permissions');
    expect(unknown.status).toBe('unknown');
    expect(unknown.summary).toContain("servicePrincipals(appId='00000003-0000-0000-c000-000000000000')");
    const none = await new TenantScenario()
      .set(tenantRequests.application(appId), notFound, 404)
      .result('m365.provisioning.permissions');
    expect(none.status).toBe('n/a');
  });
});

describe('m365.provisioning.consent', () => {
  it("passes with app-role assignments and the docs' AllPrincipals grant", async () => {
    const result = await new TenantScenario().result('m365.provisioning.consent');
    expect(result.status).toBe('pass');
    expect(result.evidence.replicationDelayPossible).toBe(false);
  });

  it('warns when the delegated scopes are granted per user only', async () => {
    const result = await new TenantScenario()
      .edit<{ value: { consentType: string; principalId: string | null }[] }>(
        tenantRequests.permissionGrants(appSpId),
        (grants) => {
          for (const grant of grants.value) {
            grant.consentType = 'Principal';
            grant.principalId = '071cc716-8147-4397-a5ba-b2105951cc0b';
          }
        },
      )
      .result('m365.provisioning.consent');
    expect(result.status).toBe('warn');
    expect(result.evidence.perUserOnly).toHaveLength(3);
  });

  it('fails when an application permission has no app-role assignment, naming it', async () => {
    const result = await new TenantScenario()
      .edit<{ value: { appRoleId: string }[] }>(tenantRequests.appRoleAssignments(appSpId), (list) => {
        list.value = list.value.slice(0, 1);
      })
      .result('m365.provisioning.consent');
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual(['User.ReadWrite.All (application)']);
  });

  it('fails when the app has no service principal (nobody consented)', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.servicePrincipal(appId), notFound, 404)
      .result('m365.provisioning.consent');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('no service principal');
  });

  it('ignores grants on another resource than Microsoft Graph', async () => {
    const result = await new TenantScenario()
      .edit<{ value: { resourceId: string }[] }>(tenantRequests.permissionGrants(appSpId), (grants) => {
        for (const grant of grants.value) grant.resourceId = '1804a6f8-e623-4520-8f40-ba1b0c11c42d';
      })
      .result('m365.provisioning.consent');
    expect(result.status).toBe('fail');
    expect(result.evidence.oauth2PermissionGrants).toEqual([]);
  });

  it('says grants replicate with a delay when the app changed in the last hour', async () => {
    const result = await new TenantScenario()
      .edit(tenantRequests.appRoleAssignments(appSpId), (list) => {
        for (const assignment of list.value as { createdDateTime: string }[])
          assignment.createdDateTime = '2026-12-01T11:30:00Z';
      })
      .result('m365.provisioning.consent');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('replicate with a delay');
    expect(result.evidence.replicationDelayPossible).toBe(true);
  });

  it('is unknown when the grants are not recorded, and n/a without an app', async () => {
    const unknown = await new TenantScenario()
      .remove(tenantRequests.permissionGrants(appSpId))
      .result('m365.provisioning.consent');
    expect(unknown.status).toBe('unknown');
    expect(unknown.summary).toContain(`oauth2PermissionGrants?$filter=clientId%20eq%20'${appSpId}'`);
    const none = await new TenantScenario()
      .set(tenantRequests.application(appId), notFound, 404)
      .result('m365.provisioning.consent');
    expect(none.status).toBe('n/a');
  });
});

describe('m365.provisioning.secret', () => {
  const withSecrets = (...ends: string[]) =>
    new TenantScenario().edit(tenantRequests.application(appId), (app) => {
      app.passwordCredentials = ends.map((endDateTime, index) => ({ keyId: `k${index}`, endDateTime }));
    });

  it('passes with a valid secret', async () => {
    const result = await new TenantScenario().result('m365.provisioning.secret');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('2027-12-01');
  });

  it('warns under 30 days, with the date', async () => {
    const result = await withSecrets('2026-12-20T00:00:00Z', '2026-01-01T00:00:00Z').result(
      'm365.provisioning.secret',
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('2026-12-20');
  });

  it('fails when every secret expired, or there is none', async () => {
    expect((await withSecrets('2026-11-30T00:00:00Z').result('m365.provisioning.secret')).status).toBe(
      'fail',
    );
    const none = await withSecrets().result('m365.provisioning.secret');
    expect(none.status).toBe('fail');
    expect(none.summary).toContain('no client secret');
  });

  it('counts a valid certificate (keyCredentials) as a credential', async () => {
    const result = await withSecrets()
      .edit(tenantRequests.application(appId), (app) => {
        app.keyCredentials = [
          { keyId: 'c1', endDateTime: '2027-06-01T00:00:00Z', type: 'AsymmetricX509Cert' },
        ];
      })
      .result('m365.provisioning.secret');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('certificate');
  });

  it('is unknown when the app cannot be read', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.application(appId), forbidden, 403)
      .result('m365.provisioning.secret');
    expect(result.status).toBe('unknown');
  });
});
