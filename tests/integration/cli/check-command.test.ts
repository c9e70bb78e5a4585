import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCommand, type CheckCommandDeps } from '../../../electron/cli/commands/check-command';
import { runEvaluateCommand } from '../../../electron/cli/commands/evaluate-command';
import type { PowerShellHost, PowerShellRunOptions } from '../../../electron/powershell/powershell-host';
import {
  functionCollectionSource,
  powerShellCollectionSource,
  type CollectionProducer,
} from '../../../electron/services/collection-source';
import { CheckResult } from '../../../shared/checks/check-result';
import { CollectionRequest } from '../../../shared/facts/collection-protocol';
import { collectionLine, serverErrorData } from '../../helpers/collection-lines';
import { readyServerFacts, syncServer, testNow } from '../../helpers/remoting-facts';
import { assembleFacts } from '../../../electron/facts/facts-assembler';
import { useTempDirs } from '../../helpers/temp-dir';
import { mfaCollectionParameters } from '../../../shared/integrations/mfa-collection';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';

const runId = '6f1c1f40-5a2e-4b8e-9d0c-2b1e8f3a9c11';
const newTempDir = useTempDirs('check');

/** The lines a collection of the estate prints: exch01 ready, exch02 with WinRM stopped, exch03 unreachable. */
function* estateLines(request: CollectionRequest): Generator<string> {
  for (const fqdn of request.exchangeServers) {
    if (fqdn === 'exch03.contoso.com') {
      yield collectionLine(
        request.runId,
        'server-error',
        fqdn,
        serverErrorData('WinRM cannot complete the operation.'),
      );
    } else {
      const stopped = fqdn === 'exch02.contoso.com';
      const facts = readyServerFacts({
        fqdn,
        ...(stopped
          ? { winrmService: { status: 'collected', value: { status: 'Stopped', startType: 'Automatic' } } }
          : {}),
      });
      yield collectionLine(request.runId, 'server-facts', fqdn, facts);
    }
  }
  for (const fqdn of request.syncServers) {
    yield collectionLine(request.runId, 'sync-facts', fqdn, syncServer(fqdn, '*.contoso.com'));
  }
  yield collectionLine(request.runId, 'done', null, { servers: request.exchangeServers.length });
}

interface Harness {
  deps: CheckCommandDeps;
  requests: CollectionRequest[];
  closed: number;
}

function harness(
  produce: CollectionProducer = estateLines,
  overrides: Partial<CheckCommandDeps> = {},
): Harness {
  const state: Harness = {
    requests: [],
    closed: 0,
    deps: {
      openSource: () =>
        Promise.resolve({
          source: functionCollectionSource((request, signal) => {
            state.requests.push(request);
            return produce(request, signal);
          }),
          close: () => {
            state.closed += 1;
            return Promise.resolve();
          },
        }),
      assemble: assembleFacts,
      newRunId: () => runId,
      ...overrides,
    },
  };
  return state;
}

async function check(deps: CheckCommandDeps, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCheckCommand(
    args,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    () => testNow,
    deps,
  );
  return { code, stdout, stderr };
}

const estate = [
  '--servers',
  'exch01.contoso.com',
  '--sync-server',
  'sync01.contoso.com',
  '--service-account',
  'CONTOSO\\svc-sync',
];

describe('exready check', () => {
  it('collects, prints the checklist like evaluate does and exits 0 when nothing fails', async () => {
    const h = harness();
    const run = await check(h.deps, ...estate);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Remote PowerShell readiness: live check');
    expect(run.stdout).toContain('Service account: CONTOSO\\svc-sync');
    expect(run.stdout).toContain('exch01.contoso.com:');
    expect(run.stdout).toMatch(/PASS\s+winrm\.service/);
    expect(run.stdout).toContain('Result: nothing failed');
    expect(run.stderr).toContain('[1/1] exch01.contoso.com: collected');
    expect(h.closed).toBe(1);
  });

  it('sends the request as given: servers, sync servers, account, throttle and timeout', async () => {
    const h = harness();
    await check(
      h.deps,
      '--servers',
      'EXCH01.contoso.com, exch02.contoso.com.',
      '--servers=exch03.contoso.com',
      '--sync-server',
      'sync01.contoso.com',
      '--sync-server=sync02.contoso.com',
      '--service-account',
      'svc-sync@contoso.com',
      '--throttle',
      '4',
      '--timeout=30',
    );
    expect(h.requests).toEqual([
      {
        runId,
        exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com', 'exch03.contoso.com'],
        syncServers: ['sync01.contoso.com', 'sync02.contoso.com'],
        serviceAccount: 'svc-sync@contoso.com',
        throttle: 4,
        timeoutSeconds: 30,
        // The MFA area of the built-in profile travels in the same request (runCheck's default).
        mfa: mfaCollectionParameters(monosignProfile),
      },
    ]);
  });

  it('exits 1 when a check fails, with unreachable servers shown as unknown', async () => {
    const run = await check(harness().deps, ...estate, '--servers', 'exch02.contoso.com,exch03.contoso.com');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+winrm\.service/);
    expect(run.stdout).toMatch(/exch03\.contoso\.com: \d+ unknown/);
    expect(run.stdout).toContain('Total: 3 servers');
    expect(run.stderr).toContain('exch03.contoso.com: unreachable');
  });

  it('prints JSON with --json', async () => {
    const run = await check(harness().deps, ...estate, '--json', '--servers', 'exch02.contoso.com');
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as {
      runId: string;
      totals: Record<string, number>;
      servers: { fqdn: string; results: unknown[] }[];
    };
    expect(document.runId).toBe(runId);
    expect(document.servers.map((server) => server.fqdn)).toEqual([
      'exch01.contoso.com',
      'exch02.contoso.com',
    ]);
    expect(document.totals.fail).toBeGreaterThan(0);
    for (const result of document.servers.flatMap((server) => server.results)) CheckResult.parse(result);
  });

  it('saves facts with --facts-out that exready evaluate turns into the same checklist', async () => {
    const path = join(await newTempDir(), 'out', 'facts.json');
    const run = await check(
      harness().deps,
      ...estate,
      '--servers',
      'exch02.contoso.com',
      '--facts-out',
      path,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`facts saved to ${path}`);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ schemaVersion: 1 });

    let evaluated = '';
    const code = await runEvaluateCommand(
      ['--facts', path],
      { stdout: (text) => (evaluated += text), stderr: () => undefined },
      () => testNow,
    );
    expect(code).toBe(1);
    const checklist = (text: string) => text.split('\n').slice(1).join('\n');
    expect(checklist(evaluated)).toBe(checklist(run.stdout));
  });

  it.each([
    [['--servers', 'exch01'], /--servers: "exch01" is not fully qualified/],
    [
      ['--servers', 'exch01.contoso.com,bad_name.contoso.com'],
      /--servers: "bad_name.contoso.com" has an invalid label/,
    ],
    [['--sync-server', '10.0.0.1.5'], /--sync-server: "10.0.0.1.5" is an IP address/],
  ])('exits 2 naming the bad host name in %j', async (extra, reason) => {
    const h = harness();
    const run = await check(h.deps, ...estate, ...extra);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(h.requests).toHaveLength(0);
  });

  it.each([
    ['svc-sync', /--service-account: "svc-sync" is not DOMAIN\\name or name@domain/],
    ['CONTOSO\\svc*sync', /--service-account: "CONTOSO\\svc\*sync" has an invalid account name/],
    ['svc@contoso', /invalid domain "contoso"/],
  ])('exits 2 naming the bad account %s', async (account, reason) => {
    const run = await check(
      harness().deps,
      '--servers',
      'exch01.contoso.com',
      '--sync-server',
      'sync01.contoso.com',
      '--service-account',
      account,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
  });

  it.each([
    [['--throttle', '0'], /--throttle: "0" is not a whole number from 1 to 256/],
    [['--timeout', '2'], /--timeout: "2" is not a whole number from 5 to 3600/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--facts-out'], /--facts-out needs a value/],
  ])('exits 2 on %j', async (extra, reason) => {
    const run = await check(harness().deps, ...estate, ...extra);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain('Usage: exready check');
  });

  it('exits 2 when a required option is missing, and prints help on --help', async () => {
    const deps = harness().deps;
    expect((await check(deps, '--servers', 'exch01.contoso.com')).stderr).toMatch(
      /--sync-server <fqdn> is required/,
    );
    expect((await check(deps, '--sync-server', 'sync01.contoso.com')).stderr).toMatch(
      /--servers .* is required/,
    );
    const help = await check(deps, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--facts-out <file>');
  });

  it('exits 2 when no PowerShell can be opened, and 1 when the collection returns nothing', async () => {
    const missing = harness(estateLines, {
      openSource: () => Promise.reject(new Error('PowerShell not found: tried C:\\nowhere\\pwsh.exe')),
    });
    const run = await check(missing.deps, ...estate, '--powershell', 'C:\\nowhere\\pwsh.exe');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PowerShell not found');

    const empty = harness(() => []);
    const failed = await check(empty.deps, ...estate);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('The collection returned no results');
    expect(empty.closed).toBe(1);
  });

  it('stops when cancelled and says so', async () => {
    const controller = new AbortController();
    async function* slow(request: CollectionRequest, signal: AbortSignal): AsyncGenerator<string> {
      yield collectionLine(request.runId, 'server-facts', 'exch01.contoso.com', readyServerFacts());
      controller.abort(new Error('Ctrl+C'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (!signal.aborted) yield collectionLine(request.runId, 'done', null, {});
    }
    const h = harness(slow, { signal: controller.signal });
    const run = await check(h.deps, ...estate);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('exready check: cancelled');
    expect(h.closed).toBe(1);
  });

  it('runs the collection script through a PowerShell host, reading its streamed lines', async () => {
    const calls: { scriptPath: string; parameters: Record<string, unknown> }[] = [];
    const host: PowerShellHost = {
      run(scriptPath: string, parameters: Record<string, unknown>, options: PowerShellRunOptions) {
        calls.push({ scriptPath, parameters });
        const request = CollectionRequest.parse(parameters);
        options.onLine('Some banner a profile printed');
        for (const line of estateLines(request)) options.onLine(line);
        return Promise.resolve({ errors: [], warnings: ['slow DNS'], durationMs: 5 });
      },
      dispose: () => Promise.resolve(),
    };
    const deps: CheckCommandDeps = {
      openSource: () =>
        Promise.resolve({
          source: powerShellCollectionSource(host, {
            scriptPath: 'C:\\ExReady\\Invoke-ExreadyCollection.ps1',
          }),
          close: () => host.dispose(),
        }),
      assemble: assembleFacts,
      newRunId: () => runId,
    };
    const run = await check(deps, ...estate, '--json');
    expect(run.code).toBe(0);
    expect(calls[0]?.scriptPath).toBe('C:\\ExReady\\Invoke-ExreadyCollection.ps1');
    expect(calls[0]?.parameters).toMatchObject({ runId, exchangeServers: ['exch01.contoso.com'] });
    const document = JSON.parse(run.stdout) as { warnings: string[] };
    expect(document.warnings).toEqual(['slow DNS', 'unread line: Some banner a profile printed']);
  });
});
