import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { runFixCommand, type FixCommandDeps } from '../../../electron/cli/commands/fix-command';
import { createLabFixHost } from '../../../electron/lab/lab-fix-host';
import { decodeScriptParameters } from '../../../electron/powershell/script-command';
import { fixNow, fixScenarios, goodThumbprint, scriptsDir, server } from '../../helpers/fix-lab';
import { collectedValue, readyServerFacts } from '../../helpers/remoting-facts';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fix-cli-connection');
const create = fixScenarios.find((scenario) => scenario.fixId === 'winrm.listener.https.create')!;

async function preview(args: string[], deps: Partial<FixCommandDeps>) {
  const out: string[] = [];
  const dir = await tempDir();
  const code = await runFixCommand(
    args,
    { stdout: (text) => out.push(text), stderr: (text) => out.push(text) },
    () => fixNow,
    {
      audit: new AuditLog(join(dir, 'audit.jsonl'), () => fixNow),
      scriptsDir,
      operator: 'CONTOSO\\admin',
      prompt: null,
      ...deps,
    },
  );
  return { code, text: out.join('') };
}

// `exready fix` prints the connection in its preview: from the lab's own collection, or from the newest saved facts.
describe('exready fix: the connection in the preview', () => {
  it('says a lab server without an HTTPS listener gets it over HTTP 5985', async () => {
    const lab = createLabFixHost(create.estate);
    const { code, text } = await preview(
      [
        '--server',
        server,
        '--fix',
        create.fixId,
        '--param',
        `thumbprint=${goodThumbprint}`,
        '--yes',
        '--lab',
        'test',
      ],
      { labHost: () => lab },
    );
    expect(code).toBe(0);
    expect(text).toMatch(/^Connects: {3}Connects to the server over WinRM HTTP on TCP 5985, not HTTPS 5986/m);
    expect(lab.runs[0]?.parameters).toMatchObject({ transport: 'http' });
  });

  it('says HTTPS 5986 for a fix that is not a listener fix', async () => {
    const lab = createLabFixHost(fixScenarios[0]!.estate);
    const { text } = await preview(
      ['--server', server, '--fix', 'winrm.service.start-automatic', '--yes', '--lab', 'test'],
      { labHost: () => lab },
    );
    expect(text).toContain('Connects:   Connects to the server over WinRM HTTPS on TCP 5986');
  });

  it('exports a listener fix with transport http when the newest saved facts of the server show no HTTPS listener', async () => {
    const asked: string[] = [];
    const ready = readyServerFacts();
    const listeners = ready.listeners.status === 'collected' ? ready.listeners.value : [];
    const withoutHttps = readyServerFacts({
      listeners: collectedValue(listeners.filter((listener) => listener.transport !== 'HTTPS')),
    });
    const path = join(await tempDir(), 'plan.ps1');
    const { code } = await preview(
      [
        '--export',
        path,
        '--server',
        server,
        '--fix',
        create.fixId,
        '--param',
        `thumbprint=${goodThumbprint}`,
      ],
      {
        serverFacts: (name) => {
          asked.push(name);
          return Promise.resolve(withoutHttps);
        },
      },
    );
    expect(code).toBe(0);
    expect(asked).toEqual([server]);
    const literal = /'ParametersBase64' = '([A-Za-z0-9+/=]+)'/.exec(await readFile(path, 'utf8'))?.[1] ?? '';
    expect(decodeScriptParameters(literal)).toMatchObject({ server, transport: 'http' });
  });
});
