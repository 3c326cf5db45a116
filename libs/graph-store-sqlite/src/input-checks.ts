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

/**
 * Where an artifact sits: a path, or the parts of `base[index].field`, joined only when there is a
 * problem to report (the bulk path checks every artifact of a batch, and nearly all are fine).
 */
export type ArtifactPath = string | { readonly base: string; readonly index: number; readonly field: string };

function pathText(at: ArtifactPath): string {
  return typeof at === 'string' ? at : `${at.base}[${at.index}].${at.field}`;
}

export function artifactIssues(input: ArtifactInput, at: ArtifactPath): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!isJsonObject(input)) return [{ path: pathText(at), message: 'must be an artifact object' }];
  if (typeof input.uri !== 'string' || input.uri.length === 0)
    issues.push({ path: `${pathText(at)}.uri`, message: 'must be a non-empty string' });
  if (!isDigest(input.digest)) issues.push({ path: `${pathText(at)}.digest`, message: 'must be sha256:<64 lowercase hex>' });
  if (!(ARTIFACT_TYPES as readonly unknown[]).includes(input.type)) {
    issues.push({ path: `${pathText(at)}.type`, message: `must be one of ${ARTIFACT_TYPES.join(', ')}` });
  }
  if (typeof input.name !== 'string') issues.push({ path: `${pathText(at)}.name`, message: 'must be a string' });
  if (typeof input.size !== 'number' || !Number.isSafeInteger(input.size) || input.size < 0) {
    issues.push({ path: `${pathText(at)}.size`, message: 'must be a non-negative integer' });
  }
  if (input.properties !== undefined && !isJsonObject(input.properties))
    issues.push({ path: `${pathText(at)}.properties`, message: 'must be a JSON object' });
  return issues;
}

export function checkArtifacts(inputs: readonly ArtifactInput[], subject = 'artifacts'): void {
  if (!Array.isArray(inputs)) throw new InvalidArgumentError(subject, 'must be a list');
  const issues = inputs.flatMap((a, i) => artifactIssues(a, `[${i}]`));
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

function channelIssues(list: readonly ChannelArtifactInput[], path: string): ErrorIssue[] {
  if (!Array.isArray(list)) return [{ path, message: 'must be a list' }];
  let issues: ErrorIssue[] | undefined;
  const names = new Set<string>();
  for (let i = 0; i < list.length; i += 1) {
    const c = list[i];
    const name = c?.name;
    // Paths are built only for a channel with a problem.
    if (typeof name !== 'string' || name.length === 0)
      (issues ??= []).push({ path: `${path}[${i}].name`, message: 'must be a non-empty channel name' });
    else if (names.has(name))
      (issues ??= []).push({ path: `${path}[${i}].name`, message: `duplicate channel name ${JSON.stringify(name)}` });
    else names.add(name);
    const artifact = artifactIssues(c?.artifact, { base: path, index: i, field: 'artifact' });
    if (artifact.length > 0) (issues ??= []).push(...artifact);
  }
  return issues ?? [];
}

/** `prefix.field`, or `field` at the top level (no function per call: the bulk path checks every result). */
function fieldPath(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

/** Checks a step result; `prefix` is the path of the result within a batch. */
export function stepResultIssues(input: RecordStepResultInput, prefix = ''): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (typeof input.stepExecutionId !== 'string' || input.stepExecutionId.length === 0) {
    issues.push({ path: fieldPath(prefix, 'stepExecutionId'), message: 'must be a step execution id' });
  }
  if (!isStepStatus(input.from)) issues.push({ path: fieldPath(prefix, 'from'), message: 'must be a step status' });
  if (!['Succeeded', 'Cached', 'Failed'].includes(input.status))
    issues.push({ path: fieldPath(prefix, 'status'), message: 'must be Succeeded, Cached or Failed' });
  const inputIssues = channelIssues(input.inputs, fieldPath(prefix, 'inputs'));
  const outputIssues = channelIssues(input.outputs, fieldPath(prefix, 'outputs'));
  if (inputIssues.length > 0 || outputIssues.length > 0) issues.push(...inputIssues, ...outputIssues);
  if (input.status === 'Failed' && Array.isArray(input.outputs) && input.outputs.length > 0) {
    issues.push({
      path: fieldPath(prefix, 'outputs'),
      message: 'must be empty when status is Failed: no artifact exists without a successful producer',
    });
  }
  if (input.status === 'Cached' && (typeof input.reusedStepExecutionId !== 'string' || input.reusedStepExecutionId.length === 0)) {
    issues.push({ path: fieldPath(prefix, 'reusedStepExecutionId'), message: 'is required when status is Cached' });
  }
  if (input.properties != null && !isJsonObject(input.properties))
    issues.push({ path: fieldPath(prefix, 'properties'), message: 'must be a JSON object' });
  return issues;
}
