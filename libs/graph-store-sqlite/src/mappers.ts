import {
  APPROVAL_STATUSES,
  ARTIFACT_TYPES,
  CONTEXT_TYPES,
  STEP_TYPES,
  OPENLINEAGE_RUN_STATES,
  StoreCorruptError,
  executionStatusOfOpenLineageState,
  isDigest,
  isExecutionStatus,
  isStepStatus,
  type Approval,
  type ApprovalStatus,
  type Artifact,
  type ArtifactId,
  type ArtifactType,
  type CacheMissExplanation,
  type Context,
  type ContextId,
  type ContextType,
  type Digest,
  type ExecutionId,
  type JsonObject,
  type LineageNode,
  type OpenLineageRunState,
  type ModelPackage,
  type ModelPackageId,
  type ParameterValue,
  type Pipeline,
  type PipelineExecution,
  type PipelineVersion,
  type PipelineVersionId,
  type StepAttempt,
  type StepExecution,
  type StepExecutionId,
  type StepType,
} from '@pedigree/domain';

/*
 * Rows read back are validated and mapped here, and only here: a row that does not have the
 * shape the domain requires is STORE_CORRUPT naming the table, id and column, never a half-typed
 * object leaking into callers.
 */

export interface PipelineRow {
  name: string;
  node_id: string;
  description: string | null;
  created_at: string;
  latest_version: number;
}
export interface PipelineVersionRow {
  id: string;
  pipeline_name: string;
  version: number;
  definition_hash: string;
  definition: string;
  created_at: string;
}
export interface ExecutionRow {
  id: string;
  pipeline_name: string;
  pipeline_version_id: string;
  status: string;
  parameters: string;
  started_at: string;
  ended_at: string | null;
  failure_reason: string | null;
  created_by: string | null;
  schedule_id: string | null;
  revision: number;
}
export interface StepExecutionRow {
  id: string;
  /** Node key (see node-keys.ts); read by the adapter, never mapped out. */
  node_key: number;
  execution_id: string;
  pipeline_name: string;
  step_name: string;
  step_type: string;
  status: string;
  attempt: number;
  attempts: string;
  cache_key: string | null;
  cache_hit: number;
  reused_step_execution_id: string | null;
  cache_miss: string | null;
  started_at: string | null;
  ended_at: string | null;
  failure_reason: string | null;
  resolved_arguments: string | null;
  properties: string | null;
  invalidated: number;
  revision: number;
}
export interface ArtifactRow {
  seq: number;
  id: string;
  uri: string;
  digest: string;
  type: string;
  name: string;
  size: number;
  properties: string;
  created_at: string;
  previous_version_id: string | null;
}
export interface ModelPackageRow {
  id: string;
  group_name: string;
  version: number;
  approval_status: string;
  model_artifact_id: string;
  step_execution_id: string | null;
  description: string | null;
  metrics: string;
  created_at: string;
}
export interface ApprovalRow {
  package_id: string;
  seq: number;
  status: string;
  by_whom: string;
  at: string;
  comment: string | null;
}
export interface ContextRow {
  id: string;
  type: string;
  name: string;
  properties: string;
  created_at: string;
}

function corrupt(table: string, id: string, column: string, why: string): StoreCorruptError {
  return new StoreCorruptError(`${table} ${id}: column ${column} ${why}`, { table, id, column });
}

function parseJson(table: string, id: string, column: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw corrupt(table, id, column, 'is not valid JSON');
  }
}

function jsonObject(table: string, id: string, column: string, text: string): JsonObject {
  const v = parseJson(table, id, column, text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw corrupt(table, id, column, 'is not a JSON object');
  return v as JsonObject;
}

function nullableJsonObject(table: string, id: string, column: string, text: string | null): JsonObject | null {
  return text === null ? null : jsonObject(table, id, column, text);
}

function oneOf<T extends string>(table: string, id: string, column: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw corrupt(table, id, column, `has unknown value ${JSON.stringify(value)}`);
  return value as T;
}

function digest(table: string, id: string, column: string, value: string): Digest {
  if (!isDigest(value)) throw corrupt(table, id, column, 'is not a sha256 digest');
  return value;
}

export function toPipeline(row: PipelineRow): Pipeline {
  return { name: row.name, description: row.description, createdAt: row.created_at, latestVersion: row.latest_version };
}

export function toPipelineVersion(row: PipelineVersionRow): PipelineVersion {
  return {
    id: row.id as PipelineVersionId,
    pipelineName: row.pipeline_name,
    version: row.version,
    definitionHash: digest('pipeline_versions', row.id, 'definition_hash', row.definition_hash),
    definition: jsonObject('pipeline_versions', row.id, 'definition', row.definition),
    createdAt: row.created_at,
  };
}

export function toExecution(row: ExecutionRow): PipelineExecution {
  if (!isExecutionStatus(row.status)) throw corrupt('executions', row.id, 'status', `has unknown value ${JSON.stringify(row.status)}`);
  return {
    id: row.id as ExecutionId,
    pipelineName: row.pipeline_name,
    pipelineVersionId: row.pipeline_version_id as PipelineVersionId,
    status: row.status,
    parameters: jsonObject('executions', row.id, 'parameters', row.parameters) as Record<string, ParameterValue>,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    failureReason: row.failure_reason,
    createdBy: row.created_by,
    scheduleId: row.schedule_id,
    revision: row.revision,
  };
}

export function toStepExecution(row: StepExecutionRow): StepExecution {
  if (!isStepStatus(row.status)) throw corrupt('step_executions', row.id, 'status', `has unknown value ${JSON.stringify(row.status)}`);
  const attempts = parseJson('step_executions', row.id, 'attempts', row.attempts);
  if (!Array.isArray(attempts)) throw corrupt('step_executions', row.id, 'attempts', 'is not a JSON array');
  return {
    id: row.id as StepExecutionId,
    executionId: row.execution_id as ExecutionId,
    stepName: row.step_name,
    stepType: oneOf<StepType>('step_executions', row.id, 'step_type', row.step_type, STEP_TYPES),
    status: row.status,
    attempt: row.attempt,
    attempts: attempts as StepAttempt[],
    cacheKey: row.cache_key,
    cacheHit: row.cache_hit === 1,
    reusedStepExecutionId: row.reused_step_execution_id as StepExecutionId | null,
    cacheMiss: nullableJsonObject('step_executions', row.id, 'cache_miss', row.cache_miss) as CacheMissExplanation | null,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    failureReason: row.failure_reason,
    resolvedArguments: nullableJsonObject('step_executions', row.id, 'resolved_arguments', row.resolved_arguments),
    properties: nullableJsonObject('step_executions', row.id, 'properties', row.properties),
    revision: row.revision,
  };
}

export function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id as ArtifactId,
    uri: row.uri,
    digest: digest('artifacts', row.id, 'digest', row.digest),
    type: oneOf<ArtifactType>('artifacts', row.id, 'type', row.type, ARTIFACT_TYPES),
    name: row.name,
    size: row.size,
    properties: jsonObject('artifacts', row.id, 'properties', row.properties),
    createdAt: row.created_at,
    previousVersionId: row.previous_version_id as ArtifactId | null,
  };
}

export function toApproval(row: ApprovalRow): Approval {
  return {
    status: oneOf<ApprovalStatus>('approvals', row.package_id, 'status', row.status, APPROVAL_STATUSES),
    by: row.by_whom,
    at: row.at,
    comment: row.comment,
  };
}

export function toModelPackage(row: ModelPackageRow, approvals: readonly ApprovalRow[]): ModelPackage {
  return {
    id: row.id as ModelPackageId,
    group: row.group_name,
    version: row.version,
    approvalStatus: oneOf<ApprovalStatus>('model_packages', row.id, 'approval_status', row.approval_status, APPROVAL_STATUSES),
    modelArtifactId: row.model_artifact_id as ArtifactId,
    stepExecutionId: row.step_execution_id as StepExecutionId | null,
    description: row.description,
    metrics: jsonObject('model_packages', row.id, 'metrics', row.metrics),
    createdAt: row.created_at,
    approvals: approvals.map(toApproval),
  };
}

export function toContext(row: ContextRow): Context {
  return {
    id: row.id as ContextId,
    type: oneOf<ContextType>('contexts', row.id, 'type', row.type, CONTEXT_TYPES),
    name: row.name,
    properties: jsonObject('contexts', row.id, 'properties', row.properties),
    createdAt: row.created_at,
  };
}

/* ---- lineage nodes: one narrow row shape per table, all mapped here ---------------------------- */

export interface NodeRow {
  id: string;
  /** The node key (see node-keys.ts). */
  key: number;
  depth: number;
  label: string;
  a: string | null;
  b: string | null;
  c: string | null;
  created_at: string | null;
}

/** Which table holds a node, from its id prefix (ids are prefixed by kind in @pedigree/domain). */
export type NodeKind =
  'Pipeline' | 'PipelineVersion' | 'PipelineExecution' | 'StepExecution' | 'Artifact' | 'ModelPackage' | 'Context' | 'OpenLineageRun';

const PREFIX_KINDS: readonly (readonly [string, NodeKind])[] = [
  ['pl_', 'Pipeline'],
  ['pv_', 'PipelineVersion'],
  ['ex_', 'PipelineExecution'],
  ['se_', 'StepExecution'],
  ['ar_', 'Artifact'],
  ['mp_', 'ModelPackage'],
  ['cx_', 'Context'],
  ['olr_', 'OpenLineageRun'],
];

export function nodeKindOf(id: string): NodeKind | null {
  for (const [prefix, kind] of PREFIX_KINDS) if (id.startsWith(prefix)) return kind;
  return null;
}

/** Maps a node row of `kind` (columns a/b/c hold kind-specific fields, see NODE_SELECTS). */
export function toLineageNode(kind: NodeKind, row: NodeRow, depth: number = row.depth): LineageNode {
  // Built field by field rather than by spreads: traversals map thousands of these per call.
  const node: { -readonly [K in keyof LineageNode]: LineageNode[K] } = { id: row.id, type: kind, label: row.label, depth };
  if (row.created_at !== null) node.createdAt = row.created_at;
  switch (kind) {
    case 'Artifact':
      node.artifactType = oneOf<ArtifactType>('artifacts', row.id, 'type', row.a ?? '', ARTIFACT_TYPES);
      node.uri = row.b ?? '';
      node.digest = row.c ?? '';
      break;
    case 'StepExecution': {
      const status = row.b ?? '';
      if (!isStepStatus(status)) throw corrupt('step_executions', row.id, 'status', `has unknown value ${JSON.stringify(status)}`);
      node.stepType = oneOf<StepType>('step_executions', row.id, 'step_type', row.a ?? '', STEP_TYPES);
      node.status = status;
      break;
    }
    case 'PipelineExecution': {
      const status = row.b ?? '';
      if (!isExecutionStatus(status)) throw corrupt('executions', row.id, 'status', `has unknown value ${JSON.stringify(status)}`);
      node.status = status;
      break;
    }
    case 'ModelPackage':
      node.approvalStatus = oneOf<ApprovalStatus>('model_packages', row.id, 'approval_status', row.b ?? '', APPROVAL_STATUSES);
      break;
    case 'Context':
      node.contextType = oneOf<ContextType>('contexts', row.id, 'type', row.a ?? '', CONTEXT_TYPES);
      break;
    case 'OpenLineageRun': {
      // A run only known as another run's parent has no state yet, so no status.
      if (row.b === null) break;
      const status = executionStatusOfOpenLineageState(
        oneOf<OpenLineageRunState>('ol_runs', row.id, 'state', row.b, OPENLINEAGE_RUN_STATES),
      );
      if (status !== null) node.status = status;
      break;
    }
    default:
      break;
  }
  return node;
}

/**
 * Per node kind, a SELECT list over `t` (the entity table) in the NodeRow shape, the column that
 * holds the node id, and the column a node key finds the row by (`seq` for artifacts, whose key is
 * seq * 16; `node_key` elsewhere, see node-keys.ts). Callers add the depth column.
 */
export const NODE_SELECTS: Readonly<
  Record<NodeKind, { readonly table: string; readonly idColumn: string; readonly keyColumn: 'seq' | 'node_key'; readonly columns: string }>
> = {
  Pipeline: {
    table: 'pipelines',
    idColumn: 'node_id',
    keyColumn: 'node_key',
    columns: 't.node_id AS id, t.node_key AS key, t.name AS label, NULL AS a, NULL AS b, NULL AS c, t.created_at AS created_at',
  },
  PipelineVersion: {
    table: 'pipeline_versions',
    idColumn: 'id',
    keyColumn: 'node_key',
    columns:
      "t.id AS id, t.node_key AS key, t.pipeline_name || ' v' || t.version AS label, NULL AS a, NULL AS b, NULL AS c, t.created_at AS created_at",
  },
  PipelineExecution: {
    table: 'executions',
    idColumn: 'id',
    keyColumn: 'node_key',
    columns: 't.id AS id, t.node_key AS key, t.pipeline_name AS label, NULL AS a, t.status AS b, NULL AS c, t.started_at AS created_at',
  },
  StepExecution: {
    table: 'step_executions',
    idColumn: 'id',
    keyColumn: 'node_key',
    columns: 't.id AS id, t.node_key AS key, t.step_name AS label, t.step_type AS a, t.status AS b, NULL AS c, t.started_at AS created_at',
  },
  Artifact: {
    table: 'artifacts',
    idColumn: 'id',
    keyColumn: 'seq',
    columns: 't.id AS id, t.seq * 16 AS key, t.name AS label, t.type AS a, t.uri AS b, t.digest AS c, t.created_at AS created_at',
  },
  ModelPackage: {
    table: 'model_packages',
    idColumn: 'id',
    keyColumn: 'node_key',
    columns:
      "t.id AS id, t.node_key AS key, t.group_name || '/' || t.version AS label, NULL AS a, t.approval_status AS b, NULL AS c, t.created_at AS created_at",
  },
  Context: {
    table: 'contexts',
    idColumn: 'id',
    keyColumn: 'node_key',
    columns: 't.id AS id, t.node_key AS key, t.name AS label, t.type AS a, NULL AS b, NULL AS c, t.created_at AS created_at',
  },
  OpenLineageRun: {
    table: 'ol_runs',
    idColumn: 'node_id',
    keyColumn: 'node_key',
    columns:
      't.node_id AS id, t.node_key AS key, coalesce(t.job_name, t.run_id) AS label, NULL AS a, t.state AS b, NULL AS c, t.started_at AS created_at',
  },
};
