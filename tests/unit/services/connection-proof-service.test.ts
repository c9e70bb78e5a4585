import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScriptRun } from '../../../electron/powershell/script-process';
import { locatePowerShellScripts } from '../../../electron/resource-paths';
import {
  ConnectionProofError,
  connectionProofScript,
  runConnectionProof,
  withoutSecret,
  type ConnectionProofRequest,
} from '../../../electron/services/connection-proof-service';
import { defaultSecondHop } from '../../../shared/prove/proof-result';
import { repoRoot } from '../../helpers/test-router';

const password = 'Autumn-2026!"x"';
const request: ConnectionProofRequest = {
  syncServer: 'sync01.contoso.com',
  exchangeServer: 'exch01.contoso.com',
  serviceAccount: 'CONTOSO\\svc-sync',
  password,
  secondHop: defaultSecondHop('exch01.contoso.com'),
};
const scriptPath = connectionProofScript(locatePowerShellScripts(repoRoot));
const resultLine = JSON.stringify({
  exreadyProof: 1,
  syncServer: 'sync01.contoso.com',
  exchangeServer: 'exch01.contoso.com',
  serviceAccount: 'CONTOSO\\svc-sync',
  secondHop: defaultSecondHop('exch01.contoso.com'),
  hops: [
    { hop: 'sync-server', target: 'sync01.contoso.com', outcome: 'succeeded', durationMs: 4, error: null },
  ],
  exchangeServerSeen: null,
  refused: null,
});

describe('the connection proof service', () => {
  it('runs the shipped proof script with the request as its one parameter object', async () => {
    expect(existsSync(scriptPath)).toBe(true);
    const calls: ScriptRun[] = [];
    const runScript = (run: ScriptRun) => {
      calls.push(run);
      return Promise.resolve({ exitCode: 0, stdout: `WARNING: x\n${resultLine}\n`, stderr: '' });
    };
    const result = await runConnectionProof(
      { executable: 'pwsh', runScript },
      scriptPath,
      request,
      new AbortController().signal,
    );
    expect(result.hops[0]?.outcome).toBe('succeeded');
    expect(calls[0]?.scriptPath).toBe(scriptPath);
    expect(calls[0]?.parameters).toMatchObject({ serviceAccount: 'CONTOSO\\svc-sync', timeoutSeconds: 60 });
    expect(calls[0]?.timeoutMs).toBe(210_000);
  });

  it('sends the password on standard input and never among the parameters a command line carries', async () => {
    const calls: ScriptRun[] = [];
    const runScript = (run: ScriptRun) => {
      calls.push(run);
      return Promise.resolve({ exitCode: 0, stdout: resultLine, stderr: '' });
    };
    await runConnectionProof(
      { executable: 'pwsh', runScript },
      scriptPath,
      request,
      new AbortController().signal,
    );
    expect(calls[0]?.parameters).not.toHaveProperty('password');
    expect(JSON.stringify(calls[0]?.parameters)).not.toContain('Autumn-2026');
    expect(calls[0]?.standardInput).toBe(`${password}\n`);
  });

  it('says the script printed no result, without the password a host error echoed', async () => {
    const runScript = () =>
      Promise.resolve({ exitCode: 1, stdout: '', stderr: `ParserError near '${password}'\n` });
    const error = await runConnectionProof(
      { executable: 'pwsh', runScript },
      scriptPath,
      request,
      new AbortController().signal,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionProofError);
    expect(String(error)).toContain('printed no result');
    expect(String(error)).not.toContain('Autumn-2026');
  });

  it('takes the password out in every form it may be echoed in', () => {
    const escaped = JSON.stringify(password).slice(1, -1);
    expect(withoutSecret(`a ${password} b ${escaped} c`, request)).toBe('a ******** b ******** c');
  });
});
