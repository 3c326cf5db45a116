import {
  EXECUTION_STATUSES,
  NotFoundError,
  TERMINAL_EXECUTION_STATUSES,
  type ExecutionId,
  type ExecutionStatus,
  type ParameterValue,
  type PipelineExecution,
  type PipelineVersionId,
  type StepExecution,
  type StepExecutionId,
} from '@pedigree/domain';
import type { GraphStore, InvalidateCacheResult, InvalidateCacheScope, Page } from '@pedigree/graph-store';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { toPageRequest, type PageArgs } from '../../pagination.ts';
import type { ControlEvent, ExecutionControl, LogLineModel } from './execution-control.ts';
import type { ExecutionChange, ExecutionEvent, ExecutionStats } from './execution-events.ts';

/** Most log lines one `logs(last:)` returns. */
export const MAX_LOG_LINES = 1000;
/** Events a slow subscriber may fall behind by before the oldest are dropped. */
const SUBSCRIBER_BUFFER = 1000;
/** Executions `stats` counts by default and at most (newest first): the bound on its reads. */
export const STATS_DEFAULT_LIMIT = 5000;
export const STATS_MAX_LIMIT = 20_000;
/** Executions (with their steps) read per store call by `stats`. */
const STATS_PAGE = 500;

export interface StatsArgs {
  readonly pipelineName: string;
  readonly since: string | null;
  readonly limit: number;
}

export interface ExecutionFilterArgs {
  readonly pipelineName?: string | null;
  readonly pipelineVersionId?: string | null;
  readonly statuses?: readonly ExecutionStatus[] | null;
  readonly startedAfter?: string | null;
  readonly startedBefore?: string | null;
  readonly createdBy?: string | null;
  readonly scheduleId?: string | null;
}

export interface StartArgs {
  readonly pipelineName: string;
  /** null = the newest version. */
  readonly version: number | null;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly selective: { readonly sourceExecutionId: ExecutionId; readonly steps: readonly string[] } | null;
  readonly createdBy: string;
  readonly scheduleId?: string | null;
}

/** Executions: listing, control through the executor, logs and live events. */
export interface ExecutionService {
  list(args: PageArgs & { readonly filter: ExecutionFilterArgs }): Promise<Page<PipelineExecution>>;
  find(id: ExecutionId): Promise<PipelineExecution | null>;
  /** Throws NOT_FOUND (pipeline or version), VALIDATION_FAILED (parameters, selective execution). */
  start(args: StartArgs): Promise<PipelineExecution>;
  /** Throws NOT_FOUND, EXECUTION_NOT_RUNNABLE. */
  stop(id: ExecutionId): Promise<PipelineExecution>;
  retry(id: ExecutionId): Promise<PipelineExecution>;
  signal(args: Parameters<ExecutionControl['signal']>[0]): Promise<PipelineExecution>;
  invalidateCache(scope: InvalidateCacheScope): Promise<InvalidateCacheResult>;
  logs(step: StepExecution, last: number): Promise<readonly LogLineModel[]>;
  /** The execution's current status, then its events until it ends. NOT_FOUND for an unknown id. */
  events(executionId: ExecutionId): AsyncIterable<ExecutionEvent>;
  /** Status changes of every execution, or of one pipeline's executions. */
  changes(pipelineName?: string | null): AsyncIterable<ExecutionChange>;
  /**
   * Counts by status, p50/p95 duration and cache hit ratio of the newest `limit` executions of a
   * pipeline started since a time: pages of executions and their steps, never an unbounded read.
   */
  stats(args: StatsArgs): Promise<ExecutionStats>;
  /** Ends every live subscription (server shutdown). */
  shutdown(): void;
}

export function createExecutionService(store: GraphStore, control: ExecutionControl): ExecutionService {
  const shutdown = new AbortController();
  const endOnShutdown = (stop: () => void): void => {
    if (shutdown.signal.aborted) stop();
    else shutdown.signal.addEventListener('abort', () => stop(), { once: true });
  };
  const findStep = async (id: StepExecutionId): Promise<StepExecution | null> => {
    try {
      return await store.getStepExecution(id);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
      throw error;
    }
  };
  const find = async (id: ExecutionId): Promise<PipelineExecution | null> => {
    try {
      return await store.getExecution(id);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
      throw error;
    }
  };

  return {
    list: ({ filter, ...page }) =>
      store.listExecutions({
        ...toPageRequest(page),
        ...(filter.pipelineName ? { pipelineName: filter.pipelineName } : {}),
        ...(filter.pipelineVersionId ? { pipelineVersionId: filter.pipelineVersionId as PipelineVersionId } : {}),
        ...(filter.statuses?.length ? { statuses: filter.statuses } : {}),
        ...(filter.startedAfter ? { startedAfter: filter.startedAfter } : {}),
        ...(filter.startedBefore ? { startedBefore: filter.startedBefore } : {}),
        ...(filter.createdBy ? { createdBy: filter.createdBy } : {}),
        ...(filter.scheduleId ? { scheduleId: filter.scheduleId } : {}),
      }),
    find,
    async start(args) {
      const pipeline = await store.findPipeline(args.pipelineName);
      if (!pipeline) throw new NotFoundError('Pipeline', args.pipelineName, `pipeline not found: ${args.pipelineName}`);
      const version = await store.findPipelineVersion(args.pipelineName, args.version ?? pipeline.latestVersion);
      if (!version) throw new NotFoundError('PipelineVersion', `${args.pipelineName}@${args.version}`);
      return control.start({
        pipelineVersionId: version.id,
        parameters: args.parameters,
        createdBy: args.createdBy,
        scheduleId: args.scheduleId ?? null,
        selective: args.selective,
      });
    },
    async stop(id) {
      await control.stop(id);
      return store.getExecution(id);
    },
    async retry(id) {
      await control.retry(id);
      return store.getExecution(id);
    },
    async signal(args) {
      await control.signal(args);
      return store.getExecution(args.executionId);
    },
    invalidateCache: (scope) => control.invalidateCache(scope),
    logs: (step, last) =>
      step.attempt < 1
        ? Promise.resolve([])
        : control.readLogs({
            executionId: step.executionId,
            stepName: step.stepName,
            stepExecutionId: step.id,
            attempt: step.attempt,
            last,
          }),
    events(executionId) {
      return new Repeater<ExecutionEvent>(async (push, stop) => {
        endOnShutdown(stop);
        // Events are pushed through one promise chain, so the store reads that enrich step events
        // (and the first read of the execution) never reorder them.
        let chain: Promise<unknown> = Promise.resolve();
        const enqueue = (produce: () => Promise<ExecutionEvent | null>): void => {
          chain = chain
            .then(async () => {
              const model = await produce();
              if (!model) return;
              await push(model);
              if (model.kind === 'EXECUTION_STATUS' && TERMINAL_EXECUTION_STATUSES.has(model.executionStatus!)) stop();
            })
            .catch((error: unknown) => stop(error));
        };
        // Listen before reading the current state so that no change between the two is lost.
        enqueue(async () => {
          const execution = await store.getExecution(executionId);
          return {
            ...NO_STEP_DETAILS,
            kind: 'EXECUTION_STATUS',
            executionId,
            at: execution.endedAt ?? execution.startedAt,
            executionStatus: execution.status,
            stepName: null,
            stepStatus: null,
            attempt: null,
            message: execution.failureReason,
            stream: null,
          };
        });
        const off = control.onEvent((event) => {
          if (event.executionId !== executionId) return;
          enqueue(async () => {
            const model = toEventModel(event);
            if (event.type !== 'step-status') return model;
            // The executor writes a step's state before it publishes the change, so this read
            // sees at least that state: its timings and cache outcome go out with the event.
            const step = await findStep(event.stepExecutionId);
            return step ? { ...model, ...stepDetails(step) } : model;
          });
        });
        await stop;
        off();
      }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    },
    changes(pipelineName) {
      return new Repeater<ExecutionChange>(async (push, stop) => {
        endOnShutdown(stop);
        const off = control.onEvent((event) => {
          if (event.type !== 'execution-status') return;
          if (pipelineName && event.pipelineName !== pipelineName) return;
          void push({ executionId: event.executionId, status: event.status, at: event.at });
        });
        await stop;
        off();
      }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    },
    async stats({ pipelineName, since, limit }) {
      const byStatus = new Map<ExecutionStatus, number>(EXECUTION_STATUSES.map((status) => [status, 0]));
      const durations: number[] = [];
      let total = 0;
      let cacheLookups = 0;
      let cacheHits = 0;
      let after: string | null = null;
      let more = true;
      while (more && total < limit) {
        const page: Page<PipelineExecution> = await store.listExecutions({
          pipelineName,
          ...(since ? { startedAfter: since } : {}),
          first: Math.min(STATS_PAGE, limit - total),
          after,
        });
        const steps = await store.listStepExecutionsByExecution(page.items.map((e) => e.id));
        for (const execution of page.items) {
          total++;
          byStatus.set(execution.status, (byStatus.get(execution.status) ?? 0) + 1);
          if (execution.endedAt) durations.push(Date.parse(execution.endedAt) - Date.parse(execution.startedAt));
          for (const step of steps.get(execution.id) ?? []) {
            if (step.cacheKey === null) continue;
            cacheLookups++;
            if (step.cacheHit) cacheHits++;
          }
        }
        after = page.endCursor;
        more = page.hasNextPage && after !== null;
      }
      durations.sort((a, b) => a - b);
      return {
        pipelineName,
        since,
        total,
        truncated: more,
        byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
        p50DurationMs: percentile(durations, 0.5),
        p95DurationMs: percentile(durations, 0.95),
        cacheLookups,
        cacheHits,
        cacheHitRatio: cacheLookups === 0 ? null : cacheHits / cacheLookups,
      };
    },
    shutdown: () => shutdown.abort(),
  };
}

const NO_STEP_DETAILS = {
  stepExecutionId: null,
  startedAt: null,
  endedAt: null,
  cacheHit: null,
  reusedStepExecutionId: null,
  cacheMiss: null,
} as const;

function stepDetails(step: StepExecution) {
  return {
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    cacheHit: step.cacheHit,
    reusedStepExecutionId: step.reusedStepExecutionId,
    cacheMiss: step.cacheMiss,
  };
}

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function toEventModel(event: ControlEvent): ExecutionEvent {
  const base = { ...NO_STEP_DETAILS, executionId: event.executionId, at: event.at };
  switch (event.type) {
    case 'execution-status':
      return {
        ...base,
        kind: 'EXECUTION_STATUS',
        executionStatus: event.status,
        stepName: null,
        stepStatus: null,
        attempt: null,
        message: event.failureReason,
        stream: null,
      };
    case 'step-status':
      return {
        ...base,
        kind: 'STEP_STATUS',
        executionStatus: null,
        stepName: event.stepName,
        stepStatus: event.status,
        attempt: event.attempt,
        message: event.failureReason,
        stream: null,
        stepExecutionId: event.stepExecutionId,
      };
    case 'log':
      return {
        ...base,
        kind: 'LOG',
        executionStatus: null,
        stepName: event.stepName,
        stepStatus: null,
        attempt: event.attempt,
        message: event.line,
        stream: event.stream,
        stepExecutionId: event.stepExecutionId,
      };
  }
}
