import type {
  Artifact,
  ArtifactId,
  ColumnLineageEdge,
  OpenLineageDataset,
  OpenLineageRun,
  OpenLineageStoredEvent,
  Context,
  ContextId,
  ExecutionId,
  LineageNode,
  ModelPackage,
  ModelPackageId,
  Pipeline,
  PipelineExecution,
  PipelineVersion,
  PipelineVersionId,
  StepExecution,
  StepExecutionId,
} from '@pedigree/domain';
import type {
  ArtifactInput,
  CacheHitCandidate,
  CreateExecutionInput,
  CreateStepExecutionInput,
  EdgeInput,
  ExecutionWithSteps,
  FindCacheHitQuery,
  FindNearestStepQuery,
  ImpactResult,
  InvalidateCacheResult,
  InvalidateCacheScope,
  LineageQueryOptions,
  ListArtifactsQuery,
  ListExecutionsQuery,
  ListModelPackagesQuery,
  ListPipelinesQuery,
  Page,
  PageRequest,
  PathsQuery,
  PathsResult,
  ProvenanceResult,
  RecordStepResultInput,
  RegisterModelPackageInput,
  RegisterModelPackageResult,
  SearchArtifactsQuery,
  SetApprovalInput,
  StepArtifactLink,
  StoreHealth,
  TransitionExecutionInput,
  TransitionStepInput,
  TraverseQuery,
  TraverseResult,
  UpsertContextInput,
  UpsertPipelineVersionInput,
  UpsertPipelineVersionResult,
} from './types.ts';
import type {
  ColumnLineageQuery,
  ListOpenLineageEventsQuery,
  ListOpenLineageRunsQuery,
  OpenLineageEventRecord,
  OpenLineageIngestResult,
} from './openlineage-types.ts';

/**
 * The lineage graph store: the one port every persistence adapter implements (embedded SQLite,
 * Neo4j). Every method is atomic inside the adapter; every write is idempotent for the same
 * input; reads return domain types, never driver types.
 *
 * Errors (all `PedigreeError`): NOT_FOUND names the missing ids; INVALID_ARGUMENT names the
 * argument; VALIDATION_FAILED for malformed inputs with field paths; CONFLICT when an optimistic
 * check fails (another writer won); INVALID_STATUS_TRANSITION for a change the status machine
 * forbids; STORE_UNAVAILABLE when the backend cannot be reached.
 *
 * `runGraphStoreContract` in `@pedigree/graph-store/testing` is the executable specification.
 */
export interface GraphStore {
  /** Adapter name, e.g. `sqlite` or `neo4j`. */
  readonly adapter: string;

  /** Reachability and schema state, for `/readyz`. Never throws. */
  health(): Promise<StoreHealth>;
  /** Releases connections and file handles. Idempotent. */
  close(): Promise<void>;

  // ---- pipelines -------------------------------------------------------------------------------

  /** Stores a pipeline version, creating the pipeline on first use; identical definitions (same hash) return the existing version. */
  upsertPipelineVersion(input: UpsertPipelineVersionInput): Promise<UpsertPipelineVersionResult>;
  /** Throws NOT_FOUND. */
  getPipeline(name: string): Promise<Pipeline>;
  findPipeline(name: string): Promise<Pipeline | null>;
  /** Ordered by name. */
  listPipelines(query?: ListPipelinesQuery): Promise<Page<Pipeline>>;
  /** Throws NOT_FOUND. */
  getPipelineVersion(id: PipelineVersionId): Promise<PipelineVersion>;
  /** A version by number; null when absent. */
  findPipelineVersion(pipelineName: string, version: number): Promise<PipelineVersion | null>;
  /** Newest version first. Throws NOT_FOUND for an unknown pipeline. */
  listPipelineVersions(pipelineName: string, page?: PageRequest): Promise<Page<PipelineVersion>>;

  // ---- executions ------------------------------------------------------------------------------

  /** Creates an execution in status Executing. Same `id` again returns the existing one unchanged. Throws NOT_FOUND for the version. */
  createExecution(input: CreateExecutionInput): Promise<PipelineExecution>;
  /** Status change with an optimistic check on `from`: of two writers, exactly one wins; the other gets CONFLICT. */
  transitionExecution(input: TransitionExecutionInput): Promise<PipelineExecution>;
  /** Throws NOT_FOUND. */
  getExecution(id: ExecutionId): Promise<PipelineExecution>;
  /** Throws NOT_FOUND. */
  getExecutionWithSteps(id: ExecutionId): Promise<ExecutionWithSteps>;
  /** Newest first (by start time, then id). */
  listExecutions(query?: ListExecutionsQuery): Promise<Page<PipelineExecution>>;

  // ---- step executions -------------------------------------------------------------------------

  /** One step execution per (execution, step name): creating it again returns the existing one unchanged. */
  createStepExecution(input: CreateStepExecutionInput): Promise<StepExecution>;
  /**
   * Status change with an optimistic check on `from`. Going to Starting from Failed, Stopped or
   * Executing opens the next attempt; every other change updates the latest attempt.
   */
  transitionStep(input: TransitionStepInput): Promise<StepExecution>;
  /** Records a finished step with its artifacts and lineage edges in one transaction (see the input type). */
  recordStepResult(input: RecordStepResultInput): Promise<StepExecution>;
  /** The batched form: all results in one transaction, all or nothing. Used for imports and benchmarks. */
  recordStepResults(inputs: readonly RecordStepResultInput[]): Promise<readonly StepExecution[]>;
  /** Throws NOT_FOUND. */
  getStepExecution(id: StepExecutionId): Promise<StepExecution>;
  /** Steps of several executions at once (for request-scoped batching), grouped in the order asked. */
  listStepExecutionsByExecution(executionIds: readonly ExecutionId[]): Promise<ReadonlyMap<ExecutionId, readonly StepExecution[]>>;
  /** Input and output artifacts of several step executions at once. */
  listStepArtifacts(stepExecutionIds: readonly StepExecutionId[]): Promise<readonly StepArtifactLink[]>;

  // ---- artifacts -------------------------------------------------------------------------------

  /** Upsert by (uri, digest): the same content at the same URI is one node. New bytes at a known URI link `previousVersionId` to the latest earlier one. */
  upsertArtifact(input: ArtifactInput): Promise<Artifact>;
  upsertArtifacts(inputs: readonly ArtifactInput[]): Promise<readonly Artifact[]>;
  /** Throws NOT_FOUND. */
  getArtifact(id: ArtifactId): Promise<Artifact>;
  /** Several at once, in the order asked; null where absent. */
  getArtifacts(ids: readonly ArtifactId[]): Promise<readonly (Artifact | null)[]>;
  /** With a digest: that exact artifact; without: the latest at the URI. */
  findArtifact(query: { readonly uri: string; readonly digest?: string | null }): Promise<Artifact | null>;
  /** Newest first. */
  listArtifacts(query?: ListArtifactsQuery): Promise<Page<Artifact>>;
  /** Full-text search on name, uri and property values; best matches first. */
  searchArtifacts(query: SearchArtifactsQuery): Promise<Page<Artifact>>;
  /** The step execution that produced each artifact (null for imported ones), in the order asked. */
  getArtifactProducers(ids: readonly ArtifactId[]): Promise<readonly (StepExecution | null)[]>;

  /** Adds DERIVED_FROM / ASSOCIATED_WITH edges; idempotent; NOT_FOUND when an endpoint is missing. */
  recordEdges(edges: readonly EdgeInput[]): Promise<void>;

  // ---- cache -----------------------------------------------------------------------------------

  /** The most recent Succeeded, not invalidated step execution with the key (ended at or after `notBefore`) and its outputs. */
  findCacheHit(query: FindCacheHitQuery): Promise<CacheHitCandidate | null>;
  /** The nearest earlier step execution of the same pipeline step that has a cache key, for explaining a miss. */
  findNearestStepExecution(query: FindNearestStepQuery): Promise<StepExecution | null>;
  /** Marks matching step executions as not reusable. Returns which ones changed. */
  invalidateCache(scope: InvalidateCacheScope): Promise<InvalidateCacheResult>;

  // ---- model packages and contexts -------------------------------------------------------------

  /** Registers a model artifact in a group (next version number), with the PACKAGED_AS edge and first approval entry. Idempotent per (group, model artifact). */
  registerModelPackage(input: RegisterModelPackageInput): Promise<RegisterModelPackageResult>;
  /** Appends to the approval history and sets the status. Throws NOT_FOUND, CONFLICT on a failed `expectedStatus`. */
  setModelPackageApproval(input: SetApprovalInput): Promise<ModelPackage>;
  /** Throws NOT_FOUND. */
  getModelPackage(id: ModelPackageId): Promise<ModelPackage>;
  /** Newest first. */
  listModelPackages(query?: ListModelPackagesQuery): Promise<Page<ModelPackage>>;
  /** Packages of several model artifacts at once, in the order asked. */
  listModelPackagesByArtifact(artifactIds: readonly ArtifactId[]): Promise<ReadonlyMap<ArtifactId, readonly ModelPackage[]>>;
  upsertContext(input: UpsertContextInput): Promise<Context>;
  /** Throws NOT_FOUND. */
  getContext(id: ContextId): Promise<Context>;

  // ---- lineage ---------------------------------------------------------------------------------

  /** Bounded breadth-first traversal; see `TraverseQuery` for defaults, caps and errors. */
  traverse(query: TraverseQuery): Promise<TraverseResult>;
  /** Lineage nodes for ids (any node type), in the order asked; null where absent. */
  getLineageNodes(ids: readonly string[]): Promise<readonly (LineageNode | null)[]>;
  /** Every upstream DataSet of a model (with the paths to it), code, step executions and executions. Throws NOT_FOUND. */
  provenance(modelArtifactId: ArtifactId, options?: LineageQueryOptions): Promise<ProvenanceResult>;
  /** Every downstream Model and model package of an artifact. Throws NOT_FOUND. */
  impact(artifactId: ArtifactId, options?: LineageQueryOptions): Promise<ImpactResult>;
  /** Simple paths along the arrows between two nodes, shortest first. Throws NOT_FOUND for either id. */
  paths(query: PathsQuery): Promise<PathsResult>;

  // ---- OpenLineage -----------------------------------------------------------------------------

  /** Applies one normalized event atomically and idempotently (see `OpenLineageEventRecord` for the mapping). */
  recordOpenLineageEvent(record: OpenLineageEventRecord): Promise<OpenLineageIngestResult>;
  /** Throws NOT_FOUND with the runId. */
  getOpenLineageRun(runId: string): Promise<OpenLineageRun>;
  findOpenLineageRun(runId: string): Promise<OpenLineageRun | null>;
  /** Newest first (by startedAt, then runId). */
  listOpenLineageRuns(query?: ListOpenLineageRunsQuery): Promise<Page<OpenLineageRun>>;
  /** The run's raw events in (eventTime, eventDigest) order. Throws NOT_FOUND for an unknown run. */
  listOpenLineageEvents(query: ListOpenLineageEventsQuery): Promise<Page<OpenLineageStoredEvent>>;
  /** Null when no event named the dataset. */
  findOpenLineageDataset(namespace: string, name: string): Promise<OpenLineageDataset | null>;
  /** Field-level edges touching a dataset (or one of its fields), sorted by (from, to). */
  listColumnLineage(query: ColumnLineageQuery): Promise<readonly ColumnLineageEdge[]>;
}
