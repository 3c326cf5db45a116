/**
 * The Neo4j graph model of the lineage store (DESIGN.md section 3). This module is the single
 * record of what the adapter puts in the database; the Cypher lint test declares exactly these
 * labels, relationship types and property keys to Neo4j's Cypher front end, so a statement that
 * uses anything else fails CI.
 *
 * Nodes. Every lineage node carries the common label `:LineageNode` and a unique `id`, plus the
 * label of its type and a `nodeType` property naming it (so a generic traversal can expand from
 * `(:LineageNode {id})` and map any node without asking for its labels):
 *
 * - `:Pipeline {id, name, description, createdAt, latestVersion}`: `id` is `pipelineNodeIdFor(name)`.
 * - `:PipelineVersion {id, pipelineName, version, definitionHash, definition, createdAt}`.
 * - `:PipelineExecution {id, pipelineName, pipelineVersionId, status, parameters, startedAt, endedAt,
 *   failureReason, createdBy, scheduleId, revision}`.
 * - `:StepExecution {id, executionId, pipelineName, stepName, stepType, status, attempt, attempts,
 *   cacheKey, cacheHit, cacheInvalidated, reusedStepExecutionId, cacheMiss, startedAt, endedAt,
 *   failureReason, resolvedArguments, properties, revision}`.
 * - `:Artifact {id, uri, digest, type, name, size, properties, searchText, createdAt, previousVersionId}`:
 *   `id` is `artifactIdFor(uri, digest)`; `searchText` flattens property values for full-text search.
 * - `:ModelPackage {id, group, version, approvalStatus, modelArtifactId, stepExecutionId, description,
 *   metrics, createdAt, approvals}`: `approvals` is the history, a list of JSON strings, oldest first.
 * - `:Context {id, type, name, properties, createdAt}`: `id` is `contextIdFor(type, name)`.
 *
 * - `:OpenLineageRun {id, runId, jobNamespace, jobName, jobRank, state, stateRank, startedAt, endedAt,
 *   parentRunId, parentRank, eventCount, producers}` (producers: a list of strings, in arrival order): `id` is `openLineageRunNodeId(runId)`. The `*Rank` texts make the
 *   merge of a run's events order-independent (see `openlineage-plan.ts`): a value is replaced only
 *   by an event of higher rank. A run only known as another run's parent has no state.
 *
 * Bookkeeping nodes (not `:LineageNode`, never traversed): `:ModelPackageGroup {name, latestVersion}`
 * numbers package versions within a group; `:PedigreeSchema {key, version}` records the schema version.
 * OpenLineage keeps four more:
 * - `:OpenLineageEvent {eventDigest, kind, eventType, eventTime, producer, runId, receivedAt, event}`:
 *   the raw event log, one node per digest (created once, never changed), `(run)-[:HAS_EVENT]->(event)`.
 * - `:OpenLineageFacet {ownerId, name, eventTime, eventDigest, value}`: one node per (owner, facet
 *   name), holding the value (JSON) of the latest event by (eventTime, eventDigest). Owners: a run
 *   node id, a job Context id, a dataset version artifact id, or `<run node id>|input|<artifact id>`
 *   (`|output|`) for the input/output facets a run reported for a dataset.
 * - `:OpenLineageDataset {uri, namespace, name}`: that some event named the dataset; also the lock
 *   every write touching the dataset's versions takes first, so concurrent events recompute
 *   `previousVersionId` over all versions rather than over what each one sees.
 * - `:DatasetField {datasetUri, namespace, name, field}` with
 *   `(from:DatasetField)-[:COLUMN_LINEAGE {transformations, eventTime, eventDigest}]->(to:DatasetField)`:
 *   field-level lineage, one relationship per (input field, output field), transformations (JSON)
 *   from the latest event that reported the pair.
 *
 * Property encodings: timestamps are Neo4j `DateTime` values (UTC, written with `datetime($iso)`,
 * read back through `to-domain.ts`); counters and sizes are Neo4j integers (sent as driver
 * `Integer`s, see `to-driver.ts`); JSON documents (definition, parameters, attempts, cacheMiss,
 * resolvedArguments, properties, metrics) are JSON strings, because Neo4j properties cannot hold maps.
 *
 * Relationships point the way data flows (upstream = against the arrows):
 * `(Artifact)-[:CONSUMED_BY {name}]->(StepExecution)-[:PRODUCED {name}]->(Artifact)`,
 * `(StepExecution)-[:PART_OF]->(PipelineExecution)-[:RUN_OF]->(PipelineVersion)-[:VERSION_OF]->(Pipeline)`,
 * `(StepExecution)-[:REUSED]->(StepExecution)`, `(Artifact)-[:DERIVED_FROM {name}]->(Artifact)`,
 * `(Artifact)-[:PACKAGED_AS]->(ModelPackage)`, `(any LineageNode)-[:ASSOCIATED_WITH]->(Context)`.
 * `name` on CONSUMED_BY / PRODUCED is the channel name and part of the edge's identity.
 * OpenLineage runs take a step execution's place: `(Artifact)-[:CONSUMED_BY]->(OpenLineageRun)
 * -[:PRODUCED]->(Artifact)` (no channel name), `(run)-[:PART_OF]->(parent run)`,
 * `(run)-[:ASSOCIATED_WITH]->(job Context)`; column lineage adds `(Artifact)-[:DERIVED_FROM]->(Artifact)`
 * between dataset version artifacts.
 *
 * Constraints and indexes: see the `schema-*.cypher` statements (uniqueness of `id` per label and
 * on `:LineageNode`, pipeline name, (executionId, stepName) of a step execution, group name; range
 * indexes for every lookup path; the full-text index `artifact_search` on name, uri and searchText).
 */
import { EDGE_ENDPOINTS, EDGE_TYPES, NODE_TYPES, type EdgeType, type NodeType } from '@pedigree/domain';

/** Bumped when constraints, indexes or property encodings change in a way old data must be migrated for. */
export const GRAPH_SCHEMA_VERSION = 1;

export const COMMON_LABEL = 'LineageNode';
export const BOOKKEEPING_LABELS = [
  'ModelPackageGroup',
  'PedigreeSchema',
  'OpenLineageEvent',
  'OpenLineageFacet',
  'OpenLineageDataset',
  'DatasetField',
] as const;

/**
 * Relationships that are not lineage edges (traversals only follow EDGE_TYPES), with the labels
 * they connect, in the direction they point.
 */
export const BOOKKEEPING_RELATIONSHIPS: Readonly<Record<string, { readonly from: string; readonly to: string }>> = {
  HAS_EVENT: { from: 'OpenLineageRun', to: 'OpenLineageEvent' },
  COLUMN_LINEAGE: { from: 'DatasetField', to: 'DatasetField' },
};

export const GRAPH_LABELS: readonly string[] = [COMMON_LABEL, ...NODE_TYPES, ...BOOKKEEPING_LABELS];
export const GRAPH_RELATIONSHIP_TYPES: readonly string[] = [...EDGE_TYPES, ...Object.keys(BOOKKEEPING_RELATIONSHIPS)];

/**
 * The node types each lineage edge connects in this adapter: the domain's EDGE_ENDPOINTS (which
 * describe the pipeline graph and what `recordEdges` accepts) plus the edges an OpenLineage run
 * takes part in as a step execution's counterpart. Only the Cypher lint reads this; `recordEdges`
 * keeps validating against the domain's table, as every adapter does.
 */
export const GRAPH_EDGE_ENDPOINTS: Readonly<Record<EdgeType, { readonly from: readonly NodeType[]; readonly to: readonly NodeType[] }>> = {
  ...EDGE_ENDPOINTS,
  CONSUMED_BY: { from: EDGE_ENDPOINTS.CONSUMED_BY.from, to: [...EDGE_ENDPOINTS.CONSUMED_BY.to, 'OpenLineageRun'] },
  PRODUCED: { from: [...EDGE_ENDPOINTS.PRODUCED.from, 'OpenLineageRun'], to: EDGE_ENDPOINTS.PRODUCED.to },
  PART_OF: { from: [...EDGE_ENDPOINTS.PART_OF.from, 'OpenLineageRun'], to: [...EDGE_ENDPOINTS.PART_OF.to, 'OpenLineageRun'] },
  ASSOCIATED_WITH: { from: [...EDGE_ENDPOINTS.ASSOCIATED_WITH.from, 'OpenLineageRun'], to: EDGE_ENDPOINTS.ASSOCIATED_WITH.to },
};

/** Every property key the statements read or write, on nodes and relationships. */
export const GRAPH_PROPERTY_KEYS: readonly string[] = [
  // common
  'id',
  'nodeType',
  'name',
  'createdAt',
  'properties',
  'status',
  'revision',
  'startedAt',
  'endedAt',
  'failureReason',
  'version',
  'description',
  'type',
  // pipelines
  'latestVersion',
  'pipelineName',
  'definitionHash',
  'definition',
  // executions
  'pipelineVersionId',
  'parameters',
  'createdBy',
  'scheduleId',
  // step executions
  'executionId',
  'stepName',
  'stepType',
  'attempt',
  'attempts',
  'cacheKey',
  'cacheHit',
  'cacheInvalidated',
  'reusedStepExecutionId',
  'cacheMiss',
  'resolvedArguments',
  // artifacts
  'uri',
  'digest',
  'size',
  'searchText',
  'previousVersionId',
  // model packages
  'group',
  'approvalStatus',
  'modelArtifactId',
  'stepExecutionId',
  'metrics',
  'approvals',
  // OpenLineage runs
  'runId',
  'jobNamespace',
  'jobName',
  'jobRank',
  'state',
  'stateRank',
  'parentRunId',
  'parentRank',
  'eventCount',
  'producers',
  // OpenLineage events, facets, datasets and fields
  'eventDigest',
  'kind',
  'eventType',
  'eventTime',
  'producer',
  'receivedAt',
  'event',
  'ownerId',
  'value',
  'namespace',
  'datasetUri',
  'field',
  'transformations',
  // bookkeeping
  'key',
  // Write-lock and created markers: set and removed inside one statement, never committed.
  '_lock',
  '_created',
];

/** Name of the full-text index over artifacts (see `schema-artifact-search.cypher`). */
export const ARTIFACT_SEARCH_INDEX = 'artifact_search';
