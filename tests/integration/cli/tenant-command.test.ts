import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { runTenantCommand } from '../../../electron/cli/commands/tenant-command';
import type { GraphReader } from '../../../electron/tenant/graph-reader';
import type { LiveSignInOptions } from '../../../electron/tenant/live-graph-reader-factory';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';
import { useTempDirs } from '../../helpers/temp-dir';

async function exready(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    () => new Date('2026-12-02T10:00:00Z'),
  );
  return { code, stdout, stderr };
}

interface TenantDocument {
  simulated: boolean;
  cases: {
    case: string | null;
    provisioningAppId: string;
    federatedDomains: string[];
    verdict: { text: string };
    results: { checkId: string; status: string; summary: string; evidence: Record<string, unknown> }[];
  }[];
}

const handWritten = fileURLToPath(new URL('../../fixtures/graph/hand-written-tenant.json', import.meta.url));
const tempDir = useTempDirs('tenant-command');

async function recordedCopy(): Promise<string> {
  const path = join(await tempDir(), 'recorded.json');
  await copyFile(handWritten, path);
  return path;
}

// A recording written by hand with only the responses the checks need, judged without any network.
describe('exready tenant check --recorded', () => {
  it('judges every check from the file, with one unknown naming the request it lacks', async () => {
    const file = await recordedCopy();
    const { code, stdout } = await exready(
      'tenant',
      'check',
      '--recorded',
      file,
      '--idp-host',
      'login.idp.example',
      '--json',
    );
    expect(code).toBe(1);
    const document = JSON.parse(stdout) as TenantDocument;
    expect(document.simulated).toBe(false);
    const [only] = document.cases;
    // The app id and the domain come from the file when not given.
    expect(only?.provisioningAppId).toBe('46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b');
    expect(only?.federatedDomains).toEqual(['contoso.com']);
    const statuses = Object.fromEntries(
      (only?.results ?? []).map((result) => [result.checkId, result.status]),
    );
    expect(statuses).toEqual({
      'm365.provisioning.app': 'pass',
      'm365.provisioning.permissions': 'pass',
      'm365.provisioning.consent': 'pass',
      'm365.provisioning.secret': 'warn',
      'm365.securitydefaults': 'fail',
      'm365.peruser.mfa': 'pass',
      'm365.conditionalaccess.mfa': 'pass',
      'm365.sspr': 'unknown',
      'm365.registration': 'unknown',
      'm365.domain.federation': 'pass',
    });
    const registration = only?.results.find((result) => result.checkId === 'm365.registration');
    expect(registration?.summary).toContain(
      'GET https://graph.microsoft.com/v1.0/policies/authenticationMethodsPolicy',
    );
    expect(registration?.summary).toContain('the recording holds no response for this request');
    expect(only?.verdict.text).toBe('Not ready: 3 blocking (2 not read)');
  });

  it('prints every check with its verdict, evidence and remedy', async () => {
    const file = await recordedCopy();
    const { code, stdout } = await exready(
      'tenant',
      'check',
      '--recorded',
      file,
      '--idp-host',
      'login.idp.example',
    );
    expect(code).toBe(1);
    for (const id of tenantCheckIds) expect(stdout).toContain(id);
    expect(stdout).toContain('FAIL     m365.securitydefaults');
    expect(stdout).toContain('isEnabled: true');
    expect(stdout).toContain('Remedy: Entra admin center, Overview, Properties, Manage security defaults');
    expect(stdout).toContain('Microsoft 365: Not ready: 3 blocking (2 not read)');
    expect(stdout).not.toContain('SIMULATED');
  });

  it('writes the JSON readiness report with its tenant section with --report', async () => {
    const file = await recordedCopy();
    const report = join(await tempDir(), 'tenant.json');
    await exready('tenant', 'check', '--recorded', file, '--report', report);
    const document = JSON.parse(await readFile(report, 'utf8')) as {
      kind: string;
      tenants: { checks: { checkId: string }[] }[];
    };
    expect(document.kind).toBe('exready.readiness-report');
    expect(document.tenants[0]?.checks.map((check) => check.checkId)).toEqual([...tenantCheckIds]);
  });

  it('refuses a bad file with exit 2, naming the JSON path', async () => {
    const file = join(await tempDir(), 'bad.json');
    const recording = JSON.parse(await readFile(handWritten, 'utf8')) as { responses: { status: unknown }[] };
    const first = recording.responses[0];
    if (first) first.status = 'OK';
    await writeFile(file, JSON.stringify(recording));
    const { code, stderr } = await exready('tenant', 'check', '--recorded', file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: $.responses[0].status:`);
  });

  it('refuses a file that is not there with exit 2', async () => {
    const { code, stderr } = await exready(
      'tenant',
      'check',
      '--recorded',
      join(await tempDir(), 'none.json'),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('ENOENT');
  });
});

describe('exready tenant check --lab demo', () => {
  it('prints every case labelled SIMULATED, with the ids in --json', async () => {
    const { code, stdout } = await exready('tenant', 'check', '--lab', 'demo', '--json');
    expect(code).toBe(1);
    const document = JSON.parse(stdout) as TenantDocument;
    expect(document.simulated).toBe(true);
    expect(document.cases.length).toBeGreaterThanOrEqual(4);
    for (const entry of document.cases)
      expect(entry.results.map((result) => result.checkId)).toEqual([...tenantCheckIds]);
    const text = await exready('tenant', 'check', '--lab', 'demo', '--case', 'fabrikam-ready');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      'SIMULATED: a made-up demo tenant, not read from Microsoft Graph',
    );
    expect(text.stdout).toContain('Microsoft 365: Ready with 1 accepted risk');
  });
});

describe('exready tenant check options', () => {
  it('signs in live through the factory with the options given, and judges what Graph answered', async () => {
    const asked: LiveSignInOptions[] = [];
    let closed = 0;
    // A tenant that answers nothing: every check is unknown, and the session is closed (recording written).
    const silent: GraphReader = {
      get: (url) => Promise.resolve({ kind: 'missing', request: { method: 'GET', url } }),
      getAll: (url) => Promise.resolve({ kind: 'missing', request: { method: 'GET', url } }),
      batch: (urls) =>
        Promise.resolve(
          urls.map((url) => ({ kind: 'missing' as const, request: { method: 'GET' as const, url } })),
        ),
    };
    let stdout = '';
    const code = await runTenantCommand(
      [
        'check',
        '--tenant',
        'contoso.onmicrosoft.com',
        '--app-id',
        '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b',
        '--domain',
        'contoso.com',
        '--device-code',
        '--record',
        'out.json',
        '--json',
      ],
      { stdout: (t) => (stdout += t), stderr: () => undefined },
      {
        labs: {},
        now: () => new Date('2026-12-02T10:00:00Z'),
        openLive: (options) => {
          asked.push(options);
          return Promise.resolve({ reader: silent, close: () => Promise.resolve(void (closed += 1)) });
        },
      },
    );
    expect(asked).toEqual([
      {
        tenant: 'contoso.onmicrosoft.com',
        clientId: null,
        deviceCode: true,
        recordTo: expect.stringMatching(/out\.json$/) as string,
      },
    ]);
    expect(closed).toBe(1);
    const document = JSON.parse(stdout) as TenantDocument;
    expect(document.simulated).toBe(false);
    expect(document.cases[0]?.results.every((result) => ['unknown', 'n/a'].includes(result.status))).toBe(
      true,
    );
    // Exit codes as check: unknown is not a failure (0), and the text says what could not be read.
    expect(code).toBe(0);
  });

  it('refuses bad input with exit 2, naming the option', async () => {
    const cases: [string[], string][] = [
      [['--lab', 'demo', '--recorded', 'x.json'], 'exactly one of'],
      [
        [
          '--tenant',
          'contoso.com',
          '--app-id',
          '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b',
          '--domain',
          'contoso.com',
        ],
        // The inventory's words, as the window shows them beside the field.
        '--tenant: Tenant: "contoso.com" is neither a tenant id nor an initial domain; give the tenant id (a GUID) or its initial domain, name.onmicrosoft.com',
      ],
      [
        ['--tenant', 'contoso.onmicrosoft.com', '--app-id', 'postman', '--domain', 'contoso.com'],
        `--app-id: Provisioning app's client id: "postman" is not a GUID; give the application (client) id`,
      ],
      [
        ['--lab', 'demo', '--domain', 'contoso'],
        '--domain: Federated custom domains: "contoso" is not fully qualified (expected e.g. contoso.com)',
      ],
      [['--recorded', 'x.json', '--record', 'y.json'], '--record only go with --tenant'],
      [['--lab', 'demo', '--report', 'r.txt'], 'must end in .html, .pdf, .csv or .json'],
      [['--lab', 'nowhere'], '"nowhere" is not a lab'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await exready('tenant', 'check', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(message);
    }
  });
});
