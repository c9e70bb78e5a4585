import { describe, expect, it } from 'vitest';
import { certificateDates, tenantRequests } from '../../../electron/tenant/collect-tenant-facts';
import {
  federationConfiguration,
  graphFixture,
  signingCertificates,
  TenantScenario,
  userId,
} from '../../helpers/tenant-scenario';

const nonPremium = {
  error: {
    code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    message: "Neither tenant is B2C or tenant doesn't have premium license",
  },
};

describe('m365.sspr', () => {
  it('passes when the registration details show SSPR enabled for nobody', async () => {
    const result = await new TenantScenario().result('m365.sspr');
    expect(result.status).toBe('pass');
    expect(result.evidence.allowedToUseSSPR).toBe(true);
  });

  it('fails naming the users SSPR is enabled for', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.registrationDetails, {
        value: [{ id: userId, userPrincipalName: 'adele@contoso.com', isSsprEnabled: true }],
      })
      .result('m365.sspr');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('adele@contoso.com');
  });

  it('is unknown with exactly the cause when the details need P1/P2', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.registrationDetails, nonPremium, 403)
      .result('m365.sspr');
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain("Microsoft Graph does not expose the users' SSPR policy");
    expect(result.summary).toContain('Entra ID P1 or P2');
    expect(result.summary).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect(result.remedy).toContain('attestation');
  });

  it('shows an attestation as attested (who, when, what they saw), never as pass', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.registrationDetails, nonPremium, 403)
      .result('m365.sspr', {
        attestations: [
          {
            checkId: 'm365.sspr',
            attestedBy: 'CONTOSO\\adm-adele',
            attestedAt: '2026-12-01T11:00:00Z',
            observed: 'Self service password reset enabled: None',
          },
        ],
      });
    expect(result.status).toBe('unknown');
    expect(result.summary).toMatch(/^Attested, not read: CONTOSO\\adm-adele saw on 2026-12-01T11:00:00Z/);
    expect(result.evidence.attestation).toMatchObject({ attestedBy: 'CONTOSO\\adm-adele' });
  });
});

describe('m365.domain.federation', () => {
  it('passes when Federated on the IdP host with a valid certificate, explaining federatedIdpMfaBehavior', async () => {
    const result = await new TenantScenario().result('m365.domain.federation');
    expect(result.status).toBe('pass');
    const [domain] = result.evidence.domains as Record<string, unknown>[];
    expect(domain).toMatchObject({
      domain: 'contoso.com',
      authenticationType: 'Federated',
      federatedIdpMfaBehavior: 'rejectMfaByFederatedIdp',
      signingCertificate: { notAfter: '2028-01-01T00:00:00.000Z' },
    });
    expect(String(domain?.federatedIdpMfaBehaviorExplained)).toContain('asked twice');
  });

  it('warns when the signing certificate expires within 30 days, with the date', async () => {
    const result = await new TenantScenario()
      .set(
        tenantRequests.federation('contoso.com'),
        federationConfiguration(signingCertificates.expiringSoon),
      )
      .result('m365.domain.federation');
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('2026-12-15');
  });

  it('fails when the certificate expired', async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.federation('contoso.com'), federationConfiguration(signingCertificates.expired))
      .result('m365.domain.federation');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('expired on 2026-06-01');
  });

  it("fails on the docs' federation example: issuer not on the IdP host, certificate not readable", async () => {
    const result = await new TenantScenario()
      .set(tenantRequests.federation('contoso.com'), graphFixture('domain-list-federationconfiguration.json'))
      .result('m365.domain.federation');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('http://contoso.com/adfs/services/trust');
    expect(result.summary).toContain('not a readable X.509 certificate');
  });

  it("fails on the docs' domain example (Managed)", async () => {
    const managed = graphFixture('domain-get.json');
    managed.id = 'contoso.com';
    const result = await new TenantScenario()
      .set(tenantRequests.domain('contoso.com'), managed)
      .result('m365.domain.federation');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Managed, not Federated');
  });

  it('fails for a domain the tenant does not have (404) and is unknown without the federation read', async () => {
    const absent = await new TenantScenario()
      .set(tenantRequests.domain('contoso.com'), { error: { code: 'Request_ResourceNotFound' } }, 404)
      .result('m365.domain.federation');
    expect(absent.status).toBe('fail');
    const unread = await new TenantScenario()
      .remove(tenantRequests.federation('contoso.com'))
      .result('m365.domain.federation');
    expect(unread.status).toBe('unknown');
    expect(unread.summary).toContain('/domains/contoso.com/federationConfiguration');
  });

  it('warns when the inventory has no IdP host to compare with', async () => {
    const result = await new TenantScenario().result('m365.domain.federation', { idpSignInHost: null });
    expect(result.status).toBe('warn');
  });

  it('reads the certificate dates from base64 DER', () => {
    expect(certificateDates(signingCertificates.expired)).toMatchObject({
      notBefore: '2025-06-01T00:00:00.000Z',
      notAfter: '2026-06-01T00:00:00.000Z',
    });
    expect(certificateDates('MIIE3jCCAsagAwIBAgIQQcyDaZz3MI')).toBe('unparseable');
    expect(certificateDates(null)).toBeNull();
  });
});
