export {
  createExecutor,
  selectionIssues,
  type Executor,
  type ExecutorOptions,
  type InvalidateScope,
  type PipelineVersionRef,
  type SelectiveExecutionRequest,
  type StartOptions,
} from './executor.ts';
export { outputUri, type RunMarker } from './execution-run.ts';
export { CACHE_FORMAT_VERSION, cacheKeyOf, diffKeyMaterial, type CacheKeyMaterial } from './cache-key.ts';
export { systemClock, type Clock } from './clock.ts';
export { ExecutionNotRunnableError, PropertyResolutionError, SelectiveExecutionError } from './errors.ts';
export type { ExecutionStatusEvent, ExecutorEvent, ExecutorEvents, StepLogEvent, StepStatusEvent, SubscribeOptions } from './events.ts';
export { noopLogger, type Logger } from './logger.ts';
export { backoffDelayMs, shouldRetry, type AttemptFailure } from './retry.ts';
export { failed, type RunSpec, type StepRunRequest, type StepRunResult, type StepRunner } from './step-runner.ts';
export { createSubprocessRunner, commandEnvironment, type SubprocessRunnerOptions } from './runners/subprocess-runner.ts';
export { createHandlerRunner, type HandlerRunnerOptions } from './runners/handler-runner.ts';
export { toEnvName } from './runners/env-names.ts';
export { compare, evaluateCondition, type ScalarValue, type ValueScope } from './values.ts';
