import type { ArtifactId, ExecutionId, PipelineExecution, StepExecutionId } from '@pedigree/domain';
import type { InvalidateCacheScope } from '@pedigree/graph-store';
import { z } from 'zod';
import { withUserErrors } from '../../errors.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection } from '../../pagination.ts';
import { isoTimestamp, parseArgs } from '../../validation.ts';
import type { ExecutionChange, ExecutionEvent } from './execution-events.ts';
import { MAX_LOG_LINES, STATS_DEFAULT_LIMIT, STATS_MAX_LIMIT } from './execution-service.ts';

const stepName = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const idString = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const filterArgs = z.object({
  filter: z
    .object({
      pipelineName: z.string().max(256, 'must be at most 256 characters').nullish(),
      startedAfter: isoTimestamp.nullish(),
      startedBefore: isoTimestamp.nullish(),
      createdBy: z.string().max(256, 'must be at most 256 characters').nullish(),
    })
    .passthrough()
    .nullish(),
});

const parameterValue = z.union([z.string().max(10_000, 'must be at most 10000 characters'), z.number(), z.boolean()]);
const startInput = z.object({
  pipelineName: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  version: z.number().int().min(1, 'must be at least 1').nullish(),
  parameters: z.record(z.string(), parameterValue, { error: 'must be an object of parameter name -> string, number or boolean' }).nullish(),
  selectiveExecution: z
    .object({
      sourceExecutionId: idString,
      steps: z.array(stepName).min(1, 'must name at least one step').max(1000, 'must name at most 1000 steps'),
    })
    .nullish(),
});

const signalInput = z.object({
  executionId: idString,
  stepName,
  outputs: z.record(z.string(), parameterValue, { error: 'must be an object of output name -> string, number or boolean' }).nullish(),
  failureReason: z.string().max(10_000, 'must be at most 10000 characters').nullish(),
});

const invalidateInput = z
  .object({
    stepExecutionId: idString.nullish(),
    executionId: idString.nullish(),
    stepName: stepName.nullish(),
    pipelineName: z.string().min(1, 'must not be empty').nullish(),
    artifactId: idString.nullish(),
  })
  .transform((input, ctx): InvalidateCacheScope => {
    const scopes: InvalidateCacheScope[] = [];
    if (input.stepExecutionId) scopes.push({ stepExecutionId: input.stepExecutionId as StepExecutionId });
    if (input.executionId || input.stepName) {
      if (!input.executionId || !input.stepName) {
        ctx.addIssue({
          code: 'custom',
          path: [input.executionId ? 'stepName' : 'executionId'],
          message: 'executionId and stepName go together',
        });
        return z.NEVER;
      }
      scopes.push({ executionId: input.executionId as ExecutionId, stepName: input.stepName });
    }
    if (input.pipelineName) scopes.push({ pipelineName: input.pipelineName });
    if (input.artifactId) scopes.push({ artifactId: input.artifactId as ArtifactId });
    if (scopes.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give exactly one of stepExecutionId, executionId with stepName, pipelineName or artifactId',
      });
      return z.NEVER;
    }
    return scopes[0]!;
  });

const logsArgs = z.object({
  last: z.number().int().min(1, 'must be at least 1').max(MAX_LOG_LINES, `must be at most ${MAX_LOG_LINES}`).nullish(),
});

const statsArgs = z.object({
  pipelineName: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  since: isoTimestamp.nullish(),
  limit: z.number().int().min(1, 'must be at least 1').max(STATS_MAX_LIMIT, `must be at most ${STATS_MAX_LIMIT}`).nullish(),
});
const changesArgs = z.object({ pipelineName: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters').nullish() });

const executionPayload = (execution: PipelineExecution) => ({ execution });

export const executionResolvers: Resolvers = {
  Query: {
    execution: (_root, { id }, { services }) => services.executions.find(id as ExecutionId),
    executions: async (_root, args, { services }) => {
      parseArgs(filterArgs, args);
      return toConnection(await services.executions.list({ filter: args.filter ?? {}, first: args.first, after: args.after }));
    },
    stepExecution: (_root, { id }, { loaders }) => loaders.stepExecution.load(id as StepExecutionId),
    executionStats: (_root, args, { services }) => {
      const checked = parseArgs(statsArgs, args);
      return services.executions.stats({
        pipelineName: checked.pipelineName,
        since: checked.since ?? null,
        limit: checked.limit ?? STATS_DEFAULT_LIMIT,
      });
    },
  },
  Mutation: {
    startExecution: (_root, { input }, { services, viewer, logger }) =>
      withUserErrors(
        { execution: null },
        async () => {
          const checked = parseArgs(startInput, input);
          const execution = await services.executions.start({
            pipelineName: checked.pipelineName,
            version: checked.version ?? null,
            parameters: checked.parameters ?? {},
            selective: checked.selectiveExecution
              ? { sourceExecutionId: checked.selectiveExecution.sourceExecutionId as ExecutionId, steps: checked.selectiveExecution.steps }
              : null,
            createdBy: viewer.name,
          });
          logger.info({ executionId: execution.id, pipeline: execution.pipelineName }, 'execution started');
          return executionPayload(execution);
        },
        'input',
      ),
    stopExecution: (_root, { id }, { services, logger }) =>
      withUserErrors({ execution: null }, async () => {
        const execution = await services.executions.stop(id as ExecutionId);
        logger.info({ executionId: id }, 'execution stop requested');
        return executionPayload(execution);
      }),
    retryExecution: (_root, { id }, { services, logger }) =>
      withUserErrors({ execution: null }, async () => {
        const execution = await services.executions.retry(id as ExecutionId);
        logger.info({ executionId: id }, 'execution retried');
        return executionPayload(execution);
      }),
    signalStep: (_root, { input }, { services, logger }) =>
      withUserErrors(
        { execution: null },
        async () => {
          const checked = parseArgs(signalInput, input);
          const execution = await services.executions.signal({
            executionId: checked.executionId as ExecutionId,
            stepName: checked.stepName,
            outcome: input.outcome === 'SUCCEEDED' ? 'Succeeded' : 'Failed',
            outputs: checked.outputs ?? {},
            failureReason: checked.failureReason ?? null,
          });
          logger.info({ executionId: checked.executionId, step: checked.stepName, outcome: input.outcome }, 'step signalled');
          return executionPayload(execution);
        },
        'input',
      ),
    invalidateCache: (_root, { input }, { services, logger }) =>
      withUserErrors(
        { invalidatedStepExecutionIds: [] },
        async () => {
          const scope = parseArgs(invalidateInput, input);
          const result = await services.executions.invalidateCache(scope);
          logger.info({ scope, invalidated: result.invalidatedStepExecutionIds.length }, 'cache invalidated');
          return { invalidatedStepExecutionIds: [...result.invalidatedStepExecutionIds] };
        },
        'input',
      ),
  },
  Subscription: {
    executionEvents: {
      subscribe: (_root, { executionId }, { services }) => services.executions.events(executionId as ExecutionId),
      resolve: (event: ExecutionEvent) => event,
    },
    executionsChanged: {
      subscribe: (_root, args, { services }) => services.executions.changes(parseArgs(changesArgs, args).pipelineName),
      resolve: (change: ExecutionChange) => change,
    },
  },
  Execution: {
    pipeline: async (execution, _args, { loaders }) => {
      const pipeline = await loaders.pipeline.load(execution.pipelineName);
      if (!pipeline) throw new Error(`execution ${execution.id} belongs to a missing pipeline ${execution.pipelineName}`);
      return pipeline;
    },
    pipelineVersion: async (execution, _args, { loaders }) => {
      const version = await loaders.pipelineVersion.load(execution.pipelineVersionId);
      if (!version) throw new Error(`execution ${execution.id} belongs to a missing version ${execution.pipelineVersionId}`);
      return version;
    },
    durationMs: (execution) => (execution.endedAt ? Date.parse(execution.endedAt) : Date.now()) - Date.parse(execution.startedAt),
    steps: async (execution, _args, { loaders }) => [...(await loaders.stepsByExecution.load(execution.id))],
    step: async (execution, { name }, { loaders }) =>
      (await loaders.stepsByExecution.load(execution.id)).find((s) => s.stepName === name) ?? null,
  },
  StepExecution: {
    execution: async (step, _args, { services }) => {
      const execution = await services.executions.find(step.executionId);
      if (!execution) throw new Error(`step execution ${step.id} belongs to a missing execution ${step.executionId}`);
      return execution;
    },
    reusedStepExecution: (step, _args, { loaders }) =>
      step.reusedStepExecutionId ? loaders.stepExecution.load(step.reusedStepExecutionId) : null,
    inputs: async (step, _args, { loaders }) => [...(await loaders.stepArtifacts.load(step.id)).inputs],
    outputs: async (step, _args, { loaders }) => [...(await loaders.stepArtifacts.load(step.id)).outputs],
    logs: (step, args, { services }) => services.executions.logs(step, parseArgs(logsArgs, args).last ?? 100),
  },
  ExecutionEvent: {
    // A reused step execution does not change once reused, so the request's loader cache is safe here.
    reusedStepExecution: (event, _args, { loaders }) =>
      event.reusedStepExecutionId ? loaders.stepExecution.load(event.reusedStepExecutionId) : null,
  },
  ExecutionChange: {
    execution: (change, _args, { services }) => services.executions.find(change.executionId),
  },
  CacheMissExplanation: {
    nearestStepExecution: (miss, _args, { loaders }) =>
      miss.nearestStepExecutionId ? loaders.stepExecution.load(miss.nearestStepExecutionId) : null,
    differingFields: (miss) => [...miss.differingFields],
  },
};
