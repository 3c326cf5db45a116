import type { Command } from 'commander';
import { ValidationError, type ExecutionId } from '@pedigree/domain';
import type { CommandContext } from '../context.ts';
import { withRuntime } from '../context.ts';
import { failure, usageError, type CliError } from '../errors.ts';
import { loadPipeline } from '../load-pipeline.ts';
import { runAndWatch } from '../execution-view.ts';
import { throwUserErrors } from '../remote/client.ts';
import { connect, noteRunsLocally } from '../remote/connect.ts';
import { watchRemoteExecution } from '../remote/watch.ts';
import { PipelineForStartDocument, StartExecutionDocument, UpsertPipelineDocument } from '../generated/graphql.ts';
import { examples, type CommandSetup } from './shared.ts';

/** Collects repeated `--param Name=Value` options into an object (values stay strings; the pipeline's types convert them). */
export function collectParam(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw usageError(`--param expects Name=Value, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** The one line for a pipeline name the store (or server) does not know, naming the ones it does. */
export function unknownPipeline(name: string, known: readonly string[], where: 'store' | 'server'): CliError {
  return usageError(
    `no pipeline named ${name}${known.length ? `; stored pipelines: ${known.join(', ')}` : ` (the ${where} has none; use pedigree upsert)`}`,
  );
}

export function registerPipelineCommands(program: Command, setup: CommandSetup): void {
  setup(
    program
      .command('validate')
      .description('Check a pipeline (pipeline.ts or definition.json) and list every problem with its path.')
      .argument('<file>', 'a .ts/.js module exporting a pipeline, or a definition .json')
      .option('--export <name>', 'which export to use when the module exports several pipelines')
      .option('--json', 'print the result as JSON'),
    examples(['pedigree validate examples/iris/src/pipeline.ts', 'pedigree validate definition.json --json']),
  ).action(async (file: string, opts: { export?: string; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    try {
      const loaded = await loadPipeline(file, { ...(opts.export ? { exportName: opts.export } : {}) });
      const d = loaded.definition;
      if (opts.json)
        ctx.out.json({
          valid: true,
          name: d.name,
          definitionHash: loaded.definitionHash,
          steps: d.steps.length,
          parameters: d.parameters.length,
          issues: [],
        });
      else
        ctx.out.line(
          `valid: pipeline ${d.name}, ${plural(d.steps.length, 'step')}, ${plural(d.parameters.length, 'parameter')}, definition hash ${loaded.definitionHash}`,
        );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // An invalid definition is the result of the check, not a usage error: list every problem, exit 1.
      if (opts.json) ctx.out.json({ valid: false, issues: error.issues });
      else for (const i of error.issues) ctx.out.line(`${i.path || '(document)'}: ${i.message}`);
      throw failure(
        `${file} is not a valid pipeline: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}${opts.json ? '' : ' (listed above)'}`,
      );
    }
  });

  setup(
    program
      .command('run')
      .description('Run a pipeline file locally and show each step live (status, duration, cache hit). Ctrl-C stops the execution cleanly.')
      .argument('<file>', 'pipeline.ts (or a definition .json)')
      .option('-p, --param <Name=Value>', 'a parameter value, repeatable (parameters not given take the pipeline’s defaults)', collectParam)
      .option('--export <name>', 'which export to use when the module exports several pipelines')
      .option('--project-root <dir>', 'directory the pipeline’s relative paths resolve against (default: nearest package.json)')
      .option('--logs', 'also print the steps’ output lines (when not on a terminal)')
      .option('--json', 'print the finished execution with its steps as JSON instead of the live view'),
    examples([
      'pedigree run examples/iris/src/pipeline.ts',
      'pedigree run examples/iris/src/pipeline.ts --param LearningRate=0.2 --param Epochs=300',
      'pedigree run pipeline.ts --json > execution.json',
    ]),
  ).action(
    async (
      file: string,
      opts: { param?: Record<string, string>; export?: string; projectRoot?: string; logs?: boolean; json?: boolean },
      cmd: Command,
    ) => {
      const ctx = setup.context(cmd);
      noteRunsLocally(
        ctx,
        'run',
        'it runs the pipeline file here; to run it on the server, `pedigree upsert FILE` then `pedigree start NAME`',
      );
      const loaded = await loadPipeline(file, {
        ...(opts.export ? { exportName: opts.export } : {}),
        ...(opts.projectRoot ? { projectRoot: opts.projectRoot } : {}),
      });
      await withRuntime(
        ctx,
        (runtime) =>
          runAndWatch(
            ctx,
            runtime,
            (executionId) => runtime.executor.start(loaded.definition, opts.param ?? {}, { executionId, createdBy: whoAmI(ctx) }),
            {
              json: opts.json ?? false,
              showLogs: opts.logs ?? false,
            },
          ),
        { projectRoot: loaded.projectRoot },
        { create: true },
      );
    },
  );

  setup(
    program
      .command('upsert')
      .description('Store a pipeline version (an identical definition is the same version).')
      .argument('<file>', 'pipeline.ts (or a definition .json)')
      .option('--export <name>', 'which export to use when the module exports several pipelines')
      .option('--json', 'print the stored version as JSON'),
    examples(['pedigree upsert examples/iris/src/pipeline.ts', 'pedigree upsert pipeline.ts --json']),
  ).action(async (file: string, opts: { export?: string; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const client = connect(ctx);
    const loaded = await loadPipeline(file, { ...(opts.export ? { exportName: opts.export } : {}) });
    const print = (r: {
      created: boolean;
      pipelineName: string;
      version: number;
      pipelineVersionId: string;
      definitionHash: string;
    }): void => {
      if (opts.json) ctx.out.json(r);
      else
        ctx.out.line(
          `${r.created ? 'stored' : 'unchanged'}: pipeline ${r.pipelineName} version ${r.version} (${r.pipelineVersionId}, ${r.definitionHash})`,
        );
    };
    if (client) {
      // The definition is compiled here (the module is a local file); the server stores it as is.
      const { upsertPipeline: r } = await client.request(UpsertPipelineDocument, { definition: loaded.definition });
      throwUserErrors(r.errors);
      if (!r.pipeline || !r.version) throw new Error('the server stored the pipeline but returned no version');
      return print({
        created: r.created,
        pipelineName: r.pipeline.name,
        version: r.version.version,
        pipelineVersionId: r.version.id,
        definitionHash: r.version.definitionHash,
      });
    }
    await withRuntime(
      ctx,
      async (runtime) => {
        const result = await runtime.store.upsertPipelineVersion({
          pipelineName: loaded.definition.name,
          description: loaded.definition.description,
          definition: loaded.definition as never,
          definitionHash: loaded.definitionHash,
        });
        print({
          created: result.created,
          pipelineName: result.pipeline.name,
          version: result.version.version,
          pipelineVersionId: result.version.id,
          definitionHash: result.version.definitionHash,
        });
      },
      {},
      { create: true },
    );
  });

  setup(
    program
      .command('start')
      .description('Start an execution of a stored pipeline (latest version unless --pipeline-version) and follow it to the end.')
      .argument('<pipeline>', 'pipeline name')
      .option('-p, --param <Name=Value>', 'a parameter value, repeatable (parameters not given take the pipeline’s defaults)', collectParam)
      .option('--pipeline-version <n>', 'pipeline version number (default: the latest)', parsePositiveInt('--pipeline-version'))
      .option(
        '--project-root <dir>',
        'directory the pipeline’s relative paths resolve against (default: PEDIGREE_PROJECT_ROOT or the current directory)',
      )
      .option('--json', 'print the finished execution with its steps as JSON'),
    examples(['pedigree start iris --project-root examples/iris', 'pedigree start iris --pipeline-version 2 --param Seed=7']),
  ).action(
    async (
      name: string,
      opts: { param?: Record<string, string>; pipelineVersion?: number; projectRoot?: string; json?: boolean },
      cmd: Command,
    ) => {
      const ctx = setup.context(cmd);
      const client = connect(ctx);
      if (client) {
        if (opts.projectRoot !== undefined) {
          throw usageError('--project-root does not apply with --server: the server resolves paths against its own PEDIGREE_PROJECT_ROOT');
        }
        const { pipeline, pipelines } = await client.request(PipelineForStartDocument, { name });
        if (!pipeline) {
          throw unknownPipeline(
            name,
            pipelines.edges.map((e) => e.node.name),
            'server',
          );
        }
        const number = opts.pipelineVersion ?? pipeline.latestVersion;
        if (number > pipeline.latestVersion)
          throw usageError(`pipeline ${name} has no version ${number} (latest is ${pipeline.latestVersion})`);
        const { startExecution: r } = await client.request(StartExecutionDocument, {
          input: { pipelineName: name, version: number, parameters: opts.param ?? {} },
        });
        throwUserErrors(r.errors);
        return watchRemoteExecution(ctx, client, r.execution!.id, { json: opts.json ?? false });
      }
      await withRuntime(
        ctx,
        async (runtime) => {
          const pipeline = await runtime.store.findPipeline(name);
          if (!pipeline) {
            throw unknownPipeline(
              name,
              (await runtime.store.listPipelines({ first: 20 })).items.map((p) => p.name),
              'store',
            );
          }
          const number = opts.pipelineVersion ?? pipeline.latestVersion;
          const version = await runtime.store.findPipelineVersion(name, number);
          if (!version) throw usageError(`pipeline ${name} has no version ${number} (latest is ${pipeline.latestVersion})`);
          await runAndWatch(
            ctx,
            runtime,
            (executionId: ExecutionId) =>
              runtime.executor.start({ pipelineVersionId: version.id }, opts.param ?? {}, { executionId, createdBy: whoAmI(ctx) }),
            { json: opts.json ?? false },
          );
        },
        opts.projectRoot ? { projectRoot: opts.projectRoot } : {},
      );
    },
  );
}

/** A positive integer option, at most `max` when given (a larger value is refused, never lowered in silence). */
export function parsePositiveInt(flag: string, max?: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || (max !== undefined && Number(value) > max))
      throw usageError(
        max === undefined
          ? `${flag} expects a positive integer, got ${JSON.stringify(value)}`
          : `${flag} expects an integer from 1 to ${max}, got ${JSON.stringify(value)}`,
      );
    return Number(value);
  };
}

export function parseNonNegativeInt(flag: string, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) > max)
      throw usageError(`${flag} expects an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
    return Number(value);
  };
}

export function whoAmI(ctx: CommandContext): string {
  return ctx.env.PEDIGREE_USER ?? ctx.env.USER ?? ctx.env.USERNAME ?? 'cli';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
