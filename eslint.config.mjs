import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The audit page's script runs in the browser, as plain JavaScript.
    files: ['apps/api/src/audit/page/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', pageKit: 'readonly' },
    },
  },
  {
    files: ['libs/*/src/domain/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  ...layering(),
);

/**
 * The dependency rules of ARCHITECTURE.md, enforced: each library imports only the libraries below it, none
 * imports an app, and a domain folder (deciders, rules) stays pure: no framework, queue, database or network,
 * and types only from the event store. A rule of flat config replaces an earlier one for the same files, so each
 * library's entry restates its layer for its domain folder.
 */
function layering() {
  const LIBS = ['event-store', 'shared', 'procurement', 'coordination', 'notifications', 'projections', 'audit'];
  /** What each library may import, besides itself. */
  const ALLOWED = {
    'event-store': [],
    shared: ['event-store'],
    procurement: ['event-store', 'shared'],
    coordination: ['event-store', 'shared', 'procurement'],
    notifications: ['event-store', 'shared', 'procurement'],
    projections: ['event-store', 'shared', 'procurement', 'coordination', 'notifications'],
    audit: ['event-store', 'shared', 'procurement', 'coordination', 'notifications', 'projections'],
  };
  const apps = { group: ['**/apps/**', '@app/api', '@app/api/*', '@app/worker', '@app/worker/*'], message: 'A library never imports an app.' };
  const above = (lib) =>
    LIBS.filter((other) => other !== lib && !ALLOWED[lib].includes(other)).map((other) => ({
      group: [`@app/${other}`, `@app/${other}/*`],
      message: `${lib} may import only ${ALLOWED[lib].join(', ') || 'nothing else of the product'} (ARCHITECTURE.md, layering).`,
    }));
  const impure = {
    group: ['@nestjs/*', 'bullmq', 'ioredis', 'pg', 'better-sqlite3', '@eventstore/*', 'node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process'],
    message: 'A domain folder is pure: decide and evolve do no I/O (STYLE.md, deciders).',
  };
  const storeTypesOnly = { group: ['@app/event-store'], message: 'The domain may use the event store\'s types only.', allowTypeImports: true };
  return LIBS.flatMap((lib) => [
    { files: [`libs/${lib}/src/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [apps, ...above(lib)] }] } },
    {
      files: [`libs/${lib}/src/domain/**/*.ts`],
      ignores: ['**/*.spec.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [apps, ...above(lib), impure, ...(ALLOWED[lib].includes('event-store') ? [storeTypesOnly] : [])] }] },
    },
  ]);
}
