import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWebconfigCommand } from '../../../electron/cli/commands/webconfig-command';
import type { SecretSources } from '../../../electron/cli/secret-input';
import { webConfigPickupAdvice } from '../../../shared/integrations/webconfig-pickup';
import { copyWebconfig, makeTempDir, readWebconfigFixture, toCrlf } from '../../helpers/webconfig-fixtures';

const owaFixture = 'exchange2016_DefaultWebSite-OWA_web.config';
const apiKey = 'ak-4f9e2c71';
const apiSecret = `s3cr&t<"quoted">'x`;
const secretForms = [apiKey, apiSecret, 's3cr&amp;t', 's3cr&t'];

// The secrets as an admin's shell would hold them: never on the command line.
const secretEnv = {
  EXREADY_SECRET_MONOSIGN_API_KEY: apiKey,
  EXREADY_SECRET_MONOSIGN_API_SECRET: apiSecret,
};

async function run(
  args: readonly string[],
  iso = '2026-03-01T09:08:07Z',
  sources: SecretSources = { env: secretEnv, prompt: null },
) {
  let stdout = '';
  let stderr = '';
  const code = await runWebconfigCommand(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    () => new Date(iso),
    sources,
  );
  return { code, stdout, stderr };
}

function expectNoSecret(output: { stdout: string; stderr: string }) {
  for (const form of secretForms) expect(`${output.stdout}${output.stderr}`).not.toContain(form);
}

describe('exready webconfig', () => {
  let dir = '';
  let file = '';
  const monosign = () => [
    '--file',
    file,
    '--profile',
    'monosign',
    '--app',
    'owa',
    '--set',
    'MONOSIGN_API_URL=https://mfa.contoso.com/',
    '--set',
    'MONOSIGN_DEBUG_MODE=true',
    '--set',
    'MONOSIGN_LOG_PATH=C:\\monosign-logs',
  ];

  beforeEach(async () => {
    dir = await makeTempDir('exready-cli-webconfig-');
    file = await copyWebconfig(dir, owaFixture);
    // The module's DLL where IIS loads it from: apply refuses the module entry without it.
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'MonoSign.IISModule.dll'), 'MZ stand-in');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints usage with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: exready webconfig plan|apply|rollback');
  });

  it('plan prints the changes and a unified diff, masks secrets and writes nothing', async () => {
    const output = await run(['plan', ...monosign()]);
    expect(output.code).toBe(0);
    expect(output.stdout).toContain('+ appSettings MONOSIGN_API_SECRET = "********"');
    expect(output.stdout).toContain('--- a/web.config\n+++ b/web.config\n@@ ');
    expect(output.stdout).toContain(
      '+        <add name="MonoSignExchange" type="MonoSign.IISModule.MSExchange, MonoSign.IISModule" />',
    );
    expect(output.stdout).toContain('MonoSign.IISModule.dll');
    expect(output.stdout).toContain('nothing was written');
    expectNoSecret(output);
    expect((await readFile(file)).equals(await readWebconfigFixture(owaFixture))).toBe(true);
    expect(await readdir(dir)).toEqual(['bin', 'web.config']);
  });

  it('apply writes a backup and then the file; a second apply changes nothing', async () => {
    const first = await run(['apply', ...monosign()]);
    expect(first.code).toBe(0);
    const backup = join(dir, 'web.config.exready-20260301-090807.bak');
    expect(first.stdout).toContain(`Backup: ${backup}`);
    expect(first.stdout).toMatch(/Written and verified: .*web\.config \(SHA-256 [0-9a-f]{64}\)/);
    expectNoSecret(first);
    expect((await readFile(backup)).equals(await readWebconfigFixture(owaFixture))).toBe(true);
    const written = await readFile(file, 'utf8');
    expect(written).toContain(
      `<add key="MONOSIGN_API_SECRET" value="s3cr&amp;t&lt;&quot;quoted&quot;&gt;'x" />`,
    );

    const second = await run(['apply', ...monosign()], '2026-03-01T10:00:00Z');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change');
    expect(await readFile(file, 'utf8')).toBe(written);
    expect((await readdir(dir)).sort()).toEqual([
      'bin',
      'web.config',
      'web.config.exready-20260301-090807.bak',
    ]);
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const crlf = toCrlf(await readWebconfigFixture(owaFixture));
    await writeFile(file, crlf);
    expect((await run(['apply', ...monosign()])).code).toBe(0);
    const written = await readFile(file);
    expect(written.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(written.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
    expect(written.length).toBeGreaterThan(crlf.length);
  });

  it('apply says when IIS picks the change up, in the words the window uses', async () => {
    const output = await run(['apply', ...monosign()]);
    expect(output.code).toBe(0);
    expect(output.stdout).toContain(`${webConfigPickupAdvice}\n`);
    expect(webConfigPickupAdvice).toContain('No app-pool recycle is needed');
  });

  it("refuses to add the module while its DLL is not in the app's bin (the app would fail for every user)", async () => {
    await rm(join(dir, 'bin', 'MonoSign.IISModule.dll'));
    const planned = await run(['plan', ...monosign()]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(
      `Apply will refuse: MonoSign.IISModule.dll is not in ${join(dir, 'bin')}`,
    );
    const refused = await run(['apply', ...monosign()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `refused: MonoSign.IISModule.dll is not in ${join(dir, 'bin')}: IIS cannot load the module, and owa fails for every user`,
    );
    expect(refused.stderr).toContain('The file was not changed.');
    expect((await readFile(file)).equals(await readWebconfigFixture(owaFixture))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['bin', 'web.config']);
    // NTFS names compare without case: the DLL as the vendor's zip spells it is found.
    await writeFile(join(dir, 'bin', 'monosign.iismodule.DLL'), 'MZ stand-in');
    expect((await run(['apply', ...monosign()])).code).toBe(0);
  });

  it('refuses an empty web.config at a real line and column', async () => {
    await writeFile(file, '');
    const output = await run(['apply', ...monosign()]);
    expect(output.code).toBe(1);
    expect(output.stderr).toContain('refused: web.config is not well-formed XML at line 1, column 1:');
    expect(output.stderr).not.toContain('undefined');
  });

  it('rollback restores the newest backup, or the one given with --backup', async () => {
    await run(['apply', ...monosign()], '2026-03-01T09:00:00Z');
    const applied = await readFile(file);
    const rolledBack = await run(['rollback', '--file', file], '2026-03-01T09:30:00Z');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('Restored');
    expect((await readFile(file)).equals(await readWebconfigFixture(owaFixture))).toBe(true);
    const keep = join(dir, 'web.config.exready-20260301-093000.pre-rollback.bak');
    expect((await readFile(keep)).equals(applied)).toBe(true);

    const named = await run(['rollback', '--file', file, '--backup', keep], '2026-03-01T09:45:00Z');
    expect(named.code).toBe(0);
    expect((await readFile(file)).equals(applied)).toBe(true);
  });

  it('takes the admin-named user-source key with --extra', async () => {
    const { code, stdout } = await run(['plan', ...monosign(), '--extra', 'MONOSIGN_USER_SOURCE=MONOFOR']);
    expect(code).toBe(0);
    expect(stdout).toContain('+    <add key="MONOSIGN_USER_SOURCE" value="MONOFOR" />');
  });

  it('takes another vendor as a profile file', async () => {
    const profile = join(dir, 'acme.json');
    await writeFile(
      profile,
      JSON.stringify({
        schemaVersion: 1,
        id: 'acme',
        title: 'Acme OTP',
        vendor: 'Acme',
        apps: [{ id: 'owa', title: 'OWA' }],
        appSettings: [
          { key: 'ACME_TOKEN', validator: 'secret', secret: true, required: true, description: 'Token' },
        ],
        module: { name: 'AcmeOtp', type: 'Acme.Otp.Module, Acme.Otp' },
      }),
    );
    await writeFile(join(dir, 'bin', 'Acme.Otp.dll'), 'MZ stand-in');
    const output = await run(['apply', '--file', file, '--profile', profile, '--app', 'owa'], undefined, {
      env: { EXREADY_SECRET_ACME_TOKEN: 'acme-secret-9' },
      prompt: null,
    });
    expect(output.code).toBe(0);
    expect(output.stdout).not.toContain('acme-secret-9');
    expect(await readFile(file, 'utf8')).toContain('<add name="AcmeOtp" type="Acme.Otp.Module, Acme.Otp" />');
  });

  it.each([
    [
      ['plan', '--file', 'x', '--profile', 'monosign', '--app', 'owa', '--set', 'MONOSIGN_API_TOKEN=1'],
      "unknown key 'MONOSIGN_API_TOKEN'",
    ],
    [
      [
        'plan',
        '--file',
        'x',
        '--profile',
        'monosign',
        '--app',
        'owa',
        '--set',
        'MONOSIGN_API_URL=http://plain/',
      ],
      'MONOSIGN_API_URL must be a well-formed https:// URL',
    ],
    [
      ['plan', '--file', 'x', '--profile', 'monosign', '--app', 'owa', '--set', 'MONOSIGN_DEBUG_MODE=maybe'],
      'MONOSIGN_DEBUG_MODE must be true or false',
    ],
    [['plan', '--file', 'x', '--profile', 'nope', '--app', 'owa'], "unknown profile 'nope'"],
    [['plan', '--file', 'x', '--profile', 'monosign'], '--app is required'],
    [['plan', '--profile', 'monosign', '--app', 'owa'], '--file PATH is required'],
    [['frobnicate', '--file', 'x'], "unknown action 'frobnicate'"],
    [['plan', '--file', 'x', '--frobnicate'], "Unknown option '--frobnicate'"],
    [
      ['plan', '--file', 'x', '--profile', 'monosign', '--app', 'owa', '--set', 'novalue'],
      '--set expects KEY=VALUE',
    ],
    [['rollback', '--file', 'x', '--set', 'A=1'], 'rollback takes no --set'],
  ])('exits 2 on bad input: %j', async (args, reason) => {
    const output = await run(args);
    expect(output.code).toBe(2);
    expect(output.stderr).toContain(reason);
    expect(output.stdout).toBe('');
  });

  it('exits 2 for a missing file, the file of another app or a missing required key', async () => {
    const missing = await run([
      'plan',
      ...monosign().map((arg) => (arg === file ? join(dir, 'nope.config') : arg)),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('web.config not found');
    const otherApp = await run(['plan', ...monosign().map((arg) => (arg === 'owa' ? 'ecp' : arg))]);
    expect(otherApp.code).toBe(2);
    expect(otherApp.stderr).toContain('belongs to another app');
    const required = await run(['plan', '--file', file, '--profile', 'monosign', '--app', 'owa'], undefined, {
      env: {},
      prompt: null,
    });
    expect(required.code).toBe(2);
    expect(required.stderr).toContain('MONOSIGN_API_URL, MONOSIGN_API_KEY, MONOSIGN_API_SECRET are required');
  });

  it('never echoes a secret that fails its validator', async () => {
    const output = await run([...monosign(), 'plan'], undefined, {
      env: { ...secretEnv, EXREADY_SECRET_MONOSIGN_API_SECRET: '\t' },
      prompt: null,
    });
    expect(output.code).toBe(2);
    expect(output.stderr).toContain(
      'MONOSIGN_API_SECRET contains a line break, tab or other control character',
    );
    expectNoSecret(output);
  });

  it('exits 1 when the edit is refused: malformed XML with its line and column, file untouched', async () => {
    const broken = (await readWebconfigFixture(owaFixture))
      .toString('utf8')
      .replace('<remove name="Session" />', '<remove name="Session">');
    await writeFile(file, broken);
    const output = await run(['apply', ...monosign()]);
    expect(output.code).toBe(1);
    expect(output.stderr).toContain('refused: web.config is not well-formed XML at line 43, column 7');
    expect(output.stderr).toContain('The file was not changed.');
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(await readdir(dir)).toEqual(['bin', 'web.config']);
  });

  it('exits 1 when a key is already there twice, naming the lines', async () => {
    const text = (await readWebconfigFixture(owaFixture))
      .toString('utf8')
      .replace(
        '<add key="HttpProxy.ProtocolType" value="Owa" />',
        '<add key="HttpProxy.ProtocolType" value="Owa" />\n    <add key="MONOSIGN_DEBUG_MODE" value="false" />\n    <add key="MONOSIGN_DEBUG_MODE" value="true" />',
      );
    await writeFile(file, text);
    const output = await run(['apply', ...monosign()]);
    expect(output.code).toBe(1);
    expect(output.stderr).toContain('MONOSIGN_DEBUG_MODE is added 2 times in appSettings (lines 98, 99)');
  });

  it('exits 1 when there is no backup to roll back to', async () => {
    const output = await run(['rollback', '--file', file]);
    expect(output.code).toBe(1);
    expect(output.stderr).toContain('no ExReady backup of web.config');
  });

  describe('secrets never on the command line', () => {
    it('refuses a secret key given with --set, naming the key and where to give it instead', async () => {
      for (const key of ['MONOSIGN_API_SECRET', 'MONOSIGN_API_KEY']) {
        const output = await run(['plan', ...monosign(), '--set', `${key}=argv-secret-4411`]);
        expect(output.code).toBe(2);
        expect(output.stderr).toContain(`--set ${key}=... puts a secret in the process list`);
        expect(output.stderr).toContain(`--set-from-file ${key}=PATH`);
        expect(output.stderr).toContain(`EXREADY_SECRET_${key}`);
        expect(`${output.stdout}${output.stderr}`).not.toContain('argv-secret-4411');
      }
      // A key whose name looks like a secret is one too, even given as --extra.
      const extra = await run(['plan', ...monosign(), '--extra', 'MONOSIGN_TOKEN=argv-secret-4411']);
      expect(extra.code).toBe(2);
      expect(extra.stderr).toContain('--extra MONOSIGN_TOKEN=... puts a secret in the process list');
      expect(await readFile(file, 'utf8')).not.toContain('argv-secret-4411');
    });

    it('reads secrets from --set-from-file (one trailing line break dropped) before the environment', async () => {
      await writeFile(join(dir, 'secret.txt'), 'file-secret-0192\r\n');
      const output = await run(
        ['apply', ...monosign(), '--set-from-file', `MONOSIGN_API_SECRET=${join(dir, 'secret.txt')}`],
        undefined,
        {
          env: { EXREADY_SECRET_MONOSIGN_API_KEY: apiKey, EXREADY_SECRET_MONOSIGN_API_SECRET: 'env-loses' },
          prompt: null,
        },
      );
      expect(output.code).toBe(0);
      const written = await readFile(file, 'utf8');
      expect(written).toContain('<add key="MONOSIGN_API_SECRET" value="file-secret-0192" />');
      expect(written).toContain(`<add key="MONOSIGN_API_KEY" value="${apiKey}" />`);
      expect(`${output.stdout}${output.stderr}`).not.toContain('file-secret-0192');
      const missing = await run([
        'plan',
        ...monosign(),
        '--set-from-file',
        `MONOSIGN_API_SECRET=${join(dir, 'nope')}`,
      ]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(
        `--set-from-file MONOSIGN_API_SECRET: ${join(dir, 'nope')} does not exist`,
      );
    });

    it('asks at the no-echo prompt for each required secret the file and the environment did not give', async () => {
      const asked: string[] = [];
      const output = await run(['apply', ...monosign()], undefined, {
        env: { EXREADY_SECRET_MONOSIGN_API_KEY: apiKey },
        prompt: (label) => {
          asked.push(label);
          return Promise.resolve('typed-secret-7733');
        },
      });
      expect(output.code).toBe(0);
      expect(asked).toEqual(['MONOSIGN_API_SECRET']);
      expect(await readFile(file, 'utf8')).toContain(
        '<add key="MONOSIGN_API_SECRET" value="typed-secret-7733" />',
      );
      expect(`${output.stdout}${output.stderr}`).not.toContain('typed-secret-7733');
    });
  });
});
