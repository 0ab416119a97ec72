/**
 * The dependency rules of ARCHITECTURE.md over the whole import graph of apps/ and libs/, run by `npm run lint`
 * (`depcruise apps libs`). ESLint's `layering()` checks each file's imports; this checks what a file-by-file rule
 * cannot see: cycles, and where an import resolves to, tsconfig aliases included.
 */

/** Framework, queue, database and network packages: none of them in a domain folder. */
const INFRASTRUCTURE_PACKAGES = ['@nestjs', 'better-sqlite3', 'pg', 'pg-[^/]+', 'ioredis', 'bullmq', '@eventstore', '@nest-lab'];
const INFRASTRUCTURE_CORE = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'child_process', 'worker_threads', 'cluster'];

/** Specs beside the domain may build what they test with (an event store), as in ESLint's rule. */
const DOMAIN_SPECS = '[.]spec[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module imports itself through others; type-only imports count (tsPreCompilationDeps).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-no-infrastructure',
      comment: 'A domain folder is pure: no framework, queue, database, file system or network (STYLE.md, deciders).',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: DOMAIN_SPECS },
      to: { path: `(^|/)node_modules/(${INFRASTRUCTURE_PACKAGES.join('|')})/` },
    },
    {
      name: 'domain-no-infrastructure-core',
      comment: 'A domain folder does no I/O through Node either.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: DOMAIN_SPECS },
      to: { dependencyTypes: ['core'], path: `^(${INFRASTRUCTURE_CORE.join('|')})$` },
    },
    {
      name: 'domain-store-types-only',
      comment: 'The domain uses the event store for its types only (`import type`), never an adapter.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: DOMAIN_SPECS },
      to: { path: '^libs/event-store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'libs-no-apps',
      comment: 'A library never imports an app (the domain included).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-through-their-alias',
      comment: 'A library reaches another through its @app/<lib> alias, never by a relative path into its folder.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The browser script of the audit page is plain JavaScript with no imports.
    exclude: { path: '^apps/api/src/audit/page/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    cache: false,
  },
};
