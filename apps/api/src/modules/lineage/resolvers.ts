import type { ArtifactId } from '@pedigree/domain';
import { TRAVERSE_MAX_DEPTH_CAP, TRAVERSE_NODE_LIMIT_CAP } from '@pedigree/graph-store';
import { z } from 'zod';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { parseArgs } from '../../validation.ts';

/** Most start nodes one lineage query may name. */
export const LINEAGE_MAX_START_IDS = 100;

const id = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const maxDepth = z
  .number()
  .int()
  .min(0, 'must be at least 0')
  .max(TRAVERSE_MAX_DEPTH_CAP, `must be at most ${TRAVERSE_MAX_DEPTH_CAP}`)
  .nullish();
const nodeLimit = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(TRAVERSE_NODE_LIMIT_CAP, `must be at most ${TRAVERSE_NODE_LIMIT_CAP}`)
  .nullish();
const lineageArgs = z.object({
  startIds: z
    .array(id)
    .min(1, 'must name at least one node')
    .max(LINEAGE_MAX_START_IDS, `must name at most ${LINEAGE_MAX_START_IDS} nodes`),
  maxDepth,
  nodeLimit,
});
const budgetArgs = z.object({ maxDepth, nodeLimit });
const pathArgs = z.object({
  from: id,
  to: id,
  maxDepth: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(TRAVERSE_MAX_DEPTH_CAP, `must be at most ${TRAVERSE_MAX_DEPTH_CAP}`)
    .nullish(),
  limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').nullish(),
});

/** Node types that belong to a pipeline version (through their execution). */
const HAS_CONTEXT: ReadonlySet<string> = new Set(['StepExecution', 'PipelineExecution', 'PipelineVersion']);

const budget = (args: { maxDepth?: number | null; nodeLimit?: number | null }) => ({
  ...(args.maxDepth != null ? { maxDepth: args.maxDepth } : {}),
  ...(args.nodeLimit != null ? { nodeLimit: args.nodeLimit } : {}),
});

export const lineageResolvers: Resolvers = {
  Query: {
    lineage: (_root, args, { services }) => {
      const checked = parseArgs(lineageArgs, args);
      return services.lineage.traverse({
        startIds: checked.startIds,
        direction: args.direction ?? 'UPSTREAM',
        ...budget(checked),
        ...(args.nodeTypes?.length ? { nodeTypes: args.nodeTypes } : {}),
        ...(args.artifactTypes?.length ? { artifactTypes: args.artifactTypes } : {}),
        ...(args.edgeTypes?.length ? { edgeTypes: args.edgeTypes } : {}),
      });
    },
    provenance: (_root, args, { services }) => services.lineage.provenance(args.modelId as ArtifactId, budget(parseArgs(budgetArgs, args))),
    impact: (_root, args, { services }) => services.lineage.impact(args.artifactId as ArtifactId, budget(parseArgs(budgetArgs, args))),
    lineagePaths: (_root, args, { services }) => {
      const checked = parseArgs(pathArgs, args);
      return services.lineage.paths(checked.from, checked.to, checked.maxDepth ?? undefined, checked.limit ?? undefined);
    },
  },
  LineageNode: {
    approvalStatus: (node) => node.approvalStatus ?? null,
    executionId: async (node, _args, { loaders }) =>
      node.type === 'StepExecution' ? (await loaders.lineageContext.load(node.id)).executionId : null,
    pipelineName: async (node, _args, { loaders }) => {
      if (node.type === 'Pipeline') return node.label;
      return HAS_CONTEXT.has(node.type) ? (await loaders.lineageContext.load(node.id)).pipelineName : null;
    },
    version: async (node, _args, { loaders }) => (HAS_CONTEXT.has(node.type) ? (await loaders.lineageContext.load(node.id)).version : null),
  },
};
