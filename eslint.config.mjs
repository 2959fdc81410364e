// Lint rules for the whole workspace. They catch mistakes (unused code, promises nobody awaits or that a
// callback drops, hooks called conditionally or with stale dependencies), not style: Prettier owns the
// layout (`pnpm format`). Generated code is not linted.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// PostGraphile and the Grafast/Grafserv it runs on (also re-exported as postgraphile/grafast…), bench only.
const BENCH_ONLY = ['postgraphile', 'postgraphile/*', 'grafast', 'grafast/*', 'grafserv', 'grafserv/*'];
const BENCH_ONLY_WHY =
  'PostGraphile, Grafast and Grafserv are bench-only devDependencies (server/bench); not in server/src.';

export default tseslint.config(
  {
    ignores: [
      // Written by `pnpm schema` and `pnpm codegen`.
      'schema/**',
      'portal/src/gql/**',
      'admin/src/gql/**',
      'examples/src/gql/**',
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/.settle-data/**',
      '**/.settle-test-data/**',
      '**/.settle-bench-data/**',
      '**/.emulator-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        // Type information comes from each package's tsconfig; config files outside them get a default one.
        projectService: { allowDefaultProject: ['*.ts', 'server/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `any` only appears at untyped boundaries (node-quickbooks, QuickBooks JSON, test doubles).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `declare global { namespace GraphileWorker … }` is how graphile-worker types its jobs.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // React accepts async event handlers; anywhere else a callback that drops its promise is a bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}', 'portal/src/**/*.{ts,tsx}', 'packages/*/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      // One form copies loaded data into its state in an effect (PaymentSettingsPage); make this an error
      // once it derives it (or remounts with a key, as QuickBooksMappingPage does) instead.
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  {
    // PostGraphile is a devDependency that only the invoices-api bench runs (server/bench/postgraphile-server.ts),
    // to compare Settle with: production installs lack it, and Settle's API is its own. Keep it out of the server.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: BENCH_ONLY, message: BENCH_ONLY_WHY }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(postgraphile|grafast|grafserv)(\\/|$)/]',
          message: BENCH_ONLY_WHY,
        },
      ],
    },
  },
  {
    // Ambient typings of an untyped library: a class and an interface of one name is how its methods are declared.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
);
