import { spawnSync } from 'node:child_process';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { applyFilePlan, planFile } from '../../../electron/webconfig/local-webconfig-file';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import { copyWebconfig, readWebconfigFixture } from '../../helpers/webconfig-fixtures';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = 'exchange2016_DefaultWebSite-OWA_web.config';
const now = () => new Date('2026-03-01T09:08:07Z');
const secret = 'local-apply-secret-5519';

function request(apiSecret = secret) {
  const resolved = resolveDesiredSettings(monosignProfile, [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
    { key: 'MONOSIGN_API_KEY', value: 'key-1' },
    { key: 'MONOSIGN_API_SECRET', value: apiSecret },
  ]);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return { profile: monosignProfile, appId: 'owa', settings: resolved.settings };
}

const posix = process.platform !== 'win32';

describe('local web.config apply: permissions, temp files, lock', () => {
  const tempDir = useTempDirs('local-apply');

  it.runIf(posix)('keeps a 0600 file 0600 (and 0640 as 0640), the backup as closed as the file', async () => {
    for (const mode of [0o600, 0o640]) {
      const file = await copyWebconfig(await tempDir(), await readWebconfigFixture(fixture));
      await chmod(file, mode);
      const outcome = await applyFilePlan(await planFile(file, request()), now);
      if (outcome.kind !== 'applied') throw new Error('nothing was applied');
      expect((await stat(file)).mode & 0o777).toBe(mode);
      expect((await stat(outcome.backupPath)).mode & 0o777).toBe(mode);
      expect(await readFile(file, 'utf8')).toContain(secret);
    }
  });

  it('leaves no backup behind when the file changed since it was planned', async () => {
    const dir = await tempDir();
    const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
    const planned = await planFile(file, request());
    await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n<!-- edited by someone -->\n`);
    await expect(applyFilePlan(planned, now)).rejects.toMatchObject({ code: 'changed-on-disk' });
    expect((await readdir(dir)).sort()).toEqual(['web.config']);
  });

  it('sweeps temp files a killed apply left, and leaves none when the replace fails midway', async () => {
    const dir = await tempDir();
    const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
    await writeFile(join(dir, '.web.config.exready-tmp-0123abcd'), `<add value="${secret}" />`);
    const failing = applyFilePlan(await planFile(file, request()), now, {
      onStep: (step) =>
        step === 'temp-written' ? Promise.reject(new Error('disk gone')) : Promise.resolve(),
    });
    await expect(failing).rejects.toThrow('disk gone');
    const names = await readdir(dir);
    expect(names.filter((name) => name.includes('exready-tmp'))).toEqual([]);
    expect(names.filter((name) => name.includes('exready-lock'))).toEqual([]);
    // The original is still there, whole.
    expect(await readFile(file)).toEqual(await readWebconfigFixture(fixture));
  });

  it('refuses while another live apply holds the lock, naming its run; takes over a dead process', async () => {
    const dir = await tempDir();
    const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
    const lock = `${file}.exready-lock`;
    await writeFile(lock, JSON.stringify({ runId: 'run-elsewhere', pid: process.pid, at: 'now' }));
    const refused = await applyFilePlan(await planFile(file, request()), now).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(WebConfigRefusal);
    expect(refused).toMatchObject({ code: 'locked' });
    expect(String((refused as Error).message)).toContain('run run-elsewhere');
    expect(await readFile(file)).toEqual(await readWebconfigFixture(fixture));
    // A process that has exited cannot hold the file: its lock is stale.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await writeFile(lock, JSON.stringify({ runId: 'run-killed', pid: Number(gone.stdout), at: 'then' }));
    const applied = await applyFilePlan(await planFile(file, request()), now, { runId: 'run-next' });
    expect(applied.kind).toBe('applied');
    expect((await readdir(dir)).filter((name) => name.includes('exready-lock'))).toEqual([]);
  });
});
