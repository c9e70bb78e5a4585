import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };

// The packaged app's Electron fuses are flipped by electron-builder from this configuration; the binary
// cannot be built here, so the configuration itself is what is pinned.
const configPath = new URL('../../../build/electron-builder.json', import.meta.url);

async function fuses(): Promise<Record<string, unknown>> {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as {
    electronFuses?: Record<string, unknown>;
  };
  return config.electronFuses ?? {};
}

describe("the packaged app's Electron fuses", () => {
  it('ignore ELECTRON_RUN_AS_NODE: the signed exe cannot be turned into a plain Node', async () => {
    expect((await fuses()).runAsNode).toBe(false);
  });

  it('ignore NODE_OPTIONS and NODE_EXTRA_CA_CERTS', async () => {
    expect((await fuses()).enableNodeOptionsEnvironmentVariable).toBe(false);
  });

  it('ignore --inspect and friends (and SIGUSR1)', async () => {
    expect((await fuses()).enableNodeCliInspectArguments).toBe(false);
  });

  it('validate the embedded asar’s integrity', async () => {
    expect((await fuses()).enableEmbeddedAsarIntegrityValidation).toBe(true);
  });

  it('load the app only from app.asar', async () => {
    expect((await fuses()).onlyLoadAppFromAsar).toBe(true);
  });

  it('set no other fuse by accident', async () => {
    expect(Object.keys(await fuses()).sort()).toEqual([
      'enableEmbeddedAsarIntegrityValidation',
      'enableNodeCliInspectArguments',
      'enableNodeOptionsEnvironmentVariable',
      'onlyLoadAppFromAsar',
      'runAsNode',
    ]);
  });
});

describe('the Electron version', () => {
  it('is a supported major (45), pinned exactly', () => {
    expect(packageJson.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
  });
});
