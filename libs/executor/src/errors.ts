import { PedigreeError, ValidationError, type ErrorIssue } from '@pedigree/domain';

/** An operation needs the execution in another status (retry of a running execution, stop of a finished one). */
export class ExecutionNotRunnableError extends PedigreeError {
  constructor(executionId: string, status: string, message: string) {
    super('EXECUTION_NOT_RUNNABLE', message, { executionId, status });
  }
}

/** A selective execution names a step that needs something the reference execution does not have. */
export class SelectiveExecutionError extends ValidationError {
  constructor(issues: readonly ErrorIssue[]) {
    super('selective execution', issues);
  }
}

/**
 * A value expression could not be resolved: a JsonGet path missing from its property file, a
 * property file or output an earlier step did not leave. The message names the property; the step
 * that needed it fails with it (failure kind `condition` inside a condition, `error` elsewhere).
 */
export class PropertyResolutionError extends PedigreeError {
  constructor(message: string, context: Record<string, unknown>) {
    super('STEP_FAILED', message, context);
  }
}
