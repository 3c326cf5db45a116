import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from '@pedigree/sdk';
import { backoffDelayMs, shouldRetry } from './retry.ts';

const policy: RetryPolicy = {
  maxAttempts: 3,
  initialIntervalSeconds: 1,
  backoffRate: 2,
  maxIntervalSeconds: 3,
  retryOn: ['exit-code', 'timeout'],
  exitCodes: [75],
};

describe('retry policy', () => {
  it('retries only listed failure kinds, listed exit codes, and within maxAttempts', () => {
    expect(shouldRetry(policy, { kind: 'exit-code', message: '', exitCode: 75 }, 1)).toBe(true);
    expect(shouldRetry(policy, { kind: 'exit-code', message: '', exitCode: 1 }, 1)).toBe(false);
    expect(shouldRetry(policy, { kind: 'timeout', message: '', exitCode: null }, 2)).toBe(true);
    expect(shouldRetry(policy, { kind: 'timeout', message: '', exitCode: null }, 3)).toBe(false);
    expect(shouldRetry(policy, { kind: 'error', message: '', exitCode: null }, 1)).toBe(false);
    expect(shouldRetry(null, { kind: 'timeout', message: '', exitCode: null }, 1)).toBe(false);
    expect(shouldRetry({ ...policy, exitCodes: null }, { kind: 'exit-code', message: '', exitCode: 1 }, 1)).toBe(true);
  });

  it('backs off exponentially up to the cap, with jitter in the upper half', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(500);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(1000);
    expect(backoffDelayMs(policy, 2, () => 1)).toBe(2000);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(3000);
    expect(backoffDelayMs(policy, 10, () => 0.5)).toBe(2250);
  });
});
