import type {
  Artifact,
  ArtifactId,
  ArtifactType,
  CacheMissExplanation,
  Digest,
  ExecutionId,
  FailureKind,
  IsoTimestamp,
  JsonObject,
  LineageNode,
  ModelPackage,
  ModelPackageId,
  ParameterValue,
  PipelineVersionId,
  StepExecutionId,
  StepType,
} from '@pedigree/domain';
import type {
  ArtifactFieldsFragment,
  ExecutionFieldsFragment,
  LineageNodeFieldsFragment,
  ModelPackageFieldsFragment,
  StepFieldsFragment,
} from '../generated/graphql.ts';
import type { ExecutionRecord, StepRecord } from '../records.ts';

/*
 * GraphQL results mapped onto the records the local commands print (see records.ts), so that one
 * set of printers and one `--json` shape serve both modes. Ids arrive as strings: the server's
 * store issued them, so they are taken as the branded ids they are.
 */

const object = (value: unknown): JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
const objectOrNull = (value: unknown): JsonObject | null => (value === null || value === undefined ? null : object(value));

export function toArtifact(a: ArtifactFieldsFragment): Artifact {
  return {
    id: a.id as ArtifactId,
    uri: a.uri,
    digest: a.digest as Digest,
    type: a.type,
    name: a.name,
    size: a.size,
    properties: object(a.properties),
    createdAt: a.createdAt as IsoTimestamp,
    previousVersionId: (a.previousVersion?.id ?? null) as ArtifactId | null,
  };
}

export function toExecution(e: ExecutionFieldsFragment): ExecutionRecord {
  return {
    id: e.id as ExecutionId,
    pipelineName: e.pipelineName,
    pipelineVersionId: e.pipelineVersion.id as PipelineVersionId,
    status: e.status,
    parameters: object(e.parameters) as Record<string, ParameterValue>,
    startedAt: e.startedAt as IsoTimestamp,
    endedAt: e.endedAt as IsoTimestamp | null,
    failureReason: e.failureReason,
    createdBy: e.createdBy,
    scheduleId: e.scheduleId,
  };
}

export function toStep(s: StepFieldsFragment): StepRecord {
  const miss = s.cacheMiss;
  return {
    id: s.id as StepExecutionId,
    executionId: s.executionId as ExecutionId,
    stepName: s.stepName,
    stepType: s.stepType as StepType,
    status: s.status,
    attempt: s.attempt,
    attempts: s.attempts.map((a) => ({
      attempt: a.attempt,
      status: a.status,
      startedAt: a.startedAt as IsoTimestamp,
      endedAt: a.endedAt as IsoTimestamp | null,
      failureReason: a.failureReason,
      failureKind: a.failureKind as FailureKind | null,
      exitCode: a.exitCode,
    })),
    cacheKey: s.cacheKey,
    cacheHit: s.cacheHit,
    reusedStepExecutionId: (s.reusedStepExecution?.id ?? null) as StepExecutionId | null,
    cacheMiss: miss
      ? {
          reason: miss.reason as CacheMissExplanation['reason'],
          nearestStepExecutionId: (miss.nearestStepExecution?.id ?? null) as StepExecutionId | null,
          nearestCacheKey: miss.nearestCacheKey,
          differingFields: miss.differingFields,
          message: miss.message,
        }
      : null,
    startedAt: s.startedAt as IsoTimestamp | null,
    endedAt: s.endedAt as IsoTimestamp | null,
    failureReason: s.failureReason,
    resolvedArguments: objectOrNull(s.resolvedArguments),
    properties: objectOrNull(s.properties),
  };
}

export function toModelPackage(p: ModelPackageFieldsFragment): ModelPackage {
  return {
    id: p.id as ModelPackageId,
    group: p.group,
    version: p.version,
    approvalStatus: p.approvalStatus,
    modelArtifactId: p.modelArtifact.id as ArtifactId,
    stepExecutionId: (p.stepExecution?.id ?? null) as StepExecutionId | null,
    description: p.description,
    metrics: object(p.metrics),
    createdAt: p.createdAt as IsoTimestamp,
    approvals: p.approvals.map((a) => ({ status: a.status, by: a.by, at: a.at as IsoTimestamp, comment: a.comment })),
  };
}

/** A lineage node without the fields the store leaves out for its kind (GraphQL sends them as null). */
export function toLineageNode(n: LineageNodeFieldsFragment): LineageNode {
  return {
    id: n.id,
    type: n.type,
    label: n.label,
    depth: n.depth,
    ...(n.artifactType !== null ? { artifactType: n.artifactType as ArtifactType } : {}),
    ...(n.uri !== null ? { uri: n.uri } : {}),
    ...(n.digest !== null ? { digest: n.digest } : {}),
    ...(n.stepType !== null ? { stepType: n.stepType as StepType } : {}),
    ...(n.status !== null ? { status: n.status as LineageNode['status'] & string } : {}),
    ...(n.approvalStatus !== null ? { approvalStatus: n.approvalStatus } : {}),
    ...(n.contextType !== null ? { contextType: n.contextType as LineageNode['contextType'] & string } : {}),
    ...(n.createdAt !== null ? { createdAt: n.createdAt as IsoTimestamp } : {}),
  };
}
