import type { ExecutionId, ExecutionStatus, IsoTimestamp, StepStatus } from '@pedigree/domain';

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
}

/** An execution status change as `executionsChanged` sends it; the execution is loaded on demand. */
export interface ExecutionChange {
  readonly executionId: ExecutionId;
  readonly status: ExecutionStatus;
  readonly at: IsoTimestamp;
}
