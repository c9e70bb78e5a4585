import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const pageDir = fileURLToPath(new URL('.', import.meta.url));

/** Bundles bench/matrix/index.html for production (minified, React's production build) into outDir. */
export async function buildMatrixPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pageDir,
    base: './',
    mode: 'production',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      reportCompressedSize: false,
      // One bundle on purpose (the page loads once, before timing): its size is not what is measured.
      chunkSizeWarningLimit: 10_000,
      rollupOptions: {
        // Fluent UI marks its modules "use client" (a React Server Components hint, meaningless here).
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  });
}
