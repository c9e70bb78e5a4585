import { afterEach, describe, expect, it } from 'vitest';
import { probeWebApps, type WebProbeOptions } from '../../../electron/prove/web-probe';
import {
  closedPort,
  page,
  redirect,
  startOwaStandin,
  testCa,
  toLoopback,
  type Route,
  type StandinCertificate,
} from '../../helpers/owa-standin';

const server = 'exch01.contoso.com';
const healthy = page(200, '200 OK<br/>EXCH01.contoso.com');
const idpLogin = 'https://mfa.contoso.com/monosign/login?returnUrl=https%3a%2f%2fexch01.contoso.com%2fowa%2f';
const standins: { close: () => Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(standins.splice(0).map((standin) => standin.close()));
});

async function probe(
  routes: Record<string, Route>,
  options: Partial<WebProbeOptions> = {},
  certificate: StandinCertificate = 'exch01',
) {
  const standin = await startOwaStandin(routes, certificate);
  standins.push(standin);
  return probeWebApps({
    server,
    idpHosts: ['mfa.contoso.com'],
    expectModule: true,
    port: standin.port,
    ca: testCa,
    lookup: toLoopback,
    ...options,
  });
}

describe('the OWA/ECP probe', () => {
  it('passes when OWA and ECP hand the browser to the identity provider and the health pages answer', async () => {
    const result = await probe({
      '/owa/': redirect(idpLogin),
      '/ecp/': redirect(idpLogin.replace('owa', 'ecp')),
      '/owa/healthcheck.htm': healthy,
      '/ecp/healthcheck.htm': healthy,
    });
    expect(result.status).toBe('pass');
    expect(result.apps.map((app) => [app.app, app.probeClass])).toEqual([
      ['owa', 'idp-redirect'],
      ['ecp', 'idp-redirect'],
    ]);
    expect(result.apps[0]?.hops).toEqual([
      {
        url: expect.stringMatching(/^https:\/\/exch01\.contoso\.com:\d+\/owa\/$/) as string,
        httpStatus: 302,
        location: idpLogin,
      },
    ]);
    expect(result.health.map((item) => item.excerpt)).toEqual([
      '200 OK<br/>EXCH01.contoso.com',
      '200 OK<br/>EXCH01.contoso.com',
    ]);
  });

  it("recognises the vendor's failure: a redirect to /owa/auth/errorFE.aspx?httpCode=500, following the server's own redirects first", async () => {
    const result = await probe({
      '/owa/': redirect('/owa/default.aspx'),
      '/owa/default.aspx': redirect('https://exch01.contoso.com/owa/auth/errorFE.aspx?httpCode=500'),
      '/ecp/': redirect(idpLogin),
      '/owa/healthcheck.htm': healthy,
      '/ecp/healthcheck.htm': healthy,
    });
    const owa = result.apps[0];
    expect(owa).toMatchObject({ probeClass: 'error-fe-500', status: 'fail' });
    expect(owa?.hops).toHaveLength(2);
    expect(owa?.predictedBy).toContain('mfa.owa.appsettings');
    expect(result.status).toBe('fail');
  });

  it("fails Exchange's own sign-in page when the module should be active, and passes it when it should not", async () => {
    const routes = {
      '/owa/': redirect('/owa/auth/logon.aspx?url=https%3a%2f%2fexch01.contoso.com%2fowa%2f&reason=0'),
      '/ecp/': redirect('/owa/auth/logon.aspx?url=https%3a%2f%2fexch01.contoso.com%2fecp%2f&reason=0'),
      '/owa/healthcheck.htm': healthy,
      '/ecp/healthcheck.htm': healthy,
    };
    const active = await probe(routes, { expectModule: true });
    expect(active.apps.map((app) => [app.probeClass, app.status])).toEqual([
      ['forms-logon', 'fail'],
      ['forms-logon', 'fail'],
    ]);
    const rolledBack = await probe(routes, { expectModule: false });
    expect(rolledBack.status).toBe('pass');
  });

  it('reports a health page that does not say 200 OK', async () => {
    const result = await probe({
      '/owa/': redirect(idpLogin),
      '/ecp/': redirect(idpLogin),
      '/owa/healthcheck.htm': page(503, 'Service Unavailable'),
      '/ecp/healthcheck.htm': healthy,
    });
    expect(result.health[0]).toMatchObject({
      status: 'fail',
      httpStatus: 503,
      excerpt: 'Service Unavailable',
    });
    expect(result.status).toBe('fail');
  });

  it('reports a certificate that names another host as a mismatch, never ignoring it', async () => {
    const result = await probe({ '/owa/': redirect(idpLogin) }, { apps: ['owa'] }, 'wrong-name');
    expect(result.apps[0]).toMatchObject({
      probeClass: 'certificate-name-mismatch',
      status: 'fail',
      error: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      hops: [],
    });
    expect(result.health[0]?.error?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('reports an expired certificate and one from an untrusted issuer', async () => {
    const expired = await probe({ '/owa/': redirect(idpLogin) }, { apps: ['owa'] }, 'expired');
    expect(expired.apps[0]).toMatchObject({
      probeClass: 'certificate-expired',
      error: { code: 'CERT_HAS_EXPIRED' },
    });
    const untrusted = await probe({ '/owa/': redirect(idpLogin) }, { apps: ['owa'] }, 'untrusted');
    expect(untrusted.apps[0]?.probeClass).toBe('certificate-untrusted');
  });

  it('stops a redirect loop after the bound and says so', async () => {
    const result = await probe(
      { '/owa/': redirect('/owa/'), '/owa/healthcheck.htm': healthy },
      { apps: ['owa'], maxRedirects: 3 },
    );
    expect(result.apps[0]).toMatchObject({ probeClass: 'too-many-redirects', status: 'fail' });
    expect(result.apps[0]?.hops).toHaveLength(4);
  });

  it('does not follow a redirect to a host that is neither the server nor the identity provider', async () => {
    const result = await probe(
      { '/owa/': redirect('https://elsewhere.fabrikam.com/owa/') },
      { apps: ['owa'] },
    );
    expect(result.apps[0]).toMatchObject({ probeClass: 'external-redirect', status: 'warn' });
    expect(result.apps[0]?.hops).toHaveLength(1);
  });

  it('names a refused connection', async () => {
    const result = await probeWebApps({
      server,
      idpHosts: [],
      expectModule: null,
      apps: ['owa'],
      port: await closedPort(),
      ca: testCa,
      lookup: toLoopback,
    });
    expect(result.apps[0]).toMatchObject({ probeClass: 'tcp-refused', error: { code: 'ECONNREFUSED' } });
  });
});
