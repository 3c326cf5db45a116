import { executionStatusOfOpenLineageState, openLineageDatasetUri, type Artifact, type ArtifactId } from '@pedigree/domain';
import { z } from 'zod';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection } from '../../pagination.ts';
import { parseArgs } from '../../validation.ts';

const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const runIdArgs = z.object({ runId: text(200) });
const datasetArgs = z.object({ namespace: text(1024), name: text(4096) });
const fieldArgs = z.object({ field: text(1024).nullish() });
const runsArgs = z.object({
  filter: z.object({ jobNamespace: text(1024).nullish(), jobName: text(4096).nullish(), parentRunId: text(200).nullish() }).nullish(),
});

/** Most children listed under one run (a dbt invocation has one child per model). */
const CHILDREN_LIMIT = 100;

export const openLineageResolvers: Resolvers = {
  Query: {
    openLineageRun: (_root, args, { services }) => services.openLineage.findRun(parseArgs(runIdArgs, args).runId),
    openLineageRuns: async (_root, args, { services }) => {
      const { filter } = parseArgs(runsArgs, args);
      return toConnection(await services.openLineage.listRuns(filter ?? {}, args));
    },
    openLineageDataset: (_root, args, { services }) => {
      const { namespace, name } = parseArgs(datasetArgs, args);
      return services.openLineage.findDataset(namespace, name);
    },
    columnLineage: (_root, args, { services }) => {
      const { namespace, name } = parseArgs(datasetArgs, args);
      const { field } = parseArgs(fieldArgs, args);
      return services.openLineage.columnLineage({
        namespace,
        name,
        ...(field ? { field } : {}),
        ...(args.direction ? { direction: args.direction } : {}),
      });
    },
    openLineageStats: (_root, _args, { services }) => services.openLineage.stats.snapshot(),
  },
  OpenLineageRun: {
    job: (run) => (run.job ? { ...run.job, facets: run.jobFacets } : null),
    status: (run) => executionStatusOfOpenLineageState(run.state),
    parent: (run, _args, { services }) => (run.parentRunId ? services.openLineage.findRun(run.parentRunId) : null),
    children: async (run, _args, { services }) =>
      (await services.openLineage.listRuns({ parentRunId: run.runId }, { first: CHILDREN_LIMIT })).items,
    events: async (run, args, { services }) => toConnection(await services.openLineage.listEvents(run.runId, args)),
    inputs: (run, _args, { services }) => services.openLineage.runArtifacts(run.runId, 'UPSTREAM'),
    outputs: (run, _args, { services }) => services.openLineage.runArtifacts(run.runId, 'DOWNSTREAM'),
  },
  OpenLineageRunDatasetFacets: {
    artifact: async (entry, _args, { loaders }) => {
      const artifact = await loaders.artifact.load(entry.artifactId);
      if (!artifact) throw new Error(`OpenLineage dataset facets point at a missing artifact ${entry.artifactId}`);
      return artifact;
    },
  },
  OpenLineageDataset: {
    uri: (dataset) => dataset.uri || openLineageDatasetUri(dataset.namespace, dataset.name),
    versions: async (dataset, _args, { loaders }) => {
      const artifacts = await loaders.artifact.loadMany(dataset.versionArtifactIds as ArtifactId[]);
      return artifacts.filter((a): a is Artifact => a !== null && !(a instanceof Error));
    },
    columnLineage: (dataset, args, { services }) => {
      const { field } = parseArgs(fieldArgs, args);
      return services.openLineage.columnLineage({
        namespace: dataset.namespace,
        name: dataset.name,
        ...(field ? { field } : {}),
        ...(args.direction ? { direction: args.direction } : {}),
      });
    },
  },
};
