import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { CliUsageError, ExitCode } from '../../electron/cli/cli-io';
import { runProveCommand } from '../../electron/cli/commands/prove-command';
import type { ScriptRun } from '../../electron/powershell/script-process';
import { runScriptProcess } from '../../electron/powershell/script-process';
import { ProofHistory } from '../../electron/storage/proof-history';
import {
  runConnectionProof,
  type ConnectionProofRequest,
} from '../../electron/services/connection-proof-service';
import { proofOutcome } from '../../shared/prove/proof-findings';
import { defaultSecondHop } from '../../shared/prove/proof-result';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';
import { useTempDirs } from '../helpers/temp-dir';

// The proof script in its own pwsh process, on the remoting stand-ins: what the CLI gets back, and that the typed
// password is in none of it (argv, result, errors, CLI output, audit log) and reaches the script on standard input.

const wrapper = join(repoRoot, 'tests', 'powershell', 'scripts', 'Invoke-ExreadyProofOnStandIns.ps1');
const password = 'Spring-2027!"q"\\x';
const tempDir = useTempDirs('prove-pwsh');

function request(exchangeServer: string): ConnectionProofRequest {
  return {
    syncServer: 'sync01.contoso.com',
    exchangeServer,
    serviceAccount: 'CONTOSO\\svc-sync',
    password,
    secondHop: defaultSecondHop(exchangeServer),
    timeoutSeconds: 30,
  };
}

describe.skipIf(pwshPath === null)('the connection-path proof on pwsh', () => {
  // Every process started, as spawn saw it: the password must be in none of its arguments.
  const started: ScriptRun[] = [];
  const proofProcess = {
    executable: pwshPath ?? 'pwsh',
    runScript: (run: ScriptRun) => {
      started.push(run);
      return runScriptProcess(run);
    },
  };
  const prove = (server: string) =>
    runConnectionProof(proofProcess, wrapper, request(server), new AbortController().signal);

  it('proves every hop on the stand-ins and returns the one result line the schema reads', async () => {
    const result = await prove('exch01.contoso.com');
    expect(result.hops.map((hop) => `${hop.hop}=${hop.outcome}`)).toEqual([
      'sync-server=succeeded',
      'winrm-https=succeeded',
      'exchange-endpoint=succeeded',
      'exchange-cmdlet=succeeded',
    ]);
    expect(result.exchangeServerSeen?.name).toBe('EXCH01');
    expect(JSON.stringify(result)).not.toContain('Spring-2027');
  });

  it('hands the password to the script on standard input only, never in its arguments', async () => {
    started.length = 0;
    const result = await prove('exch01.contoso.com');
    expect(result.refused).toBeNull();
    expect(started).toHaveLength(1);
    const run = started[0];
    expect(JSON.stringify(run?.parameters)).not.toContain('Spring-2027');
    expect(run?.parameters).not.toHaveProperty('password');
    expect(run?.standardInput).toBe(`${password}\n`);
  });

  it('refuses, naming the password, when nothing arrives on standard input', async () => {
    const output = await runScriptProcess({
      executable: pwshPath ?? 'pwsh',
      scriptPath: wrapper,
      parameters: { ...request('exch01.contoso.com'), password: undefined },
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    });
    const line = output.stdout.split(/\r?\n/).find((text) => text.includes('"exreadyProof"')) ?? '';
    expect((JSON.parse(line) as { refused: string }).refused).toMatch(/^password: none on standard input/);
  });

  it('classifies the double hop and the certificate name from the records the script read', async () => {
    const doubleHop = proofOutcome(await prove('exch-doublehop.contoso.com'), false);
    expect(doubleHop.hops.find((hop) => hop.failure !== null)?.failure?.id).toBe('double-hop-denied');
    const certificate = proofOutcome(await prove('exch-certname.contoso.com'), false);
    expect(certificate.hops.find((hop) => hop.failure !== null)?.failure?.id).toBe('tls-name-mismatch');
  });

  it('keeps the password out of the CLI output, the audit log and the proof history of a real proof', async () => {
    const dir = await tempDir();
    const out: string[] = [];
    const audit = new AuditLog(join(dir, 'audit.jsonl'));
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    const code = await runProveCommand(
      [
        '--server',
        'exch-doublehop.contoso.com',
        '--sync-server',
        'sync01.contoso.com',
        '--service-account',
        'CONTOSO\\svc-sync',
        '--json',
      ],
      io,
      () => new Date(),
      {
        audit,
        proofs: new ProofHistory(dir),
        operator: 'CONTOSO\\admin',
        secretSources: { env: { EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD: password }, prompt: null },
        labs: {},
        runProof: (proofRequest) =>
          runConnectionProof(proofProcess, wrapper, proofRequest, new AbortController().signal),
        context: () => Promise.resolve(null),
      },
    ).catch((error: unknown) => {
      if (error instanceof CliUsageError) return ExitCode.badInput;
      throw error;
    });
    expect(code).toBe(1);
    const printed = out.join('');
    expect(printed).toContain('"double-hop-denied"');
    const logged = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(logged).toContain('"outcome":"failed"');
    const [kept] = await new ProofHistory(dir).list();
    expect(kept?.kind === 'remote-powershell' && kept.delegation.secondHop).toBe('denied');
    const folder = join(dir, 'proofs');
    const keptFiles = await Promise.all(
      (await readdir(folder)).map((name) => readFile(join(folder, name), 'utf8')),
    );
    expect(keptFiles).toHaveLength(1);
    for (const text of [printed, logged, ...keptFiles]) {
      expect(text).not.toContain('Spring-2027');
      expect(text).not.toContain(Buffer.from(password).toString('base64').slice(0, 12));
    }
  });
});
