// Lint: typescript-eslint's recommended rules, prettier for layout, and the layer boundaries
// (CONTRIBUTING.md): each layer imports only what it may, and only the CLI prints.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns, one per thing a layer must not import. */
const LSP_PACKAGES = {
  group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'],
  message: 'LSP types belong to the language server (server/src/lsp/).',
};
const VSCODE = {
  group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
  message: 'VS Code types belong to the client (client/src/).',
};
const ourLayers = (...layers) => ({
  regex: `(^|/)(${layers.join('|')})(/|$)`,
  message: `This layer must not import ${layers.join(' or ')}.`,
});
const ENGINE_OF_OURS = {
  regex: '/server/src/(engine|lsp|cli)(/|$)',
  message: 'Import the contract (server/src/protocol/) only, and ask the language server for the rest.',
};
const OUTSIDE_PROTOCOL = { regex: '^\\.\\./', message: 'The contract imports nothing of ours.' };

/** `process.stdout`/`process.stderr` and `console`: only the CLI writes to the terminal. */
const NO_PRINTING = {
  'no-console': 'error',
  'no-restricted-properties': [
    'error',
    { object: 'process', property: 'stdout', message: 'Only the CLI (server/src/cli/) writes to the terminal.' },
    { object: 'process', property: 'stderr', message: 'Only the CLI (server/src/cli/) writes to the terminal.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/data/', 'bench/results/', '**/.drift-monitor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSImportType', message: 'Import the type at the top of the file.' },
      ],
    },
  },
  {
    files: ['server/src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [OUTSIDE_PROTOCOL, LSP_PACKAGES, VSCODE] }],
      ...NO_PRINTING,
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'server/src/engine/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LSP_PACKAGES, VSCODE, ourLayers('lsp', 'cli')] }],
      ...NO_PRINTING,
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [VSCODE, ourLayers('cli')] }], ...NO_PRINTING },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LSP_PACKAGES, VSCODE, ourLayers('lsp')] }] },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LSP_PACKAGES,
            ENGINE_OF_OURS,
            { regex: '(^|/)webview/', message: 'The client hosts the page; it does not import it.' },
          ],
        },
      ],
      ...NO_PRINTING,
    },
  },
  {
    files: ['webview/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LSP_PACKAGES,
            VSCODE,
            ENGINE_OF_OURS,
            { group: ['node:*'], message: 'The page runs in a browser.' },
          ],
        },
      ],
      ...NO_PRINTING,
    },
  },
  {
    // Tests take JSON documents (schemas, reports) apart and break them on purpose.
    files: ['**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Preloaded with `node --require` by a test, so CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
