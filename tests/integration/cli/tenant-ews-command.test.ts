import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTenantCommand, type TenantCommandDeps } from '../../../electron/cli/commands/tenant-command';
import { runCli } from '../../../electron/cli/run-cli';
import { readRecordedResponses } from '../../../electron/tenant/recorded-responses-file';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import type { EwsProbeOptions } from '../../../electron/tenant/ews/ews-probe-options';
import { ewsCheckIds } from '../../../shared/tenant/ews/ews-check-ids';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/ews-rules/${name}`, import.meta.url));
const tempDir = useTempDirs('tenant-ews-command');
const erp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

async function copied(name: string): Promise<string> {
  const path = join(await tempDir(), name);
  await copyFile(fixture(name), path);
  return path;
}

async function exready(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    () => new Date(),
    {
      env: {},
      prompt: null,
    },
  );
  return { code, stdout, stderr };
}

interface Doc {
  cases: {
    case: string | null;
    verdicts: { integration: string; text: string }[];
    results: { checkId: string; status: string; summary: string; evidence: Record<string, unknown> }[];
  }[];
  estate: string[];
}

const ewsArgs = [
  '--ews',
  '--ews-app-id',
  erp,
  '--ews-flow',
  'app-only',
  '--ews-mailbox',
  'erp@adatum.example',
];

describe('exready tenant check --recorded FILE --ews', () => {
  it('judges the ten ews.* checks from a hand-written file, one unknown naming the request it lacks', async () => {
    const file = await copied('hand-written-erp-tenant.json');
    const { code, stdout } = await exready('tenant', 'check', '--recorded', file, ...ewsArgs, '--json');
    const document = JSON.parse(stdout) as Doc;
    const [only] = document.cases;
    expect(only?.results.map((result) => result.checkId)).toEqual([...ewsCheckIds]);
    const status = Object.fromEntries((only?.results ?? []).map((result) => [result.checkId, result.status]));
    expect(status).toMatchObject({
      'ews.app': 'pass',
      'ews.app.permission': 'pass',
      'ews.app.consent': 'unknown',
      'ews.app.publicclient': 'pass',
      'ews.app.secret': 'pass',
      'ews.account.passwordflow': 'n/a',
      'ews.mailbox.scope': 'unknown',
      'ews.enabled': 'unknown',
      'ews.retirement': 'warn',
      'ews.probe': 'unknown',
    });
    const consent = only?.results.find((result) => result.checkId === 'ews.app.consent');
    expect(consent?.summary).toContain(
      `GET https://graph.microsoft.com/v1.0/oauth2PermissionGrants?$filter=${encodeURIComponent("clientId eq '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'")}`,
    );
    const enabled = only?.results.find((result) => result.checkId === 'ews.enabled');
    expect(enabled?.summary).toContain('Graph cannot read the Exchange Online settings');
    // The snippet's command line for this app and mailbox, parameters as one base64 JSON argument.
    const snippet = String(enabled?.evidence.snippet);
    expect(snippet).toContain('resources/powershell/exo/Get-ExoEwsSettings.ps1 -ParametersBase64 ');
    const encoded = snippet.split(' ').at(-1) ?? '';
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual({
      appId: erp,
      mailbox: 'erp@adatum.example',
    });
    const probe = only?.results.find((result) => result.checkId === 'ews.probe');
    expect(probe?.summary).toBe("Not run: the probe needs the ERP's secret.");
    expect(only?.verdicts.map((verdict) => verdict.integration)).toEqual(['Exchange Online mail']);
    expect(document.estate[0]).toMatch(/^Exchange Online mail: 0 of 1 ready, 1 not ready$/);
    // Unknown counts as blocking (not read), as for every integration; nothing failed, so exit 0.
    expect(code).toBe(0);
  });

  it('imports --exo-settings: the Exchange Online checks are judged, one-item lists as PowerShell 5.1 prints them', async () => {
    const file = await copied('hand-written-erp-tenant.json');
    const settings = await copied('exo-settings-adatum.json');
    const { stdout } = await exready(
      'tenant',
      'check',
      '--recorded',
      file,
      ...ewsArgs,
      '--exo-settings',
      settings,
      '--json',
    );
    const results = (JSON.parse(stdout) as Doc).cases[0]?.results ?? [];
    const byId = (id: string) => results.find((result) => result.checkId === id);
    expect(byId('ews.enabled')?.status).toBe('pass');
    expect(byId('ews.mailbox.scope')?.status).toBe('pass');
    expect(byId('ews.mailbox.scope')?.evidence.source).toBe(`imported from ${settings}`);
  });

  it('refuses a settings file with the JSON path of the bad field', async () => {
    const file = await copied('hand-written-erp-tenant.json');
    const settings = await copied('exo-settings-adatum.json');
    const bad = JSON.parse(await readFile(settings, 'utf8')) as { organization: Record<string, unknown> };
    bad.organization.EwsEnabled = 'yes';
    await writeFile(settings, JSON.stringify(bad), 'utf8');
    const { code, stderr } = await exready(
      'tenant',
      'check',
      '--recorded',
      file,
      ...ewsArgs,
      '--exo-settings',
      settings,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`${settings}: $.organization.EwsEnabled:`);
  });

  it('prints the text checklist with the Exchange Online mail verdict and the estate summary', async () => {
    const file = await copied('hand-written-erp-tenant.json');
    const { stdout } = await exready('tenant', 'check', '--recorded', file, ...ewsArgs);
    expect(stdout).toContain("ews.app (ERP's app registration)");
    expect(stdout).toContain('  Exchange Online mail: Not ready: 4 blocking (4 not read)');
    expect(stdout).toContain('Estate summary\n  Exchange Online mail: 0 of 1 ready, 1 not ready');
  });

  it('asks for the ERP options with --ews and refuses them without it', async () => {
    const file = await copied('hand-written-erp-tenant.json');
    const missing = await exready('tenant', 'check', '--recorded', file, '--ews', '--ews-app-id', erp);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ews-flow <delegated|app-only> is required with --ews');
    const delegated = await exready(
      'tenant',
      'check',
      '--recorded',
      file,
      '--ews',
      '--ews-app-id',
      erp,
      '--ews-flow',
      'delegated',
      '--ews-mailbox',
      'erp@adatum.example',
    );
    expect(delegated.stderr).toContain('--ews-account:');
    const alone = await exready('tenant', 'check', '--recorded', file, '--ews-app-id', erp);
    expect(alone.stderr).toContain('--ews-app-id only go with --ews');
  });
});

describe('exready tenant check --lab demo --ews', () => {
  it('shows every ews.* check, the cross-integration line once, and SIMULATED', async () => {
    const { stdout } = await exready('tenant', 'check', '--lab', 'demo', '--ews', '--json');
    const document = JSON.parse(stdout) as Doc;
    const statuses = new Map<string, Set<string>>();
    for (const entry of document.cases)
      for (const result of entry.results.filter((item) => item.checkId.startsWith('ews.')))
        statuses.set(result.checkId, (statuses.get(result.checkId) ?? new Set()).add(result.status));
    expect([...statuses.keys()]).toEqual([...ewsCheckIds]);
    expect(statuses.get('ews.app.consent')).toEqual(new Set(['pass', 'warn', 'fail', 'unknown', 'n/a']));
    const cross = document.estate.filter((line) => line.startsWith('Cross-integration'));
    expect(cross).toHaveLength(1);
    expect(cross[0]).toContain('fabrikam.example');
    const text = await exready('tenant', 'check', '--lab', 'demo', '--ews');
    expect(text.stdout).toMatch(/^SIMULATED/);
    expect(text.stdout).toContain('Exchange Online mail: 1 of 8 ready, 7 not ready');
  });
});

describe('exready tenant check --ews --probe', () => {
  const outcome = (options: EwsProbeOptions): EwsProbeOutcome => ({
    result: {
      checkId: 'ews.probe',
      status: 'pass',
      summary: `read the inbox of ${options.mailbox}`,
      evidence: { mailbox: options.mailbox },
      references: ['https://learn.microsoft.com/entra/identity-platform/v2-oauth-ropc'],
    },
    classification: 'success',
    attempts: 1,
    recorded: [],
  });

  const live = [
    'check',
    '--tenant',
    'adatum.onmicrosoft.com',
    '--app-id',
    '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    '--domain',
    'adatum.example',
  ];

  async function run(args: string[], env: Record<string, string>, prompt: (() => Promise<string>) | null) {
    const seen: { secret: string; options: EwsProbeOptions }[] = [];
    const deps: TenantCommandDeps = {
      labs: {},
      // The live Graph reads are the hand-written file's; the probe is the stand-in below.
      openLive: async () => ({
        reader: new ReplayGraphReader(await readRecordedResponses(fixture('hand-written-erp-tenant.json'))),
        close: () => Promise.resolve(),
      }),
      now: () => new Date(),
      secretSources: { env, prompt },
      runProbe: (options) => {
        seen.push({ secret: options.secret.reveal(), options });
        return Promise.resolve(outcome(options));
      },
    };
    let stdout = '';
    let stderr = '';
    const code = await runTenantCommand(
      args,
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
      deps,
    );
    return { code, stdout, stderr, seen };
  }

  it('takes the secret from EXREADY_SECRET_EWS_SECRET, runs the probe and never prints the secret', async () => {
    const result = await run(
      [...live, ...ewsArgs, '--probe', '--json'],
      { EXREADY_SECRET_EWS_SECRET: 's3cr3t~value' },
      null,
    );
    expect(result.seen).toHaveLength(1);
    expect(result.seen[0]?.secret).toBe('s3cr3t~value');
    expect(result.seen[0]?.options).toMatchObject({
      tenant: 'adatum.onmicrosoft.com',
      clientId: erp,
      flow: 'app-only',
    });
    expect(result.seen[0]?.options.appChangedAt?.toISOString()).toBe('2026-02-01T08:00:00.000Z');
    const probe = (JSON.parse(result.stdout) as Doc).cases[0]?.results.find(
      (item) => item.checkId === 'ews.probe',
    );
    expect(probe?.status).toBe('pass');
    expect(result.stdout).not.toContain('s3cr3t~value');
  });

  it('reads --secret-from-file (one trailing line break dropped), else the prompt, else says how to give it', async () => {
    const secretFile = join(await tempDir(), 'secret.txt');
    await writeFile(secretFile, 'from-file\n', 'utf8');
    const fromFile = await run([...live, ...ewsArgs, '--probe', '--secret-from-file', secretFile], {}, null);
    expect(fromFile.seen[0]?.secret).toBe('from-file');
    const prompted = await run([...live, ...ewsArgs, '--probe'], {}, () => Promise.resolve('typed'));
    expect(prompted.seen[0]?.secret).toBe('typed');
    const none = await run([...live, ...ewsArgs, '--probe'], {}, null);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('EXREADY_SECRET_EWS_SECRET');
    expect(none.seen).toHaveLength(0);
  });
});
