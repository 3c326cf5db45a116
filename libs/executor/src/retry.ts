import type { FailureKind } from '@pedigree/domain';
import type { RetryPolicy } from '@pedigree/sdk';

/** How an attempt ended badly: data that a retry policy selects on. */
export interface AttemptFailure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly exitCode: number | null;
}

/** Whether the policy retries this failure; `attempt` is the number of attempts made so far in this run. */
export function shouldRetry(policy: RetryPolicy | null, failure: AttemptFailure, attempt: number): boolean {
  if (!policy || attempt >= policy.maxAttempts) return false;
  if (!(policy.retryOn as readonly string[]).includes(failure.kind)) return false;
  if (failure.kind === 'exit-code' && policy.exitCodes !== null)
    return failure.exitCode !== null && policy.exitCodes.includes(failure.exitCode);
  return true;
}

/**
 * Delay before attempt `attempt + 1`, in ms: exponential (`initialIntervalSeconds * backoffRate^(attempt-1)`,
 * capped at `maxIntervalSeconds`) with "equal jitter" (a random point in the upper half), so that
 * steps failing together do not retry in lockstep while the delay still grows.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxIntervalSeconds, policy.initialIntervalSeconds * policy.backoffRate ** Math.max(0, attempt - 1)) * 1000;
  return Math.round(base / 2 + random() * (base / 2));
}
