import type { ArtifactId } from '@pedigree/domain';
import { z } from 'zod';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection } from '../../pagination.ts';
import { isoTimestamp, parseArgs } from '../../validation.ts';

const byUriArgs = z.object({
  uri: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex characters>')
    .nullish(),
});
const filterArgs = z.object({
  filter: z
    .object({
      name: z.string().max(256, 'must be at most 256 characters').nullish(),
      uriPrefix: z.string().max(4096, 'must be at most 4096 characters').nullish(),
      createdAfter: isoTimestamp.nullish(),
      createdBefore: isoTimestamp.nullish(),
    })
    .passthrough()
    .nullish(),
});
const searchArgs = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
});

export const artifactResolvers: Resolvers = {
  Query: {
    artifact: (_root, { id }, { loaders }) => loaders.artifact.load(id as ArtifactId),
    artifactByUri: (_root, args, { services }) => {
      const { uri, digest } = parseArgs(byUriArgs, args);
      return services.artifacts.findByUri(uri, digest ?? null);
    },
    artifacts: async (_root, args, { services }) => {
      parseArgs(filterArgs, args);
      return toConnection(await services.artifacts.list(args.filter ?? {}, args));
    },
    search: async (_root, args, { services }) => {
      const { text } = parseArgs(searchArgs, args);
      return toConnection(await services.artifacts.search(text, args.types ?? null, args));
    },
  },
  Artifact: {
    previousVersion: (artifact, _args, { loaders }) =>
      artifact.previousVersionId ? loaders.artifact.load(artifact.previousVersionId) : null,
    producer: (artifact, _args, { loaders }) => loaders.producer.load(artifact.id),
    modelPackages: (artifact, _args, { loaders }) => loaders.modelPackagesByArtifact.load(artifact.id),
  },
};
