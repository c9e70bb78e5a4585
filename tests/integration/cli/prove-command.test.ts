import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { runProveCommand, type ProveCommandDeps } from '../../../electron/cli/commands/prove-command';
import { CliUsageError, ExitCode } from '../../../electron/cli/cli-io';
import { labProofContext } from '../../../electron/cli/prove-dependencies';
import { demoEstate } from '../../../electron/lab/demo-estate';
import { demoHopError, simulateProof } from '../../../electron/lab/demo-proof';
import { ProofHistory } from '../../../electron/storage/proof-history';
import type { ConnectionProofRequest } from '../../../electron/services/connection-proof-service';
import type { ProofScriptResult } from '../../../shared/prove/proof-result';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('prove-cli');

/** Every file of the proof history, as text. */
async function keptFiles(dir: string): Promise<string[]> {
  const folder = join(dir, 'proofs');
  const names = await readdir(folder).catch(() => []);
  return Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
}
const now = () => new Date('2026-12-01T09:00:00Z');
const password = 'Winter-2026!"quoted"\\svc';

async function cli(
  options: { env?: Record<string, string>; prompt?: string | null; answer?: ProofScriptResult } = {},
) {
  const dir = await tempDir();
  const out: string[] = [];
  const err: string[] = [];
  const requests: ConnectionProofRequest[] = [];
  const deps: ProveCommandDeps = {
    audit: new AuditLog(join(dir, 'audit.jsonl'), now),
    proofs: new ProofHistory(dir),
    operator: 'CONTOSO\\admin',
    secretSources: {
      env: options.env ?? {},
      prompt:
        options.prompt === undefined || options.prompt === null
          ? null
          : () => Promise.resolve(options.prompt ?? ''),
    },
    labs: { demo: demoEstate },
    runProof: (request) => {
      requests.push(request);
      const answer =
        options.answer ??
        simulateProof(demoEstate, { ...request, simulate: null }) ??
        Promise.reject(new Error('no such server'));
      return Promise.resolve(answer as ProofScriptResult);
    },
    // The real path reads the newest real run; here, the demo's facts stand for it.
    context: (server, lab, at) => labProofContext(lab ?? demoEstate, server, at),
  };
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };
  // As runCli does: bad input is a CliUsageError, printed on stderr with exit code 2.
  const run = (args: string[]) =>
    runProveCommand(args, io, now, deps).catch((error: unknown) => {
      if (!(error instanceof CliUsageError)) throw error;
      io.stderr(`exready: ${error.message}\n`);
      return ExitCode.badInput;
    });
  const auditText = () => readFile(join(dir, 'audit.jsonl'), 'utf8').catch(() => '');
  return { run, deps, dir, requests, auditText, out: () => out.join(''), err: () => err.join('') };
}

describe('exready prove', () => {
  it('--lab demo --server exch02.contoso.com prints each hop and its outcome, SIMULATED, and exits 1', async () => {
    const { run, out, deps } = await cli();
    expect(await run(['--lab', 'demo', '--server', 'exch02.contoso.com'])).toBe(1);
    const text = out();
    expect(text).toContain(
      "Proving the sync service's path to exch02.contoso.com from sync01.contoso.com as CONTOSO\\svc-sync (SIMULATED)",
    );
    expect(text).toMatch(/reach the sync server\s+succeeded\s+412 ms/);
    expect(text).toMatch(/hop 1 WinRM HTTPS 5986\s+succeeded\s+655 ms\s+exch02\.contoso\.com/);
    expect(text).toMatch(
      /hop 2 Exchange endpoint\s+failed\s+120 ms\s+http:\/\/exch02\.contoso\.com\/PowerShell/,
    );
    expect(text).toContain('[double-hop-denied]');
    expect(text).toContain('error: 1312,PSSessionOpenFailed · ErrorCode 1312 (0x00000520)');
    expect(text).toMatch(/Get-ExchangeServer\s+not-run/);
    expect(text).toContain('does not list HTTP/exch02.contoso.com');
    expect(text).toContain('ad.delegation with this proof: fail: Proved:');
    expect(text).toContain('Check ad.delegation (warn) confirmed');
    expect(text).toContain('Proof FAILED (SIMULATED) (audit entry 1)');
    const [entry] = await deps.audit.entries();
    expect(entry).toMatchObject({
      action: 'prove.remote-powershell',
      server: 'exch02.contoso.com',
      outcome: 'failed',
      simulated: true,
      lab: 'demo',
      error: 'exchange-endpoint: double-hop-denied',
      parameters: {
        syncServer: 'sync01.contoso.com',
        uri: 'http://exch02.contoso.com/PowerShell',
        configurationName: 'Microsoft.Exchange',
        authentication: 'Kerberos',
      },
    });
  });

  it('exits 0 when every hop worked, and says so on the checks it confirms', async () => {
    const { run, out } = await cli();
    expect(await run(['--lab', 'demo', '--server', 'exch01.contoso.com'])).toBe(0);
    expect(out()).toContain('Exchange answered: EXCH01');
    expect(out()).toContain('Check psremoting.serviceaccount (pass) confirmed');
    expect(out()).toContain('Proof succeeded (SIMULATED)');
  });

  it('says so on a check that passed when the proof contradicts it', async () => {
    const { run, out } = await cli();
    expect(
      await run(['--lab', 'demo', '--server', 'exch01.contoso.com', '--simulate', 'tls-name-mismatch']),
    ).toBe(1);
    expect(out()).toContain('Check winrm.listener.cert (pass) CONTRADICTED: The check passed, but the proof');
  });

  it('prints the proof as JSON with each hop classified', async () => {
    const { run, out } = await cli();
    expect(await run(['--lab', 'demo', '--server', 'exch08.contoso.com', '--json'])).toBe(1);
    const parsed = JSON.parse(out()) as {
      simulated: boolean;
      hops: { hop: string; failure: { id: string } | null }[];
    };
    expect(parsed.simulated).toBe(true);
    expect(parsed.hops.find((hop) => hop.hop === 'exchange-cmdlet')?.failure?.id).toBe(
      'exchange-rbac-denied',
    );
  });

  it('proves a real server with the password from the environment and keeps it out of output, audit and proof history', async () => {
    const { run, out, err, requests, auditText, dir } = await cli({
      env: { EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD: password },
    });
    expect(
      await run([
        '--server',
        'exch02.contoso.com',
        '--sync-server',
        'sync01.contoso.com',
        '--second-hop',
        'https://mail.contoso.com/PowerShell',
      ]),
    ).toBe(1);
    expect(requests).toEqual([
      expect.objectContaining({
        password,
        serviceAccount: 'CONTOSO\\svc-sync',
        secondHop: {
          uri: 'https://mail.contoso.com/PowerShell',
          configurationName: 'Microsoft.Exchange',
          authentication: 'Kerberos',
        },
      }),
    ]);
    const audit = await auditText();
    expect(audit).toContain('prove.remote-powershell');
    // The proof is kept, and nothing in the proofs folder holds the password (nor its base64).
    const kept = await keptFiles(dir);
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0] ?? '{}')).toMatchObject({
      kind: 'remote-powershell',
      simulated: false,
      exchangeServer: 'exch02.contoso.com',
      syncServer: 'sync01.contoso.com',
      outcome: 'failed',
      auditId: 1,
      secondHop: { uri: 'https://mail.contoso.com/PowerShell' },
    });
    for (const text of [out(), err(), audit, ...kept]) {
      expect(text).not.toContain('Winter-2026');
      expect(text).not.toContain(Buffer.from(password).toString('base64'));
    }
    expect(out()).not.toContain('SIMULATED');
  });

  it('reads the password from --password-from-file or the prompt', async () => {
    const file = await cli({
      answer: simulateProof(demoEstate, {
        syncServer: 'sync01.contoso.com',
        serviceAccount: 'CONTOSO\\svc-sync',
        exchangeServer: 'exch01.contoso.com',
      })!,
    });
    const path = join(file.dir, 'password.txt');
    await writeFile(path, `${password}\n`);
    expect(await file.run(['--server', 'exch01.contoso.com', '--password-from-file', path])).toBe(0);
    expect(file.requests[0]?.password).toBe(password);
    const prompted = await cli({ prompt: password });
    await prompted.run(['--server', 'exch01.contoso.com']);
    expect(prompted.requests[0]?.password).toBe(password);
  });

  it('refuses a password in argv without echoing it, and a proof with no password source', async () => {
    const argv = await cli();
    expect(await argv.run(['--server', 'exch01.contoso.com', '--password', 'Secret-In-Argv'])).toBe(2);
    expect(argv.err()).toContain('--password puts the service account');
    expect(argv.err()).not.toContain('Secret-In-Argv');
    const none = await cli();
    expect(await none.run(['--server', 'exch01.contoso.com'])).toBe(2);
    expect(none.err()).toContain('EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD');
    expect(none.requests).toEqual([]);
    expect(await none.auditText()).toBe('');
  });

  it('names bad input: a server outside the lab, an unknown failure class, --simulate without a lab, a bad URL', async () => {
    const { run, err } = await cli();
    expect(await run(['--lab', 'demo', '--server', 'exch99.contoso.com'])).toBe(2);
    expect(err()).toContain("exch99.contoso.com is not a server of the lab 'demo'");
    expect(await run(['--lab', 'demo', '--server', 'exch01.contoso.com', '--simulate', 'bogus'])).toBe(2);
    expect(await run(['--server', 'exch01.contoso.com', '--simulate', 'dns'])).toBe(2);
    expect(await run(['--server', 'exch01.contoso.com', '--second-hop', 'ftp://x'])).toBe(2);
    expect(err()).toContain("--second-hop 'ftp://x' is not an http:// or https:// URL");
  });

  it('leaves --web to the OWA/ECP probe (branch point)', async () => {
    const { run, err } = await cli();
    expect(await run(['--web', '--server', 'exch01.contoso.com'])).toBe(2);
    expect(err()).toContain('prove --web');
  });

  it('records a proof that could not run as failed', async () => {
    const { run, deps, err, dir } = await cli({ env: { EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD: password } });
    deps.runProof = () => Promise.reject(new Error('PowerShell could not start'));
    expect(await run(['--server', 'exch01.contoso.com'])).toBe(1);
    expect(err()).toContain('the proof could not run: PowerShell could not start');
    expect((await deps.audit.entries())[0]).toMatchObject({
      outcome: 'failed',
      error: 'PowerShell could not start',
    });
    // Nothing was proved, so nothing is kept for later checks.
    expect(await keptFiles(dir)).toEqual([]);
    expect(demoHopError('dns', 'x').fullyQualifiedErrorId).toBe('ComputerNotFound,PSSessionOpenFailed');
  });
});

describe('the proof history of exready prove', () => {
  it('keeps each lab proof as SIMULATED with its hops, delegation verdict and audit id; a refused one is not kept', async () => {
    const { run, deps, dir } = await cli();
    expect(await run(['--lab', 'demo', '--server', 'exch02.contoso.com'])).toBe(1);
    expect(await run(['--lab', 'demo', '--server', 'exch01.contoso.com'])).toBe(0);
    const [newest, older] = await new ProofHistory(dir).list();
    expect(newest).toMatchObject({
      kind: 'remote-powershell',
      exchangeServer: 'exch01.contoso.com',
      outcome: 'succeeded',
      simulated: true,
      lab: 'demo',
      auditId: 2,
      sequence: 2,
    });
    expect(older).toMatchObject({
      exchangeServer: 'exch02.contoso.com',
      outcome: 'failed',
      auditId: 1,
      delegation: { kind: 'constrained', secondHop: 'denied', coversExchangeEndpoint: false },
      at: now().toISOString(),
    });
    expect(older?.kind === 'remote-powershell' && older.hops.map((hop) => hop.outcome)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'not-run',
    ]);
    // Each kept proof names an audit entry that is complete (the save comes after it).
    const entries = await deps.audit.entries();
    expect(entries.map((entry) => [entry.id, entry.outcome])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    // A request the script refuses proves nothing: audited as refused, not kept.
    const refused = await cli({
      env: { EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD: password },
      answer: {
        exreadyProof: 1,
        syncServer: 'sync01.contoso.com',
        exchangeServer: 'exch01.contoso.com',
        serviceAccount: 'CONTOSO\\svc-sync',
        secondHop: null,
        hops: [],
        exchangeServerSeen: null,
        refused: 'the request has no serviceAccount',
      },
    });
    expect(await refused.run(['--server', 'exch01.contoso.com'])).toBe(2);
    expect(await keptFiles(refused.dir)).toEqual([]);
  });

  it('masks the password in the kept proof even where an error record echoes it', async () => {
    const echoed = simulateProof(demoEstate, {
      syncServer: 'sync01.contoso.com',
      serviceAccount: 'CONTOSO\\svc-sync',
      exchangeServer: 'exch02.contoso.com',
    })!;
    const answer: ProofScriptResult = {
      ...echoed,
      hops: echoed.hops.map((hop) =>
        hop.error === null
          ? hop
          : { ...hop, error: { ...hop.error, message: `logon as svc-sync with ${password} failed` } },
      ),
    };
    const { run, dir } = await cli({ env: { EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD: password }, answer });
    expect(await run(['--server', 'exch02.contoso.com', '--json'])).toBe(1);
    const [file] = await keptFiles(dir);
    expect(file).toContain('logon as svc-sync with ******** failed');
    expect(file).not.toContain('Winter-2026');
  });
});
