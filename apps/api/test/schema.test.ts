import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as addPlugin from '@graphql-codegen/add';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as resolversPlugin from '@graphql-codegen/typescript-resolvers';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  lexicographicSortSchema,
  parse,
  type GraphQLNamedType,
} from 'graphql';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { createSchema, printMergedSchema } from '../src/schema.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const read = (relative: string): string => readFileSync(`${repoRoot}${relative}`, 'utf8');

describe('the schema', () => {
  const schema = createSchema();

  it('matches the committed schema.graphql (run `npm run codegen` after changing an SDL module)', async () => {
    const options = (await prettier.resolveConfig(`${repoRoot}schema.graphql`)) ?? {};
    expect(read('schema.graphql')).toBe(await prettier.format(printMergedSchema(), { ...options, parser: 'graphql' }));
  });

  it('matches the committed generated resolver types (run `npm run codegen`)', async () => {
    const settings = JSON.parse(read('tools/codegen/resolver-types.config.json')) as { header: string; config: Record<string, unknown> };
    const output = await codegen({
      filename: 'resolvers-types.ts',
      schema: parse(printMergedSchema()),
      schemaAst: lexicographicSortSchema(buildSchema(printMergedSchema())),
      documents: [],
      config: settings.config,
      plugins: [{ add: { content: settings.header } }, { typescript: {} }, { 'typescript-resolvers': {} }],
      pluginMap: { add: addPlugin, typescript: typescriptPlugin, 'typescript-resolvers': resolversPlugin },
    });
    const options = (await prettier.resolveConfig(`${repoRoot}apps/api/src/generated/resolvers-types.ts`)) ?? {};
    const formatted = await prettier.format(output, { ...options, parser: 'typescript' });
    expect(read('apps/api/src/generated/resolvers-types.ts')).toBe(formatted);
  }, 60_000);

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('pages every list of a root query through a Relay connection', () => {
    const query = schema.getQueryType()!;
    for (const name of ['pipelines', 'executions', 'artifacts', 'search', 'modelPackages']) {
      const field = query.getFields()[name]!;
      expect(String(field.type)).toMatch(/Connection!$/);
      expect(field.args.map((a) => a.name)).toEqual(expect.arrayContaining(['first', 'after']));
    }
  });

  it('says how SageMaker association types map onto the edge types', () => {
    const edgeType = schema.getType('LineageEdgeType')!;
    expect(edgeType.description).toContain(
      'Produced = PRODUCED, ContributedTo = CONSUMED_BY, DerivedFrom = DERIVED_FROM, AssociatedWith = ASSOCIATED_WITH',
    );
  });
});
