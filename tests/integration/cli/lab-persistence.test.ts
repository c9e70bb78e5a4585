import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { useCliOverOwnUserData, type CliRun } from '../../helpers/cli-run';

const server = 'exch02.contoso.com';
const fix = ['--server', server, '--fix', 'winrm.service.start-automatic', '--yes', '--lab', 'demo'];

interface CheckDocument {
  servers: { fqdn: string; results: { checkId: string; status: string }[] }[];
  readiness: { servers: { fqdn: string; verdicts: { integration: string; text: string }[] }[] };
}

function winrmService(run: CliRun): string | undefined {
  const document = JSON.parse(run.stdout) as CheckDocument;
  return document.servers
    .find((item) => item.fqdn === server)
    ?.results.find((result) => result.checkId === 'winrm.service')?.status;
}

// The demo lab between separate commands: what a lab fix changed is what the next command sees, until --reset.
describe('the demo lab keeps its state between CLI commands', () => {
  const { exready, userData } = useCliOverOwnUserData('cli-lab-state');
  const audit = () => new AuditLog(join(userData(), 'audit.jsonl')).entries();

  it('fix then check shows the fixed check passing; undo really reverts it and records what it did', async () => {
    expect(winrmService(await exready('check', '--lab', 'demo', '--json'))).toBe('warn');

    const fixed = await exready('fix', ...fix);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout.split('\n')[0]).toMatch(/^SIMULATED: the demo lab/);
    expect(fixed.stdout).toContain('SIMULATED: Done (audit entry 1)');
    expect(fixed.stdout).toContain('SIMULATED: Re-check winrm.service: pass');

    const after = await exready('check', '--lab', 'demo', '--json');
    expect(winrmService(after)).toBe('pass');

    const undone = await exready('undo', '--audit-id', '1', '--yes', '--lab', 'demo');
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout.split('\n')[0]).toMatch(/^SIMULATED: the demo lab/);
    expect(undone.stdout).toContain('SIMULATED: Done (audit entry 2)');
    expect(winrmService(await exready('check', '--lab', 'demo', '--json'))).toBe('warn');

    const entries = await audit();
    expect(entries.map((entry) => [entry.id, entry.outcome, entry.undoes, entry.simulated])).toEqual([
      [1, 'succeeded', null, true],
      [2, 'succeeded', 1, true],
    ]);
    expect(entries[1]?.before).toEqual({ status: 'Running', startType: 'Automatic' });
    expect(entries[1]?.after).toEqual({ status: 'Running', startType: 'Manual' });
  });

  it('--reset puts the demo estate back, and an undo with nothing left to change is not recorded as a success', async () => {
    expect((await exready('fix', ...fix)).code).toBe(0);
    const reset = await exready('check', '--lab', 'demo', '--reset', '--json');
    expect(reset.stderr).toContain('The demo lab is back to its built-in state.');
    expect(winrmService(reset)).toBe('warn');

    const idle = await exready('undo', '--audit-id', '1', '--yes', '--lab', 'demo');
    expect(idle.code).toBe(1);
    expect(idle.stderr).toContain('SIMULATED: refused: nothing to undo');
    const entries = await audit();
    expect(entries.at(-1)).toMatchObject({ id: 2, undoes: 1, outcome: 'refused' });
    expect(entries.some((entry) => entry.undoes === 1 && entry.outcome === 'succeeded')).toBe(false);
  });

  it('refuses a damaged lab state file by name, and --reset starts the lab again', async () => {
    await mkdir(join(userData(), 'labs'), { recursive: true });
    const path = join(userData(), 'labs', 'demo.json');
    await writeFile(path, '{"name":"demo","exchangeServers":');
    const refused = await exready('check', '--lab', 'demo');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${path} is not JSON: run 'exready check --lab demo --reset'`);
    expect((await exready('check', '--lab', 'demo', '--reset', '--json')).stdout).toContain('"readiness"');
  });

  it('--reset without --lab is bad input', async () => {
    const run = await exready('check', '--reset', '--servers', server);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reset puts a lab back: use it with --lab demo');
  });
});
