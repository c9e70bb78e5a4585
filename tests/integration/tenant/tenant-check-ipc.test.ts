import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/ipc/result';
import { graphScopes } from '../../../shared/tenant/graph-scopes';
import { TenantCheckOutcome } from '../../../shared/tenant/tenant-check-contract';
import { startEntraStandIn, type EntraStandIn } from '../../helpers/entra-stand-in';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter, repoRoot } from '../../helpers/test-router';

// Issue 14, the window's channel: tenant:check through the real router (demo lab and a signed-in stand-in), and tenant:attest.

function value(result: IpcResult): TenantCheckOutcome {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return TenantCheckOutcome.parse(result.value);
}

const result = (outcome: TenantCheckOutcome, id: string) =>
  outcome.results.find((entry) => entry.checkId === id);

const attestation = {
  tenant: 'wingtip.onmicrosoft.com',
  checkId: 'm365.sspr',
  attestedBy: 'WINGTIP\\adm-asmith',
  attestedAt: '2026-12-02T08:15:00Z',
  observed: 'Protection > Password reset > Properties: Self service password reset enabled = None',
};
const { tenant: _tenant, ...stored } = attestation;

describe('tenant:check and tenant:attest through the router', () => {
  const tempDir = useTempDirs('tenant-check-ipc');
  let standIn: EntraStandIn | null = null;
  afterEach(async () => {
    await standIn?.close();
    standIn = null;
  });

  it('judges the demo tenant, simulated, with the Microsoft 365 verdict in the shared words and every case named', async () => {
    const { router } = createTestRouter(await tempDir(), {
      checkRuns: { operator: () => 'CONTOSO\\adm-test' },
    });
    const ready = value(await router.invoke('tenant:check', { source: 'lab', lab: 'demo' }));
    expect(ready).toMatchObject({
      tenant: 'fabrikam.onmicrosoft.com',
      simulated: true,
      case: 'fabrikam-ready',
      evaluatedAt: '2026-12-01T10:00:00.000Z',
      operator: 'CONTOSO\\adm-test',
      verdict: { integration: 'Microsoft 365', kind: 'ready-with-risks', text: 'Ready with 1 accepted risk' },
    });
    expect(ready.results.map((entry) => entry.checkId)).toContain('m365.domain.federation');
    expect(ready.results.every((entry) => entry.checkId.startsWith('m365.'))).toBe(true);
    expect(ready.cases.map((entry) => entry.name)).toEqual([
      'fabrikam-ready',
      'fabrikam-new-app',
      'northwind-not-ready',
      'northwind-wrong-app-id',
      'tailspin-default-campaign',
      'wingtip-unreadable',
      'wingtip-attested',
    ]);

    const notReady = value(
      await router.invoke('tenant:check', { source: 'lab', lab: 'demo', case: 'northwind-not-ready' }),
    );
    expect(notReady.verdict.kind).toBe('not-ready');
    expect(notReady.verdict.text).toMatch(/^Not ready: \d+ blocking/);
    expect(result(notReady, 'm365.securitydefaults')?.status).toBe('fail');
  });

  it('stores an attestation of m365.sspr in main: the re-check shows it attested, still unknown, never pass', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const before = value(
      await router.invoke('tenant:check', { source: 'lab', lab: 'demo', case: 'wingtip-unreadable' }),
    );
    expect(result(before, 'm365.sspr')).toMatchObject({ status: 'unknown', evidence: { attestation: null } });
    expect(result(before, 'm365.sspr')?.remedy).toMatch(/record an attestation/);
    expect(before.attestations).toEqual([]);

    const saved = await router.invoke('tenant:attest', attestation);
    expect(saved).toEqual({
      ok: true,
      value: { attestations: [stored] },
    });

    // A restart: a new router over the same folder reads the attestation back.
    const restarted = createTestRouter(dir).router;
    const after = value(
      await restarted.invoke('tenant:check', { source: 'lab', lab: 'demo', case: 'wingtip-unreadable' }),
    );
    const sspr = result(after, 'm365.sspr');
    expect(sspr?.status).toBe('unknown');
    expect(sspr?.summary).toContain('Attested, not read: WINGTIP\\adm-asmith saw on 2026-12-02T08:15:00Z');
    expect(after.attestations).toHaveLength(1);
    expect(after.verdict.blockingChecks).toContain('m365.sspr');
    const file = JSON.parse(await readFile(join(dir, 'tenant-attestations.json'), 'utf8')) as unknown;
    expect(file).toMatchObject({ tenants: { 'wingtip.onmicrosoft.com': [{ checkId: 'm365.sspr' }] } });

    // A damaged file is named, never read as "no attestations".
    const original = await readFile(join(dir, 'tenant-attestations.json'), 'utf8');
    await writeFile(join(dir, 'tenant-attestations.json'), '{"format":');
    const damaged = await restarted.invoke('tenant:check', {
      source: 'lab',
      lab: 'demo',
      case: 'wingtip-unreadable',
    });
    expect(damaged.ok === false && damaged.error.message).toMatch(
      /tenant-attestations\.json is not valid JSON/,
    );
    await writeFile(join(dir, 'tenant-attestations.json'), original);

    // A newer look replaces the older one for the same check.
    await restarted.invoke('tenant:attest', { ...attestation, observed: 'Enabled = None (second look)' });
    const again = value(
      await restarted.invoke('tenant:check', { source: 'lab', lab: 'demo', case: 'wingtip-unreadable' }),
    );
    expect(again.attestations.map((entry) => entry.observed)).toEqual(['Enabled = None (second look)']);
  });

  it('refuses bad requests as invalid-request naming the field', async () => {
    const { router } = createTestRouter(await tempDir());
    const issuesOf = async (channel: 'tenant:check' | 'tenant:attest', request: unknown) => {
      const answer = await router.invoke(channel, request);
      expect(answer.ok).toBe(false);
      if (answer.ok) return [];
      expect(answer.error.code).toBe('invalid-request');
      return (answer.error.issues ?? []).map((issue) => issue.path);
    };
    expect(await issuesOf('tenant:check', { source: 'cloud' })).toContain('source');
    expect(await issuesOf('tenant:check', { source: 'lab', lab: 'prod' })).toContain('lab');
    expect(await issuesOf('tenant:check', { source: 'lab', lab: 'demo', case: '../x' })).toContain('case');
    expect(
      await issuesOf('tenant:check', {
        source: 'live',
        microsoft365: { tenant: 'contoso.com', provisioningAppId: 'not-a-guid' },
      }),
    ).toEqual(expect.arrayContaining(['microsoft365.tenant', 'microsoft365.provisioningAppId']));
    expect(await issuesOf('tenant:attest', { ...attestation, checkId: 'm365.registration' })).toContain(
      'checkId',
    );
    expect(await issuesOf('tenant:attest', { ...attestation, attestedAt: 'yesterday' })).toContain(
      'attestedAt',
    );
    expect(await issuesOf('tenant:attest', { ...attestation, observed: '   ' })).toContain('observed');
    expect(await issuesOf('tenant:attest', { ...attestation, attestedBy: '' })).toContain('attestedBy');
    expect(await issuesOf('tenant:attest', { ...attestation, tenant: 'wingtip/../x' })).toContain('tenant');

    const unknownCase = await router.invoke('tenant:check', {
      source: 'lab',
      lab: 'demo',
      case: 'no-such-case',
    });
    expect(unknownCase).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(unknownCase.ok === false && unknownCase.error.message).toContain(
      'case: "no-such-case" is not a case',
    );
  });

  it('live: says what is missing (no tenant, no sign-in), then reads the signed-in tenant through Graph', async () => {
    standIn = await startEntraStandIn({
      tenant: 'contoso.onmicrosoft.com',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      username: 'admin@contoso.onmicrosoft.com',
      grantedScopes: graphScopes.map((scope) => scope.name),
      graphRoutes: {
        'GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy': {
          status: 200,
          body: JSON.parse(
            await readFile(
              join(repoRoot, 'tests/fixtures/graph/identitysecuritydefaultsenforcementpolicy-get.json'),
              'utf8',
            ),
          ) as unknown,
        },
      },
    });
    const entra = standIn;
    const { router } = createTestRouter(await tempDir(), {
      tenant: {
        encryptor: fakeEncryptor(),
        openBrowser: (url) => {
          void entra.completeSignIn(url);
          return Promise.resolve();
        },
        authority: {
          authorityHost: entra.host,
          authorityMetadata: entra.authorityMetadata,
          cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
          networkClient: entra.networkClient,
        },
        graph: { fetch: entra.fetch, baseUrl: entra.host },
      },
    });
    const noTenant = await router.invoke('tenant:check', { source: 'live' });
    expect(noTenant.ok === false && noTenant.error.message).toMatch(
      /^microsoft365: the inventory names no tenant/,
    );
    const microsoft365 = {
      tenant: 'contoso.onmicrosoft.com',
      provisioningAppId: '5B1F0C4E-0000-4000-8000-00000000A001',
      federatedDomains: ['contoso.com'],
      idpSignInHost: 'login.idp.example',
    };
    const notSignedIn = await router.invoke('tenant:check', { source: 'live', microsoft365 });
    expect(notSignedIn.ok === false && notSignedIn.error.message).toMatch(/not signed in/);

    expect(await router.invoke('tenant:sign-in', { tenant: 'contoso.onmicrosoft.com' })).toMatchObject({
      ok: true,
    });
    const live = value(await router.invoke('tenant:check', { source: 'live', microsoft365 }));
    expect(live).toMatchObject({
      tenant: 'contoso.onmicrosoft.com',
      simulated: false,
      case: null,
      provisioningAppId: '5b1f0c4e-0000-4000-8000-00000000a001',
      verdict: { kind: 'not-ready' },
    });
    // Read from the stand-in: security defaults on fails; the app the stand-in does not know is not found.
    expect(result(live, 'm365.securitydefaults')?.status).toBe('fail');
    expect(result(live, 'm365.provisioning.app')?.status).toBe('fail');
    expect(entra.seen).toContain('GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy');
  });
});
