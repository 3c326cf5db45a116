import type {
  ApprovalStatus,
  Artifact,
  ArtifactId,
  ArtifactType,
  CacheMissExplanation,
  Context,
  ContextId,
  ContextType,
  Digest,
  EdgeType,
  ExecutionId,
  ExecutionStatus,
  FailureKind,
  IsoTimestamp,
  JsonObject,
  LineageDirection,
  LineageEdge,
  LineageNode,
  ModelPackage,
  ModelPackageId,
  NodeType,
  OpenLineageRun,
  ParameterValue,
  Pipeline,
  PipelineExecution,
  PipelineVersion,
  PipelineVersionId,
  StepExecution,
  StepExecutionId,
  StepStatus,
  StepType,
} from '@pedigree/domain';

/* ------------------------------------------------------------------------------------------------
 * Pagination
 * --------------------------------------------------------------------------------------------- */

/** Cursor pagination: pass `endCursor` of one page as `after` to get the next. */
export interface PageRequest {
  /** Page size; default 50, at most 1,000 (INVALID_ARGUMENT beyond). */
  readonly first?: number;
  /** An opaque cursor from a previous page of the same query (INVALID_ARGUMENT if malformed). */
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 1000;

/* ------------------------------------------------------------------------------------------------
 * Pipelines
 * --------------------------------------------------------------------------------------------- */

export interface UpsertPipelineVersionInput {
  readonly pipelineName: string;
  readonly description?: string | null;
  /** Canonical definition document; stored as given. */
  readonly definition: JsonObject;
  /** sha256 of the canonical definition; identifies the version within the pipeline. */
  readonly definitionHash: Digest;
  readonly at?: IsoTimestamp;
}

export interface UpsertPipelineVersionResult {
  readonly pipeline: Pipeline;
  readonly version: PipelineVersion;
  /** False when an identical definition was already stored: the existing version is returned. */
  readonly created: boolean;
}

export interface ListPipelinesQuery extends PageRequest {
  /** Case-insensitive substring of the pipeline name. */
  readonly search?: string;
}

/* ------------------------------------------------------------------------------------------------
 * Executions and steps
 * --------------------------------------------------------------------------------------------- */

export interface CreateExecutionInput {
  /** Caller-chosen id (lets a caller retry creation idempotently); generated when absent. */
  readonly id?: ExecutionId;
  readonly pipelineVersionId: PipelineVersionId;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly createdBy?: string | null;
  readonly scheduleId?: string | null;
  readonly at?: IsoTimestamp;
}

export interface TransitionExecutionInput {
  readonly id: ExecutionId;
  /** Optimistic check: the status the caller believes the execution has (CONFLICT otherwise). */
  readonly from: ExecutionStatus;
  readonly to: ExecutionStatus;
  readonly failureReason?: string | null;
  readonly at?: IsoTimestamp;
}

export interface ListExecutionsQuery extends PageRequest {
  readonly pipelineName?: string;
  readonly pipelineVersionId?: PipelineVersionId;
  readonly statuses?: readonly ExecutionStatus[];
  /** Inclusive: started at or after. */
  readonly startedAfter?: IsoTimestamp;
  /** Exclusive: started strictly before. */
  readonly startedBefore?: IsoTimestamp;
  readonly createdBy?: string;
  readonly scheduleId?: string;
}

export interface ExecutionWithSteps {
  readonly execution: PipelineExecution;
  /** Ordered by first start time, then step name. */
  readonly steps: readonly StepExecution[];
}

export interface CreateStepExecutionInput {
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly stepType: StepType;
  /** `Starting` opens attempt 1; `Skipped` records a step on a branch not taken (no attempt). */
  readonly status: 'Starting' | 'Skipped';
  readonly at?: IsoTimestamp;
}

export interface TransitionStepInput {
  readonly id: StepExecutionId;
  /** Optimistic check: the status the caller believes the step has (CONFLICT otherwise). */
  readonly from: StepStatus;
  readonly to: StepStatus;
  readonly at?: IsoTimestamp;
  readonly failureReason?: string | null;
  readonly failureKind?: FailureKind | null;
  readonly exitCode?: number | null;
  readonly cacheKey?: string | null;
  /** The cache-key material: resolved arguments, code and input digests, environment. */
  readonly resolvedArguments?: JsonObject | null;
  readonly cacheMiss?: CacheMissExplanation | null;
}

export interface ArtifactInput {
  readonly uri: string;
  readonly digest: Digest;
  readonly type: ArtifactType;
  readonly name: string;
  readonly size: number;
  readonly properties?: JsonObject;
  readonly createdAt?: IsoTimestamp;
}

/** A named channel binding of an artifact to a step (input channel or output channel name). */
export interface ChannelArtifactInput {
  readonly name: string;
  readonly artifact: ArtifactInput;
}

/**
 * Everything a finished step leaves behind, written in one transaction: the status change, the
 * input and output artifacts (upserted), CONSUMED_BY and PRODUCED edges with channel names, the
 * REUSED edge of a cache hit and the parsed properties. Recording the same result twice changes
 * nothing and returns the same step execution.
 */
export interface RecordStepResultInput {
  readonly stepExecutionId: StepExecutionId;
  /** Optimistic check on the current status (`Executing`, or `Starting` for a cache hit). */
  readonly from: StepStatus;
  readonly status: 'Succeeded' | 'Cached' | 'Failed';
  readonly at?: IsoTimestamp;
  readonly inputs: readonly ChannelArtifactInput[];
  /** Must be empty when status is Failed: no artifact exists without a successful producer. */
  readonly outputs: readonly ChannelArtifactInput[];
  readonly properties?: JsonObject | null;
  readonly cacheKey?: string | null;
  readonly resolvedArguments?: JsonObject | null;
  /** Required when status is Cached: the step execution whose outputs are reused. */
  readonly reusedStepExecutionId?: StepExecutionId | null;
  readonly failureReason?: string | null;
  readonly failureKind?: FailureKind | null;
  readonly exitCode?: number | null;
}

export interface StepArtifactLink {
  readonly stepExecutionId: StepExecutionId;
  readonly direction: 'input' | 'output';
  /** Channel name. */
  readonly name: string;
  readonly artifact: Artifact;
}

/* ------------------------------------------------------------------------------------------------
 * Artifacts
 * --------------------------------------------------------------------------------------------- */

export interface ListArtifactsQuery extends PageRequest {
  readonly types?: readonly ArtifactType[];
  /** Case-insensitive substring of the name. */
  readonly name?: string;
  readonly uriPrefix?: string;
  /** Inclusive: created at or after. */
  readonly createdAfter?: IsoTimestamp;
  /** Exclusive: created strictly before. */
  readonly createdBefore?: IsoTimestamp;
}

export interface SearchArtifactsQuery extends PageRequest {
  /** Words matched against name, uri and property values; all words must match (prefix match). */
  readonly text: string;
  readonly types?: readonly ArtifactType[];
}

/* ------------------------------------------------------------------------------------------------
 * Cache
 * --------------------------------------------------------------------------------------------- */

export interface FindCacheHitQuery {
  readonly cacheKey: string;
  /** Only step executions that ended at or after this time count (the step's `expireAfter`). */
  readonly notBefore?: IsoTimestamp | null;
  /** Leave out step executions of this execution (a step never reuses itself). */
  readonly excludeExecutionId?: ExecutionId | null;
}

export interface CacheHitCandidate {
  /** The most recent Succeeded (not invalidated) step execution with the key. */
  readonly stepExecution: StepExecution;
  readonly outputs: readonly { readonly name: string; readonly artifact: Artifact }[];
}

export interface FindNearestStepQuery {
  readonly pipelineName: string;
  readonly stepName: string;
  /** Only step executions that started before this time. */
  readonly before?: IsoTimestamp | null;
  readonly excludeExecutionId?: ExecutionId | null;
}

export type InvalidateCacheScope =
  | { readonly stepExecutionId: StepExecutionId }
  | { readonly executionId: ExecutionId; readonly stepName: string }
  | { readonly pipelineName: string }
  /** Invalidates every cached step execution downstream of the artifact (consumers, their outputs' consumers, ...). */
  | { readonly artifactId: ArtifactId };

export interface InvalidateCacheResult {
  readonly invalidatedStepExecutionIds: readonly StepExecutionId[];
}

/* ------------------------------------------------------------------------------------------------
 * Model packages and contexts
 * --------------------------------------------------------------------------------------------- */

export interface RegisterModelPackageInput {
  readonly group: string;
  readonly modelArtifactId: ArtifactId;
  readonly stepExecutionId?: StepExecutionId | null;
  readonly approvalStatus: ApprovalStatus;
  readonly description?: string | null;
  readonly metrics?: JsonObject;
  /** Who registered it (a user, or `pipeline:<executionId>`); the first approval history entry. */
  readonly by: string;
  readonly at?: IsoTimestamp;
}

export interface RegisterModelPackageResult {
  readonly modelPackage: ModelPackage;
  /** False when the same model artifact was already registered in the group: that package is returned. */
  readonly created: boolean;
}

export interface SetApprovalInput {
  readonly id: ModelPackageId;
  readonly status: ApprovalStatus;
  readonly by: string;
  readonly comment?: string | null;
  readonly at?: IsoTimestamp;
  /** Optional optimistic check on the current status (CONFLICT otherwise). */
  readonly expectedStatus?: ApprovalStatus;
}

export interface ListModelPackagesQuery extends PageRequest {
  readonly group?: string;
  readonly approvalStatuses?: readonly ApprovalStatus[];
}

export interface UpsertContextInput {
  readonly type: ContextType;
  readonly name: string;
  readonly properties?: JsonObject;
  readonly at?: IsoTimestamp;
}

export interface EdgeInput {
  readonly from: string;
  readonly to: string;
  readonly type: Extract<EdgeType, 'DERIVED_FROM' | 'ASSOCIATED_WITH'>;
  /** Optional label (for DERIVED_FROM: the transformation, e.g. a column-lineage description). */
  readonly name?: string | null;
}

/* ------------------------------------------------------------------------------------------------
 * Lineage
 * --------------------------------------------------------------------------------------------- */

export const TRAVERSE_DEFAULT_MAX_DEPTH = 10;
export const TRAVERSE_MAX_DEPTH_CAP = 50;
export const TRAVERSE_DEFAULT_NODE_LIMIT = 1000;
export const TRAVERSE_NODE_LIMIT_CAP = 10_000;

/**
 * A bounded breadth-first traversal with a visited set.
 *
 * - `direction`: DOWNSTREAM follows edges along their arrows, UPSTREAM against them, BOTH either.
 * - `edgeTypes` restricts which edges are followed (default: all).
 * - `nodeTypes` / `artifactTypes` restrict which visited nodes are returned; the traversal still
 *   passes through other nodes, so "only DataSets upstream of this model" works. How the two
 *   combine is `isReturnedNode` (lineage-derived.ts): `artifactTypes` alone returns only those
 *   artifacts; with `nodeTypes` too, the listed node types plus those artifacts.
 * - `nodeLimit` bounds the nodes visited (returned or not, start nodes included); when reachable
 *   nodes within `maxDepth` were left unvisited because of it, `truncated` is true. Nodes are visited
 *   in order of depth, so every returned depth is the true shortest distance.
 * - Values above the caps, below 0 (depth) or below 1 (limit) are INVALID_ARGUMENT; unknown start
 *   ids are NOT_FOUND naming them.
 */
export interface TraverseQuery {
  readonly startIds: readonly string[];
  readonly direction: LineageDirection;
  /** Default 10, cap 50. */
  readonly maxDepth?: number;
  readonly edgeTypes?: readonly EdgeType[];
  readonly nodeTypes?: readonly NodeType[];
  readonly artifactTypes?: readonly ArtifactType[];
  /** Default 1,000, cap 10,000. */
  readonly nodeLimit?: number;
}

export interface TraverseResult {
  /** Returned nodes with their depth; start nodes at depth 0. */
  readonly nodes: readonly LineageNode[];
  /** Every edge (of the followed types) whose two endpoints are both returned nodes. */
  readonly edges: readonly LineageEdge[];
  readonly truncated: boolean;
}

export interface LineagePath {
  /** Node ids from the path's start to its end. */
  readonly nodeIds: readonly string[];
  readonly edges: readonly LineageEdge[];
}

export interface PathsQuery {
  readonly fromId: string;
  readonly toId: string;
  /** Longest path length in edges; default 10, cap 50. */
  readonly maxDepth?: number;
  /** At most this many paths, shortest first; default 20, cap 100. */
  readonly limit?: number;
}

export interface PathsResult {
  /** Simple paths that follow the arrows from `fromId` to `toId`, shortest first. */
  readonly paths: readonly LineagePath[];
  /** True when more paths exist than `limit`. */
  readonly truncated: boolean;
}

export interface ProvenanceDataset {
  readonly artifact: Artifact;
  /** Hops from the dataset to the model. */
  readonly depth: number;
  /** Paths along the arrows from the dataset to the model (at most 5 each, shortest first). */
  readonly paths: readonly LineagePath[];
}

export interface ProvenanceResult {
  readonly model: Artifact;
  /** Every upstream DataSet artifact, nearest first. */
  readonly datasets: readonly ProvenanceDataset[];
  /** Every upstream Code artifact. */
  readonly code: readonly Artifact[];
  /** Every upstream step execution (the steps that made the model and its inputs). */
  readonly stepExecutions: readonly StepExecution[];
  /** The pipeline executions those steps belong to. */
  readonly executions: readonly PipelineExecution[];
  /**
   * Every upstream run of an external job known from OpenLineage events (the Spark, dbt, Airflow
   * or Flink runs that wrote the datasets behind the model), nearest first.
   */
  readonly openLineageRuns: readonly OpenLineageRun[];
  readonly truncated: boolean;
}

export interface ImpactResult {
  readonly artifact: Artifact;
  /** Every downstream Model artifact, nearest first. */
  readonly models: readonly Artifact[];
  /** Every model package those models were registered as. */
  readonly modelPackages: readonly ModelPackage[];
  /** Every downstream step execution that consumed the artifact or something made from it. */
  readonly stepExecutions: readonly StepExecution[];
  readonly truncated: boolean;
}

export interface LineageQueryOptions {
  readonly maxDepth?: number;
  readonly nodeLimit?: number;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly adapter: string;
  readonly schemaVersion: number | null;
  readonly message: string;
}

export type { Artifact, Context, ContextId };
