import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './harness/paths';

// The Electron glue (main.ts, preload.ts, the ipcMain binding) needs Electron's binary, which
// only developer and Windows build machines have; elsewhere these tests are skipped.
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const electronBinary = existsSync(pathFile)
  ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;

describe.skipIf(electronBinary === null || !existsSync(electronBinary))('the Electron app', () => {
  it('opens a sandboxed window whose only way out is the named bridge functions', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'exready-electron-'));
    const app = await electron.launch({
      executablePath: electronBinary ?? '',
      args: [join(repoRoot, 'out', 'main', 'index.cjs'), `--user-data-dir=${userData}`],
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { name: 'No Exchange servers yet' }).waitFor();
      const surface = await page.evaluate(() => ({
        bridge: Object.entries(window.exready ?? {}).map(([name, value]) => [name, typeof value]),
        hasRequire: 'require' in window,
        hasProcess: 'process' in window,
      }));
      expect(surface.hasRequire).toBe(false);
      expect(surface.hasProcess).toBe(false);
      expect(surface.bridge.every(([, type]) => type === 'function')).toBe(true);
      const info = await page.evaluate(() => window.exready?.getAppInfo());
      expect(info).toMatchObject({ ok: true, value: { productName: 'ExReady' } });
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
