import {
  APPROVAL_STATUSES,
  ARTIFACT_TYPES,
  InvalidArgumentError,
  ValidationError,
  isDigest,
  isExecutionStatus,
  isStepStatus,
  type ApprovalStatus,
  type ErrorIssue,
  type ExecutionStatus,
  type StepStatus,
} from '@pedigree/domain';
import type { ArtifactInput, ChannelArtifactInput, RecordStepResultInput } from '@pedigree/graph-store';

/* Input checks at the adapter boundary: arguments are INVALID_ARGUMENT, documents VALIDATION_FAILED with paths. */

export function requireString(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentError(argument, 'must be a non-empty string');
  return value;
}

export function requireIds(argument: string, ids: unknown): readonly string[] {
  if (!Array.isArray(ids)) throw new InvalidArgumentError(argument, 'must be a list of ids');
  for (const id of ids) if (typeof id !== 'string') throw new InvalidArgumentError(argument, 'must contain only id strings');
  return ids as string[];
}

export function requireExecutionStatus(argument: string, value: unknown): ExecutionStatus {
  if (!isExecutionStatus(value)) throw new InvalidArgumentError(argument, `unknown execution status ${JSON.stringify(value)}`);
  return value;
}

export function requireStepStatus(argument: string, value: unknown): StepStatus {
  if (!isStepStatus(value)) throw new InvalidArgumentError(argument, `unknown step status ${JSON.stringify(value)}`);
  return value;
}

export function requireApprovalStatus(argument: string, value: unknown): ApprovalStatus {
  if (!(APPROVAL_STATUSES as readonly unknown[]).includes(value)) {
    throw new InvalidArgumentError(
      argument,
      `unknown approval status ${JSON.stringify(value)}; expected one of ${APPROVAL_STATUSES.join(', ')}`,
    );
  }
  return value as ApprovalStatus;
}

export function requireEnumList<T extends string>(
  argument: string,
  values: readonly unknown[] | undefined,
  allowed: readonly T[],
): readonly T[] | null {
  if (values === undefined || values === null) return null;
  if (!Array.isArray(values)) throw new InvalidArgumentError(argument, 'must be a list');
  for (const v of values) {
    if (!(allowed as readonly unknown[]).includes(v))
      throw new InvalidArgumentError(argument, `unknown value ${JSON.stringify(v)}; expected one of ${allowed.join(', ')}`);
  }
  return values as T[];
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function artifactIssues(input: ArtifactInput, path: string): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!isJsonObject(input)) return [{ path, message: 'must be an artifact object' }];
  if (typeof input.uri !== 'string' || input.uri.length === 0) issues.push({ path: `${path}.uri`, message: 'must be a non-empty string' });
  if (!isDigest(input.digest)) issues.push({ path: `${path}.digest`, message: 'must be sha256:<64 lowercase hex>' });
  if (!(ARTIFACT_TYPES as readonly unknown[]).includes(input.type)) {
    issues.push({ path: `${path}.type`, message: `must be one of ${ARTIFACT_TYPES.join(', ')}` });
  }
  if (typeof input.name !== 'string') issues.push({ path: `${path}.name`, message: 'must be a string' });
  if (typeof input.size !== 'number' || !Number.isSafeInteger(input.size) || input.size < 0) {
    issues.push({ path: `${path}.size`, message: 'must be a non-negative integer' });
  }
  if (input.properties !== undefined && !isJsonObject(input.properties))
    issues.push({ path: `${path}.properties`, message: 'must be a JSON object' });
  return issues;
}

export function checkArtifacts(inputs: readonly ArtifactInput[], subject = 'artifacts'): void {
  if (!Array.isArray(inputs)) throw new InvalidArgumentError(subject, 'must be a list');
  const issues = inputs.flatMap((a, i) => artifactIssues(a, `[${i}]`));
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

function channelIssues(list: readonly ChannelArtifactInput[], path: string): ErrorIssue[] {
  if (!Array.isArray(list)) return [{ path, message: 'must be a list' }];
  const issues: ErrorIssue[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    if (typeof c?.name !== 'string' || c.name.length === 0)
      issues.push({ path: `${path}[${i}].name`, message: 'must be a non-empty channel name' });
    else if (names.has(c.name)) issues.push({ path: `${path}[${i}].name`, message: `duplicate channel name ${JSON.stringify(c.name)}` });
    else names.add(c.name);
    issues.push(...artifactIssues(c?.artifact, `${path}[${i}].artifact`));
  });
  return issues;
}

/** Checks a step result; `prefix` is the path of the result within a batch. */
export function stepResultIssues(input: RecordStepResultInput, prefix = ''): ErrorIssue[] {
  const p = (s: string): string => (prefix ? `${prefix}.${s}` : s);
  const issues: ErrorIssue[] = [];
  if (typeof input.stepExecutionId !== 'string' || input.stepExecutionId.length === 0) {
    issues.push({ path: p('stepExecutionId'), message: 'must be a step execution id' });
  }
  if (!isStepStatus(input.from)) issues.push({ path: p('from'), message: 'must be a step status' });
  if (!['Succeeded', 'Cached', 'Failed'].includes(input.status))
    issues.push({ path: p('status'), message: 'must be Succeeded, Cached or Failed' });
  issues.push(...channelIssues(input.inputs, p('inputs')), ...channelIssues(input.outputs, p('outputs')));
  if (input.status === 'Failed' && Array.isArray(input.outputs) && input.outputs.length > 0) {
    issues.push({ path: p('outputs'), message: 'must be empty when status is Failed: no artifact exists without a successful producer' });
  }
  if (input.status === 'Cached' && (typeof input.reusedStepExecutionId !== 'string' || input.reusedStepExecutionId.length === 0)) {
    issues.push({ path: p('reusedStepExecutionId'), message: 'is required when status is Cached' });
  }
  if (input.properties != null && !isJsonObject(input.properties)) issues.push({ path: p('properties'), message: 'must be a JSON object' });
  return issues;
}
