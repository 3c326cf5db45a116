import type { PipelineDefinition } from '@pedigree/sdk';
import { z } from 'zod';
import { withUserErrors } from '../../errors.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection } from '../../pagination.ts';
import { parseArgs } from '../../validation.ts';

const versionArg = z.object({ version: z.number().int().min(1, 'must be at least 1').nullish() });
const nameArg = z.object({ name: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters') });

export const pipelineResolvers: Resolvers = {
  Query: {
    pipelines: async (_root, args, { services }) => toConnection(await services.pipelines.list(args)),
    pipeline: async (_root, args, { services }) => services.pipelines.find(parseArgs(nameArg, args).name),
    pipelineVersion: async (_root, { id }, { loaders }) => loaders.pipelineVersion.load(id as never),
  },
  Mutation: {
    upsertPipeline: (_root, { input }, { services, logger }) =>
      withUserErrors(
        { pipeline: null, version: null, created: false },
        async () => {
          const outcome = await services.pipelines.upsert(input.definition);
          logger.info({ pipeline: outcome.pipeline.name, version: outcome.version.version, created: outcome.created }, 'pipeline upserted');
          return outcome;
        },
        'definition',
      ),
  },
  Pipeline: {
    version: async (pipeline, args, { services }) =>
      services.pipelines.findVersion(pipeline.name, parseArgs(versionArg, args).version ?? null),
    versions: async (pipeline, args, { services }) => toConnection(await services.pipelines.listVersions(pipeline.name, args)),
    executions: async (pipeline, args, { services }) =>
      toConnection(
        await services.executions.list({
          filter: { pipelineName: pipeline.name, ...(args.statuses ? { statuses: args.statuses } : {}) },
          first: args.first,
          after: args.after,
        }),
      ),
  },
  PipelineVersion: {
    parameters: (version) => (version.definition as unknown as PipelineDefinition).parameters ?? [],
    dag: (version, _args, { services }) => services.pipelines.dag(version),
  },
};
