import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/test-router';

// The project's own ESLint configuration, run on code that breaks (or keeps) the layering.
// Type-aware rules are switched off so snippets need not be files of a tsconfig project.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layering rules', () => {
  it.each([
    [
      'renderer/src/Leak.tsx',
      "import { runCli } from '../../electron/cli/run-cli';\nexport const x = runCli;\n",
      'renderer/ never imports electron/',
    ],
    [
      'renderer/src/Leak.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'Only electron/main.ts',
    ],
    [
      'renderer/src/Leak.ts',
      "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
      'Node APIs live in electron/',
    ],
    [
      'shared/leak.ts',
      "import { join } from 'node:path';\nexport const x = join;\n",
      'Node APIs live in electron/',
    ],
    [
      'shared/leak.ts',
      "import { appVersion } from '../electron/app-version';\nexport const x = appVersion;\n",
      'shared/ imports nothing from electron/',
    ],
    [
      'shared/leak.ts',
      "import { App } from '../renderer/src/App';\nexport const x = App;\n",
      'shared/ imports nothing from electron/ or renderer/',
    ],
    ['shared/leak.ts', 'export const platform = process.platform;\n', "Unexpected use of 'process'"],
    [
      'electron/services/leak.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'Only electron/main.ts',
    ],
    [
      'electron/services/leak.ts',
      "declare const ipcMain: { handle(c: string): void };\nipcMain.handle('x');\n",
      'Raw ipcMain',
    ],
    [
      'electron/main.ts',
      'declare const contents: { openDevTools(): void };\ncontents.openDevTools();\n',
      'DevTools are for development builds only',
    ],
    [
      'electron/services/leak.ts',
      "declare const win: { webContents: { send(c: string): void } };\nwin.webContents.send('x');\n",
      'webContents.send',
    ],
  ])('%s: refuses %j', async (file, code, expected) => {
    const messages = await ruleIds(file, code);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'renderer/src/Ok.ts',
      "import { productName } from '../../shared/product';\nexport const x = productName;\n",
    ],
    [
      'electron/services/ok.ts',
      "import { join } from 'node:path';\nimport { productName } from '../../shared/product';\nexport const x = join(productName);\n",
    ],
  ])('%s: allows what the layering permits', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
