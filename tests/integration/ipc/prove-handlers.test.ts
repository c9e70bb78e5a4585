import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createEventSink } from '../../../electron/ipc/event-sink';
import { createIpcRouter } from '../../../electron/ipc/router';
import { demoHopError, simulateProof } from '../../../electron/lab/demo-proof';
import { demoEstate } from '../../../electron/lab/demo-estate';
import { HeldSecrets } from '../../../electron/logging/held-secrets';
import { createAppLogger } from '../../../electron/logging/logger';
import { createRedactor } from '../../../electron/logging/redact';
import type { ScriptRun } from '../../../electron/powershell/script-process';
import { createInvokeHandlers } from '../../../electron/services/app-services';
import { ProofHistory } from '../../../electron/storage/proof-history';
import type { ProofProcess } from '../../../electron/services/connection-proof-service';
import type { ConnectionProofAnswer, WebProofAnswer } from '../../../shared/prove/prove-contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { useTempDirs } from '../../helpers/temp-dir';
import { repoRoot } from '../../helpers/test-router';

// prove:connection and prove:web as the window calls them: the real router, services, audit log and log files.

const tempDir = useTempDirs('prove-ipc');
const password = 'Sp1ng-2026!"svc"\\pass';
const operationId = () => crypto.randomUUID();

async function setUp(
  answer: (parameters: Record<string, unknown>) => string | Error = () => '',
  realProcess: ((dir: string) => Promise<ProofProcess>) | null = null,
) {
  const dir = await tempDir();
  const held = new HeldSecrets();
  const logger = createAppLogger({
    directory: join(dir, 'logs'),
    redactor: createRedactor(() => held.values()),
  });
  // The proof script's own process: it gets the password on standard input, never among its parameters.
  const calls: { parameters: Record<string, unknown>; standardInput: string | undefined }[] = [];
  const proofProcess: ProofProcess = {
    executable: 'pwsh',
    runScript: (run: ScriptRun) => {
      calls.push({ parameters: run.parameters ?? {}, standardInput: run.standardInput });
      // Something on the way logs what the shell said, password and all: the redactor must mask it.
      logger.warn('the shell said', { stderr: `bad password ${run.standardInput ?? ''}` });
      const reply = answer(run.parameters ?? {});
      if (reply instanceof Error) return Promise.reject(reply);
      return Promise.resolve({ exitCode: 0, stdout: `${reply}\n`, stderr: '' });
    },
  };
  const router = createIpcRouter({
    handlers: createInvokeHandlers({
      userDataDir: dir,
      logDirectory: join(dir, 'logs'),
      version: '9.9.9-test',
      platform: 'win32',
      scriptsDir: join(repoRoot, 'resources', 'powershell'),
      powershellCandidates: ['pwsh'],
      now: () => new Date('2026-12-01T09:00:00Z'),
      checkRuns: { operator: () => 'CONTOSO\\admin' },
      heldSecrets: held,
      proofProcess: () => (realProcess === null ? Promise.resolve(proofProcess) : realProcess(dir)),
    }),
    events: createEventSink(() => undefined),
    logger,
  });
  /** Every byte ExReady wrote: the audit log and the log files (after the logger flushed). */
  const writtenText = async () => {
    await logger.close();
    const logs = await readdir(join(dir, 'logs'));
    const texts = await Promise.all(
      logs.map((name) => readFile(join(dir, 'logs', name), 'utf8').catch(() => '')),
    );
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8').catch(() => '');
    return { logs: texts.join('\n'), audit };
  };
  return { dir, router, held, calls, writtenText };
}

const real = {
  exchangeServer: 'exch01.contoso.com',
  syncServer: 'sync01.contoso.com',
  serviceAccount: 'CONTOSO\\svc-sync',
  password,
  secondHop: null,
  lab: null,
};

function valueOf<T>(result: IpcResult): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('prove:connection', () => {
  it('proves exch02 of the demo lab: each hop, the contradicted or confirmed checks, the delegation text, audited as simulated', async () => {
    const { dir, router, writtenText } = await setUp();
    const answer = valueOf<ConnectionProofAnswer>(
      await router.invoke('prove:connection', {
        ...real,
        operationId: operationId(),
        exchangeServer: 'exch02.contoso.com',
        password: '',
        lab: 'demo',
      }),
    );
    if (answer.kind !== 'proved') throw new Error(answer.kind);
    expect(answer.simulated).toBe(true);
    expect(answer.outcome).toBe('failed');
    expect(answer.hops.map((hop) => `${hop.hop}:${hop.outcome}`)).toEqual([
      'sync-server:succeeded',
      'winrm-https:succeeded',
      'exchange-endpoint:failed',
      'exchange-cmdlet:not-run',
    ]);
    expect(answer.hops[2]?.failure?.id).toBe('double-hop-denied');
    expect(answer.hops[2]?.target).toBe('http://exch02.contoso.com/PowerShell');
    expect(answer.delegation.text).toContain('does not list HTTP/exch02.contoso.com');
    expect(answer.delegationVerdict?.status).toBe('fail');
    expect(answer.notes).toContainEqual(
      expect.objectContaining({ checkId: 'ad.delegation', relation: 'confirms' }),
    );
    const { audit } = await writtenText();
    const [entry] = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entry).toMatchObject({
      action: 'prove.remote-powershell',
      server: 'exch02.contoso.com',
      simulated: true,
      lab: 'demo',
      operator: 'CONTOSO\\admin',
    });
    // Kept as the CLI keeps its proofs, so the next check and the reports' Proved column use it.
    const [kept] = await new ProofHistory(dir).list();
    expect(kept).toMatchObject({ kind: 'remote-powershell', exchangeServer: 'exch02.contoso.com' });
    expect(kept?.kind === 'remote-powershell' && kept.delegation.secondHop).toBe('denied');
  });

  it('names each invalid field: the server, the second hop, a real proof without a password', async () => {
    const { router } = await setUp();
    const issuesOf = async (request: Record<string, unknown>) => {
      const result = await router.invoke('prove:connection', {
        ...real,
        operationId: operationId(),
        ...request,
      });
      if (result.ok || result.error.code !== 'invalid-request') throw new Error('expected invalid-request');
      return (result.error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
    };
    expect(await issuesOf({ exchangeServer: 'exch 01' })).toEqual([
      expect.stringMatching(/^exchangeServer: /),
    ]);
    expect(await issuesOf({ syncServer: 'localhost' })).toEqual([expect.stringMatching(/^syncServer: /)]);
    expect(await issuesOf({ serviceAccount: 'svc' })).toEqual([expect.stringMatching(/^serviceAccount: /)]);
    expect(await issuesOf({ secondHop: 'ftp://exch01.contoso.com/PowerShell' })).toEqual([
      'secondHop: is not an http:// or https:// URL',
    ]);
    expect(await issuesOf({ password: '' })).toEqual([
      "password: the service account's password is required for a real proof",
    ]);
    // A refused password is never quoted back.
    const tooLong = `${password}${'x'.repeat(2000)}`;
    const issues = await issuesOf({ password: tooLong, exchangeServer: 'bad host' });
    expect(issues.some((issue) => issue.startsWith('password: '))).toBe(true);
    expect(issues.join('\n')).not.toContain('Sp1ng-2026');
  });

  it('keeps the password out of the answer, the audit log and every log file, even when the shell echoes it', async () => {
    const echoed = simulateProof(demoEstate, {
      syncServer: 'sync01.contoso.com',
      exchangeServer: 'exch01.contoso.com',
      serviceAccount: 'CONTOSO\\svc-sync',
      simulate: 'access-denied',
    });
    if (echoed === null) throw new Error('the demo has exch01 and sync01');
    const { dir, router, held, calls, writtenText } = await setUp(() => {
      const hops = echoed.hops.map((hop) =>
        hop.error === null
          ? hop
          : {
              ...hop,
              error: {
                ...demoHopError('access-denied', 'exch01'),
                message: `Access is denied for ${password}`,
              },
            },
      );
      return JSON.stringify({ ...echoed, hops });
    });
    const answer = valueOf<ConnectionProofAnswer>(
      await router.invoke('prove:connection', { ...real, operationId: operationId() }),
    );
    // The script got the password on its standard input, not among its parameters; nothing after it did.
    expect(calls[0]?.standardInput).toBe(`${password}\n`);
    expect(calls[0]?.parameters).not.toHaveProperty('password');
    if (answer.kind !== 'proved') throw new Error(answer.kind);
    expect(answer.simulated).toBe(false);
    expect(answer.hops[1]?.failure?.id).toBe('access-denied');
    expect(JSON.stringify(answer)).not.toContain('Sp1ng-2026');
    expect(answer.hops[1]?.error?.message).toBe('Access is denied for ********');
    expect(held.values()).toEqual([]);
    const { logs, audit } = await writtenText();
    expect(logs).toContain('bad password [REDACTED]');
    expect(logs).not.toContain('Sp1ng-2026');
    expect(audit).toContain('"action":"prove.remote-powershell"');
    expect(audit).not.toContain('Sp1ng-2026');
    const proofsFolder = join(dir, 'proofs');
    const kept = await Promise.all(
      (await readdir(proofsFolder)).map((name) => readFile(join(proofsFolder, name), 'utf8')),
    );
    expect(kept).toHaveLength(1);
    expect(kept.join('')).not.toContain('Sp1ng-2026');
  });

  it('answers a proof that could not run, the error text without the password, and audits it as failed', async () => {
    const { router, writtenText } = await setUp(() => new Error(`WinRM refused the shell for ${password}`));
    const answer = valueOf<ConnectionProofAnswer>(
      await router.invoke('prove:connection', { ...real, operationId: operationId() }),
    );
    expect(answer).toMatchObject({ kind: 'could-not-run', error: 'WinRM refused the shell for ********' });
    const { logs, audit } = await writtenText();
    expect(audit).toContain('"outcome":"failed"');
    expect(`${logs}${audit}`).not.toContain('Sp1ng-2026');
  });
});

describe('prove:connection cancelled', () => {
  it("kills the proof's process on Cancel, answers cancelled and completes the audit entry as cancelled", async () => {
    // The proof's shell as a real process that never answers: it writes its pid, then waits forever.
    const shell = async (dir: string): Promise<ProofProcess> => {
      const executable = join(dir, 'stuck-pwsh.sh');
      await writeFile(executable, `#!/bin/sh\necho $$ > "${join(dir, 'pid')}"\nexec sleep 600\n`);
      await chmod(executable, 0o755);
      return { executable };
    };
    const { dir, router, writtenText } = await setUp(undefined, shell);
    const id = operationId();
    const running = router.invoke('prove:connection', { ...real, operationId: id });
    const pid = await vi.waitFor(
      async () => {
        const text = (await readFile(join(dir, 'pid'), 'utf8')).trim();
        if (text === '') throw new Error('no pid yet');
        return Number(text);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(await router.invoke('operation:cancel', { operationId: id })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // The process is gone, not left waiting.
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000, interval: 50 });
    const { audit } = await writtenText();
    const lines = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.kind === 'intent')).toMatchObject({ action: 'prove.remote-powershell' });
    expect(lines.find((line) => line.kind === 'outcome')).toMatchObject({
      outcome: 'cancelled',
      error: 'the proof was cancelled by the operator',
    });
    expect(audit).not.toContain('Sp1ng-2026');
    // A cancelled proof proves nothing: none is kept.
    await expect(readdir(join(dir, 'proofs'))).rejects.toThrow();
  });
});

describe('prove:web', () => {
  it("probes a demo server's OWA and ECP on demand, SIMULATED, and audits prove.web", async () => {
    const { router, writtenText } = await setUp();
    const answer = valueOf<WebProofAnswer>(
      await router.invoke('prove:web', {
        operationId: operationId(),
        server: 'exch02.contoso.com',
        lab: 'demo',
      }),
    );
    expect(answer.result.simulated).toBe(true);
    expect(answer.result.apps.map((app) => app.app)).toEqual(['owa', 'ecp']);
    expect(answer.summary).toMatch(/^owa: [a-z0-9-]+ \((pass|warn|fail|unknown)\); ecp: /);
    const { audit } = await writtenText();
    expect(audit).toContain('"action":"prove.web"');
    expect(audit).toContain('on demand (the window)');
  });

  it('names a bad server and refuses a server outside the lab', async () => {
    const { router } = await setUp();
    const bad = await router.invoke('prove:web', {
      operationId: operationId(),
      server: 'localhost',
      lab: 'demo',
    });
    expect(bad.ok === false && bad.error.issues?.[0]?.path).toBe('server');
    const outside = await router.invoke('prove:web', {
      operationId: operationId(),
      server: 'exch99.contoso.com',
      lab: 'demo',
    });
    expect(outside.ok === false && outside.error.message).toContain(
      'exch99.contoso.com is not a server of the lab',
    );
  });
});
