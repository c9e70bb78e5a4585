import type { StringEncryptor } from '../../electron/secrets/secret-store';

/**
 * Stands in for safeStorage's async API: reversible, never the plain text on the way out, and
 * keyed by `machine` so bytes encrypted on one machine fail to decrypt on another, as DPAPI's do.
 */
export function fakeEncryptor(options: { machine?: string; available?: boolean } = {}): StringEncryptor {
  const machine = options.machine ?? 'jump01';
  const marker = Buffer.from(`${machine}:`, 'utf8');
  const scramble = (bytes: Uint8Array) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    encryptStringAsync: (text) =>
      Promise.resolve(scramble(Buffer.concat([marker, Buffer.from(text, 'utf8')]))),
    decryptStringAsync: (encrypted) => {
      const plain = scramble(encrypted);
      if (!plain.subarray(0, marker.length).equals(marker)) {
        return Promise.reject(
          new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'),
        );
      }
      return Promise.resolve({
        result: plain.subarray(marker.length).toString('utf8'),
        shouldReEncrypt: false,
      });
    },
  };
}
