import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as addPlugin from '@graphql-codegen/add';
import * as typedDocumentNodePlugin from '@graphql-codegen/typed-document-node';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { buildSchema, lexicographicSortSchema, parse, validate } from 'graphql';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const read = (relative: string): string => readFileSync(`${repoRoot}${relative}`, 'utf8');
const GENERATED = 'apps/cli/src/generated/graphql.ts';

describe('the CLI’s GraphQL operations', () => {
  const settings = JSON.parse(read('tools/codegen/cli-operations.config.json')) as {
    header: string;
    documents: string;
    config: Record<string, unknown>;
  };
  const sdl = read('schema.graphql');
  const operations = parse(read(settings.documents));

  it('are valid against the committed schema.graphql', () => {
    expect(validate(buildSchema(sdl), operations).map((e) => e.message)).toEqual([]);
  });

  it('match the committed generated types (run `npm run codegen`)', async () => {
    const output = await codegen({
      filename: 'graphql.ts',
      schema: parse(sdl),
      schemaAst: lexicographicSortSchema(buildSchema(sdl)),
      documents: [{ location: settings.documents, document: operations }],
      config: settings.config,
      plugins: [{ add: { content: settings.header } }, { 'typescript-operations': {} }, { 'typed-document-node': {} }],
      pluginMap: {
        add: addPlugin,
        'typescript-operations': operationsPlugin,
        'typed-document-node': typedDocumentNodePlugin,
      },
    });
    const options = (await prettier.resolveConfig(`${repoRoot}${GENERATED}`)) ?? {};
    expect(read(GENERATED)).toBe(await prettier.format(output, { ...options, parser: 'typescript' }));
  }, 60_000);
});
