import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../electron/tenant/graph-client';
import { createLiveGraphReader } from '../../../electron/tenant/live-graph-reader-factory';
import { RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { createGraphSession, type GraphSignInOptions } from '../../../electron/tenant/graph-sign-in';
import { sealedTokenCache } from '../../../electron/tenant/sealed-token-cache';
import { graphScopes } from '../../../shared/tenant/graph-scopes';
import { startEntraStandIn, type EntraStandIn } from '../../helpers/entra-stand-in';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { graphFixture } from '../../helpers/graph-stand-in';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const tenant = 'contoso.onmicrosoft.com';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const domain = graphFixture('domain-get-response.json');

describe('sign-in end to end against a local HTTPS Entra and Graph stand-in', () => {
  const tempDir = useTempDirs('graph-sign-in');
  let standIn: EntraStandIn | null = null;
  afterEach(async () => {
    await standIn?.close();
    standIn = null;
  });

  async function setUp() {
    standIn = await startEntraStandIn({
      tenant,
      tenantId,
      username: 'admin@contoso.onmicrosoft.com',
      grantedScopes: graphScopes.map((scope) => scope.name),
      graphRoutes: { 'GET /v1.0/domains/M365x214355.onmicrosoft.com': { status: 200, body: domain } },
    });
    const cachePath = join(await tempDir(), 'graph-token-cache.bin');
    const opened: string[] = [];
    const pages: Promise<string>[] = [];
    const running = standIn;
    const options = (): GraphSignInOptions => ({
      tenant,
      // The browser the app "opens": the test follows the authorize URL as a browser would.
      openBrowser: (url) => {
        opened.push(url);
        pages.push(running.completeSignIn(url));
        return Promise.resolve();
      },
      cache: sealedTokenCache(cachePath, fakeEncryptor()),
      authorityHost: running.host,
      authorityMetadata: running.authorityMetadata,
      cloudDiscoveryMetadata: running.cloudDiscoveryMetadata,
      networkClient: running.networkClient,
    });
    return { standIn: running, cachePath, opened, pages, options };
  }

  it('signs in with PKCE on the loopback redirect, calls Graph with the token, and seals the cache', async () => {
    const { standIn: entra, cachePath, opened, pages, options } = await setUp();
    const session = createGraphSession(options());
    const reader = createGraphClient({
      accessToken: () => session.accessToken(),
      fetch: entra.fetch,
      baseUrl: entra.host,
    });

    const outcome = await reader.get('https://graph.microsoft.com/v1.0/domains/M365x214355.onmicrosoft.com');
    expect(outcome).toMatchObject({ kind: 'answer', status: 200, body: domain });

    // What the app opened: the tenant's authorize endpoint, code + S256 challenge, every scope, the loopback.
    expect(opened).toHaveLength(1);
    const authorize = new URL(opened[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${entra.host}/${tenant}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('14d82eec-204b-4c2f-b7e8-296a70dab67e');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    const asked = (authorize.searchParams.get('scope') ?? '').split(' ');
    for (const scope of graphScopes) expect(asked).toContain(`https://graph.microsoft.com/${scope.name}`);
    expect(asked.some((scope) => /ReadWrite|AccessAsUser/i.test(scope))).toBe(false);
    expect(await pages[0]).toContain('ExReady is signed in');

    // No discovery call: metadata came from the configuration; the verifier went to the token endpoint.
    expect(entra.seen.filter((line) => /discovery|well-known/.test(line))).toEqual([]);
    expect(entra.tokenRequests[0]?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    const state = await session.state();
    expect(state).toMatchObject({ signedIn: true, username: 'admin@contoso.onmicrosoft.com', tenantId });
    expect(state.signedIn && state.scopes).toEqual(
      expect.arrayContaining(['Policy.Read.All', 'Domain.Read.All']),
    );

    // At rest: sealed, neither token readable in the file.
    const sealed = await readFile(cachePath);
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.toString('latin1')).not.toMatch(/refresh-|eyJ|Bearer|admin@contoso/);
  });

  it('a new session reopens the sealed cache without a browser, and sign-out removes it', async () => {
    const { standIn: entra, cachePath, opened, options } = await setUp();
    const first = createGraphSession(options());
    await first.signIn();
    expect(opened).toHaveLength(1);

    const second = createGraphSession(options());
    const reader = createGraphClient({
      accessToken: () => second.accessToken(),
      fetch: entra.fetch,
      baseUrl: entra.host,
    });
    const outcome = await reader.get('https://graph.microsoft.com/v1.0/domains/M365x214355.onmicrosoft.com');
    expect(outcome).toMatchObject({ kind: 'answer', status: 200 });
    expect(opened).toHaveLength(1);
    expect(await second.state()).toMatchObject({ signedIn: true });

    await second.signOut();
    await expect(stat(cachePath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await second.state()).toEqual({ signedIn: false });
    expect(await createGraphSession(options()).state()).toEqual({ signedIn: false });
  });

  it('the CLI factory signs in, reads Graph and, with --record, writes the run masked at the end', async () => {
    const { standIn: entra, cachePath } = await setUp();
    const record = join(cachePath, '..', 'recorded.json');
    const pages: Promise<string>[] = [];
    const live = await createLiveGraphReader({
      tenant,
      record,
      now: () => new Date('2026-12-01T10:00:00Z'),
      openBrowser: (url) => {
        pages.push(entra.completeSignIn(url));
        return Promise.resolve();
      },
      stand: {
        authorityHost: entra.host,
        authorityMetadata: entra.authorityMetadata,
        cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
        networkClient: entra.networkClient,
        fetch: entra.fetch,
        graphBaseUrl: entra.host,
      },
    });
    const [outcome] = await live.batch([
      'https://graph.microsoft.com/v1.0/domains/M365x214355.onmicrosoft.com',
    ]);
    expect(outcome).toMatchObject({ kind: 'answer', status: 200 });
    await expect(stat(record)).rejects.toMatchObject({ code: 'ENOENT' });
    await live.finish();
    const text = await readFile(record, 'utf8');
    expect(text).not.toMatch(/eyJ|refresh-|Bearer/);
    expect(RecordedResponses.parse(JSON.parse(text))).toEqual({
      format: 'exready-recorded-responses/1',
      tenant,
      recordedAt: '2026-12-01T10:00:00.000Z',
      responses: [
        {
          method: 'GET',
          url: 'https://graph.microsoft.com/v1.0/domains/M365x214355.onmicrosoft.com',
          status: 200,
          body: domain,
        },
      ],
    });
  });

  it('the window’s channels: sign-in validated by zod, state after a restart from the sealed cache, sign-out', async () => {
    const { standIn: entra } = await setUp();
    const userData = await tempDir();
    const opened: string[] = [];
    const tenantConfig = {
      encryptor: fakeEncryptor(),
      openBrowser: (url: string) => {
        opened.push(url);
        void entra.completeSignIn(url);
        return Promise.resolve();
      },
      authority: {
        authorityHost: entra.host,
        authorityMetadata: entra.authorityMetadata,
        cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
        networkClient: entra.networkClient,
      },
    };
    const { router } = createTestRouter(userData, { tenant: tenantConfig });
    const refused = await router.invoke('tenant:sign-in', { tenant: 'contoso.onmicrosoft.com/../x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(refused.ok === false && refused.error.message).toContain('tenant');
    expect(opened).toEqual([]);

    expect(await router.invoke('tenant:sign-in-state', undefined)).toEqual({
      ok: true,
      value: { signedIn: false },
    });
    const signedIn = await router.invoke('tenant:sign-in', { tenant: 'Contoso.onmicrosoft.com' });
    expect(signedIn).toMatchObject({
      ok: true,
      value: { signedIn: true, username: 'admin@contoso.onmicrosoft.com' },
    });

    // A restart: a new router over the same folder reads the sign-in back from the sealed cache.
    const restarted = createTestRouter(userData, { tenant: tenantConfig }).router;
    expect(await restarted.invoke('tenant:sign-in-state', undefined)).toMatchObject({
      ok: true,
      value: { signedIn: true, tenantId, scopes: expect.arrayContaining(['AuditLog.Read.All']) as unknown },
    });
    expect(await restarted.invoke('tenant:sign-out', undefined)).toEqual({
      ok: true,
      value: { signedOut: true },
    });
    await expect(stat(join(userData, 'graph-token-cache.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await restarted.invoke('tenant:sign-in-state', undefined)).toEqual({
      ok: true,
      value: { signedIn: false },
    });
    expect(opened).toHaveLength(1);
  });

  it('device code only when asked: the message is shown, no browser opens, and the token reads Graph', async () => {
    const { standIn: entra, opened, options } = await setUp();
    const messages: string[] = [];
    const session = createGraphSession({
      ...options(),
      deviceCode: (message) => {
        messages.push(message);
        entra.approveDeviceCode(/enter the code (\S+) /.exec(message)?.[1] ?? '');
      },
    });
    const reader = createGraphClient({
      accessToken: () => session.accessToken(),
      fetch: entra.fetch,
      baseUrl: entra.host,
    });
    const outcome = await reader.get('https://graph.microsoft.com/v1.0/domains/M365x214355.onmicrosoft.com');
    expect(outcome).toMatchObject({ kind: 'answer', status: 200 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('https://microsoft.com/devicelogin');
    expect(opened).toEqual([]);
    expect(entra.seen).toContain(`POST /${tenant}/oauth2/v2.0/devicecode`);
  });

  it('refuses a tenant or client id that is not one, before any request', () => {
    expect(() =>
      createGraphSession({ tenant: 'contoso.com/../evil', openBrowser: () => Promise.resolve() }),
    ).toThrow(/tenant id \(GUID\) or a domain/);
    expect(() =>
      createGraphSession({ tenant, clientId: 'not-a-guid', openBrowser: () => Promise.resolve() }),
    ).toThrow(/client id/);
  });
});
