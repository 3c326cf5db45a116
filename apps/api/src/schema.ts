import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.ts';
import { adminResolvers } from './modules/admin/resolvers.ts';
import { artifactResolvers } from './modules/artifact/resolvers.ts';
import { commonResolvers } from './modules/common/resolvers.ts';
import { executionResolvers } from './modules/execution/resolvers.ts';
import { lineageResolvers } from './modules/lineage/resolvers.ts';
import { modelResolvers } from './modules/model/resolvers.ts';
import { openLineageResolvers } from './modules/openlineage/resolvers.ts';
import { pipelineResolvers } from './modules/pipeline/resolvers.ts';
import { scheduleResolvers } from './modules/schedule/resolvers.ts';
import { mergeAndGuardResolvers } from './security/roles.ts';
import { loadTypeDefs } from './type-defs.ts';

export const MODULE_RESOLVERS: readonly Resolvers[] = [
  commonResolvers,
  pipelineResolvers,
  executionResolvers,
  artifactResolvers,
  lineageResolvers,
  modelResolvers,
  adminResolvers,
  scheduleResolvers,
  openLineageResolvers,
];

/** The executable schema: every module's SDL merged with its resolvers. */
export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: mergeAndGuardResolvers(MODULE_RESOLVERS) as never,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
}

/** The merged SDL as committed in the repository's `schema.graphql` (sorted, so the file diff is stable). */
export function printMergedSchema(schema: GraphQLSchema = makeExecutableSchema({ typeDefs: loadTypeDefs() })): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
