/*
 * Checks on port inputs that Cypher cannot express (or would express as a silent no-op), run
 * before any statement so a bad call fails with the argument named and the database untouched.
 */
import {
  APPROVAL_STATUSES,
  ARTIFACT_TYPES,
  CONTEXT_TYPES,
  EXECUTION_STATUSES,
  InvalidArgumentError,
  STEP_STATUSES,
  STEP_TYPES,
  ValidationError,
  isDigest,
  type ErrorIssue,
  type IsoTimestamp,
  type JsonObject,
} from '@pedigree/domain';
import type { ArtifactInput } from '@pedigree/graph-store';

export function requireString(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentError(argument, 'must be a non-empty string');
  return value;
}

export function requireOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new InvalidArgumentError(argument, `unknown value ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export const requireExecutionStatus = (argument: string, value: unknown) => requireOneOf(argument, value, EXECUTION_STATUSES);
export const requireStepStatus = (argument: string, value: unknown) => requireOneOf(argument, value, STEP_STATUSES);
export const requireStepType = (argument: string, value: unknown) => requireOneOf(argument, value, STEP_TYPES);
export const requireApprovalStatus = (argument: string, value: unknown) => requireOneOf(argument, value, APPROVAL_STATUSES);
export const requireContextType = (argument: string, value: unknown) => requireOneOf(argument, value, CONTEXT_TYPES);

/** An ISO-8601 timestamp normalized to UTC milliseconds; `fallback` (now) when absent. */
export function timestampOrNow(argument: string, value: IsoTimestamp | null | undefined): IsoTimestamp {
  if (value === undefined || value === null) return new Date().toISOString();
  return requireTimestamp(argument, value);
}

export function requireTimestamp(argument: string, value: unknown): IsoTimestamp {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError(argument, `must be an ISO-8601 timestamp, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function optionalTimestamp(argument: string, value: IsoTimestamp | null | undefined): IsoTimestamp | null {
  return value === undefined || value === null ? null : requireTimestamp(argument, value);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws VALIDATION_FAILED listing every problem of every artifact, with paths like `outputs[1].artifact.digest`. */
export function validateArtifactInputs(
  subject: string,
  entries: readonly { readonly path: string; readonly artifact: ArtifactInput }[],
): void {
  const issues: ErrorIssue[] = [];
  for (const { path, artifact } of entries) {
    if (typeof artifact !== 'object' || artifact === null) {
      issues.push({ path, message: 'must be an artifact' });
      continue;
    }
    if (typeof artifact.uri !== 'string' || artifact.uri.length === 0)
      issues.push({ path: `${path}.uri`, message: 'must be a non-empty string' });
    if (!isDigest(artifact.digest)) issues.push({ path: `${path}.digest`, message: 'must be sha256:<64 hex>' });
    if (!(ARTIFACT_TYPES as readonly unknown[]).includes(artifact.type)) {
      issues.push({ path: `${path}.type`, message: `must be one of ${ARTIFACT_TYPES.join(', ')}` });
    }
    if (typeof artifact.name !== 'string') issues.push({ path: `${path}.name`, message: 'must be a string' });
    if (!Number.isSafeInteger(artifact.size) || artifact.size < 0)
      issues.push({ path: `${path}.size`, message: 'must be a non-negative integer' });
    if (artifact.properties !== undefined && !isJsonObject(artifact.properties)) {
      issues.push({ path: `${path}.properties`, message: 'must be a JSON object' });
    }
    if (artifact.createdAt !== undefined && Number.isNaN(Date.parse(artifact.createdAt))) {
      issues.push({ path: `${path}.createdAt`, message: 'must be an ISO-8601 timestamp' });
    }
  }
  if (issues.length > 0) throw new ValidationError(subject, issues);
}
