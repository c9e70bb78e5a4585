import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/security/content-security-policy';

// The CSP lives in one place (electron/security) and is written into the built index.html.
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'exready-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main.ts'), cli: resolve('electron/cli.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() other files: everything goes into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [contentSecurityPolicyMeta()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: {
        input: resolve('renderer/index.html'),
        // Fluent UI marks its modules "use client" (a React Server Components hint, meaningless here).
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
