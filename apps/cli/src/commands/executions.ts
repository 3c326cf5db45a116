import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXECUTION_STATUSES, TERMINAL_EXECUTION_STATUSES, type ExecutionId, type ExecutionStatus } from '@pedigree/domain';
import { withRuntime } from '../context.ts';
import { usageError } from '../errors.ts';
import { executionLine, printExecution, runAndWatch } from '../execution-view.ts';
import { formatTable } from '../output.ts';
import { durationMs } from '../execution-view.ts';
import { formatSeconds } from '../run-display.ts';
import { parsePositiveInt } from './pipelines.ts';
import { examples, type CommandSetup } from './shared.ts';

export function registerExecutionCommands(program: Command, setup: CommandSetup): void {
  const executions = program.command('executions').description('List, inspect, stop and retry pipeline executions, and read step logs.');
  executions.addHelpText(
    'after',
    examples([
      'pedigree executions list --pipeline iris',
      'pedigree executions show ex_0190…',
      'pedigree executions logs ex_0190… TrainModel --follow',
    ]),
  );

  setup(
    executions
      .command('list')
      .description('Executions, newest first.')
      .option('--pipeline <name>', 'only executions of this pipeline')
      .addOption(new Option('--status <status>', 'only executions with this status').choices(EXECUTION_STATUSES))
      .option('--limit <n>', 'at most this many (default 20, at most 1000)', parsePositiveInt('--limit'), 20)
      .option('--json', 'print as JSON'),
    examples(['pedigree executions list', 'pedigree executions list --pipeline iris --status Failed --json']),
  ).action(async (opts: { pipeline?: string; status?: ExecutionStatus; limit: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    if (opts.limit > 1000) throw usageError('--limit must be at most 1000');
    await withRuntime(ctx, async (runtime) => {
      const page = await runtime.store.listExecutions({
        first: opts.limit,
        ...(opts.pipeline ? { pipelineName: opts.pipeline } : {}),
        ...(opts.status ? { statuses: [opts.status] } : {}),
      });
      if (opts.json) return ctx.out.json({ executions: page.items, hasNextPage: page.hasNextPage });
      if (page.items.length === 0) return ctx.out.line('no executions');
      ctx.out.line(
        ...formatTable(
          ['ID', 'PIPELINE', 'STATUS', 'STARTED', 'DURATION', 'BY'],
          page.items.map((e) => {
            const d = durationMs(e.startedAt, e.endedAt);
            return [e.id, e.pipelineName, e.status, e.startedAt, d === null ? '-' : formatSeconds(d), e.createdBy ?? '-'];
          }),
        ),
      );
    });
  });

  setup(
    executions
      .command('show')
      .description('An execution with its parameters and steps.')
      .argument('<id>', 'execution id')
      .option('--json', 'print as JSON'),
    examples(['pedigree executions show ex_0190…', 'pedigree executions show ex_0190… --json']),
  ).action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    await withRuntime(ctx, async (runtime) => {
      const view = await runtime.store.getExecutionWithSteps(id as ExecutionId);
      if (opts.json) ctx.out.json(view);
      else printExecution(ctx.out, view);
    });
  });

  setup(
    executions
      .command('stop')
      .description('Stop a running execution (running steps get SIGTERM, then SIGKILL after a grace period).')
      .argument('<id>', 'execution id')
      .option('--json', 'print the execution as JSON'),
    examples(['pedigree executions stop ex_0190…']),
  ).action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    await withRuntime(ctx, async (runtime) => {
      await runtime.executor.stop(id as ExecutionId);
      const execution = await runtime.executor.wait(id as ExecutionId);
      if (opts.json) ctx.out.json(execution);
      else ctx.out.line(executionLine(execution));
    });
  });

  setup(
    executions
      .command('retry')
      .description('Run a Failed or Stopped execution again; only the steps that did not succeed run.')
      .argument('<id>', 'execution id')
      .option('--project-root <dir>', 'directory the pipeline’s relative paths resolve against')
      .option('--json', 'print the finished execution as JSON'),
    examples(['pedigree executions retry ex_0190…']),
  ).action(async (id: string, opts: { projectRoot?: string; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    await withRuntime(
      ctx,
      async (runtime) => {
        await runtime.store.getExecution(id as ExecutionId);
        await runAndWatch(ctx, runtime, () => runtime.executor.retry(id as ExecutionId), {
          json: opts.json ?? false,
          executionId: id as ExecutionId,
        });
      },
      opts.projectRoot ? { projectRoot: opts.projectRoot } : {},
    );
  });

  setup(
    executions
      .command('logs')
      .description('Print what a step wrote to stdout and stderr (latest attempt unless --attempt).')
      .argument('<id>', 'execution id')
      .argument('<step>', 'step name')
      .option('--attempt <n>', 'attempt number', parsePositiveInt('--attempt'))
      .addOption(new Option('--stream <stream>', 'which output').choices(['stdout', 'stderr', 'both']).default('both'))
      .option('-f, --follow', 'keep printing new lines until the execution ends'),
    examples(['pedigree executions logs ex_0190… TrainModel', 'pedigree executions logs ex_0190… TrainModel --stream stderr --follow']),
  ).action(
    async (id: string, step: string, opts: { attempt?: number; stream: 'stdout' | 'stderr' | 'both'; follow?: boolean }, cmd: Command) => {
      const ctx = setup.context(cmd);
      await withRuntime(ctx, async (runtime) => {
        const view = await runtime.store.getExecutionWithSteps(id as ExecutionId);
        const record = view.steps.find((s) => s.stepName === step);
        if (!record) {
          const names = view.steps.map((s) => s.stepName);
          throw usageError(`execution ${id} has no step ${step}${names.length ? `; its steps: ${names.join(', ')}` : ''}`);
        }
        const attempt = opts.attempt ?? Math.max(1, record.attempt);
        // Layout written by the executor: <dataDir>/logs/<executionId>/<step>/attempt-<n>.<stream>.log
        const dir = path.join(runtime.config.dataDir, 'logs', id, step.replace(/[^A-Za-z0-9._-]/g, '_'));
        const streams = opts.stream === 'both' ? (['stdout', 'stderr'] as const) : ([opts.stream] as const);
        const files = streams.map((s) => path.join(dir, `attempt-${attempt}.${s}.log`));
        const offsets = new Map<string, number>(files.map((f) => [f, 0]));
        const pump = async (): Promise<void> => {
          for (const file of files) {
            if (!existsSync(file)) continue;
            const size = (await stat(file)).size;
            const from = offsets.get(file)!;
            if (size <= from) continue;
            await new Promise<void>((resolve, reject) => {
              const rs = createReadStream(file, { start: from, end: size - 1 });
              rs.on('data', (chunk) => ctx.out.write(chunk.toString()));
              rs.on('end', resolve);
              rs.on('error', reject);
            });
            offsets.set(file, size);
          }
        };
        await pump();
        if (!opts.follow) {
          if (!files.some((f) => existsSync(f))) {
            const have = existsSync(dir) ? (await readdir(dir)).join(', ') : '';
            ctx.out.error(
              `no ${opts.stream === 'both' ? '' : `${opts.stream} `}output recorded for ${step} attempt ${attempt}${have ? ` (log files: ${have})` : ''}`,
            );
          }
          return;
        }
        for (;;) {
          const execution = await runtime.store.getExecution(id as ExecutionId);
          await pump();
          if (TERMINAL_EXECUTION_STATUSES.has(execution.status)) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        await pump();
      });
    },
  );
}
