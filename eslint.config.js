import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Node's built-in modules: banned from shared/ and renderer/.
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const noNode = [{ regex: '^node:', message: 'Node APIs live in electron/ only.' }];
const noElectronModule = {
  name: 'electron',
  message: 'Only electron/main.ts, electron/preload.ts and electron/ipc/ipc-main-binding.ts import electron.',
};

// The three files allowed to import 'electron' and touch raw IPC.
const electronGlue = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/ipc-main-binding.ts'];
const rawIpc = [
  {
    selector: "MemberExpression[object.name='ipcMain']",
    message:
      'Raw ipcMain is allowed only in electron/ipc/ipc-main-binding.ts: add a channel to shared/ipc/contract.ts.',
  },
  {
    selector: "MemberExpression[object.name='ipcRenderer']",
    message: 'Raw ipcRenderer is allowed only in the preload: use the typed bridge.',
  },
  {
    selector: "MemberExpression[property.name='send'][object.property.name='webContents']",
    message: 'webContents.send is allowed only in the binding file: emit through the EventSink.',
  },
  {
    selector: "MemberExpression[property.name='send'][object.name=/[cC]ontents$/]",
    message: 'webContents.send is allowed only in the binding file: emit through the EventSink.',
  },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'tests/artifacts/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.node.json',
          './tsconfig.web.json',
          './tsconfig.e2e.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...rawIpc],
      'no-restricted-imports': ['error', { paths: [noElectronModule] }],
      // DevTools are development-only (webPreferences.devTools); nothing opens them from code.
      'no-restricted-properties': [
        'error',
        {
          property: 'openDevTools',
          message: 'DevTools are for development builds only: none is opened from code.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectronModule,
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ uses no Node API.' })),
            { name: 'react', message: 'shared/ has no UI.' },
          ],
          patterns: [
            ...noNode,
            {
              regex: '(^|/)(electron|renderer)(/|$)',
              message: 'shared/ imports nothing from electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'require',
        '__dirname',
        'navigator',
        'localStorage',
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectronModule,
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node.' })),
          ],
          patterns: [
            ...noNode,
            {
              regex: '(^|/)electron(/|$)',
              message: 'renderer/ never imports electron/: call main through the bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: electronGlue,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: [
      'electron/ipc/ipc-main-binding.ts',
      'electron/preload.ts',
      'electron/preload/ipc-renderer-transport.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    rules: {
      // Tests drive fakes of Electron objects and read JSON they produced.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
