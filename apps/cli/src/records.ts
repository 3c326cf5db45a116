import type { PipelineExecution, StepExecution } from '@pedigree/domain';
import type { ExecutionWithSteps } from '@pedigree/graph-store';

/*
 * What the CLI prints for executions and step executions, local and remote alike: the domain
 * records without `revision` (the store's optimistic-locking counter, which the API does not
 * expose), so that `--json` has the same shape with or without --server.
 */

export type ExecutionRecord = Omit<PipelineExecution, 'revision'>;
export type StepRecord = Omit<StepExecution, 'revision'>;

export interface ExecutionView {
  readonly execution: ExecutionRecord;
  /** Ordered by first start time, then step name. */
  readonly steps: readonly StepRecord[];
}

export function toExecutionRecord(e: PipelineExecution): ExecutionRecord {
  const { revision: _revision, ...record } = e;
  return record;
}

export function toStepRecord(s: StepExecution): StepRecord {
  const { revision: _revision, ...record } = s;
  return record;
}

export function toExecutionView(view: ExecutionWithSteps): ExecutionView {
  return { execution: toExecutionRecord(view.execution), steps: view.steps.map(toStepRecord) };
}
