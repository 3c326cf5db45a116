import { InvalidTransitionError } from './errors.ts';

export const EXECUTION_STATUSES = ['Executing', 'Succeeded', 'Failed', 'Stopping', 'Stopped'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const STEP_STATUSES = ['Starting', 'Executing', 'Succeeded', 'Failed', 'Stopping', 'Stopped', 'Skipped', 'Cached'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * Allowed execution transitions. Failed and Stopped may go back to Executing: that is a retry of
 * the execution, which re-runs only the steps that did not succeed.
 */
const EXECUTION_TRANSITIONS: Readonly<Record<ExecutionStatus, readonly ExecutionStatus[]>> = {
  Executing: ['Succeeded', 'Failed', 'Stopping', 'Stopped'],
  Stopping: ['Stopped', 'Failed', 'Succeeded'],
  Succeeded: [],
  Failed: ['Executing'],
  Stopped: ['Executing'],
};

/**
 * Allowed step transitions. A step goes Starting -> Executing -> Succeeded | Failed, or straight
 * from Starting to Cached (served from the step cache) or Skipped (its condition branch was not
 * taken). Failed and Stopped go back to Starting for the next attempt or an execution retry.
 * Stopping may still end Succeeded or Failed: the process can finish before the signal lands.
 */
const STEP_TRANSITIONS: Readonly<Record<StepStatus, readonly StepStatus[]>> = {
  Starting: ['Executing', 'Cached', 'Skipped', 'Failed', 'Stopped', 'Stopping'],
  Executing: ['Succeeded', 'Failed', 'Stopping', 'Stopped', 'Starting'],
  Stopping: ['Stopped', 'Failed', 'Succeeded'],
  Succeeded: [],
  Cached: [],
  Skipped: [],
  Failed: ['Starting'],
  Stopped: ['Starting'],
};

export const TERMINAL_EXECUTION_STATUSES: ReadonlySet<ExecutionStatus> = new Set(['Succeeded', 'Failed', 'Stopped']);
/** Step statuses after which the step will not change in this run of the execution. */
export const TERMINAL_STEP_STATUSES: ReadonlySet<StepStatus> = new Set(['Succeeded', 'Failed', 'Stopped', 'Skipped', 'Cached']);
/** Step statuses whose outputs downstream steps may consume. */
export const SUCCESSFUL_STEP_STATUSES: ReadonlySet<StepStatus> = new Set(['Succeeded', 'Cached']);

export function isExecutionStatus(value: unknown): value is ExecutionStatus {
  return typeof value === 'string' && (EXECUTION_STATUSES as readonly string[]).includes(value);
}

export function isStepStatus(value: unknown): value is StepStatus {
  return typeof value === 'string' && (STEP_STATUSES as readonly string[]).includes(value);
}

export function canTransitionExecution(from: ExecutionStatus, to: ExecutionStatus): boolean {
  return EXECUTION_TRANSITIONS[from].includes(to);
}

export function canTransitionStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_STATUS_TRANSITION when the execution status machine forbids the change. */
export function assertExecutionTransition(id: string, from: ExecutionStatus, to: ExecutionStatus): void {
  if (!canTransitionExecution(from, to)) throw new InvalidTransitionError('PipelineExecution', id, from, to);
}

/** Throws INVALID_STATUS_TRANSITION when the step status machine forbids the change. */
export function assertStepTransition(id: string, from: StepStatus, to: StepStatus): void {
  if (!canTransitionStep(from, to)) throw new InvalidTransitionError('StepExecution', id, from, to);
}
