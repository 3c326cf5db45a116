// graphql-codegen configuration: the server's resolver types are generated from the SDL modules
// of apps/api. Run `npm run codegen` at the repository root after changing any `.graphql` file;
// apps/api's schema tests fail when the committed schema.graphql or these types drift. The plugin
// settings live in resolver-types.config.json so that the drift test uses exactly the same ones.
import type { CodegenConfig } from '@graphql-codegen/cli';
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
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
