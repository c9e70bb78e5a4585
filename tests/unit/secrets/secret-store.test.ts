import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/logging/redact';
import {
  credentialSecretName,
  openSecretStore,
  SecretStoreUnavailableError,
  UnreadableSecretsError,
  type StringEncryptor,
} from '../../../electron/secrets/secret-store';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';

describe('secret store', () => {
  const tempDir = useTempDirs('secret-store');

  it('stores encrypted, reads back, and the file never holds the plain text', async () => {
    const dir = await tempDir();
    const store = await openSecretStore(dir, fakeEncryptor());
    await store.set('MONOSIGN_API_SECRET', 'super-secret-value-42');
    await store.set(credentialSecretName('CONTOSO\\svc-admin'), 'P@ssw0rd-long');
    const raw = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(raw).not.toContain('super-secret-value-42');
    expect(raw).not.toContain('P@ssw0rd-long');
    const reopened = await openSecretStore(dir, fakeEncryptor());
    expect(await reopened.get('MONOSIGN_API_SECRET')).toBe('super-secret-value-42');
    expect((await reopened.names()).sort()).toEqual(['MONOSIGN_API_SECRET', 'credential:CONTOSO\\svc-admin']);
    await reopened.delete('MONOSIGN_API_SECRET');
    expect(await reopened.get('MONOSIGN_API_SECRET')).toBeNull();
  });

  it('feeds the redactor with the stored values', async () => {
    const store = await openSecretStore(await tempDir(), fakeEncryptor());
    await store.set('MONOSIGN_API_KEY', 'key-abcdef-123');
    const redactor = createRedactor(() => store.knownSecrets());
    expect(redactor.redact({ message: 'calling with key-abcdef-123' })).toEqual({
      message: 'calling with [REDACTED]',
    });
  });

  it('refuses to store when encryption is unavailable, and writes nothing', async () => {
    const dir = await tempDir();
    const store = await openSecretStore(dir, fakeEncryptor({ available: false }));
    await expect(store.set('MONOSIGN_API_KEY', 'key-abcdef-123')).rejects.toBeInstanceOf(
      SecretStoreUnavailableError,
    );
    await expect(readFile(join(dir, 'secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses names it does not know', async () => {
    const store = await openSecretStore(await tempDir(), fakeEncryptor());
    await expect(store.set('credential:bad name', 'x')).rejects.toThrow();
  });

  it('uses only safeStorage’s asynchronous API (the synchronous one goes away in Electron 46)', async () => {
    const asyncOnly = fakeEncryptor();
    const deprecated = () => {
      throw new Error('the synchronous safeStorage API was called');
    };
    const encryptor = Object.assign(Object.create(null) as object, asyncOnly, {
      isEncryptionAvailable: deprecated,
      encryptString: deprecated,
      decryptString: deprecated,
    }) as StringEncryptor;
    const dir = await tempDir();
    await (await openSecretStore(dir, encryptor)).set('MONOSIGN_API_KEY', 'key-abcdef-123');
    const reopened = await openSecretStore(dir, encryptor);
    expect(reopened.knownSecrets()).toEqual(['key-abcdef-123']);
    expect(await reopened.get('MONOSIGN_API_KEY')).toBe('key-abcdef-123');
  });

  it('re-encrypts a value whose key the OS rotated (shouldReEncrypt)', async () => {
    const dir = await tempDir();
    await (
      await openSecretStore(dir, fakeEncryptor({ machine: 'old-key' }))
    ).set('MONOSIGN_API_KEY', 'key-1');
    const before = await readFile(join(dir, 'secrets.json'), 'utf8');
    const oldKey = fakeEncryptor({ machine: 'old-key' });
    const rotated: StringEncryptor = {
      ...fakeEncryptor({ machine: 'new-key' }),
      decryptStringAsync: async (bytes) => ({
        ...(await oldKey.decryptStringAsync(bytes)),
        shouldReEncrypt: true,
      }),
    };
    expect((await openSecretStore(dir, rotated)).knownSecrets()).toEqual(['key-1']);
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toBe(before);
    expect(
      await (await openSecretStore(dir, fakeEncryptor({ machine: 'new-key' }))).get('MONOSIGN_API_KEY'),
    ).toBe('key-1');
  });

  it('names a truncated or foreign file as unreadable instead of failing blindly', async () => {
    const dir = await tempDir();
    await (await openSecretStore(dir, fakeEncryptor({ machine: 'other' }))).set('MONOSIGN_API_KEY', 'k-1');
    await expect(openSecretStore(dir, fakeEncryptor())).rejects.toBeInstanceOf(UnreadableSecretsError);
  });
});
