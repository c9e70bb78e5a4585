import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { useTempDirs } from '../../helpers/temp-dir';

async function exready(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    () => new Date('2026-11-22T10:00:00Z'),
  );
  return { code, stdout, stderr };
}

// The demo lab through the real command: simulated lines, the real reader, assembler, normaliser and rules.
describe('exready check --lab demo', () => {
  const tempDir = useTempDirs('check-lab');

  it('checks the simulated estate, labels it simulated, and shows every status', async () => {
    const { code, stdout } = await exready('check', '--lab', 'demo', '--json');
    expect(code).toBe(1);
    const document = JSON.parse(stdout) as {
      simulated: boolean;
      servers: { fqdn: string; results: { status: string }[] }[];
    };
    expect(document.simulated).toBe(true);
    const statuses = new Set(document.servers.flatMap((server) => server.results.map((r) => r.status)));
    expect([...statuses].sort()).toEqual(['fail', 'n/a', 'pass', 'unknown', 'warn']);
    // Eleven Remote PowerShell checks, then four MFA checks per app (owa, ecp), the API and the logs.
    expect(document.servers.every((server) => server.results.length === 21)).toBe(true);
  });

  it('shows the MFA checks of the demo lab, with the demo secrets never printed', async () => {
    const { stdout } = await exready('check', '--lab', 'demo', '--json');
    const document = JSON.parse(stdout) as {
      servers: { fqdn: string; results: { checkId: string; status: string }[] }[];
    };
    const notPassing = Object.fromEntries(
      document.servers.map((server) => [
        server.fqdn.split('.')[0],
        server.results
          .filter((r) => r.checkId.startsWith('mfa.') && r.status !== 'pass')
          .map((r) => `${r.checkId}=${r.status}`),
      ]),
    );
    expect(notPassing.exch01).toEqual([]);
    expect(notPassing.exch02).toEqual(['mfa.owa.bin=warn']);
    expect(notPassing.exch03).toEqual([
      'mfa.owa.bin=fail',
      'mfa.owa.backup=warn',
      'mfa.ecp.bin=fail',
      'mfa.ecp.backup=warn',
    ]);
    expect(notPassing.exch04).toEqual([
      'mfa.owa.appsettings=fail',
      'mfa.owa.module=fail',
      'mfa.ecp.appsettings=fail',
    ]);
    expect(notPassing.exch08).toEqual(['mfa.api=fail', 'mfa.logs=fail']);
    expect(notPassing.exch05).toHaveLength(10);
    expect(stdout).not.toContain('demo-app-key');
    expect(stdout).not.toContain('demo-app-secret');
    expect(stdout).not.toContain('demo-old-key');
  });

  it('saves facts that `evaluate` rebuilds into the same checklist, still labelled simulated', async () => {
    const factsFile = join(await tempDir(), 'facts.json');
    const checked = await exready('check', '--lab', 'demo', '--facts-out', factsFile);
    const text = await readFile(factsFile, 'utf8');
    const saved = JSON.parse(text) as { simulated?: boolean };
    expect(saved.simulated).toBe(true);
    // The collected web.configs are kept with their secret values hashed: not in clear, not inside base64.
    const decoded = [...text.matchAll(/"(?:base64|sealed)": "([^"]+)"/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
    );
    expect(decoded.length).toBeGreaterThan(4);
    for (const candidate of [text, ...decoded]) {
      expect(candidate).not.toContain('demo-app-secret');
      expect(candidate).not.toContain('demo-app-key');
    }
    const evaluated = await exready('evaluate', '--facts', factsFile);
    expect(evaluated.code).toBe(checked.code);
    expect(evaluated.stdout.split('\n')[0]).toBe('SIMULATED: lab facts, not collected from real servers');
    // Same verdicts line for line, apart from the header that names the source.
    const verdicts = (text: string) =>
      text.split('\n').filter((line) => /^\s+(PASS|WARN|FAIL|UNKNOWN|N\/A)\s/.test(line));
    expect(verdicts(evaluated.stdout)).toEqual(verdicts(checked.stdout));
  });

  it('refuses an unknown lab with exit code 2', async () => {
    const { code, stderr } = await exready('check', '--lab', 'production');
    expect(code).toBe(2);
    expect(stderr).toContain('"production" is not a lab (known: demo)');
  });
});
