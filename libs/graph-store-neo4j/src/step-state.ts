/*
 * Step bookkeeping as a pure function: the state a step execution moves to on a status change,
 * computed from the state the adapter read, then written under the revision it read.
 */
import {
  TERMINAL_STEP_STATUSES,
  type IsoTimestamp,
  type StepAttempt,
  type StepExecution,
  type StepExecutionId,
  type StepStatus,
} from '@pedigree/domain';

export interface StepState {
  readonly status: StepStatus;
  readonly attempt: number;
  readonly attempts: readonly StepAttempt[];
  readonly cacheKey: string | null;
  readonly cacheHit: boolean;
  readonly reusedStepExecutionId: StepExecutionId | null;
  readonly cacheMiss: StepExecution['cacheMiss'];
  readonly startedAt: IsoTimestamp | null;
  readonly endedAt: IsoTimestamp | null;
  readonly failureReason: string | null;
  readonly resolvedArguments: StepExecution['resolvedArguments'];
  readonly properties: StepExecution['properties'];
}

export interface StepChange {
  readonly to: StepStatus;
  readonly at: IsoTimestamp;
  readonly failureReason?: string | null;
  readonly failureKind?: StepAttempt['failureKind'];
  readonly exitCode?: number | null;
  readonly cacheKey?: string | null;
  readonly resolvedArguments?: StepExecution['resolvedArguments'];
  readonly cacheMiss?: StepExecution['cacheMiss'];
  readonly properties?: StepExecution['properties'];
  readonly reusedStepExecutionId?: StepExecutionId | null;
}

/**
 * The step state after a change. Going to Starting from a later status opens the next attempt;
 * every other change updates the latest attempt (and a terminal status closes it).
 */
export function nextStepState(current: StepExecution, change: StepChange): StepState {
  const terminal = TERMINAL_STEP_STATUSES.has(change.to);
  const failed = change.to === 'Failed';
  let attempts = [...current.attempts];
  let attempt = current.attempt;
  if (change.to === 'Starting') {
    attempt += 1;
    attempts.push({
      attempt,
      status: 'Starting',
      startedAt: change.at,
      endedAt: null,
      failureReason: null,
      failureKind: null,
      exitCode: null,
    });
  } else if (attempts.length > 0) {
    attempts = attempts.map((a, i) =>
      i === attempts.length - 1
        ? {
            ...a,
            status: change.to,
            endedAt: terminal ? change.at : a.endedAt,
            failureReason: failed ? (change.failureReason ?? a.failureReason) : a.failureReason,
            failureKind: failed ? (change.failureKind ?? a.failureKind) : a.failureKind,
            exitCode: change.exitCode !== undefined ? change.exitCode : a.exitCode,
          }
        : a,
    );
  }
  const pick = <K extends keyof StepChange & keyof StepExecution>(key: K): StepExecution[K] =>
    change[key] !== undefined ? (change[key] as StepExecution[K]) : current[key];
  return {
    status: change.to,
    attempt,
    attempts,
    cacheKey: pick('cacheKey'),
    cacheHit: change.to === 'Cached' ? true : current.cacheHit,
    reusedStepExecutionId: pick('reusedStepExecutionId'),
    cacheMiss: pick('cacheMiss'),
    startedAt: current.startedAt ?? (change.to === 'Starting' ? change.at : null),
    endedAt: change.to === 'Starting' ? null : terminal ? change.at : current.endedAt,
    failureReason: change.to === 'Starting' ? null : failed ? (change.failureReason ?? current.failureReason) : current.failureReason,
    resolvedArguments: pick('resolvedArguments'),
    properties: pick('properties'),
  };
}
