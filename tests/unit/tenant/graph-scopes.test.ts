import { describe, expect, it } from 'vitest';
import { classifyGraphError } from '../../../shared/tenant/graph-error';
import { graphScopes, graphSignInScopes, scopeForGraphUrl } from '../../../shared/tenant/graph-scopes';

const v1 = 'https://graph.microsoft.com/v1.0';
const beta = 'https://graph.microsoft.com/beta';

describe('graph scopes', () => {
  it('asks for read-only delegated permissions only, each with why and where Microsoft documents it', () => {
    expect(graphScopes.map((scope) => scope.name)).toEqual([
      'Application.Read.All',
      'Directory.Read.All',
      'Policy.Read.All',
      'Domain.Read.All',
      'AuditLog.Read.All',
    ]);
    for (const scope of graphScopes) {
      expect(scope.name).toMatch(/\.Read\./);
      expect(scope.why.length).toBeGreaterThan(20);
      expect(
        scope.documentedAt.every((url) => url.startsWith('https://learn.microsoft.com/graph/api/')),
      ).toBe(true);
    }
    expect(graphSignInScopes).toContain('https://graph.microsoft.com/Policy.Read.All');
  });

  it.each([
    [`${v1}/applications(appId='631a96bc-a705-4eda-9f99-fdaf9f54f6a2')`, 'Application.Read.All'],
    [`${v1}/servicePrincipals/0a1b/appRoleAssignments`, 'Application.Read.All'],
    [`${v1}/oauth2PermissionGrants?$filter=clientId eq '0a1b'`, 'Directory.Read.All'],
    [`${v1}/policies/identitySecurityDefaultsEnforcementPolicy`, 'Policy.Read.All'],
    [`${v1}/identity/conditionalAccess/policies`, 'Policy.Read.All'],
    [`${beta}/users/071cc716-8147-4397-a5ba-b2105951cc0b/authentication/requirements`, 'Policy.Read.All'],
    [`${v1}/domains/contoso.com/federationConfiguration`, 'Domain.Read.All'],
    [`${v1}/reports/authenticationMethods/userRegistrationDetails`, 'AuditLog.Read.All'],
    ['/policies/authorizationPolicy', 'Policy.Read.All'],
  ])('names the documented permission of %s', (url, scope) => {
    expect(scopeForGraphUrl(url)?.name).toBe(scope);
  });

  it('knows no permission for a read no check makes', () => {
    expect(scopeForGraphUrl(`${v1}/me/messages`)).toBeNull();
  });

  it('classifies by status and code, not by message', () => {
    const info = classifyGraphError(
      {
        status: 403,
        url: `${v1}/domains/contoso.com`,
        body: { error: { code: 'Authorization_RequestDenied', message: 'Resource not found' } },
      },
      ['Policy.Read.All'],
    );
    expect(info).toMatchObject({ kind: 'forbidden', missingPermission: 'Domain.Read.All' });
    expect(info?.explanation).toContain('Domain.Read.All');
    expect(classifyGraphError({ status: 200, url: `${v1}/domains`, body: {} }, [])).toBeNull();
    expect(
      classifyGraphError(
        { status: 401, url: `${v1}/domains`, body: { error: { code: 'InvalidAuthenticationToken' } } },
        [],
      ),
    ).toMatchObject({ kind: 'unauthorized', code: 'InvalidAuthenticationToken' });
  });
});
