// `npm start`: fetches Electron's binary on first use (npm install leaves it out on purpose, so
// CI never needs it), then builds and launches the app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('ExReady: downloading Electron’s binary (first start only)…');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error(
      'ExReady: Electron’s binary could not be downloaded. Set ELECTRON_MIRROR or ELECTRON_CUSTOM_DIR ' +
        'for an internal mirror, or copy the binary into node_modules/electron/dist (see README, Troubleshooting).',
    );
    process.exit(1);
  }
}
const run = spawnSync('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
