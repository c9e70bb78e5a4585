import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import {
  runFixCommand,
  runUndoCommand,
  type FixCommandDeps,
} from '../../../electron/cli/commands/fix-command';
import { createLabFixHost, type LabFixHost } from '../../../electron/lab/lab-fix-host';
import { checkPowerShellSource } from '../../../electron/powershell/syntax-check';
import { fixNow, fixScenarios, scriptsDir, server } from '../../helpers/fix-lab';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fix-cli');
const winrm = fixScenarios.find((scenario) => scenario.checkId === 'winrm.service')!;
const cbt = fixScenarios.find((scenario) => scenario.checkId === 'winrm.auth.cbt')!;
const trustedHosts = fixScenarios.find((scenario) => scenario.checkId === 'winrm.trustedhosts')!;

async function cli(lab: LabFixHost, answers: string[] | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const dir = await tempDir();
  const deps: FixCommandDeps = {
    audit: new AuditLog(join(dir, 'audit.jsonl'), () => fixNow),
    scriptsDir,
    operator: 'CONTOSO\\admin',
    prompt:
      answers === null
        ? null
        : (question) => {
            out.push(question);
            return Promise.resolve(answers.shift() ?? '');
          },
    labHost: () => lab,
  };
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };
  return { deps, io, dir, out: () => out.join(''), err: () => err.join('') };
}

const now = () => fixNow;

describe('exready fix / undo against the lab', () => {
  it('previews, applies with --yes, re-checks green, says "nothing to change" the second time, and undoes', async () => {
    const lab = createLabFixHost(winrm.estate);
    const { deps, io, out } = await cli(lab);
    const args = ['--server', server, '--fix', winrm.fixId, '--yes', '--lab', 'test'];
    expect(await runFixCommand(args, io, now, deps)).toBe(0);
    expect(out()).toContain('Set-ExreadyWinrmService.ps1');
    expect(out()).toMatch(/Done \(audit entry 1\)/);
    expect(out()).toMatch(/Re-check winrm.service: pass/);
    expect(await runFixCommand(args, io, now, deps)).toBe(0);
    expect(out()).toMatch(/Nothing to change \(audit entry 2\)/);
    expect(await runUndoCommand(['--audit-id', '1', '--yes', '--lab', 'test'], io, now, deps)).toBe(0);
    expect(out()).toMatch(/Re-check winrm.service: fail/);
    expect(lab.estate().exchangeServers[0]?.winrmService).toEqual({
      status: 'Stopped',
      startType: 'Disabled',
    });
  });

  it('refuses without --yes when not interactive, and asks when it is', async () => {
    const quiet = await cli(createLabFixHost(winrm.estate));
    const args = ['--server', server, '--fix', winrm.fixId, '--lab', 'test'];
    expect(await runFixCommand(args, quiet.io, now, quiet.deps)).toBe(1);
    expect(quiet.err()).toMatch(/pass --yes/);
    expect(await quiet.deps.audit.entries()).toEqual([]);
    const asked = await cli(createLabFixHost(winrm.estate), ['no']);
    expect(await runFixCommand(args, asked.io, now, asked.deps)).toBe(1);
    const yes = await cli(createLabFixHost(winrm.estate), ['y']);
    expect(await runFixCommand(args, yes.io, now, yes.deps)).toBe(0);
  });

  it('needs the risk accepted for a fix that lowers security', async () => {
    const args = ['--server', server, '--fix', cbt.fixId, '--param', 'level=None', '--yes', '--lab', 'test'];
    const refused = await cli(createLabFixHost(cbt.estate));
    expect(await runFixCommand(args, refused.io, now, refused.deps)).toBe(1);
    expect(refused.out()).toContain('LOWERS SECURITY');
    const typed = await cli(createLabFixHost(cbt.estate), ['I accept this risk']);
    expect(await runFixCommand(args, typed.io, now, typed.deps)).toBe(0);
    const flagged = await cli(createLabFixHost(cbt.estate));
    expect(await runFixCommand([...args, '--accept-risk'], flagged.io, now, flagged.deps)).toBe(0);
    expect(flagged.out()).toMatch(/Re-check winrm.auth.cbt: pass/);
  });

  it('exits 1 with an audit entry when the server refuses', async () => {
    const lab = createLabFixHost(winrm.estate);
    lab.refuse(server);
    const { deps, io, err } = await cli(lab);
    expect(
      await runFixCommand(
        ['--server', server, '--fix', winrm.fixId, '--yes', '--lab', 'test'],
        io,
        now,
        deps,
      ),
    ).toBe(1);
    expect(err()).toMatch(/refused: Access is denied/);
    expect((await deps.audit.entries())[0]?.outcome).toBe('refused');
  });

  it('refuses to run a fix whose audit entry cannot be written, saying why, and changes nothing', async () => {
    const lab = createLabFixHost(winrm.estate);
    const { deps, io, dir, err } = await cli(lab);
    const readOnly = () =>
      Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    deps.audit = new AuditLog(join(dir, 'audit.jsonl'), () => fixNow, { appendDurably: readOnly });
    const args = ['--server', server, '--fix', winrm.fixId, '--yes', '--lab', 'test'];
    expect(await runFixCommand(args, io, now, deps)).toBe(1);
    expect(err()).toMatch(
      /Refused: the audit log .* could not be written \(EACCES: permission denied\)\. Nothing was changed\./,
    );
    expect(lab.estate().exchangeServers[0]?.winrmService).toEqual({
      status: 'Stopped',
      startType: 'Disabled',
    });
  });

  it('refuses to undo a lab entry without --lab', async () => {
    const lab = createLabFixHost(winrm.estate);
    const { deps, io, err } = await cli(lab);
    expect(
      await runFixCommand(
        ['--server', server, '--fix', winrm.fixId, '--yes', '--lab', 'test'],
        io,
        now,
        deps,
      ),
    ).toBe(0);
    expect(await runUndoCommand(['--audit-id', '1', '--yes'], io, now, deps)).toBe(2);
    expect(err()).toContain('Audit entry 1 was made in the test lab (simulated)');
  });

  it('exits 2 on bad input', async () => {
    const { deps, io } = await cli(createLabFixHost(winrm.estate));
    expect(await runFixCommand(['--fix', winrm.fixId], io, now, deps)).toBe(2);
    expect(await runFixCommand(['--server', server, '--fix', 'no.such'], io, now, deps)).toBe(2);
    expect(
      await runFixCommand(
        ['--server', server, '--fix', cbt.fixId, '--param', 'level=High', '--yes'],
        io,
        now,
        deps,
      ),
    ).toBe(2);
    expect(await runUndoCommand(['--audit-id', 'x'], io, now, deps)).toBe(2);
    expect(await runUndoCommand(['--audit-id', '9'], io, now, deps)).toBe(2);
  });

  it('exports several fixes to one script that parses clean', async () => {
    const { deps, io, dir } = await cli(createLabFixHost(winrm.estate));
    const path = join(dir, 'plan.ps1');
    const args = [
      '--export',
      path,
      '--server',
      server,
      '--fix',
      winrm.fixId,
      '--fix',
      cbt.fixId,
      '--param',
      `${cbt.fixId}:level=Relaxed`,
    ];
    expect(await runFixCommand(args, io, now, deps)).toBe(0);
    const text = await readFile(path, 'utf8');
    expect(await checkPowerShellSource(text, path)).toEqual([]);
    expect(text).toContain('"level":"Relaxed"');
  });

  it('asks "I accept this risk" for TrustedHosts "*.com" and refuses without it: the risk is the values\'', async () => {
    const lab = createLabFixHost(trustedHosts.estate);
    const before = lab.estate().syncServers[0]?.trustedHosts.value;
    const { deps, io, err } = await cli(lab);
    const args = [
      '--server',
      server,
      '--fix',
      trustedHosts.fixId,
      '--param',
      'syncServer=sync01.contoso.com',
    ];
    expect(
      await runFixCommand([...args, '--param', 'hosts=*.com', '--yes', '--lab', 'test'], io, now, deps),
    ).toBe(1);
    expect(err()).toMatch(/lowers security: pass --accept-risk/);
    expect(lab.estate().syncServers[0]?.trustedHosts.value).toBe(before);
    expect(
      await runFixCommand([...args, '--param', 'hosts=x, *', '--yes', '--lab', 'test'], io, now, deps),
    ).toBe(1);
    expect(lab.estate().syncServers[0]?.trustedHosts.value).toBe(before);
  });

  it('refuses to export a firewall scope of 0.0.0.0/0 without --accept-risk, and writes nothing', async () => {
    const { deps, io, dir, err } = await cli(createLabFixHost(winrm.estate));
    const path = join(dir, 'plan.ps1');
    const args = [
      '--export',
      path,
      '--server',
      server,
      '--fix',
      'firewall.5986.allow',
      '--param',
      'remoteAddresses=0.0.0.0/0',
    ];
    expect(await runFixCommand(args, io, now, deps)).toBe(1);
    expect(err()).toMatch(/firewall\.5986\.allow on exch01\.contoso\.com lowers security/);
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await runFixCommand([...args, '--accept-risk'], io, now, deps)).toBe(0);
    expect(await readFile(path, 'utf8')).toContain('# RISK ACCEPTED');
  });

  it('refuses syncServer "localhost" as bad input', async () => {
    const { deps, io, err } = await cli(createLabFixHost(trustedHosts.estate));
    const args = [
      '--server',
      server,
      '--fix',
      trustedHosts.fixId,
      '--param',
      'syncServer=localhost',
      '--param',
      `hosts=${server}`,
      '--yes',
      '--lab',
      'test',
    ];
    expect(await runFixCommand(args, io, now, deps)).toBe(2);
    expect(err()).toMatch(/syncServer: "localhost" is not fully qualified/);
  });
});
