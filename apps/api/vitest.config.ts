import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { defineProjectConfig } from '../../vitest.shared.ts';

const require = createRequire(import.meta.url);

// graphql 16 ships both index.mjs ("module") and index.js ("main"). Node loads dependencies such as
// @graphql-tools/schema and graphql-yoga with the CommonJS build, while Vite would resolve our own
// sources to the ESM build: two copies of the type classes ("from another module or realm").
// Pinning the bare specifier to the CommonJS build gives every importer the same copy, as in production.
export default mergeConfig(defineProjectConfig('api', { testTimeout: 30_000 }), {
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
});
