// Typed documents for the client: `npm run codegen -w @pedigree/web` after changing an operation or
// fragment (they live beside the components that use them) or after schema.graphql changes.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: '../../schema.graphql',
  // Tests write their own raw documents (fake servers answer by operation name): not part of the client.
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**', '!src/**/*.test.ts', '!src/**/*.test.tsx', '!src/test/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        avoidOptionals: false,
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
