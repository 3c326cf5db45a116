// graphql-codegen configuration: the server's resolver types are generated from the SDL modules
// of apps/api, and the CLI's operation types (`pedigree --server`) from apps/cli's operations.
// Run `npm run codegen` at the repository root after changing any `.graphql` file (it also runs
// the web client's own codegen, apps/web/codegen.ts); apps/api's schema tests, apps/cli's codegen
// test and tools/scripts/web-codegen.test.ts fail when the committed files drift. The plugin
// settings live in resolver-types.config.json and cli-operations.config.json so that the drift
// tests use exactly the same ones.
import type { CodegenConfig } from '@graphql-codegen/cli';
import cliSettings from './cli-operations.config.json' with { type: 'json' };
import settings from './resolver-types.config.json' with { type: 'json' };

const config: CodegenConfig = {
  overwrite: true,
  // The merged, sorted SDL that print-schema.ts just wrote: the same input the drift test uses.
  schema: 'schema.graphql',
  generates: {
    'apps/api/src/generated/resolvers-types.ts': {
      plugins: [{ add: { content: settings.header } }, 'typescript', 'typescript-resolvers'],
      config: settings.config,
    },
    // Typed operations of the CLI as plain strings (documentMode string): no graphql runtime in the CLI.
    'apps/cli/src/generated/graphql.ts': {
      documents: cliSettings.documents,
      plugins: [{ add: { content: cliSettings.header } }, 'typescript-operations', 'typed-document-node'],
      config: cliSettings.config,
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
