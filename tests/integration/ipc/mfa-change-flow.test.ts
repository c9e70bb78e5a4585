import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretStore, storedRunKeySource } from '../../../electron/secrets/secret-store';
import { processRunKey } from '../../../electron/webconfig/run-webconfig-protection';
import { RunHistory } from '../../../electron/storage/run-history';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { demoRun } from '../../helpers/demo-run';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { fakeHost } from '../../helpers/fake-host';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';
import type { WebProbeOptions, WebProbeResult } from '../../../electron/prove/web-probe';

const encryptor = fakeEncryptor();

function errorFeProbe(server: string): WebProbeResult {
  const url = `https://${server}/owa/`;
  return {
    server,
    at: '2026-11-22T10:00:05.000Z',
    simulated: false,
    status: 'fail',
    apps: [
      {
        app: 'owa',
        url,
        probeClass: 'error-fe-500',
        status: 'fail',
        meaning: 'errorFE',
        remedy: 'roll back',
        predictedBy: [],
        hops: [{ url, httpStatus: 302, location: `https://${server}/owa/auth/errorFE.aspx?httpCode=500` }],
        error: null,
        durationMs: 3,
      },
    ],
    health: [],
  };
}
const apiSecret = 'Sx9-live-api-secret-7781';

async function setUp(dir: string, simulated: boolean) {
  const run = await demoRun();
  // The demo facts stand for a real collection here: only a real run's servers can be changed.
  if (!simulated) delete run.savedFacts.simulated;
  const secrets = await openSecretStore(dir, encryptor);
  // Saved as the window saves it: sealed under the install key the store keeps.
  await new RunHistory(dir, storedRunKeySource(secrets, processRunKey)).save(run);
  const writes = fakeHost((parameters) => {
    // The script reads the planned bytes from the file the command names.
    const content = readFileSync(String(parameters.contentPath));
    const after = createHash('sha256').update(content).digest('hex').toUpperCase();
    return JSON.stringify({
      exreadyResult: 1,
      status: 'written',
      before: parameters.expectedSha256,
      after,
      backup: `C:\\owa\\${String(parameters.backupName)}`,
      error: null,
    });
  });
  // The OWA probe after the write meets a stand-in answer: tests never reach a real server.
  const probes: WebProbeOptions[] = [];
  const probeWeb = (options: WebProbeOptions) => {
    probes.push(options);
    return Promise.resolve(errorFeProbe(options.server));
  };
  const { router } = createTestRouter(dir, {
    mfa: { secrets, host: () => Promise.resolve(writes.host), probeWeb },
  });
  return { router, runId: run.runId, writes, probes };
}

describe('the MFA web.config change flow through the router', () => {
  const tempDir = useTempDirs('mfa-flow');
  const settings = [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
    { key: 'MONOSIGN_DEBUG_MODE', value: 'false' },
  ];

  it('plans from stored secrets, shows only a masked preview, applies with an audit entry', async () => {
    const dir = await tempDir();
    const { router, runId, writes, probes } = await setUp(dir, false);
    await router.invoke('secrets:set', { name: 'MONOSIGN_API_KEY', value: 'key-5521-live' });
    await expect(
      router.invoke('secrets:set', { name: 'MONOSIGN_API_SECRET', value: apiSecret }),
    ).resolves.toEqual({
      ok: true,
      value: { names: ['MONOSIGN_API_KEY', 'MONOSIGN_API_SECRET'] },
    });
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain(apiSecret);

    const planned = await router.invoke('mfa:plan', {
      runId,
      server: 'exch03.contoso.com',
      app: 'owa',
      settings,
    });
    expect(planned.ok).toBe(true);
    const preview = planned.ok
      ? (planned.value as { planId: string; diff: string; beforeSha256: string })
      : null;
    expect(preview?.diff).toContain('MONOSIGN_API_URL');
    expect(JSON.stringify(planned)).not.toContain(apiSecret);

    const applied = await router.invoke('mfa:apply', {
      planId: preview?.planId,
      confirmed: true,
      beforeSha256: preview?.beforeSha256,
    });
    expect(applied).toMatchObject({ ok: true, value: { outcome: 'succeeded', auditId: 1 } });
    expect(writes.calls).toHaveLength(1);
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('webconfig.mfa.owa.apply');
    expect(audit).not.toContain(apiSecret);
    // Then OWA is probed as a browser meets it, expecting the identity provider, and the proof is audited.
    expect(probes).toEqual([
      { server: 'exch03.contoso.com', apps: ['owa'], idpHosts: ['mfa.contoso.com'], expectModule: true },
    ]);
    expect(applied).toMatchObject({
      value: {
        webProof: {
          auditId: 2,
          error: null,
          result: { status: 'fail', apps: [{ probeClass: 'error-fe-500' }] },
        },
      },
    });
    expect(audit).toMatch(/"action":"prove\.web".*"trigger":"after web\.config apply \(audit entry 1\)"/);
    expect(audit).not.toContain(apiSecret);
    // A plan is used once: applying it again asks for a new plan.
    await expect(
      router.invoke('mfa:apply', {
        planId: preview?.planId,
        confirmed: true,
        beforeSha256: preview?.beforeSha256,
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { message: 'This plan is no longer known: plan the change again.' },
    });
  });

  it('refuses to plan before the secrets are stored', async () => {
    const real = await setUp(await tempDir(), false);
    await expect(
      real.router.invoke('mfa:plan', {
        runId: real.runId,
        server: 'exch03.contoso.com',
        app: 'owa',
        settings,
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Store MONOSIGN_API_KEY') },
    });
  });

  it('on the demo estate: plans with its made-up secrets, applies to the lab only, re-checks, rolls back', async () => {
    const dir = await tempDir();
    const demo = await setUp(dir, true);
    const status = async (checkId: string) => {
      const runs = await new RunHistory(dir).list();
      const newest = await new RunHistory(dir).open(runs[0]?.runId ?? '');
      const server = newest.results.find((entry) => entry.fqdn === 'exch04.contoso.com');
      return { runId: newest.runId, status: server?.results.find((r) => r.checkId === checkId)?.status };
    };
    const plan = (app: string, debugMode: string) =>
      demo.router.invoke('mfa:plan', {
        runId: demo.runId,
        server: 'exch04.contoso.com',
        app,
        settings: [
          { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/monosign-api/' },
          { key: 'MONOSIGN_DEBUG_MODE', value: debugMode },
        ],
      });
    // exch04's owa web.config has the API key twice: the planner refuses to guess which one stays.
    await expect(plan('owa', 'false')).resolves.toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('MONOSIGN_API_KEY is added 2 times') },
    });
    // Its ecp web.config has MONOSIGN_DEBUG_MODE "yes", which is not a boolean.
    expect((await status('mfa.ecp.appsettings')).status).toBe('fail');
    const planned = await plan('ecp', 'false');
    expect(planned).toMatchObject({ ok: true, value: { simulated: true, unchanged: false } });
    const preview = planned.ok
      ? (planned.value as { planId: string; diff: string; beforeSha256: string })
      : null;
    expect(preview?.diff).toContain('MONOSIGN_DEBUG_MODE');
    expect(JSON.stringify(planned)).not.toContain('demo-app-secret-b84e60d5');

    const applied = await demo.router.invoke('mfa:apply', {
      planId: preview?.planId,
      confirmed: true,
      beforeSha256: preview?.beforeSha256,
    });
    expect(applied).toMatchObject({ ok: true, value: { outcome: 'succeeded', recheckError: null } });
    // The lab took the change: the real host was never called.
    expect(demo.writes.calls).toHaveLength(0);
    // ECP then answers with the identity provider, simulated; no live probe ran.
    expect(applied).toMatchObject({
      value: {
        webProof: { result: { simulated: true, apps: [{ app: 'ecp', probeClass: 'idp-redirect' }] } },
      },
    });
    expect(demo.probes).toEqual([]);
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"simulated":true');
    expect(audit).not.toContain('demo-app-secret-b84e60d5');
    const after = await status('mfa.ecp.appsettings');
    expect(after.status).toBe('pass');
    // IIS loads the change once the pool recycles: in the lab too, audited as simulated, never on a server.
    await expect(
      demo.router.invoke('mfa:recycle', {
        server: 'exch04.contoso.com',
        app: 'ecp',
        confirmed: true,
        lab: 'demo',
      }),
    ).resolves.toMatchObject({
      ok: true,
      value: {
        health: 'healthy',
        outcome: 'succeeded',
        appPool: 'MSExchangeECPAppPool',
        lastStatusCode: 200,
      },
    });
    await expect(
      demo.router.invoke('mfa:recycle', {
        server: 'exch05.contoso.com',
        app: 'ecp',
        confirmed: true,
        lab: 'demo',
      }),
    ).resolves.toMatchObject({
      ok: true,
      value: { health: 'refused', error: 'The lab cannot reach exch05.contoso.com.' },
    });
    expect(demo.writes.calls).toHaveLength(0);
    const recycles = (await readFile(join(dir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; simulated: boolean })
      .filter((entry) => entry.action === 'iis.apppool.ecp.recycle');
    expect(recycles).toHaveLength(2);
    expect(recycles.every((entry) => entry.simulated)).toBe(true);

    const backups = await demo.router.invoke('mfa:backups', {
      runId: after.runId,
      server: 'exch04.contoso.com',
      app: 'ecp',
    });
    const names = backups.ok ? (backups.value as string[]) : [];
    expect(names[0]).toMatch(/^web\.config\.exready-20261122-100000\.bak$/);
    // The demo's own older backup is a name only: restoring it is refused, nothing changes.
    await expect(
      demo.router.invoke('mfa:rollback', {
        runId: after.runId,
        server: 'exch04.contoso.com',
        app: 'ecp',
        backup: 'web.config.exready-20250214-093000.bak',
        confirmed: true,
      }),
    ).resolves.toMatchObject({
      ok: true,
      value: { outcome: 'refused', error: expect.stringContaining('by name only') },
    });
    const rolledBack = await demo.router.invoke('mfa:rollback', {
      runId: after.runId,
      server: 'exch04.contoso.com',
      app: 'ecp',
      backup: names[0],
      confirmed: true,
    });
    expect(rolledBack).toMatchObject({
      ok: true,
      value: { outcome: 'succeeded', after: preview?.beforeSha256 },
    });
    // The old settings are back, and so is the module's documented failure page.
    expect(rolledBack).toMatchObject({
      value: { webProof: { result: { simulated: true, apps: [{ probeClass: 'error-fe-500' }] } } },
    });
    expect((await status('mfa.ecp.appsettings')).status).toBe('fail');
  });

  it("plans the profile's admin-named extra key from the window, and names a bad key name", async () => {
    const demo = await setUp(await tempDir(), true);
    const plan = (extra: { key: string; value: string }) =>
      demo.router.invoke('mfa:plan', {
        runId: demo.runId,
        server: 'exch03.contoso.com',
        app: 'owa',
        settings: [{ key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/monosign-api/' }],
        extra,
      });
    const planned = await plan({ key: 'MONOSIGN_USER_SOURCE', value: 'contoso-ad' });
    expect(planned).toMatchObject({ ok: true, value: { unchanged: false } });
    expect(planned.ok ? (planned.value as { diff: string }).diff : '').toContain(
      '+    <add key="MONOSIGN_USER_SOURCE" value="contoso-ad" />',
    );
    await expect(plan({ key: 'user source', value: 'contoso-ad' })).resolves.toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining("extra key name 'user source' must be printable without spaces"),
      },
    });
  });

  it('never applies without the confirmation of the file that was previewed', async () => {
    const { router } = await setUp(await tempDir(), false);
    await expect(
      router.invoke('mfa:apply', {
        planId: '00000000-0000-4000-8000-000000000009',
        confirmed: false,
        beforeSha256: 'a'.repeat(64),
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('deploys the module files the admin picked into the app bin, audited; a cancelled pick changes nothing', async () => {
    const dir = await tempDir();
    const run = await demoRun();
    delete run.savedFacts.simulated;
    await new RunHistory(dir).save(run);
    const deploys = fakeHost((parameters) =>
      JSON.stringify({
        exreadyResult: 1,
        status: 'deployed',
        binPath: parameters.binPath,
        createdBin: true,
        files: [
          { name: 'MonoSign.IISModule.dll', sha256: 'AB'.repeat(32), fileVersion: '2.4.1.0', backup: null },
        ],
        error: null,
      }),
    );
    let picked: string | null = 'C:\\packages\\monosign-2.4.1.zip';
    const { router } = createTestRouter(dir, {
      mfa: { host: () => Promise.resolve(deploys.host), chooseModuleSource: () => Promise.resolve(picked) },
    });
    const request = { runId: run.runId, server: 'exch03.contoso.com', app: 'owa', confirmed: true };
    await expect(router.invoke('mfa:deploy-module', request)).resolves.toMatchObject({
      ok: true,
      value: {
        deployed: true,
        outcome: 'succeeded',
        files: [{ name: 'MonoSign.IISModule.dll', fileVersion: '2.4.1.0' }],
      },
    });
    expect(deploys.calls[0]?.parameters).toMatchObject({ sourcePath: picked, server: 'exch03.contoso.com' });
    expect(await readFile(join(dir, 'audit.jsonl'), 'utf8')).toContain('"action":"mfa.owa.bin.deploy"');

    picked = null;
    await expect(router.invoke('mfa:deploy-module', request)).resolves.toMatchObject({
      ok: true,
      value: { deployed: false, outcome: null },
    });
    expect(deploys.calls).toHaveLength(1);
  });

  it("sends the profile's expected signer with the deploy, acceptance false unless asked, and returns the script's refusal", async () => {
    const dir = await tempDir();
    const run = await demoRun();
    delete run.savedFacts.simulated;
    await new RunHistory(dir).save(run);
    const refusal =
      'Refused before any copy, the module files are not signed by the vendor: MonoSign.IISModule.dll: not signed';
    const deploys = fakeHost((parameters) =>
      JSON.stringify({
        exreadyResult: 1,
        status: 'failed',
        binPath: parameters.binPath,
        createdBin: false,
        files: [],
        signature: null,
        error: refusal,
      }),
    );
    const { router } = createTestRouter(dir, {
      mfa: {
        host: () => Promise.resolve(deploys.host),
        chooseModuleSource: () => Promise.resolve('C:\\packages\\monosign.zip'),
      },
    });
    const request = { runId: run.runId, server: 'exch03.contoso.com', app: 'owa', confirmed: true };
    await expect(router.invoke('mfa:deploy-module', request)).resolves.toMatchObject({
      ok: true,
      value: { deployed: false, outcome: 'failed', error: refusal, files: [] },
    });
    expect(deploys.calls[0]?.parameters).toMatchObject({
      expectedSigner: monosignProfile.module.signer,
      acceptUnverifiedSignature: false,
    });
    expect(monosignProfile.module.signer).toMatch(/^CN=Monofor/);
    await router.invoke('mfa:deploy-module', { ...request, acceptUnverifiedSignature: true });
    expect(deploys.calls[1]?.parameters).toMatchObject({ acceptUnverifiedSignature: true });
    await expect(
      router.invoke('mfa:deploy-module', { ...request, acceptUnverifiedSignature: 'yes' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(deploys.calls).toHaveLength(2);
  });
});
