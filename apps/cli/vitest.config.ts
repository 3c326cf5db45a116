import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { defineProjectConfig } from '../../vitest.shared.ts';

const require = createRequire(import.meta.url);

// The CLI suite starts the real binary in child processes; on a busy two-core machine one call
// can take several seconds, so tests get more time and fewer of them run at once.
// graphql is pinned to its CommonJS build (as in apps/api): the codegen drift test hands a schema
// built here to graphql-codegen's plugins, which load graphql through require().
export default mergeConfig(defineProjectConfig('cli', { testTimeout: 120_000, hookTimeout: 180_000, maxConcurrency: 4 }), {
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
});
