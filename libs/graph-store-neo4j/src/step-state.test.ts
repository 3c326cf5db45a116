import { describe, expect, it } from 'vitest';
import type { ExecutionId, StepExecution, StepExecutionId } from '@pedigree/domain';
import { nextStepState } from './step-state.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const T2 = '2026-01-01T00:02:00.000Z';
const base: StepExecution = {
  id: 'se_1' as StepExecutionId,
  executionId: 'ex_1' as ExecutionId,
  stepName: 'train',
  stepType: 'training',
  status: 'Executing',
  attempt: 1,
  attempts: [{ attempt: 1, status: 'Executing', startedAt: T0, endedAt: null, failureReason: null, failureKind: null, exitCode: null }],
  cacheKey: 'k',
  cacheHit: false,
  reusedStepExecutionId: null,
  cacheMiss: null,
  startedAt: T0,
  endedAt: null,
  failureReason: null,
  resolvedArguments: null,
  properties: null,
  revision: 2,
};

describe('nextStepState', () => {
  it('closes the latest attempt on a terminal status, keeping the failure details', () => {
    const next = nextStepState(base, { to: 'Failed', at: T1, failureReason: 'exit 2', failureKind: 'exit-code', exitCode: 2 });
    expect(next).toMatchObject({ status: 'Failed', attempt: 1, endedAt: T1, failureReason: 'exit 2', cacheKey: 'k' });
    expect(next.attempts).toEqual([
      { attempt: 1, status: 'Failed', startedAt: T0, endedAt: T1, failureReason: 'exit 2', failureKind: 'exit-code', exitCode: 2 },
    ]);
  });

  it('opens the next attempt when going back to Starting, keeping the first start time', () => {
    const failed = { ...base, ...nextStepState(base, { to: 'Failed', at: T1, failureReason: 'x' }) } as StepExecution;
    const retry = nextStepState(failed, { to: 'Starting', at: T2 });
    expect(retry).toMatchObject({ status: 'Starting', attempt: 2, startedAt: T0, endedAt: null, failureReason: null });
    expect(retry.attempts.map((a) => [a.attempt, a.status, a.startedAt])).toEqual([
      [1, 'Failed', T0],
      [2, 'Starting', T2],
    ]);
  });

  it('marks a cache hit and keeps values the change does not mention', () => {
    const next = nextStepState({ ...base, status: 'Starting' }, { to: 'Cached', at: T1, reusedStepExecutionId: 'se_0' as StepExecutionId });
    expect(next).toMatchObject({ cacheHit: true, reusedStepExecutionId: 'se_0', cacheKey: 'k', endedAt: T1 });
  });
});
