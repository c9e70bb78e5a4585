import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ISerializableTokenCache, TokenCacheContext } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { sealedTokenCache } from '../../../electron/tenant/sealed-token-cache';
import { isSignInUrl } from '../../../electron/tenant/system-browser';
import { fakeEncryptor } from '../../helpers/fake-encryptor';
import { useTempDirs } from '../../helpers/temp-dir';

/** MSAL's cache as the plugin sees it: a serialised JSON text, and whether this access changed it. */
function context(initial: string, changed: boolean) {
  let text = initial;
  const cache: ISerializableTokenCache = {
    serialize: () => text,
    deserialize: (value) => {
      text = value;
    },
  };
  return {
    ctx: { cacheHasChanged: changed, tokenCache: cache } as unknown as TokenCacheContext,
    text: () => text,
  };
}

const serialized = JSON.stringify({ RefreshToken: { 'rt-1': { secret: '0.AXoA-refresh-token-value' } } });

describe('sealed token cache', () => {
  const tempDir = useTempDirs('token-cache');

  it('writes the cache sealed, reads it back, and never holds the refresh token in clear', async () => {
    const path = join(await tempDir(), 'graph-token-cache.bin');
    const plugin = sealedTokenCache(path, fakeEncryptor());
    await plugin.afterCacheAccess(context(serialized, true).ctx);
    expect((await readFile(path)).toString('latin1')).not.toContain('refresh-token-value');
    const reading = context('', false);
    await sealedTokenCache(path, fakeEncryptor()).beforeCacheAccess(reading.ctx);
    expect(reading.text()).toBe(serialized);
  });

  it('writes nothing when MSAL changed nothing, or when the OS offers no encryption', async () => {
    const dir = await tempDir();
    await sealedTokenCache(join(dir, 'a.bin'), fakeEncryptor()).afterCacheAccess(
      context(serialized, false).ctx,
    );
    await sealedTokenCache(join(dir, 'b.bin'), fakeEncryptor({ available: false })).afterCacheAccess(
      context(serialized, true).ctx,
    );
    await expect(stat(join(dir, 'a.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(join(dir, 'b.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('starts over from a cache sealed on another machine, and remove() deletes the file', async () => {
    const path = join(await tempDir(), 'graph-token-cache.bin');
    await sealedTokenCache(path, fakeEncryptor({ machine: 'jump02' })).afterCacheAccess(
      context(serialized, true).ctx,
    );
    const reading = context('', false);
    await sealedTokenCache(path, fakeEncryptor({ machine: 'jump01' })).beforeCacheAccess(reading.ctx);
    expect(reading.text()).toBe('');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });

    await writeFile(path, 'x');
    await sealedTokenCache(path, fakeEncryptor()).remove();
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the page sign-in may open', () => {
  it.each([
    ['https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=x', true],
    ['https://login.microsoftonline.com.evil.example/contoso/oauth2/v2.0/authorize', false],
    ['http://login.microsoftonline.com/contoso/oauth2/v2.0/authorize', false],
    ['https://login.microsoftonline.com/contoso/oauth2/v2.0/logout', false],
    ['file:///C:/Windows/System32/calc.exe', false],
  ])('%s: %s', (url, allowed) => {
    expect(isSignInUrl(url)).toBe(allowed);
  });
});
