import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from './errors.ts';
import {
  EXECUTION_STATUSES,
  STEP_STATUSES,
  assertExecutionTransition,
  assertStepTransition,
  canTransitionExecution,
  canTransitionStep,
  isExecutionStatus,
  isStepStatus,
} from './status.ts';

describe('status machines', () => {
  it('runs an execution Executing -> Stopping -> Stopped and allows a retry from Stopped or Failed', () => {
    expect(canTransitionExecution('Executing', 'Stopping')).toBe(true);
    expect(canTransitionExecution('Stopping', 'Stopped')).toBe(true);
    expect(canTransitionExecution('Stopped', 'Executing')).toBe(true);
    expect(canTransitionExecution('Failed', 'Executing')).toBe(true);
  });

  it('never leaves Succeeded', () => {
    for (const to of EXECUTION_STATUSES) expect(canTransitionExecution('Succeeded', to)).toBe(false);
    for (const to of STEP_STATUSES) {
      expect(canTransitionStep('Succeeded', to)).toBe(false);
      expect(canTransitionStep('Cached', to)).toBe(false);
      expect(canTransitionStep('Skipped', to)).toBe(false);
    }
  });

  it('lets a step start a next attempt after a failure and be served from cache only from Starting', () => {
    expect(canTransitionStep('Failed', 'Starting')).toBe(true);
    expect(canTransitionStep('Starting', 'Cached')).toBe(true);
    expect(canTransitionStep('Executing', 'Cached')).toBe(false);
  });

  it('throws INVALID_STATUS_TRANSITION with the entity, id and both statuses', () => {
    try {
      assertStepTransition('se_1', 'Succeeded', 'Executing');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidTransitionError);
      expect((e as InvalidTransitionError).code).toBe('INVALID_STATUS_TRANSITION');
      expect((e as InvalidTransitionError).context).toEqual({ entity: 'StepExecution', id: 'se_1', from: 'Succeeded', to: 'Executing' });
    }
    expect(() => assertExecutionTransition('ex_1', 'Succeeded', 'Failed')).toThrow(/ex_1 cannot go from Succeeded to Failed/);
    expect(() => assertExecutionTransition('ex_1', 'Executing', 'Succeeded')).not.toThrow();
  });

  it('recognises statuses', () => {
    expect(isExecutionStatus('Executing')).toBe(true);
    expect(isExecutionStatus('Cached')).toBe(false);
    expect(isStepStatus('Cached')).toBe(true);
    expect(isStepStatus(3)).toBe(false);
  });
});
