import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/logging/redact';
import {
  credentialSecretName,
  openSecretStore,
  SecretStoreUnavailableError,
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
});
