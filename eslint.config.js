// @ts-check
// Lint for the whole repository, with the layering (README, "Lint and layering") as import rules: what
// each part may import is checked here, not left to comments. test/eslint.config.test.ts plants
// violations and checks that each one fails.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Relative import specifiers that reach `path` (a folder, or a file without extension when `file`).
 * @param {string} path
 */
function reaching(path, { file = false } = {}) {
  // From inside a parent folder the specifier names only the tail (`../app/` from electron/room/),
  // from elsewhere the whole path (`../../electron/app/` from renderer/host/): accept every tail.
  const segments = path.split('/');
  let tail = segments.at(-1);
  for (const segment of segments.slice(0, -1).reverse()) tail = `(?:${segment}/)?${tail}`;
  return `^\\.{1,2}/(?:\\.\\./)*${tail}${file ? '(?:\\.|$)' : '(?:/|$)'}`;
}

const NODE_BUILTINS = `^(?:node:|(?:${builtinModules.filter((name) => !name.startsWith('_')).join('|')})(?:/|$))`;

/**
 * One entry per rule of the layering; `regex` is matched against the import specifier.
 * @satisfies {Record<string, { regex: string; message: string; allowTypeImports?: boolean }>}
 */
const forbid = {
  node: { regex: NODE_BUILTINS, message: 'Node built-ins do not exist in the browser.' },
  electron: { regex: '^electron(?:/|$)', message: 'Only the Electron glue (electron/app, main, preload) imports electron.' },
  ws: { regex: '^ws(?:/|$)', message: 'The ws library belongs to the room (electron/room).' },
  react: { regex: '^react(?:-dom)?(?:/|$)', message: 'React belongs to the pages (renderer/).' },
  oursOutsideCommon: {
    regex: `(?:${['electron', 'renderer', 'test', 'bench', 'scripts', 'build'].map((dir) => reaching(dir)).join('|')})`,
    message: 'common/ is the wire contract: it imports nothing of ours outside common/.',
  },
  electronGlue: {
    regex: `(?:${[reaching('electron/app'), reaching('electron/main', { file: true }), reaching('electron/preload', { file: true })].join('|')})`,
    message: 'The room and the CLI are plain Node: they never import the Electron glue.',
  },
  renderer: { regex: reaching('renderer'), message: 'Node code never imports the pages (renderer/).' },
  electronFolder: {
    // Everything of ours under electron/ but the bridge contract, which the next entry allows as types.
    regex: '(?:^|/)electron/(?!ipc-contract(?:\\.|$))',
    message: 'The pages never import the room or the Electron glue: take the wire contract from common/.',
  },
  ipcContractValue: {
    regex: reaching('electron/ipc-contract', { file: true }),
    allowTypeImports: true,
    message: 'The pages take the bridge contract as types only: `import type`.',
  },
  anythingButElectron: {
    regex: '^(?!electron$)',
    allowTypeImports: true,
    message: 'A sandboxed preload can require only electron at runtime (types are fine).',
  },
};

/**
 * The import rule for a layer, plus the same patterns for `import()` and `require()`, which it does not see.
 * @param {string} name
 * @param {string[]} files
 * @param {(keyof typeof forbid)[]} rules
 * @param {import('eslint').Linter.RulesRecord} [extra]
 * @returns {import('eslint').Linter.Config}
 */
function layer(name, files, rules, extra = {}) {
  /** @type {{ regex: string; message: string; allowTypeImports?: boolean }[]} */
  const patterns = rules.map((rule) => ({ ...forbid[rule] }));
  return {
    name: `lan-chat/layer/${name}`,
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': [
        'error',
        ...patterns
          .filter((pattern) => !pattern.allowTypeImports)
          .flatMap(({ regex, message }) => [
            { selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/u]`, message },
            { selector: `CallExpression[callee.name="require"][arguments.0.value=/${regex.replaceAll('/', '\\x2F')}/u]`, message },
          ]),
      ],
      ...extra,
    },
  };
}

/** Browser and Node globals that code shared by both must not touch. */
const NOT_IN_COMMON = [
  ...['window', 'document', 'location', 'navigator', 'localStorage', 'sessionStorage', 'history', 'self', 'alert'].map((name) => ({
    name,
    message: 'common/ is browser-safe and Node-safe: no DOM.',
  })),
  ...['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'].map((name) => ({
    name,
    message: 'common/ is browser-safe and Node-safe: no Node globals.',
  })),
];

const TS = ['**/*.{ts,tsx,cts,mts}'];
const JS = ['**/*.{js,mjs,cjs}'];

export default defineConfig([
  globalIgnores(['dist/', 'release/', 'node_modules/', 'bench/results/', 'docs/screenshots/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'lan-chat/base',
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused parameters named `_x` are part of a signature (listeners, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      // The sanitizers match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    name: 'lan-chat/node',
    files: ['electron/**', 'test/**', 'bench/**', 'scripts/**', 'build/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  { name: 'lan-chat/browser', files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  // Scripts that drive Chromium pass functions to page.evaluate(): those run in the page.
  {
    name: 'lan-chat/chromium-drivers',
    files: ['bench/flood.mjs', 'bench/files-pictures.mjs', 'scripts/screenshot.mjs', 'test/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'lan-chat/react',
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // A CommonJS preload written in TypeScript loads electron with `import x = require()`.
    name: 'lan-chat/preload-cjs',
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  { name: 'lan-chat/js', files: JS, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { name: 'lan-chat/ts', files: TS, rules: { 'no-undef': 'off' } },

  // ---- the layering --------------------------------------------------------------------------------
  layer('common', ['common/**'], ['node', 'electron', 'ws', 'react', 'oursOutsideCommon'], {
    'no-restricted-globals': ['error', ...NOT_IN_COMMON],
  }),
  layer('room-and-cli', ['electron/room/**', 'electron/cli.ts', 'electron/cli/**'], ['electron', 'electronGlue', 'renderer']),
  layer('pages', ['renderer/**'], ['node', 'electron', 'ws', 'electronFolder', 'ipcContractValue']),
  layer('preload', ['electron/preload.cts'], ['anythingButElectron']),
]);
