import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { appId, productName } from '../../../shared/product';

// The installer cannot be built here (it needs Electron's binary); its configuration is
// checked against electron-builder's own JSON schema instead.
const require = createRequire(import.meta.url);
const configPath = new URL('../../../build/electron-builder.json', import.meta.url);

async function loadConfig(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
}

async function validator() {
  const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

describe('electron-builder configuration', () => {
  it('is valid against electron-builder’s schema', async () => {
    const validate = await validator();
    const { $schema: _schema, ...config } = await loadConfig();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check would catch a mistake', async () => {
    const validate = await validator();
    const { $schema: _schema, ...config } = await loadConfig();
    expect(validate({ ...config, nsis: { ...(config.nsis as object), perMachine: 'yes' } })).toBe(false);
    expect(validate({ ...config, winn: {} })).toBe(false);
  });

  it('builds a per-machine NSIS installer for Windows x64 with the scripts beside the app', async () => {
    const config = await loadConfig();
    expect(config).toMatchObject({
      appId,
      productName,
      win: { target: [{ target: 'nsis', arch: ['x64'] }] },
      nsis: { perMachine: true, oneClick: false },
      extraResources: [{ from: 'resources/powershell', to: 'powershell' }],
    });
    expect(packageJson.scripts['dist:win']).toContain('--config build/electron-builder.json');
  });
});
