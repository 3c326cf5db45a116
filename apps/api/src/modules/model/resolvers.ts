import type { ModelPackageId } from '@pedigree/domain';
import { z } from 'zod';
import { withUserErrors } from '../../errors.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection } from '../../pagination.ts';
import { parseArgs } from '../../validation.ts';

const auditReportArgs = z.object({
  modelId: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

const approvalInput = z.object({
  id: z.string().min(1, 'must not be empty'),
  comment: z.string().max(2000, 'must be at most 2000 characters').nullish(),
});

export const modelResolvers: Resolvers = {
  Query: {
    modelPackages: async (_root, args, { services }) =>
      toConnection(await services.models.list(args.group ?? null, args.approvalStatuses ?? null, args)),
    modelPackage: (_root, { id }, { services }) => services.models.find(id as ModelPackageId),
    auditReport: (_root, { modelId, format }, { services }) =>
      withUserErrors({ content: null, sha256: null, fileName: null, mediaType: null }, async () => {
        parseArgs(auditReportArgs, { modelId });
        return services.models.auditReport(modelId, format);
      }),
  },
  Mutation: {
    setModelApprovalStatus: (_root, { input }, { services, viewer, logger }) =>
      withUserErrors(
        { modelPackage: null },
        async () => {
          parseArgs(approvalInput, input);
          const modelPackage = await services.models.setApproval({
            id: input.id as ModelPackageId,
            status: input.status,
            comment: input.comment ?? null,
            expectedStatus: input.expectedStatus ?? null,
            by: viewer.name,
          });
          logger.info({ modelPackageId: modelPackage.id, status: modelPackage.approvalStatus }, 'model approval set');
          return { modelPackage };
        },
        'input',
      ),
  },
  ModelPackage: {
    modelArtifact: async (pkg, _args, { loaders }) => {
      const artifact = await loaders.artifact.load(pkg.modelArtifactId);
      if (!artifact) throw new Error(`model package ${pkg.id} points at a missing artifact ${pkg.modelArtifactId}`);
      return artifact;
    },
    stepExecution: (pkg, _args, { loaders }) => (pkg.stepExecutionId ? loaders.stepExecution.load(pkg.stepExecutionId) : null),
  },
};
