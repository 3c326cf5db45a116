// The dependency table of DESIGN.md section 2, as data. eslint.config.mjs turns it into
// @nx/enforce-module-boundaries depConstraints; tools/scripts/boundaries.test.ts proves that a
// forbidden import is rejected. Change the design here on purpose, and in DESIGN.md with it.

/** scope tag -> scope tags it may depend on */
export const allowedDependencies = {
  domain: [],
  sdk: ['domain'],
  'graph-store': ['domain'],
  'graph-store-sqlite': ['graph-store', 'domain'],
  'graph-store-neo4j': ['graph-store', 'domain'],
  'artifact-store': ['domain'],
  executor: ['domain', 'sdk', 'graph-store', 'artifact-store'],
  report: ['domain', 'graph-store'],
  // OpenLineage: spec validation, event normalization for the store, and the emitter (session 2).
  openlineage: ['domain', 'graph-store'],
  runtime: [
    'domain',
    'sdk',
    'graph-store',
    'graph-store-sqlite',
    'graph-store-neo4j',
    'artifact-store',
    'executor',
    'report',
    'openlineage',
  ],
  api: ['runtime', 'domain', 'sdk', 'graph-store', 'artifact-store', 'executor', 'report', 'openlineage', 'graphql-types', 'example'],
  cli: ['runtime', 'domain', 'sdk', 'graph-store', 'artifact-store', 'executor', 'report', 'openlineage', 'graphql-types', 'example'],
  web: ['graphql-types'],
  'graphql-types': [],
  example: ['sdk', 'domain'],
  tools: ['*'],
};

/**
 * Extra edges allowed in tests only (files matching TEST_FILES): the executor and report suites run
 * against the real embedded store instead of a fake, as the executor issue asks.
 */
export const testOnlyDependencies = {
  executor: ['graph-store-sqlite'],
  report: ['graph-store-sqlite', 'artifact-store', 'executor', 'sdk'],
  example: ['executor', 'graph-store', 'graph-store-sqlite', 'artifact-store'],
  openlineage: ['graph-store-sqlite'],
};

export const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', '**/testing/**/*.ts'];

/** external package -> the only scopes that may import it */
export const restrictedExternals = {
  'better-sqlite3': ['graph-store-sqlite', 'tools'],
  'neo4j-driver': ['graph-store-neo4j'],
  '@neo4j-cypher/language-support': ['graph-store-neo4j'],
  react: ['web'],
  'react-dom': ['web'],
  'graphql-yoga': ['api'],
};

export function depConstraints({ tests = false } = {}) {
  return Object.entries(allowedDependencies).map(([scope, base]) => {
    const allowed = tests ? [...base, ...(testOnlyDependencies[scope] ?? [])] : base;
    return {
      sourceTag: `scope:${scope}`,
      onlyDependOnLibsWithTags: allowed.includes('*') ? ['*'] : allowed.map((s) => `scope:${s}`),
      bannedExternalImports: Object.entries(restrictedExternals)
        .filter(([, owners]) => !owners.includes(scope))
        .flatMap(([pkg]) => [pkg, `${pkg}/*`]),
    };
  });
}
