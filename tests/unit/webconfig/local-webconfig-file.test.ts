import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { WebConfigInputError, type IntegrationRequest } from '../../../electron/webconfig/integration-plan';
import {
  applyFilePlan,
  planFile,
  rollbackFile,
  sha256,
} from '../../../electron/webconfig/local-webconfig-file';
import {
  backupFileName,
  newestBackupName,
  preRollbackFileName,
} from '../../../electron/webconfig/webconfig-backups';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import { copyWebconfig, makeTempDir, readWebconfigFixture } from '../../helpers/webconfig-fixtures';

const fixture = 'exchange2016_DefaultWebSite-OWA_web.config';
const at = (iso: string) => () => new Date(iso);

function owaRequest(values: Record<string, string>): IntegrationRequest {
  const resolved = resolveDesiredSettings(
    monosignProfile,
    Object.entries(values).map(([key, value]) => ({ key, value })),
  );
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return { profile: monosignProfile, appId: 'owa', settings: resolved.settings };
}

const request = owaRequest({
  MONOSIGN_API_URL: 'https://mfa.contoso.com/',
  MONOSIGN_API_KEY: 'key-1',
  MONOSIGN_API_SECRET: 'secret-1',
});

describe('backup names', () => {
  it('stamps in UTC and finds the newest apply backup, never a pre-rollback copy', () => {
    const when = new Date('2026-03-01T23:59:58Z');
    expect(backupFileName('web.config', when)).toBe('web.config.exready-20260301-235958.bak');
    expect(preRollbackFileName('web.config', when)).toBe(
      'web.config.exready-20260301-235958.pre-rollback.bak',
    );
    expect(
      newestBackupName('web.config', [
        'web.config.exready-20260301-235958.bak',
        'web.config.exready-20260302-000001.pre-rollback.bak',
        'web.config.exready-20260302-000000.bak',
        'other.config.exready-20270101-000000.bak',
        'web.config',
      ]),
    ).toBe('web.config.exready-20260302-000000.bak');
    expect(newestBackupName('web.config', ['web.config'])).toBeNull();
  });
});

describe('applyFilePlan and rollbackFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the backup beside the file first, then the file, verified by SHA-256', async () => {
    const original = await readWebconfigFixture(fixture);
    const path = await copyWebconfig(dir, fixture);
    const planned = await planFile(path, request);
    const outcome = await applyFilePlan(planned, at('2026-03-01T09:08:07Z'));
    const backup = join(dir, 'web.config.exready-20260301-090807.bak');
    expect(outcome).toEqual({ kind: 'applied', backupPath: backup, sha256: sha256(planned.after) });
    expect((await readFile(backup)).equals(original)).toBe(true);
    expect((await readFile(path)).equals(Buffer.from(planned.after))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['web.config', 'web.config.exready-20260301-090807.bak']);
  });

  it('refuses when the file changed after it was planned, and leaves it as it is', async () => {
    const path = await copyWebconfig(dir, fixture);
    const planned = await planFile(path, request);
    await writeFile(path, '<configuration />');
    const error: unknown = await applyFilePlan(planned, at('2026-03-01T09:08:07Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebConfigRefusal);
    expect((error as WebConfigRefusal).code).toBe('changed-on-disk');
    expect(await readFile(path, 'utf8')).toBe('<configuration />');
  });

  it('never overwrites a different backup of the same second', async () => {
    const path = await copyWebconfig(dir, fixture);
    await writeFile(join(dir, 'web.config.exready-20260301-090807.bak'), 'something else');
    const error: unknown = await applyFilePlan(
      await planFile(path, request),
      at('2026-03-01T09:08:07Z'),
    ).catch((e: unknown) => e);
    expect((error as WebConfigRefusal).code).toBe('backup-conflict');
    expect((await readFile(path)).equals(await readWebconfigFixture(fixture))).toBe(true);
  });

  it('reports a missing file as bad input', async () => {
    await expect(planFile(join(dir, 'web.config'), request)).rejects.toBeInstanceOf(WebConfigInputError);
  });

  it('rolls back to the newest backup, keeping the current file as a pre-rollback copy', async () => {
    const original = await readWebconfigFixture(fixture);
    const path = await copyWebconfig(dir, fixture);
    await applyFilePlan(await planFile(path, request), at('2026-03-01T09:00:00Z'));
    const afterFirst = await readFile(path);
    await applyFilePlan(
      await planFile(path, owaRequest({ MONOSIGN_API_SECRET: 'secret-2' })),
      at('2026-03-01T10:00:00Z'),
    );
    const afterSecond = await readFile(path);

    const outcome = await rollbackFile(path, {}, at('2026-03-01T11:00:00Z'));
    expect(outcome).toEqual({
      kind: 'restored',
      backupPath: join(dir, 'web.config.exready-20260301-100000.bak'),
      preRollbackPath: join(dir, 'web.config.exready-20260301-110000.pre-rollback.bak'),
      sha256: sha256(afterFirst),
    });
    expect((await readFile(path)).equals(afterFirst)).toBe(true);
    expect(
      (await readFile(join(dir, 'web.config.exready-20260301-110000.pre-rollback.bak'))).equals(afterSecond),
    ).toBe(true);

    // Rolling back again changes nothing: the newest apply backup is already in place.
    expect(await rollbackFile(path, {}, at('2026-03-01T12:00:00Z'))).toEqual({
      kind: 'unchanged',
      backupPath: join(dir, 'web.config.exready-20260301-100000.bak'),
    });

    // A named backup restores the original.
    await rollbackFile(
      path,
      { backupPath: join(dir, 'web.config.exready-20260301-090000.bak') },
      at('2026-03-01T13:00:00Z'),
    );
    expect((await readFile(path)).equals(original)).toBe(true);
  });

  it('refuses to roll back without a backup, or to a backup that is not a readable web.config', async () => {
    const path = await copyWebconfig(dir, fixture);
    const none: unknown = await rollbackFile(path, {}, at('2026-03-01T09:00:00Z')).catch((e: unknown) => e);
    expect((none as Error).message).toContain('no ExReady backup of web.config');
    const junk = join(dir, 'junk.bak');
    await writeFile(junk, '<configuration><oops></configuration>');
    const error: unknown = await rollbackFile(path, { backupPath: junk }, at('2026-03-01T09:00:00Z')).catch(
      (e: unknown) => e,
    );
    expect((error as WebConfigRefusal).code).toBe('malformed');
    expect((await readFile(path)).equals(await readWebconfigFixture(fixture))).toBe(true);
    await expect(
      rollbackFile(path, { backupPath: join(dir, 'missing.bak') }, at('2026-03-01T09:00:00Z')),
    ).rejects.toBeInstanceOf(WebConfigInputError);
  });
});
