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
 * Bookkeeping nodes (not `:LineageNode`, never traversed): `:ModelPackageGroup {name, latestVersion}`
 * numbers package versions within a group; `:PedigreeSchema {key, version}` records the schema version.
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
 *
 * Constraints and indexes: see the `schema-*.cypher` statements (uniqueness of `id` per label and
 * on `:LineageNode`, pipeline name, (executionId, stepName) of a step execution, group name; range
 * indexes for every lookup path; the full-text index `artifact_search` on name, uri and searchText).
 */
import { EDGE_TYPES, NODE_TYPES } from '@pedigree/domain';

/** Bumped when constraints, indexes or property encodings change in a way old data must be migrated for. */
export const GRAPH_SCHEMA_VERSION = 1;

export const COMMON_LABEL = 'LineageNode';
export const BOOKKEEPING_LABELS = ['ModelPackageGroup', 'PedigreeSchema'] as const;

export const GRAPH_LABELS: readonly string[] = [COMMON_LABEL, ...NODE_TYPES, ...BOOKKEEPING_LABELS];
export const GRAPH_RELATIONSHIP_TYPES: readonly string[] = [...EDGE_TYPES];

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
  // bookkeeping
  'key',
  // Write-lock and created markers: set and removed inside one statement, never committed.
  '_lock',
  '_created',
];

/** Name of the full-text index over artifacts (see `schema-artifact-search.cypher`). */
export const ARTIFACT_SEARCH_INDEX = 'artifact_search';
