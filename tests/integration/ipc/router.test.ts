import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

describe('the IPC router over the real services', () => {
  const tempDir = useTempDirs('router');

  it('answers app:get-info with what main knows', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await expect(router.invoke('app:get-info', undefined)).resolves.toEqual({
      ok: true,
      value: {
        productName: 'ExReady',
        version: '9.9.9-test',
        platform: 'win32',
        logDirectory: join(dir, 'logs'),
        startupNotices: [],
      },
    });
  });

  it('stores added servers in inventory.json, normalised and without duplicates', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    await router.invoke('inventory:add-exchange-servers', {
      fqdns: ['EXCH01.contoso.com', 'exch02.contoso.com'],
    });
    const second = await router.invoke('inventory:add-exchange-servers', { fqdns: ['exch01.contoso.com.'] });
    expect(second).toMatchObject({ ok: true });
    const onDisk = JSON.parse(await readFile(join(dir, 'inventory.json'), 'utf8')) as {
      exchangeServers: { fqdn: string; addedAt: string }[];
    };
    expect(onDisk.exchangeServers).toEqual([
      { fqdn: 'exch01.contoso.com', addedAt: '2026-11-22T10:00:00.000Z', source: 'manual', version: null },
      { fqdn: 'exch02.contoso.com', addedAt: '2026-11-22T10:00:00.000Z', source: 'manual', version: null },
    ]);
    // A new router (the next app start) reads the same inventory back.
    const restarted = createTestRouter(dir).router;
    await expect(restarted.invoke('inventory:get', undefined)).resolves.toMatchObject({
      ok: true,
      value: { exchangeServers: [{ fqdn: 'exch01.contoso.com' }, { fqdn: 'exch02.contoso.com' }] },
    });
  });

  it('keeps every update when calls arrive together', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const names = Array.from({ length: 20 }, (_, i) => `exch${String(i).padStart(2, '0')}.contoso.com`);
    await Promise.all(
      names.map((fqdn) => router.invoke('inventory:add-exchange-servers', { fqdns: [fqdn] })),
    );
    const result = await router.invoke('inventory:get', undefined);
    expect(result.ok && (result.value as { exchangeServers: unknown[] }).exchangeServers).toHaveLength(20);
  });

  it('refuses an invalid request with the field that is wrong, and changes nothing', async () => {
    const dir = await tempDir();
    const { router, warnings } = createTestRouter(dir);
    const result = await router.invoke('inventory:add-exchange-servers', {
      fqdns: ['ok.contoso.com', 'bad name'],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [{ path: 'fqdns.1', message: expect.stringContaining('white space') }],
      },
    });
    expect(warnings).toContain('Rejected an invalid request');
    await expect(router.invoke('inventory:get', undefined)).resolves.toMatchObject({
      value: { exchangeServers: [] },
    });
  });

  it.each([
    ['an extra argument to a no-argument call', 'app:get-info', { path: '../../etc' }],
    ['a wrong type', 'inventory:remove-exchange-server', { fqdn: 42 }],
    ['a missing operation id', 'environment:probe-powershell', {}],
    ['an operation id that is not a UUID', 'operation:cancel', { operationId: 'x; rm -rf /' }],
  ])('refuses %s', async (_what, channel, request) => {
    const { router } = createTestRouter(await tempDir());
    await expect(router.invoke(channel, request)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('refuses a 10,000-deep request before validating it, naming where it got too deep', async () => {
    const { router, warnings } = createTestRouter(await tempDir());
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const result = await router.invoke('fixes:preview', {
      fixId: 'winrm.service.start-automatic',
      server: 'exch01.contoso.com',
      parameters: { nested: deep },
      lab: 'demo',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const issue = !result.ok ? result.error.issues?.[0] : undefined;
    expect(issue?.path).toMatch(/^parameters\.nested\.a\.a/);
    expect(issue?.message).toContain('deeper than 32');
    expect(warnings).toContain('Rejected an oversized request');
  });

  it('refuses a 10 MB string naming the field, and the answer quotes at most 200 characters', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const result = await router.invoke('inventory:remove-exchange-server', { fqdn: huge });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [{ path: 'fqdn', message: expect.stringContaining('at most 65536') }],
      },
    });
    expect(JSON.stringify(result).length).toBeLessThan(1000);
    // Under the cap the value reaches zod, whose message quotes at most 200 characters of it.
    const long = await router.invoke('inventory:remove-exchange-server', { fqdn: 'y'.repeat(60_000) });
    expect(JSON.stringify(long)).not.toContain('y'.repeat(201));
  });

  it('answers a fix parameter its fix refuses as invalid-request naming parameters.<field>', async () => {
    const { router } = createTestRouter(await tempDir());
    const result = await router.invoke('fixes:preview', {
      fixId: 'winrm.trustedhosts.add-server',
      server: 'exch01.contoso.com',
      parameters: { syncServer: 'localhost', hosts: ['exch01.contoso.com'] },
      lab: 'demo',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', issues: [{ path: 'parameters.syncServer' }] },
    });
  });

  it('refuses an unknown channel, including inherited object keys', async () => {
    const { router } = createTestRouter(await tempDir());
    for (const channel of ['shell:exec', 'constructor', '__proto__', 42]) {
      await expect(router.invoke(channel, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    }
  });

  it('reports a corrupt inventory file as a failure naming the file', async () => {
    const dir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'inventory.json'), 'not json');
    const { router } = createTestRouter(dir);
    const result = await router.invoke('inventory:get', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!result.ok && result.error.message).toContain(join(dir, 'inventory.json'));
  });

  it('imports a CSV of both roles, and refuses a file with a bad line without importing any of it', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const refused = await router.invoke('inventory:import-csv', {
      fileName: 'estate.csv',
      text: 'fqdn,role\nexch01.contoso.com,exchange\nexch02,exchange\n',
    });
    expect(refused).toEqual({
      ok: true,
      value: {
        ok: false,
        problems: ['estate.csv:3: "exch02" is not fully qualified (expected e.g. exch01.contoso.com)'],
      },
    });
    await expect(router.invoke('inventory:get', undefined)).resolves.toMatchObject({
      value: { exchangeServers: [] },
    });

    const imported = await router.invoke('inventory:import-csv', {
      fileName: 'estate.csv',
      text: 'fqdn,role\nexch01.contoso.com,exchange\nsync01.contoso.com,sync\n',
    });
    expect(imported).toMatchObject({
      ok: true,
      value: {
        ok: true,
        exchangeServers: 1,
        syncServers: 1,
        inventory: {
          exchangeServers: [{ fqdn: 'exch01.contoso.com', source: 'csv' }],
          syncServers: [{ fqdn: 'sync01.contoso.com', source: 'csv' }],
        },
      },
    });
  });

  it('keeps the service account only when it is DOMAIN\\name or name@domain', async () => {
    const { router } = createTestRouter(await tempDir());
    await expect(
      router.invoke('inventory:set-service-account', { account: 'svc sync' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request', issues: [{ path: 'account' }] },
    });
    await expect(
      router.invoke('inventory:set-service-account', { account: 'CONTOSO\\svc-monosync' }),
    ).resolves.toMatchObject({ ok: true, value: { serviceAccount: 'CONTOSO\\svc-monosync' } });
    await expect(
      router.invoke('inventory:set-service-account', { account: 'svc-monosync@contoso.com' }),
    ).resolves.toMatchObject({ ok: true, value: { serviceAccount: 'svc-monosync@contoso.com' } });
  });

  it('adds and removes sync servers apart from Exchange servers', async () => {
    const { router } = createTestRouter(await tempDir());
    await router.invoke('inventory:add-sync-servers', { fqdns: ['sync01.contoso.com'] });
    await router.invoke('inventory:add-exchange-servers', { fqdns: ['sync01.contoso.com'] });
    await expect(
      router.invoke('inventory:remove-sync-server', { fqdn: 'sync01.contoso.com' }),
    ).resolves.toMatchObject({
      value: { syncServers: [], exchangeServers: [{ fqdn: 'sync01.contoso.com' }] },
    });
  });
});
