import { afterEach, describe, expect, it } from 'vitest';
import { runProveWebCommand } from '../../../electron/cli/commands/prove-web-command';
import { AuditLog } from '../../../electron/audit/audit-log';
import { page, redirect, startOwaStandin, testCa, toLoopback } from '../../helpers/owa-standin';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('prove-web');
const now = () => new Date('2026-12-02T10:00:00Z');
const standins: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(standins.splice(0).map((standin) => standin.close()));
});

async function prove(args: string[], deps: Parameters<typeof runProveWebCommand>[3]) {
  let stdout = '';
  let stderr = '';
  const code = await runProveWebCommand(
    args,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    now,
    deps,
  );
  return { code, stdout, stderr };
}

describe('exready prove --web', () => {
  it('probes a stand-in server, prints each hop and records the proof in the audit log', async () => {
    const dir = await tempDir();
    const standin = await startOwaStandin({
      '/owa/': redirect('https://exch01.contoso.com/owa/auth/errorFE.aspx?httpCode=500'),
      '/owa/healthcheck.htm': page(200, '200 OK<br/>EXCH01'),
    });
    standins.push(standin);
    const { code, stdout } = await prove(
      ['--web', '--server', 'EXCH01.contoso.com', '--app', 'owa', '--idp-host', 'mfa.contoso.com'],
      { userDataDir: dir, probeOptions: { ca: testCa, lookup: toLoopback, port: standin.port } },
    );
    expect(code).toBe(1);
    expect(stdout).toContain('OWA/ECP probe of exch01.contoso.com: FAIL (audit entry 1)');
    expect(stdout).toMatch(/owa {2}FAIL {4}error-fe-500/);
    expect(stdout).toContain('-> 302 https://exch01.contoso.com/owa/auth/errorFE.aspx?httpCode=500');
    const [entry] = await new AuditLog(`${dir}/audit.jsonl`).entries();
    expect(entry).toMatchObject({
      action: 'prove.web',
      server: 'exch01.contoso.com',
      outcome: 'failed',
      simulated: false,
      before: null,
      error: 'owa: error-fe-500 (fail); owa health check: 200 (pass)',
    });
  });

  it('proves the demo estate with simulated outcomes, labelled so, and audits them as the lab', async () => {
    const dir = await tempDir();
    const healthy = await prove(['--web', '--lab', 'demo', '--server', 'exch01.contoso.com'], {
      userDataDir: dir,
    });
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^SIMULATED: /);
    expect(healthy.stdout).toContain('idp-redirect');
    const broken = await prove(['--web', '--lab', 'demo', '--server', 'exch08.contoso.com', '--json'], {
      userDataDir: dir,
    });
    expect(broken.code).toBe(1);
    const json = JSON.parse(broken.stdout) as { simulated: boolean; apps: { probeClass: string }[] };
    expect(json.simulated).toBe(true);
    expect(json.apps.map((app) => app.probeClass)).toEqual(['error-fe-500', 'error-fe-500']);
    const entries = await new AuditLog(`${dir}/audit.jsonl`).entries();
    expect(entries.map((entry) => [entry.server, entry.lab, entry.outcome])).toEqual([
      ['exch01.contoso.com', 'demo', 'succeeded'],
      ['exch08.contoso.com', 'demo', 'failed'],
    ]);
  });

  it('refuses a server name that is not a name, naming it', async () => {
    await expect(prove(['--web', '--server', 'exch 01'], { userDataDir: await tempDir() })).rejects.toThrow(
      /--server "exch 01"/,
    );
  });
});
