import type { CacheMissExplanation, ExecutionId, ExecutionStatus, IsoTimestamp, StepExecutionId, StepStatus } from '@pedigree/domain';

/** A live event of one execution as the `executionEvents` subscription sends it. */
export interface ExecutionEvent {
  readonly kind: 'EXECUTION_STATUS' | 'STEP_STATUS' | 'LOG';
  readonly executionId: ExecutionId;
  readonly at: IsoTimestamp;
  readonly executionStatus: ExecutionStatus | null;
  readonly stepName: string | null;
  readonly stepStatus: StepStatus | null;
  readonly attempt: number | null;
  readonly message: string | null;
  readonly stream: string | null;
  readonly stepExecutionId: StepExecutionId | null;
  /** Step timings and cache outcome as stored when a STEP_STATUS event was sent; null otherwise. */
  readonly startedAt: IsoTimestamp | null;
  readonly endedAt: IsoTimestamp | null;
  readonly cacheHit: boolean | null;
  readonly reusedStepExecutionId: StepExecutionId | null;
  readonly cacheMiss: CacheMissExplanation | null;
}

/** An execution status change as `executionsChanged` sends it; the execution is loaded on demand. */
export interface ExecutionChange {
  readonly executionId: ExecutionId;
  readonly status: ExecutionStatus;
  readonly at: IsoTimestamp;
}

/** `executionStats` as the service computes it (the GraphQL type's shape). */
export interface ExecutionStats {
  readonly pipelineName: string;
  readonly since: string | null;
  readonly total: number;
  readonly truncated: boolean;
  readonly byStatus: readonly { readonly status: ExecutionStatus; readonly count: number }[];
  readonly p50DurationMs: number | null;
  readonly p95DurationMs: number | null;
  readonly cacheLookups: number;
  readonly cacheHits: number;
  readonly cacheHitRatio: number | null;
}
