import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupNoticeText } from '../../../shared/domain/startup-notice';
import { openSecretStore } from '../../../electron/secrets/secret-store';
import { InventoryService } from '../../../electron/services/inventory-service';
import { RunHistory } from '../../../electron/storage/run-history';
import {
  openSecretsSettingAsideUnreadable,
  setAsideMalformedSecretsFile,
  setAsideUnreadableInventory,
  setAsideUnreadableRuns,
} from '../../../electron/startup/user-data-recovery';
import { demoRun } from '../../helpers/demo-run';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';

const startedAt = new Date('2026-12-02T12:00:00.123Z');
const movedName = (name: string) => `${name}.unreadable-20261202T120000Z`;

describe('start-up with an unreadable user-data file', () => {
  const tempDir = useTempDirs('startup-recovery');

  it('moves a truncated secrets.json aside with a timestamp and starts with an empty, usable store', async () => {
    const dir = await tempDir();
    const store = await openSecretStore(dir, fakeEncryptor());
    await store.set('MONOSIGN_API_KEY', 'key-abcdef-123');
    const full = await readFile(join(dir, 'secrets.json'), 'utf8');
    await writeFile(join(dir, 'secrets.json'), full.slice(0, 20));

    const { secrets, notices } = await openSecretsSettingAsideUnreadable(dir, fakeEncryptor(), startedAt);

    expect(notices).toEqual([
      {
        file: 'secrets.json',
        problem: 'it is not valid JSON: cut short or damaged',
        movedTo: movedName('secrets.json'),
        kept: expect.stringContaining('no stored secrets') as string,
      },
    ]);
    expect(await readFile(join(dir, movedName('secrets.json')), 'utf8')).toBe(full.slice(0, 20));
    expect(await secrets.names()).toEqual([]);
    await secrets.set('MONOSIGN_API_KEY', 'key-new-456');
    expect(await secrets.get('MONOSIGN_API_KEY')).toBe('key-new-456');
  });

  it('moves aside a secrets.json encrypted on another machine, naming why, and quotes no secret', async () => {
    const dir = await tempDir();
    const elsewhere = await openSecretStore(dir, fakeEncryptor({ machine: 'old-jump-host' }));
    await elsewhere.set('MONOSIGN_API_SECRET', 'super-secret-value-42');

    const { secrets, notices } = await openSecretsSettingAsideUnreadable(
      dir,
      fakeEncryptor({ machine: 'jump01' }),
      startedAt,
    );

    expect(notices).toHaveLength(1);
    expect(notices[0]?.movedTo).toBe(movedName('secrets.json'));
    expect(notices[0]?.problem).toContain('another user or on another machine');
    expect(JSON.stringify(notices)).not.toContain('super-secret-value-42');
    expect(await readdir(dir)).toEqual([movedName('secrets.json')]);
    expect(secrets.knownSecrets()).toEqual([]);
  });

  it('keeps a readable secrets.json where it is', async () => {
    const dir = await tempDir();
    await (await openSecretStore(dir, fakeEncryptor())).set('MONOSIGN_API_KEY', 'key-abcdef-123');
    const { secrets, notices } = await openSecretsSettingAsideUnreadable(dir, fakeEncryptor(), startedAt);
    expect(notices).toEqual([]);
    expect(await secrets.get('MONOSIGN_API_KEY')).toBe('key-abcdef-123');
  });

  it('the CLI, which cannot decrypt, still moves a truncated secrets.json aside', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'secrets.json'), '{"version":1,"secr');
    const notices = await setAsideMalformedSecretsFile(dir, startedAt);
    expect(notices.map((notice) => notice.movedTo)).toEqual([movedName('secrets.json')]);
    expect(await setAsideMalformedSecretsFile(dir, startedAt)).toEqual([]);
  });

  it('moves a truncated inventory.json aside; the inventory then reads empty and can be edited', async () => {
    const dir = await tempDir();
    const inventory = new InventoryService(dir, () => startedAt);
    await inventory.addExchangeServers(['exch01.contoso.com']);
    const full = await readFile(join(dir, 'inventory.json'), 'utf8');
    await writeFile(join(dir, 'inventory.json'), full.slice(0, full.length / 2));
    await expect(inventory.get()).rejects.toThrow(/inventory\.json/);

    const notices = await setAsideUnreadableInventory(dir, startedAt);

    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ file: 'inventory.json', movedTo: movedName('inventory.json') });
    expect(notice?.problem).toMatch(/^it is not valid JSON/);
    expect(startupNoticeText(notice!)).toContain('empty inventory');
    expect(await readFile(join(dir, movedName('inventory.json')), 'utf8')).toBe(
      full.slice(0, full.length / 2),
    );
    expect((await inventory.get()).exchangeServers).toEqual([]);
    expect((await inventory.addExchangeServers(['exch02.contoso.com'])).exchangeServers).toHaveLength(1);
  });

  it('moves a bad run file aside while the other runs still list', async () => {
    const dir = await tempDir();
    const history = new RunHistory(dir);
    const runA = '00000000-0000-4000-8000-00000000000a';
    const runB = '00000000-0000-4000-8000-00000000000b';
    const first = await history.save(await demoRun(undefined, undefined, runA));
    const second = await history.save(await demoRun(undefined, undefined, runB));
    await writeFile(join(history.folder, 'run-c.json'), '{"schemaVersion":1,"runId":"run-c","seq');
    await mkdir(join(history.folder, 'unrelated'), { recursive: true });

    const notices = await setAsideUnreadableRuns(dir, startedAt);

    expect(notices).toEqual([
      {
        file: 'runs/run-c.json',
        problem: 'it is not valid JSON',
        movedTo: `runs/${movedName('run-c.json')}`,
        kept: 'the other 2 saved runs are kept in the history.',
      },
    ]);
    expect((await readdir(history.folder)).sort()).toEqual(
      [`${runA}.json`, `${runB}.json`, movedName('run-c.json'), 'unrelated'].sort(),
    );
    expect((await history.list()).map((run) => run.runId).sort()).toEqual([first.runId, second.runId].sort());
    expect(await setAsideUnreadableRuns(dir, startedAt)).toEqual([]);
  });

  it('changes nothing when every file reads', async () => {
    const dir = await tempDir();
    await new RunHistory(dir).save(await demoRun());
    expect(await setAsideUnreadableRuns(dir, startedAt)).toEqual([]);
    expect(await setAsideUnreadableInventory(dir, startedAt)).toEqual([]);
  });
});
