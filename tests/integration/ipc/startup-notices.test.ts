import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../electron/secrets/secret-store';
import { InventoryService } from '../../../electron/services/inventory-service';
import { RunHistory } from '../../../electron/storage/run-history';
import {
  openSecretsSettingAsideUnreadable,
  setAsideUnreadableUserData,
} from '../../../electron/startup/user-data-recovery';
import { demoRun } from '../../helpers/demo-run';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const startedAt = new Date('2026-12-02T12:00:00Z');

// main.ts's start-up over a user-data folder where every kind of file is damaged: the app still starts,
// and the window fetches what was moved aside over app:get-info.
describe('start-up over damaged user data, as the window sees it', () => {
  const tempDir = useTempDirs('startup-notices');

  it('starts, says each file moved aside and what was kept, and the kept data still works', async () => {
    const dir = await tempDir();
    await (
      await openSecretStore(dir, fakeEncryptor({ machine: 'old-jump-host' }))
    ).set('MONOSIGN_API_KEY', 'k-1');
    await new InventoryService(dir, () => startedAt).addExchangeServers(['exch01.contoso.com']);
    await writeFile(join(dir, 'inventory.json'), '{"schemaVersion":1,"exchangeServers":[{"fq');
    const history = new RunHistory(dir);
    const kept = await history.save(await demoRun());
    await writeFile(join(history.folder, 'broken.json'), '');

    const opened = await openSecretsSettingAsideUnreadable(dir, fakeEncryptor(), startedAt);
    const startupNotices = [...opened.notices, ...(await setAsideUnreadableUserData(dir, startedAt))];
    const { router } = createTestRouter(dir, { startupNotices, mfa: { secrets: opened.secrets } });

    const info = await router.invoke('app:get-info', undefined);
    expect(info).toMatchObject({ ok: true });
    const notices = info.ok
      ? (info.value as { startupNotices: { file: string; movedTo: string }[] }).startupNotices
      : [];
    expect(notices.map((notice) => [notice.file, notice.movedTo])).toEqual([
      ['secrets.json', 'secrets.json.unreadable-20261202T120000Z'],
      ['inventory.json', 'inventory.json.unreadable-20261202T120000Z'],
      ['runs/broken.json', 'runs/broken.json.unreadable-20261202T120000Z'],
    ]);
    await expect(router.invoke('inventory:get', undefined)).resolves.toMatchObject({
      ok: true,
      value: { exchangeServers: [] },
    });
    await expect(router.invoke('runs:list', undefined)).resolves.toMatchObject({
      ok: true,
      value: [{ runId: kept.runId }],
    });
    expect((await readdir(dir)).sort()).toEqual(
      [
        'inventory.json.unreadable-20261202T120000Z',
        'runs',
        'secrets.json.unreadable-20261202T120000Z',
      ].sort(),
    );
    expect(await readFile(join(dir, 'inventory.json.unreadable-20261202T120000Z'), 'utf8')).toContain('"fq');
  });
});
