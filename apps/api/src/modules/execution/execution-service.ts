import {
  NotFoundError,
  TERMINAL_EXECUTION_STATUSES,
  type ExecutionId,
  type ExecutionStatus,
  type ParameterValue,
  type PipelineExecution,
  type PipelineVersionId,
  type StepExecution,
} from '@pedigree/domain';
import type { GraphStore, InvalidateCacheResult, InvalidateCacheScope, Page } from '@pedigree/graph-store';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { toPageRequest, type PageArgs } from '../../pagination.ts';
import type { ControlEvent, ExecutionControl, LogLineModel } from './execution-control.ts';
import type { ExecutionChange, ExecutionEvent } from './execution-events.ts';

/** Most log lines one `logs(last:)` returns. */
export const MAX_LOG_LINES = 1000;
/** Events a slow subscriber may fall behind by before the oldest are dropped. */
const SUBSCRIBER_BUFFER = 1000;

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
  changes(): AsyncIterable<ExecutionChange>;
  /** Ends every live subscription (server shutdown). */
  shutdown(): void;
}

export function createExecutionService(store: GraphStore, control: ExecutionControl): ExecutionService {
  const shutdown = new AbortController();
  const endOnShutdown = (stop: () => void): void => {
    if (shutdown.signal.aborted) stop();
    else shutdown.signal.addEventListener('abort', () => stop(), { once: true });
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
        // Listen before reading the current state so that no change between the two is lost.
        const off = control.onEvent((event) => {
          if (event.executionId !== executionId) return;
          const model = toEventModel(event);
          void push(model);
          if (model.kind === 'EXECUTION_STATUS' && TERMINAL_EXECUTION_STATUSES.has(model.executionStatus!)) stop();
        });
        try {
          const execution = await store.getExecution(executionId);
          await push({
            kind: 'EXECUTION_STATUS',
            executionId,
            at: execution.endedAt ?? execution.startedAt,
            executionStatus: execution.status,
            stepName: null,
            stepStatus: null,
            attempt: null,
            message: execution.failureReason,
            stream: null,
          });
          if (TERMINAL_EXECUTION_STATUSES.has(execution.status)) stop();
        } catch (error) {
          stop(error);
        }
        await stop;
        off();
      }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    },
    changes() {
      return new Repeater<ExecutionChange>(async (push, stop) => {
        endOnShutdown(stop);
        const off = control.onEvent((event) => {
          if (event.type === 'execution-status') void push({ executionId: event.executionId, status: event.status, at: event.at });
        });
        await stop;
        off();
      }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    },
    shutdown: () => shutdown.abort(),
  };
}

function toEventModel(event: ControlEvent): ExecutionEvent {
  const base = { executionId: event.executionId, at: event.at };
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
      };
  }
}
