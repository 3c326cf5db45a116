import type {
  ExecutionId,
  ExecutionStatus,
  FailureKind,
  IsoTimestamp,
  ParameterValue,
  PipelineExecution,
  PipelineVersionId,
  StepExecutionId,
  StepStatus,
} from '@pedigree/domain';
import type { InvalidateCacheResult, InvalidateCacheScope } from '@pedigree/graph-store';

/**
 * What the API needs from the executor: the port the execution service is written against. The
 * runtime's executor satisfies it (see `toExecutionControl` in server/executor-control.ts), and it
 * keeps the API's tests independent of how steps are run.
 */
export interface ExecutionControl {
  /** Creates the execution (validating parameters) and returns at once; the run continues in the background. */
  start(request: StartExecutionRequest): Promise<PipelineExecution>;
  stop(executionId: ExecutionId): Promise<unknown>;
  retry(executionId: ExecutionId): Promise<unknown>;
  signal(request: SignalRequest): Promise<unknown>;
  invalidateCache(scope: InvalidateCacheScope): Promise<InvalidateCacheResult>;
  /** Registers a listener for every executor event; returns the function that removes it. */
  onEvent(listener: (event: ControlEvent) => void): () => void;
  /** The last lines of a step attempt's log, oldest first; empty when there is none. */
  readLogs(query: LogQuery): Promise<readonly LogLineModel[]>;
}

export interface StartExecutionRequest {
  readonly pipelineVersionId: PipelineVersionId;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly createdBy: string;
  readonly scheduleId?: string | null;
  readonly selective?: { readonly sourceExecutionId: ExecutionId; readonly steps: readonly string[] } | null;
}

export interface SignalRequest {
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly outcome: 'Succeeded' | 'Failed';
  readonly outputs: Readonly<Record<string, ParameterValue>>;
  readonly failureReason: string | null;
}

export interface LogQuery {
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly stepExecutionId: StepExecutionId;
  readonly attempt: number;
  readonly last: number;
}

export interface LogLineModel {
  readonly at: IsoTimestamp | null;
  readonly stream: string;
  readonly message: string;
}

/** Executor events as the API consumes them (the executor's own event union, structurally). */
export type ControlEvent =
  | {
      readonly type: 'execution-status';
      readonly executionId: ExecutionId;
      readonly pipelineName: string;
      readonly status: ExecutionStatus;
      readonly failureReason: string | null;
      readonly at: IsoTimestamp;
    }
  | {
      readonly type: 'step-status';
      readonly executionId: ExecutionId;
      readonly stepName: string;
      readonly stepExecutionId: StepExecutionId;
      readonly status: StepStatus;
      readonly attempt: number;
      readonly failureReason: string | null;
      readonly failureKind?: FailureKind | null;
      readonly at: IsoTimestamp;
    }
  | {
      readonly type: 'log';
      readonly executionId: ExecutionId;
      readonly stepName: string;
      readonly stepExecutionId: StepExecutionId;
      readonly attempt: number;
      readonly stream: string;
      readonly line: string;
      readonly at: IsoTimestamp;
    };
