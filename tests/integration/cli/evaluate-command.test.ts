import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEvaluateCommand } from '../../../electron/cli/commands/evaluate-command';
import { decodeFactsFile } from '../../../electron/facts/saved-facts-reader';
import { CheckResult } from '../../../shared/checks/check-result';
import { testNow } from '../../helpers/remoting-facts';
import { readSampleEstateBytes, sampleEstatePath } from '../../helpers/sample-estate';
import { useTempDirs } from '../../helpers/temp-dir';

async function evaluate(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runEvaluateCommand(
    args,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    () => testNow,
  );
  return { code, stdout, stderr };
}

const estateText = decodeFactsFile(readSampleEstateBytes());
const newTempDir = useTempDirs('evaluate');

async function factsFile(content: string | Buffer, name = 'facts.json'): Promise<string> {
  const path = join(await newTempDir(), name);
  await writeFile(path, content);
  return path;
}

/** The sample estate with only its ready server, as a collection of one healthy Exchange server would save it. */
function readyEstateText(): string {
  const estate = JSON.parse(estateText) as {
    context: { exchangeServers: string[] };
    servers: { fqdn: string }[];
  };
  estate.servers = estate.servers.filter((server) => server.fqdn === 'exch01.contoso.com');
  estate.context.exchangeServers = ['exch01.contoso.com'];
  return JSON.stringify(estate, null, 2);
}

describe('exready evaluate', () => {
  it('prints a checklist per server with status words and exits 1 when a check fails', async () => {
    const run = await evaluate('--facts', sampleEstatePath);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'Facts collected 2025-03-01T11:58:00.000Z, evaluated 2025-03-01T12:00:00.000Z',
    );
    expect(run.stdout).toContain('Service account: CONTOSO\\svc-sync');
    expect(run.stdout).toContain('exch01.contoso.com: 10 pass, 1 unknown');
    expect(run.stdout).toContain('exch03.contoso.com: 9 fail, 1 unknown, 1 n/a');
    expect(run.stdout).toMatch(/^ {2}FAIL {5}winrm\.service {16}WinRM is Stopped/m);
    expect(run.stdout).toMatch(/^ {2}WARN {5}winrm\.listener\.cert/m);
    expect(run.stdout).toMatch(/^ {2}UNKNOWN {2}ad\.delegation/m);
    expect(run.stdout).toMatch(/^ {2}N\/A {6}winrm\.listener\.cert/m);
    expect(run.stdout).toContain('Accepted risk: TrustedForDelegation is unconstrained delegation');
    expect(run.stdout).toContain('Fix: winrm.service.start-automatic');
    expect(run.stdout).toContain('Total: 4 servers, 44 checks: 17 pass, 2 warn, 9 fail, 15 unknown, 1 n/a');
    expect(run.stdout.trimEnd().endsWith('Result: FAIL (9 checks failed)')).toBe(true);
  });

  it('prints the same results as JSON with --json', async () => {
    const run = await evaluate(`--facts=${sampleEstatePath}`, '--json');
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as {
      evaluatedAt: string;
      totals: Record<string, number>;
      servers: { fqdn: string; results: unknown[] }[];
    };
    expect(document.evaluatedAt).toBe('2025-03-01T12:00:00.000Z');
    expect(document.totals).toEqual({ pass: 17, warn: 2, fail: 9, unknown: 15, 'n/a': 1 });
    expect(document.servers.map((server) => server.fqdn)).toEqual([
      'exch01.contoso.com',
      'exch02.contoso.com',
      'exch03.contoso.com',
      'exch04.contoso.com',
    ]);
    const results = document.servers.flatMap((server) =>
      server.results.map((result) => CheckResult.parse(result)),
    );
    expect(
      results.find((result) => result.checkId === 'winrm.auth.cbt' && result.status === 'pass')?.acceptedRisk,
    ).toBeDefined();
  });

  it('exits 0 when nothing fails', async () => {
    const run = await evaluate('--facts', await factsFile(readyEstateText()));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Result: nothing failed');
  });

  it('reads a UTF-16 file saved with Windows PowerShell 5.1 redirection', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readyEstateText(), 'utf16le')]);
    expect((await evaluate('--facts', await factsFile(utf16))).code).toBe(0);
  });

  it('exits 2 on a JSON syntax error, naming file, line and column', async () => {
    const path = await factsFile('{\n  "schemaVersion": 1,\n  "servers": [\n}\n');
    const run = await evaluate('--facts', path);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path}:4:1:`);
    expect(run.stderr).toContain('Unexpected token');
    expect(run.stderr).toContain('is not valid JSON');
  });

  it('exits 2 on a bad field, naming file, server and field', async () => {
    const path = await factsFile(estateText.replace('"port":  "5986"', '"port":  "https"'));
    const run = await evaluate('--facts', path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path}: server exch01.contoso.com, $.servers[0].listeners.value[1].port:`);
    expect(run.stderr).toContain('(got "https")');
  });

  it('exits 2 when the file is missing or the arguments are wrong', async () => {
    const missing = join(await newTempDir(), 'nowhere.json');
    const noFile = await evaluate('--facts', missing);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain(`${missing}: no such file`);
    for (const args of [[], ['--facts'], ['--facts', sampleEstatePath, '--yaml'], ['extra']]) {
      const run = await evaluate(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: exready evaluate --facts <file.json> [--json]');
    }
  });

  it('prints its help and exits 0', async () => {
    const run = await evaluate('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 nothing failed, 1 a check failed, 2 bad input.');
  });
});
