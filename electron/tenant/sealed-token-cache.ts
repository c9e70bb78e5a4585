import { readFile, rm } from 'node:fs/promises';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { StringEncryptor } from '../secrets/secret-store';
import { writeFileAtomic } from '../storage/atomic-file';

/** MSAL's token cache as a file, sealed with the same encryptor the secret store uses (safeStorage in the app). */
export interface SealedTokenCache extends ICachePlugin {
  readonly path: string;
  /** Sign-out: the file goes (the session removes MSAL's accounts from memory first). */
  remove(): Promise<void>;
}

/**
 * The refresh token never reaches the disk in clear: where the OS offers no encryption the cache stays in
 * memory (the admin signs in again next time), and a file that cannot be opened is started over, never trusted.
 */
export function sealedTokenCache(path: string, encryptor: StringEncryptor): SealedTokenCache {
  return {
    path,
    async beforeCacheAccess(context: TokenCacheContext) {
      let sealed: Buffer;
      try {
        sealed = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      if (!(await encryptor.isAsyncEncryptionAvailable())) return;
      try {
        context.tokenCache.deserialize((await encryptor.decryptStringAsync(sealed)).result);
      } catch {
        // Sealed for another user or machine, or damaged: a fresh sign-in replaces it.
        await rm(path, { force: true });
      }
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (!context.cacheHasChanged) return;
      if (!(await encryptor.isAsyncEncryptionAvailable())) return;
      await writeFileAtomic(path, await encryptor.encryptStringAsync(context.tokenCache.serialize()));
    },
    remove: () => rm(path, { force: true }),
  };
}
