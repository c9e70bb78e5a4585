import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { findBrowserExecutable } from './browser-executable';
import { harnessBridgeScript, rendererDir, repoRoot } from './paths';

// Before any e2e test: the built renderer must exist, a browser must be found, and the
// page-side bridge is bundled once from the same shared code the preload uses.
export default async function setup(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run "npm run build" before the e2e tier.`);
  }
  findBrowserExecutable();
  await mkdir(dirname(harnessBridgeScript), { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      outDir: dirname(harnessBridgeScript),
      emptyOutDir: false,
      minify: false,
      lib: {
        entry: join(repoRoot, 'tests/e2e/browser/harness-bridge.ts'),
        formats: ['iife'],
        name: 'ExreadyHarnessBridge',
        fileName: () => 'harness-bridge.js',
      },
    },
  });
}
