import type { Command } from 'commander';
import type { ExecutionId, StepExecutionId } from '@pedigree/domain';
import type { InvalidateCacheScope } from '@pedigree/graph-store';
import { withRuntime } from '../context.ts';
import { usageError } from '../errors.ts';
import {
  InvalidateCacheDocument,
  PipelineForStartDocument,
  StepExecutionByIdDocument,
  type InvalidateCacheInput,
} from '../generated/graphql.ts';
import type { StepRecord } from '../records.ts';
import { throwUserErrors } from '../remote/client.ts';
import { connect } from '../remote/connect.ts';
import { resolveArtifactRemote } from '../remote/resolve.ts';
import { fetchExecutionView } from '../remote/watch.ts';
import { resolveArtifact } from '../resolve-ids.ts';
import { unknownPipeline } from './pipelines.ts';
import { examples, type CommandSetup } from './shared.ts';

export function registerCacheCommands(program: Command, setup: CommandSetup): void {
  const cache = program.command('cache').description('Why a step was or was not served from the cache; make cached results unusable.');
  cache.addHelpText('after', examples(['pedigree cache explain ex_0190… TrainModel', 'pedigree cache invalidate --pipeline iris']));

  setup(
    cache
      .command('explain')
      .description('Whether a step of an execution was a cache hit (and whose outputs it reused) or why it ran again.')
      .argument('<execution>', 'execution id')
      .argument('<step>', 'step name')
      .option('--json', 'print as JSON'),
    examples(['pedigree cache explain ex_0190… TrainModel', 'pedigree cache explain ex_0190… PrepareData --json']),
  ).action(async (executionId: string, stepName: string, opts: { json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const noStep = (steps: readonly StepRecord[]) =>
      usageError(`execution ${executionId} has no step ${stepName}; its steps: ${steps.map((s) => s.stepName).join(', ') || 'none'}`);
    const client = connect(ctx);
    if (client) {
      const view = await fetchExecutionView(client, executionId);
      const step = view.steps.find((s) => s.stepName === stepName);
      if (!step) throw noStep(view.steps);
      const reused = step.reusedStepExecutionId
        ? (await client.request(StepExecutionByIdDocument, { id: step.reusedStepExecutionId })).stepExecution
        : null;
      return explain(step, reused);
    }
    await withRuntime(ctx, async (runtime) => {
      const view = await runtime.store.getExecutionWithSteps(executionId as ExecutionId);
      const step = view.steps.find((s) => s.stepName === stepName);
      if (!step) throw noStep(view.steps);
      explain(step, step.reusedStepExecutionId ? await runtime.store.getStepExecution(step.reusedStepExecutionId) : null);
    });

    function explain(step: StepRecord, reused: { readonly executionId: string; readonly endedAt: string | null } | null): void {
      const explanation = {
        stepExecutionId: step.id,
        stepName: step.stepName,
        status: step.status,
        cacheKey: step.cacheKey,
        cacheHit: step.cacheHit,
        reusedStepExecutionId: step.reusedStepExecutionId,
        reusedFromExecutionId: reused?.executionId ?? null,
        cacheMiss: step.cacheMiss,
      };
      if (opts.json) return ctx.out.json(explanation);
      const out = ctx.out;
      out.line(`${stepName} in ${executionId}: ${step.status}`);
      out.line(`  cache key: ${step.cacheKey ?? '(none: the step has no cache key)'}`);
      if (step.cacheHit) {
        out.line(
          `  cache hit: reused the outputs of ${step.reusedStepExecutionId}${reused ? ` (execution ${reused.executionId}, ended ${reused.endedAt})` : ''}`,
        );
      } else if (step.cacheMiss) {
        const m = step.cacheMiss;
        out.line(`  cache miss: ${m.reason}`, `  ${m.message}`);
        if (m.nearestStepExecutionId) out.line(`  nearest earlier run: ${m.nearestStepExecutionId} (key ${m.nearestCacheKey ?? '?'})`);
        if (m.differingFields.length) out.line('  fields that differ:', ...m.differingFields.map((f) => `    ${f}`));
      } else {
        out.line('  not a cache hit; no miss was recorded (caching may be off for this step, or it has not run)');
      }
    }
  });

  setup(
    cache
      .command('invalidate')
      .description('Mark cached results as not reusable, so the next run executes the steps again. Give exactly one scope.')
      .option('--execution <id>', 'with --step: one step of one execution')
      .option('--step <name>', 'with --execution: the step name')
      .option('--step-execution <id>', 'one step execution (se_…)')
      .option('--pipeline <name>', 'every cached step of a pipeline')
      .option('--artifact <ref>', 'every cached step downstream of an artifact (id, URI or local path)')
      .option('--json', 'print as JSON'),
    examples([
      'pedigree cache invalidate --execution ex_0190… --step TrainModel',
      'pedigree cache invalidate --pipeline iris',
      'pedigree cache invalidate --artifact examples/iris/data/iris.csv',
    ]),
  ).action(
    async (
      opts: { execution?: string; step?: string; stepExecution?: string; pipeline?: string; artifact?: string; json?: boolean },
      cmd: Command,
    ) => {
      const ctx = setup.context(cmd);
      const given = [
        opts.execution || opts.step ? 'execution' : null,
        opts.stepExecution ? 'step-execution' : null,
        opts.pipeline ? 'pipeline' : null,
        opts.artifact ? 'artifact' : null,
      ].filter(Boolean);
      if (given.length !== 1)
        throw usageError('give exactly one scope: --execution with --step, --step-execution, --pipeline or --artifact');
      if ((opts.execution === undefined) !== (opts.step === undefined)) throw usageError('--execution and --step go together');
      const print = (ids: readonly string[]): void => {
        if (opts.json) return ctx.out.json({ invalidatedStepExecutionIds: ids });
        ctx.out.line(`invalidated ${ids.length} cached step execution${ids.length === 1 ? '' : 's'}`, ...ids.map((id) => `  ${id}`));
      };
      const client = connect(ctx);
      if (client) {
        // The same checks as locally, so an unknown id or name is named in one line.
        let input: InvalidateCacheInput;
        if (opts.execution && opts.step) {
          const view = await fetchExecutionView(client, opts.execution);
          if (!view.steps.some((s) => s.stepName === opts.step)) throw usageError(`execution ${opts.execution} has no step ${opts.step}`);
          input = { executionId: opts.execution, stepName: opts.step };
        } else if (opts.stepExecution) {
          const { stepExecution } = await client.request(StepExecutionByIdDocument, { id: opts.stepExecution });
          if (!stepExecution) throw usageError(`no step execution with id ${opts.stepExecution}`);
          input = { stepExecutionId: opts.stepExecution };
        } else if (opts.pipeline) {
          const { pipeline, pipelines } = await client.request(PipelineForStartDocument, { name: opts.pipeline });
          if (!pipeline)
            throw unknownPipeline(
              opts.pipeline,
              pipelines.edges.map((e) => e.node.name),
              'server',
            );
          input = { pipelineName: opts.pipeline };
        } else {
          input = { artifactId: (await resolveArtifactRemote(client, opts.artifact!)).id };
        }
        const { invalidateCache } = await client.request(InvalidateCacheDocument, { input });
        throwUserErrors(invalidateCache.errors);
        return print(invalidateCache.invalidatedStepExecutionIds);
      }
      await withRuntime(ctx, async (runtime) => {
        let scope: InvalidateCacheScope;
        if (opts.execution && opts.step) {
          const view = await runtime.store.getExecutionWithSteps(opts.execution as ExecutionId);
          if (!view.steps.some((s) => s.stepName === opts.step)) throw usageError(`execution ${opts.execution} has no step ${opts.step}`);
          scope = { executionId: opts.execution as ExecutionId, stepName: opts.step };
        } else if (opts.stepExecution) {
          await runtime.store.getStepExecution(opts.stepExecution as StepExecutionId);
          scope = { stepExecutionId: opts.stepExecution as StepExecutionId };
        } else if (opts.pipeline) {
          if (!(await runtime.store.findPipeline(opts.pipeline)))
            throw unknownPipeline(
              opts.pipeline,
              (await runtime.store.listPipelines({ first: 20 })).items.map((p) => p.name),
              'store',
            );
          scope = { pipelineName: opts.pipeline };
        } else {
          scope = { artifactId: (await resolveArtifact(runtime.store, opts.artifact!)).id };
        }
        print((await runtime.store.invalidateCache(scope)).invalidatedStepExecutionIds);
      });
    },
  );
}
