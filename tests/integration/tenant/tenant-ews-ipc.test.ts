import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventSink } from '../../../electron/ipc/event-sink';
import { createIpcRouter, type InvokeHandlers } from '../../../electron/ipc/router';
import { runEwsProbe } from '../../../electron/tenant/ews/ews-probe';
import type { IpcResult } from '../../../shared/ipc/result';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import { TenantEwsCheckOutcome } from '../../../shared/tenant/ews/ews-window-contract';
import { ewsCheckIds } from '../../../shared/tenant/ews/ews-check-ids';
import { graphScopes } from '../../../shared/tenant/graph-scopes';
import { startEntraStandIn, type EntraStandIn } from '../../helpers/entra-stand-in';
import {
  ewsSuccessAnswer,
  fetchTrusting,
  startEwsStandin,
  tokenSuccessAnswer,
  type EwsStandin,
} from '../../helpers/ews-standin';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter, repoRoot } from '../../helpers/test-router';

// Issue 15, the window's channels: tenant:check-ews through the real router (demo ERP cases, the import of the
// snippet's output, the probe) and inventory:set-exchange-online-mail; the probe's secret in no log line.

const secret = 'Q~7yS8Q~typed-for-one-probe-only';

function value(answer: IpcResult): TenantEwsCheckOutcome {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return TenantEwsCheckOutcome.parse(answer.value);
}
const result = (outcome: TenantEwsCheckOutcome, id: string) =>
  outcome.results.find((entry) => entry.checkId === id);

// The CLI's fixture of Get-ExoEwsSettings.ps1's output (one-item lists as PowerShell 5.1 prints them), made the
// output for the demo case's app and mailbox.
const wrongClientId = '00000005-00e1-4000-8000-000000000009';
async function snippetOutput(appId = wrongClientId, mailbox = 'erp-mail@contoso.example'): Promise<string> {
  const text = await readFile(join(repoRoot, 'tests/fixtures/ews-rules/exo-settings-adatum.json'), 'utf8');
  return text
    .replaceAll('6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', appId)
    .replaceAll('erp@adatum.example', mailbox);
}

describe('tenant:check-ews through the router', () => {
  const tempDir = useTempDirs('tenant-ews-ipc');

  it('judges the first demo ERP case, simulated: the ten ews.* checks, the verdict in the shared words, the snippet', async () => {
    const { router } = createTestRouter(await tempDir());
    const ready = value(await router.invoke('tenant:check-ews', { source: 'lab', lab: 'demo' }));
    expect(ready).toMatchObject({
      tenant: 'contoso.onmicrosoft.com',
      simulated: true,
      case: 'contoso-erp-app-only-ready',
      flow: 'app-only',
      mailbox: 'erp-mail@contoso.example',
      evaluatedAt: '2026-12-01T10:00:00.000Z',
      exo: { state: 'read', source: 'simulated (demo tenant)' },
      probed: false,
      verdict: { integration: 'Exchange Online mail' },
    });
    expect(ready.results.map((entry) => entry.checkId).sort()).toEqual([...ewsCheckIds].sort());
    expect(ready.cases.map((entry) => entry.name)).toContain('fabrikam-erp-delegated-federated');
    // Not probed yet: unknown, and the remedy says how in the window (not the CLI's options).
    expect(result(ready, 'ews.probe')).toMatchObject({ status: 'unknown' });
    expect(result(ready, 'ews.probe')?.remedy).toMatch(/^Run the probe in the window/);
    // The snippet's parameters travel as one base64 JSON argument, never spliced into the command.
    const base64 = /-ParametersBase64 (\S+)$/.exec(ready.snippetCommand)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(base64, 'base64').toString('utf8'))).toEqual({
      appId: ready.clientId,
      mailbox: 'erp-mail@contoso.example',
    });
  });

  it('says where seed 002 federation and the ERP password grant meet, once, on the delegated case', async () => {
    const { router } = createTestRouter(await tempDir());
    const federated = value(
      await router.invoke('tenant:check-ews', {
        source: 'lab',
        lab: 'demo',
        case: 'fabrikam-erp-delegated-federated',
      }),
    );
    expect(federated.crossIntegration).toEqual([
      expect.stringMatching(/^Cross-integration: fabrikam\.example is federated to the IdP/),
    ]);
    expect(result(federated, 'ews.account.passwordflow')?.status).toBe('fail');
    expect(result(federated, 'ews.account.passwordflow')?.summary).toContain('Cross-integration:');
    // Only the ews.* checks are answered: the m365.* side is the Microsoft 365 section's.
    expect(federated.results.every((entry) => entry.checkId.startsWith('ews.'))).toBe(true);
  });

  it('unknown until imported: the snippet output re-judges ews.enabled and ews.mailbox.scope; bad output is named', async () => {
    const { router, warnings } = createTestRouter(await tempDir());
    const request = { source: 'lab', lab: 'demo', case: 'contoso-erp-wrong-client-id' } as const;
    const before = value(await router.invoke('tenant:check-ews', request));
    expect(before.exo).toMatchObject({
      state: 'unknown',
      cause: expect.stringMatching(/import its JSON output/),
    });
    expect(result(before, 'ews.enabled')).toMatchObject({
      status: 'unknown',
      evidence: { snippet: before.snippetCommand },
    });

    const imported = value(
      await router.invoke('tenant:check-ews', {
        ...request,
        exoSettings: { origin: 'exo.json', text: `\uFEFF${await snippetOutput()}` },
      }),
    );
    expect(imported.exo).toEqual({ state: 'read', source: 'imported from exo.json' });
    expect(result(imported, 'ews.enabled')?.status).toBe('pass');
    expect(result(imported, 'ews.mailbox.scope')?.status).not.toBe('unknown');

    const refusal = async (text: string) => {
      const answer = await router.invoke('tenant:check-ews', {
        ...request,
        exoSettings: { origin: 'exo.json', text },
      });
      expect(answer.ok === false && answer.error.code).toBe('invalid-request');
      const issue = answer.ok ? undefined : answer.error.issues?.[0];
      expect(issue?.path).toBe('exoSettings.text');
      return issue?.message ?? '';
    };
    // A syntax error by line and column; a schema error by its JSON field; output of another app by appId.
    expect(await refusal('{\n  "format": "exready-exo-settings/1",\n  "readAt": \n}')).toMatch(
      /^exo\.json:4:1: is not valid JSON/,
    );
    const wrongField = (await snippetOutput()).replace('"EwsEnabled": true', '"EwsEnabled": "yes"');
    expect(await refusal(wrongField)).toMatch(/^exo\.json: \$\.organization\.EwsEnabled: /);
    expect(await refusal(await snippetOutput('6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'))).toMatch(
      /^exo\.json: appId: the output is for app 6f1b2c3d-.*not the ERP app 00000005-00e1/,
    );
    expect(await refusal(await snippetOutput(wrongClientId, 'finance@contoso.example'))).toMatch(
      /mailbox: the output is for finance@contoso\.example, not the test mailbox/,
    );
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('the demo probe is replayed from the case; the typed secret is in no answer and no log line', async () => {
    const { router, warnings } = createTestRouter(await tempDir());
    const probed = await router.invoke('tenant:check-ews', {
      source: 'lab',
      lab: 'demo',
      case: 'contoso-erp-app-only-loose',
      probe: { secret },
    });
    const outcome = value(probed);
    expect(outcome.probed).toBe(true);
    expect(outcome.simulated).toBe(true);
    // This case's probe is the recorded token answer (AADSTS7000215), replayed as the CLI's --lab demo replays it.
    expect(result(outcome, 'ews.probe')).toMatchObject({
      status: 'fail',
      evidence: { code: '7000215', replayed: expect.any(String) as unknown },
    });
    expect(JSON.stringify(probed)).not.toContain(secret);

    const noOutcome = await router.invoke('tenant:check-ews', {
      source: 'lab',
      lab: 'demo',
      case: 'wingtip-erp-unreadable',
      probe: { secret },
    });
    expect(noOutcome.ok === false && noOutcome.error.message).toMatch(/carries no simulated probe outcome/);
    const empty = await router.invoke('tenant:check-ews', {
      source: 'lab',
      lab: 'demo',
      probe: { secret: '' },
    });
    expect(empty.ok === false && empty.error.issues?.map((issue) => issue.path)).toEqual(['probe.secret']);
    const wrongType = await router.invoke('tenant:check-ews', {
      source: 'lab',
      lab: 'nowhere',
      probe: { secret },
    });
    expect(wrongType.ok === false && wrongType.error.code).toBe('invalid-request');
    expect(warnings.join('\n')).not.toContain(secret);
    expect(JSON.stringify([noOutcome, empty, wrongType])).not.toContain(secret);
  });

  it('refuses bad requests as invalid-request naming the field', async () => {
    const { router } = createTestRouter(await tempDir());
    const paths = async (request: unknown) => {
      const answer = await router.invoke('tenant:check-ews', request);
      return answer.ok ? [] : (answer.error.issues ?? []).map((issue) => issue.path);
    };
    expect(await paths({ source: 'lab', lab: 'demo', case: '../x' })).toContain('case');
    expect(
      await paths({ source: 'lab', lab: 'demo', exoSettings: { origin: 'a.json', text: '' } }),
    ).toContain('exoSettings.text');
    expect(
      await paths({
        source: 'live',
        exchangeOnlineMail: { clientId: 'erp', flow: 'delegated', mailbox: 'not-an-address' },
      }),
    ).toEqual(expect.arrayContaining(['exchangeOnlineMail.clientId', 'exchangeOnlineMail.mailbox']));
    expect(await paths({ source: 'lab', lab: 'demo', probe: { secret: 42 } })).toContain('probe.secret');
  });
});

describe('the router keeps secret fields out of what it logs and answers', () => {
  it('redacts the probe secret from a handler error, the failed answer and the log line', async () => {
    const lines: string[] = [];
    const handlers = {
      'tenant:check-ews': (request: { probe: { secret: string } | null }) =>
        Promise.reject(new Error(`Entra echoed the form back: client_secret=${request.probe?.secret ?? ''}`)),
    } as unknown as InvokeHandlers;
    const router = createIpcRouter({
      handlers,
      events: createEventSink(() => undefined),
      logger: {
        warn: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
        error: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
      },
    });
    const answer = await router.invoke('tenant:check-ews', { source: 'lab', lab: 'demo', probe: { secret } });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'failed', message: 'Entra echoed the form back: client_secret=[secret]' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('client_secret=[secret]');
    expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('tenant:check-ews live: the signed-in tenant read through Graph, the probe against stand-ins', () => {
  const tempDir = useTempDirs('tenant-ews-live');
  let entra: EntraStandIn | null = null;
  let ews: EwsStandin;
  let certDir = '';
  beforeAll(async () => {
    certDir = await mkdtemp(join(tmpdir(), 'exready-ews-ipc-'));
    ews = await startEwsStandin(certDir);
  });
  afterAll(async () => {
    await ews.close();
    await rm(certDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await entra?.close();
    entra = null;
  });

  it('says what is missing, then judges the inventory ERP and runs the probe with the typed secret only', async () => {
    entra = await startEntraStandIn({
      tenant: 'contoso.onmicrosoft.com',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      username: 'admin@contoso.onmicrosoft.com',
      grantedScopes: graphScopes.map((scope) => scope.name),
      graphRoutes: {},
    });
    const standIn = entra;
    ews.onToken(() =>
      tokenSuccessAnswer({ aud: 'https://outlook.office365.com', roles: ['full_access_as_app'] }),
    );
    ews.onEws(() => ewsSuccessAnswer());
    const { router, warnings } = createTestRouter(await tempDir(), {
      tenant: {
        encryptor: fakeEncryptor(),
        openBrowser: (url) => {
          void standIn.completeSignIn(url);
          return Promise.resolve();
        },
        authority: {
          authorityHost: standIn.host,
          authorityMetadata: standIn.authorityMetadata,
          cloudDiscoveryMetadata: standIn.cloudDiscoveryMetadata,
          networkClient: standIn.networkClient,
        },
        graph: { fetch: standIn.fetch, baseUrl: standIn.host },
        runProbe: (options) =>
          runEwsProbe({
            ...options,
            loginBaseUrl: ews.loginBaseUrl,
            ewsUrl: ews.ewsUrl,
            fetch: fetchTrusting(ews.ca),
          }),
      },
    });
    const noErp = await router.invoke('tenant:check-ews', { source: 'live' });
    expect(noErp.ok === false && noErp.error.message).toMatch(
      /^exchangeOnlineMail: the inventory names no ERP/,
    );

    const saved = await router.invoke('inventory:set-exchange-online-mail', {
      exchangeOnlineMail: {
        clientId: '3F1B6C2E-8D4A-4E7B-9C1D-5A6B7C8D9E0F',
        flow: 'app-only',
        mailbox: 'ERP@contoso.com',
      },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        exchangeOnlineMail: {
          clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
          flow: 'app-only',
          mailbox: 'erp@contoso.com',
          account: null,
        },
      },
    });
    const noTenant = await router.invoke('tenant:check-ews', { source: 'live' });
    expect(noTenant.ok === false && noTenant.error.message).toMatch(
      /^microsoft365: the inventory names no tenant/,
    );
    await router.invoke('inventory:set-microsoft365', {
      microsoft365: {
        tenant: 'contoso.onmicrosoft.com',
        provisioningAppId: '5b1f0c4e-0000-4000-8000-00000000a001',
        federatedDomains: [],
        idpSignInHost: null,
      },
    });
    const notSignedIn = await router.invoke('tenant:check-ews', { source: 'live' });
    expect(notSignedIn.ok === false && notSignedIn.error.message).toMatch(/not signed in/);
    expect(await router.invoke('tenant:sign-in', { tenant: 'contoso.onmicrosoft.com' })).toMatchObject({
      ok: true,
    });

    const live = value(await router.invoke('tenant:check-ews', { source: 'live', probe: { secret } }));
    expect(live).toMatchObject({
      tenant: 'contoso.onmicrosoft.com',
      simulated: false,
      case: null,
      probed: true,
    });
    // The stand-in knows no such app: ews.app fails as read; the probe reached the inbox with the typed secret.
    expect(result(live, 'ews.app')?.status).toBe('fail');
    expect(result(live, 'ews.probe')?.status).toBe('pass');
    expect(standIn.seen).toContain("GET /v1.0/applications(appId='3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f')");
    const form = new URLSearchParams(ews.tokenRequests.at(-1)?.body);
    expect(form.get('client_secret')).toBe(secret);
    expect(form.get('client_id')).toBe('3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f');
    expect(JSON.stringify(live)).not.toContain(secret);
    expect(warnings.join('\n')).not.toContain(secret);
  });
});

describe('tenant:check-ews live, cancelled mid-probe', () => {
  const tempDir = useTempDirs('tenant-ews-cancel');
  let entra: EntraStandIn | null = null;
  afterEach(async () => {
    await entra?.close();
    entra = null;
  });

  it('Cancel stops a probe whose request is held: the router answers cancelled, the probe ended unknown, never pass', async () => {
    entra = await startEntraStandIn({
      tenant: 'contoso.onmicrosoft.com',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      username: 'admin@contoso.onmicrosoft.com',
      grantedScopes: graphScopes.map((scope) => scope.name),
      graphRoutes: {},
    });
    const standIn = entra;
    let asked: (() => void) | null = null;
    const inFlight = new Promise<void>((resolve) => (asked = resolve));
    const outcomes: EwsProbeOutcome[] = [];
    const { router, warnings } = createTestRouter(await tempDir(), {
      tenant: {
        encryptor: fakeEncryptor(),
        openBrowser: (url) => {
          void standIn.completeSignIn(url);
          return Promise.resolve();
        },
        authority: {
          authorityHost: standIn.host,
          authorityMetadata: standIn.authorityMetadata,
          cloudDiscoveryMetadata: standIn.cloudDiscoveryMetadata,
          networkClient: standIn.networkClient,
        },
        graph: { fetch: standIn.fetch, baseUrl: standIn.host },
        runProbe: async (options) => {
          const outcome = await runEwsProbe({
            ...options,
            // The token endpoint holds its answer until the request's signal aborts, as fetch does.
            fetch: (_url, init) =>
              new Promise<Response>((_resolve, reject) => {
                const signal = init?.signal;
                signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
                asked?.();
              }),
          });
          outcomes.push(outcome);
          return outcome;
        },
      },
    });
    await router.invoke('inventory:set-exchange-online-mail', {
      exchangeOnlineMail: {
        clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
        flow: 'app-only',
        mailbox: 'erp@contoso.com',
      },
    });
    await router.invoke('inventory:set-microsoft365', {
      microsoft365: {
        tenant: 'contoso.onmicrosoft.com',
        provisioningAppId: '5b1f0c4e-0000-4000-8000-00000000a001',
        federatedDomains: [],
        idpSignInHost: null,
      },
    });
    expect(await router.invoke('tenant:sign-in', { tenant: 'contoso.onmicrosoft.com' })).toMatchObject({
      ok: true,
    });
    const operationId = crypto.randomUUID();
    const running = router.invoke('tenant:check-ews', { source: 'live', probe: { secret }, operationId });
    await inFlight;
    expect(await router.invoke('operation:cancel', { operationId })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.result).toMatchObject({ checkId: 'ews.probe', status: 'unknown' });
    expect(outcomes[0]?.result.summary).toMatch(/cancelled by the operator/);
    expect(warnings.join('\n')).not.toContain(secret);
    // The id is free again: the next probe may reuse nothing, but a second cancel finds nothing to stop.
    expect(await router.invoke('operation:cancel', { operationId })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });
});

describe('inventory:set-exchange-online-mail', () => {
  const tempDir = useTempDirs('tenant-ews-inventory');

  it('keeps the ERP in inventory.json, refuses bad fields by name, and removes it with null', async () => {
    const dir = await tempDir();
    const { router } = createTestRouter(dir);
    const refused = await router.invoke('inventory:set-exchange-online-mail', {
      exchangeOnlineMail: { clientId: 'not-a-guid', flow: 'delegated', mailbox: 'erp@contoso.com' },
    });
    expect(refused.ok === false && refused.error.issues?.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['exchangeOnlineMail.clientId']),
    );
    const noAccount = await router.invoke('inventory:set-exchange-online-mail', {
      exchangeOnlineMail: {
        clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
        flow: 'delegated',
        mailbox: 'erp@contoso.com',
      },
    });
    expect(noAccount.ok === false && noAccount.error.issues).toEqual([
      {
        path: 'exchangeOnlineMail.account',
        message: 'the delegated flow signs in as an account: give its user principal name',
      },
    ]);
    const section = {
      clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
      flow: 'delegated',
      mailbox: 'erp@contoso.com',
      account: 'erp@contoso.com',
    };
    expect(
      await router.invoke('inventory:set-exchange-online-mail', { exchangeOnlineMail: section }),
    ).toMatchObject({
      ok: true,
    });
    const file = JSON.parse(await readFile(join(dir, 'inventory.json'), 'utf8')) as Record<string, unknown>;
    expect(file.exchangeOnlineMail).toEqual(section);
    await router.invoke('inventory:set-exchange-online-mail', { exchangeOnlineMail: null });
    const removed = JSON.parse(await readFile(join(dir, 'inventory.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(removed, 'exchangeOnlineMail')).toBe(false);
  });
});
