import type { ArtifactId, ContextId, Digest, ExecutionId, ModelPackageId, PipelineVersionId, StepExecutionId } from './ids.ts';
import type { ExecutionStatus, StepStatus } from './status.ts';

/** Timestamps are ISO-8601 strings in UTC with millisecond precision (`2026-12-03T15:58:23.000Z`). */
export type IsoTimestamp = string;

/** JSON values as stored in properties, parameters and definitions. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface Pipeline {
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: IsoTimestamp;
  readonly latestVersion: number;
}

/** An immutable version of a pipeline definition; an identical definition upserted again is the same version. */
export interface PipelineVersion {
  readonly id: PipelineVersionId;
  readonly pipelineName: string;
  /** 1, 2, 3 ... in the order versions were first stored. */
  readonly version: number;
  readonly definitionHash: Digest;
  /** The canonical definition JSON document (see libs/sdk). */
  readonly definition: JsonObject;
  readonly createdAt: IsoTimestamp;
}

export type ParameterValue = string | number | boolean;

export interface PipelineExecution {
  readonly id: ExecutionId;
  readonly pipelineName: string;
  readonly pipelineVersionId: PipelineVersionId;
  readonly status: ExecutionStatus;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly startedAt: IsoTimestamp;
  readonly endedAt: IsoTimestamp | null;
  readonly failureReason: string | null;
  readonly createdBy: string | null;
  /** The schedule that started this execution, when one did. */
  readonly scheduleId: string | null;
  /** Bumped on every write; the optimistic check for status transitions. */
  readonly revision: number;
}

export const STEP_TYPES = ['processing', 'training', 'evaluation', 'condition', 'fail', 'register-model', 'callback'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** Why an attempt failed; retry policies select on this. */
export const FAILURE_KINDS = ['timeout', 'exit-code', 'runner-crash', 'interrupted', 'error', 'stopped', 'condition', 'fail-step'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface StepAttempt {
  readonly attempt: number;
  readonly status: StepStatus;
  readonly startedAt: IsoTimestamp;
  readonly endedAt: IsoTimestamp | null;
  readonly failureReason: string | null;
  readonly failureKind: FailureKind | null;
  readonly exitCode: number | null;
}

/** Why a step was not served from the cache: the answer to "why did this run again?". */
export interface CacheMissExplanation {
  readonly reason: 'disabled' | 'no-earlier-run' | 'expired' | 'outputs-missing' | 'key-changed' | 'invalidated';
  /** The nearest earlier step execution of the same step, when there is one. */
  readonly nearestStepExecutionId: StepExecutionId | null;
  readonly nearestCacheKey: string | null;
  /** Fields of the cache key that differ from the nearest earlier run, e.g. `inputs.train.digest`. */
  readonly differingFields: readonly string[];
  readonly message: string;
}

export interface StepExecution {
  readonly id: StepExecutionId;
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly stepType: StepType;
  readonly status: StepStatus;
  /** The current (latest) attempt number, starting at 1; 0 before the first attempt starts. */
  readonly attempt: number;
  readonly attempts: readonly StepAttempt[];
  readonly cacheKey: string | null;
  readonly cacheHit: boolean;
  /** The step execution whose outputs a cache hit reused. */
  readonly reusedStepExecutionId: StepExecutionId | null;
  readonly cacheMiss: CacheMissExplanation | null;
  readonly startedAt: IsoTimestamp | null;
  readonly endedAt: IsoTimestamp | null;
  readonly failureReason: string | null;
  /** Resolved arguments, environment and code digest as used for the cache key. */
  readonly resolvedArguments: JsonObject | null;
  /** Parsed property files and other step outputs that are values rather than artifacts. */
  readonly properties: JsonObject | null;
  readonly revision: number;
}

export const ARTIFACT_TYPES = ['DataSet', 'Model', 'Metrics', 'Code', 'Image', 'Report', 'Other'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export interface Artifact {
  readonly id: ArtifactId;
  readonly uri: string;
  readonly digest: Digest;
  readonly type: ArtifactType;
  readonly name: string;
  /** Bytes; for a directory, the sum of its files. */
  readonly size: number;
  readonly properties: JsonObject;
  readonly createdAt: IsoTimestamp;
  /** The artifact that held earlier bytes at the same URI, when there was one. */
  readonly previousVersionId: ArtifactId | null;
}

export const APPROVAL_STATUSES = ['PendingManualApproval', 'Approved', 'Rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface Approval {
  readonly status: ApprovalStatus;
  readonly by: string;
  readonly at: IsoTimestamp;
  readonly comment: string | null;
}

export interface ModelPackage {
  readonly id: ModelPackageId;
  readonly group: string;
  /** 1, 2, 3 ... within the group. */
  readonly version: number;
  readonly approvalStatus: ApprovalStatus;
  readonly modelArtifactId: ArtifactId;
  readonly stepExecutionId: StepExecutionId | null;
  readonly description: string | null;
  readonly metrics: JsonObject;
  readonly createdAt: IsoTimestamp;
  readonly approvals: readonly Approval[];
}

export const CONTEXT_TYPES = ['Experiment', 'Endpoint', 'ModelPackageGroup', 'OpenLineageNamespace', 'OpenLineageJob', 'Other'] as const;
export type ContextType = (typeof CONTEXT_TYPES)[number];

export interface Context {
  readonly id: ContextId;
  readonly type: ContextType;
  readonly name: string;
  readonly properties: JsonObject;
  readonly createdAt: IsoTimestamp;
}
