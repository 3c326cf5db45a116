import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXECUTION_STATUSES, TERMINAL_EXECUTION_STATUSES, type ExecutionId, type ExecutionStatus } from '@pedigree/domain';
import { withRuntime, type CommandContext } from '../context.ts';
import { usageError } from '../errors.ts';
import { executionLine, printExecution, runAndWatch } from '../execution-view.ts';
import {
  ExecutionsDocument,
  PipelineForStartDocument,
  RetryExecutionDocument,
  type ExecutionsQuery,
  StepLogsDocument,
  StopExecutionDocument,
} from '../generated/graphql.ts';
import { toExecutionRecord, toExecutionView, type ExecutionRecord } from '../records.ts';
import { throwUserErrors, type RemoteClient } from '../remote/client.ts';
import { connect } from '../remote/connect.ts';
import { toExecution } from '../remote/to-records.ts';
import { fetchExecutionView, followExecution, watchRemoteExecution } from '../remote/watch.ts';
import { formatTable } from '../output.ts';
import { durationMs } from '../execution-view.ts';
import { formatSeconds } from '../run-display.ts';
import { parsePositiveInt, unknownPipeline } from './pipelines.ts';
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
      .option('--limit <n>', 'at most this many (default 20, at most 1000)', parsePositiveInt('--limit', 1000), 20)
      .option('--json', 'print as JSON'),
    examples(['pedigree executions list', 'pedigree executions list --pipeline iris --status Failed --json']),
  ).action(async (opts: { pipeline?: string; status?: ExecutionStatus; limit: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const print = (items: readonly ExecutionRecord[], hasNextPage: boolean): void => {
      if (opts.json) return ctx.out.json({ executions: items, hasNextPage });
      if (items.length === 0) return ctx.out.line('no executions');
      ctx.out.line(
        ...formatTable(
          ['ID', 'PIPELINE', 'STATUS', 'STARTED', 'DURATION', 'BY'],
          items.map((e) => {
            const d = durationMs(e.startedAt, e.endedAt);
            return [e.id, e.pipelineName, e.status, e.startedAt, d === null ? '-' : formatSeconds(d), e.createdBy ?? '-'];
          }),
        ),
      );
    };
    const client = connect(ctx);
    if (client) {
      const page = await listExecutionsRemote(client, opts.limit, opts.pipeline, opts.status);
      if (page.items.length === 0 && opts.pipeline) {
        // Nothing listed: say so when the name is not a pipeline at all (a typo), not just "no executions".
        const { pipeline, pipelines } = await client.request(PipelineForStartDocument, { name: opts.pipeline });
        if (!pipeline)
          throw unknownPipeline(
            opts.pipeline,
            pipelines.edges.map((e) => e.node.name),
            'server',
          );
      }
      return print(page.items, page.hasNextPage);
    }
    await withRuntime(ctx, async (runtime) => {
      const page = await runtime.store.listExecutions({
        first: opts.limit,
        ...(opts.pipeline ? { pipelineName: opts.pipeline } : {}),
        ...(opts.status ? { statuses: [opts.status] } : {}),
      });
      if (page.items.length === 0 && opts.pipeline && !(await runtime.store.findPipeline(opts.pipeline)))
        throw unknownPipeline(
          opts.pipeline,
          (await runtime.store.listPipelines({ first: 20 })).items.map((p) => p.name),
          'store',
        );
      print(page.items.map(toExecutionRecord), page.hasNextPage);
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
    const client = connect(ctx);
    const view = client
      ? await fetchExecutionView(client, id)
      : await withRuntime(ctx, async (runtime) => toExecutionView(await runtime.store.getExecutionWithSteps(id as ExecutionId)));
    if (opts.json) ctx.out.json(view);
    else printExecution(ctx.out, view);
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
    const print = (execution: ExecutionRecord): void => {
      if (opts.json) ctx.out.json(execution);
      else ctx.out.line(executionLine(execution));
    };
    const client = connect(ctx);
    if (client) {
      const { stopExecution } = await client.request(StopExecutionDocument, { id });
      throwUserErrors(stopExecution.errors);
      // The stop is asynchronous on the server: wait for the execution to end, as the local command does.
      await followExecution(client, id, () => undefined);
      return print((await fetchExecutionView(client, id)).execution);
    }
    await withRuntime(ctx, async (runtime) => {
      await runtime.executor.stop(id as ExecutionId);
      print(toExecutionRecord(await runtime.executor.wait(id as ExecutionId)));
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
    const client = connect(ctx);
    if (client) {
      if (opts.projectRoot !== undefined) {
        throw usageError('--project-root does not apply with --server: the server resolves paths against its own PEDIGREE_PROJECT_ROOT');
      }
      await fetchExecutionView(client, id);
      const { retryExecution } = await client.request(RetryExecutionDocument, { id });
      throwUserErrors(retryExecution.errors);
      return watchRemoteExecution(ctx, client, id, { json: opts.json ?? false });
    }
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
      const client = connect(ctx);
      if (client) return remoteLogs(ctx, client, id, step, opts);
      await withRuntime(ctx, async (runtime) => {
        const view = await runtime.store.getExecutionWithSteps(id as ExecutionId);
        const record = view.steps.find((s) => s.stepName === step);
        if (!record) {
          const names = view.steps.map((s) => s.stepName);
          throw usageError(`execution ${id} has no step ${step}${names.length ? `; its steps: ${names.join(', ')}` : ''}`);
        }
        const attempts = Math.max(1, record.attempt);
        // A later attempt can still come while the execution runs (and --follow waits for it); once it
        // has ended, an attempt beyond the last is a mistyped number, not an empty log.
        if (opts.attempt !== undefined && opts.attempt > attempts && TERMINAL_EXECUTION_STATUSES.has(view.execution.status)) {
          throw usageError(
            `step ${step} of execution ${id} has ${attempts === 1 ? 'only attempt 1' : `attempts 1 to ${attempts}`}; --attempt ${opts.attempt} does not exist`,
          );
        }
        const attempt = opts.attempt ?? attempts;
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

/** Up to `limit` executions from the server, paging through its connection (at most 100 a page). */
async function listExecutionsRemote(
  client: RemoteClient,
  limit: number,
  pipelineName: string | undefined,
  status: ExecutionStatus | undefined,
): Promise<{ items: ExecutionRecord[]; hasNextPage: boolean }> {
  const items: ExecutionRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ExecutionsQuery = await client.request(ExecutionsDocument, {
      first: Math.min(100, limit - items.length),
      after,
      filter: { ...(pipelineName ? { pipelineName } : {}), ...(status ? { statuses: [status] } : {}) },
    });
    const { edges, pageInfo } = page.executions;
    items.push(...edges.map((e) => toExecution(e.node)));
    if (!pageInfo.hasNextPage || items.length >= limit) return { items, hasNextPage: pageInfo.hasNextPage };
    after = pageInfo.endCursor;
  }
}

/** Most lines the API returns for one step (its `logs(last:)` cap). */
const REMOTE_LOG_LINES = 1000;

/**
 * A step's output from the server: its latest attempt's lines (stdout and stderr in the order
 * written, at most the last 1000), then with --follow the new lines from `executionEvents` until
 * the execution ends.
 */
async function remoteLogs(
  ctx: CommandContext,
  client: RemoteClient,
  id: string,
  step: string,
  opts: { attempt?: number; stream: 'stdout' | 'stderr' | 'both'; follow?: boolean },
): Promise<void> {
  if (opts.attempt !== undefined) throw usageError('--attempt is not available with --server: the API serves the latest attempt’s output');
  const wanted = (stream: string | null): boolean => opts.stream === 'both' || stream === opts.stream;
  const snapshot = async () => {
    const { execution } = await client.request(StepLogsDocument, { id, step, last: REMOTE_LOG_LINES });
    if (!execution) throw usageError(`no execution with id ${id}`);
    if (!execution.step) {
      const names = execution.steps.map((s) => s.stepName);
      throw usageError(`execution ${id} has no step ${step}${names.length ? `; its steps: ${names.join(', ')}` : ''}`);
    }
    return execution.step;
  };
  const printLines = (lines: readonly { stream: string; message: string }[]): void => {
    for (const l of lines) if (wanted(l.stream)) ctx.out.write(`${l.message}\n`);
  };
  if (!opts.follow) {
    const record = await snapshot();
    const lines = record.logs.filter((l) => wanted(l.stream));
    printLines(lines);
    if (lines.length === 0) {
      ctx.out.error(
        `no ${opts.stream === 'both' ? '' : `${opts.stream} `}output recorded for ${step} attempt ${Math.max(1, record.attempt)}`,
      );
    }
    return;
  }
  // Listen first, then print what is there: lines written in between arrive as events and are
  // dropped when the snapshot already holds them.
  let snapshotPrinted = false;
  const early: { stream: string; message: string }[] = [];
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const followed = followExecution(client, id, (event) => {
    listening();
    if (event.kind !== 'LOG' || event.stepName !== step || event.message === null) return;
    const line = { stream: event.stream ?? 'stdout', message: event.message };
    if (!snapshotPrinted) early.push(line);
    else printLines([line]);
  });
  await Promise.race([ready, followed]);
  const record = await snapshot();
  printLines(record.logs);
  const tail = new Set(record.logs.map((l) => `${l.stream}\u0000${l.message}`));
  snapshotPrinted = true;
  printLines(early.filter((l) => !tail.has(`${l.stream}\u0000${l.message}`)));
  await followed;
}
