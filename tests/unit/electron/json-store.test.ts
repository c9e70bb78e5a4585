import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyInventory, Inventory } from '../../../shared/domain/inventory';
import { JsonStore, StoredFileError } from '../../../electron/storage/json-store';

describe('JsonStore', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exready-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const store = () =>
    new JsonStore(join(dir, 'inventory.json'), Inventory, () => structuredClone(emptyInventory));

  it('reads the fallback when the file does not exist yet', async () => {
    await expect(store().read()).resolves.toEqual(emptyInventory);
  });

  it('writes atomically and leaves no temporary file behind', async () => {
    const value = { ...emptyInventory, serviceAccount: 'CONTOSO\\svc-sync' };
    await store().write(value);
    await expect(store().read()).resolves.toEqual(value);
    expect(await readdir(dir)).toEqual(['inventory.json']);
  });

  it('refuses a corrupt file with its path and reason, and leaves it untouched', async () => {
    const path = join(dir, 'inventory.json');
    await writeFile(path, '{"schemaVersion": 1, "exchangeServers": [');
    const error: unknown = await store()
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredFileError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('is not valid JSON');
    expect(await readFile(path, 'utf8')).toBe('{"schemaVersion": 1, "exchangeServers": [');
  });

  it('names the field that does not match the schema', async () => {
    await writeFile(
      join(dir, 'inventory.json'),
      JSON.stringify({ ...emptyInventory, exchangeServers: [{ fqdn: 'x' }] }),
    );
    await expect(store().read()).rejects.toThrow(/exchangeServers\.0\.fqdn/);
  });
});
