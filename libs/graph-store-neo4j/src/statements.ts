/**
 * The named Cypher statements: one static, parameterized statement per `cypher/<name>.cypher`
 * file, loaded once when the adapter starts. No Cypher is built from strings anywhere in this
 * package; the only thing that varies per call is the parameter map.
 *
 * `STATEMENT_PARAMETERS` is the contract between the code and the files: the exact parameter names
 * each statement takes. `runStatement` refuses a call whose parameter names differ (a programming
 * error, caught by the snapshot tests), and the Cypher lint test checks each file uses exactly
 * these `$parameters`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PedigreeError } from '@pedigree/domain';

export const STATEMENT_PARAMETERS = {
  // schema (run once at start, each in its own transaction: Neo4j forbids schema and data changes together)
  'schema-lineage-node-id': [],
  'schema-pipeline-id': [],
  'schema-pipeline-name': [],
  'schema-pipeline-version-id': [],
  'schema-pipeline-version-number': [],
  'schema-pipeline-execution-id': [],
  'schema-pipeline-execution-started-at': [],
  'schema-step-execution-id': [],
  'schema-step-execution-step': [],
  'schema-step-execution-cache-key': [],
  'schema-step-execution-pipeline-step': [],
  'schema-artifact-id': [],
  'schema-artifact-uri': [],
  'schema-artifact-created-at': [],
  'schema-artifact-search': [],
  'schema-model-package-id': [],
  'schema-model-package-group': [],
  'schema-model-package-group-name': [],
  'schema-context-id': [],
  'schema-meta-key': [],
  'schema-openlineage-run-id': [],
  'schema-openlineage-run-started-at': [],
  'schema-openlineage-run-job': [],
  'schema-openlineage-run-parent': [],
  'schema-openlineage-event-digest': [],
  'schema-openlineage-facet-owner-name': [],
  'schema-openlineage-facet-owner': [],
  'schema-openlineage-dataset-uri': [],
  'schema-dataset-field': [],
  'schema-dataset-field-dataset': [],
  'schema-record-version': ['version'],
  'await-indexes': ['timeoutSeconds'],
  'health-check': [],
  // pipelines
  'upsert-pipeline-version': ['pipelineId', 'pipelineName', 'description', 'versionId', 'definitionHash', 'definition', 'at'],
  'get-pipeline': ['name'],
  'list-pipelines': ['search', 'afterName', 'limit'],
  'get-pipeline-version': ['id'],
  'find-pipeline-version': ['pipelineName', 'version'],
  'list-pipeline-versions': ['pipelineName', 'afterVersion', 'limit'],
  // executions
  'create-execution': ['id', 'pipelineVersionId', 'parameters', 'createdBy', 'scheduleId', 'at'],
  'update-execution': ['id', 'from', 'revision', 'status', 'endedAt', 'failureReason'],
  'get-execution': ['id'],
  'list-executions': [
    'pipelineName',
    'pipelineVersionId',
    'statuses',
    'startedAfter',
    'startedBefore',
    'createdBy',
    'scheduleId',
    'afterStartedAt',
    'afterId',
    'limit',
  ],
  // steps
  'create-step-execution': ['id', 'executionId', 'stepName', 'stepType', 'status', 'attempt', 'attempts', 'startedAt', 'endedAt'],
  'get-step-executions': ['ids'],
  'update-step-execution': [
    'id',
    'from',
    'revision',
    'status',
    'attempt',
    'attempts',
    'cacheKey',
    'cacheHit',
    'reusedStepExecutionId',
    'cacheMiss',
    'startedAt',
    'endedAt',
    'failureReason',
    'resolvedArguments',
    'properties',
  ],
  'list-steps-by-executions': ['executionIds'],
  'record-step-inputs': ['stepExecutionId', 'inputs'],
  'record-step-outputs': ['stepExecutionId', 'outputs'],
  'record-reused-edge': ['stepExecutionId', 'reusedStepExecutionId'],
  'list-step-artifacts': ['stepExecutionIds'],
  // artifacts and edges
  'find-latest-artifacts-at-uris': ['uris'],
  'upsert-artifacts': ['artifacts'],
  'get-artifacts': ['ids'],
  'find-latest-artifact-at-uri': ['uri'],
  'list-artifacts': ['types', 'name', 'uriPrefix', 'createdAfter', 'createdBefore', 'afterCreatedAt', 'afterId', 'limit'],
  'search-artifacts': ['query', 'types', 'skip', 'limit'],
  'get-artifact-producers': ['ids'],
  'record-derived-from-edges': ['edges'],
  'record-associated-with-edges': ['edges'],
  // cache
  'find-cache-hit': ['cacheKey', 'notBefore', 'excludeExecutionId'],
  'find-nearest-step-execution': ['pipelineName', 'stepName', 'before', 'excludeExecutionId'],
  'find-step-execution-by-name': ['executionId', 'stepName'],
  'list-step-execution-ids-by-pipeline': ['pipelineName'],
  'invalidate-cache': ['stepExecutionIds'],
  // model packages and contexts
  'lock-model-package-group': ['group', 'modelArtifactId'],
  'create-model-package': [
    'id',
    'group',
    'version',
    'approvalStatus',
    'modelArtifactId',
    'stepExecutionId',
    'description',
    'metrics',
    'at',
    'approval',
  ],
  'update-model-package-approval': ['id', 'expectedStatus', 'status', 'approval'],
  'get-model-packages': ['ids'],
  'list-model-packages': ['group', 'approvalStatuses', 'afterCreatedAt', 'afterId', 'limit'],
  'list-model-packages-by-artifact': ['artifactIds'],
  'upsert-context': ['id', 'type', 'name', 'properties', 'replaceProperties', 'at'],
  'get-context': ['id'],
  // lineage
  'get-lineage-nodes': ['ids'],
  'traverse-hop-downstream': ['frontier', 'edgeTypes', 'visited', 'remaining'],
  'traverse-hop-upstream': ['frontier', 'edgeTypes', 'visited', 'remaining'],
  'traverse-hop-both': ['frontier', 'edgeTypes', 'visited', 'remaining'],
  'traverse-edges': ['ids', 'edgeTypes'],
  // OpenLineage (one write transaction per event record; see openlineage-plan.ts)
  'create-openlineage-event': ['eventDigest', 'kind', 'eventType', 'eventTime', 'producer', 'runId', 'receivedAt', 'event'],
  'merge-openlineage-run': ['id', 'runId', 'jobContextId', 'jobNamespace', 'jobName', 'jobRank'],
  'apply-openlineage-run-event': [
    'eventDigest',
    'id',
    'state',
    'stateRank',
    'endedAt',
    'eventTime',
    'producer',
    'parentId',
    'parentRunId',
    'parentRank',
  ],
  'upsert-openlineage-jobs': ['jobs', 'eventTime'],
  'lock-openlineage-datasets': ['datasets'],
  'upsert-openlineage-dataset-versions': ['versions', 'eventTime'],
  'relink-openlineage-dataset-versions': ['uris'],
  'record-openlineage-run-inputs': ['runNodeId', 'artifactIds'],
  'record-openlineage-run-outputs': ['runNodeId', 'artifactIds'],
  'record-openlineage-facets': ['facets', 'eventTime', 'eventDigest'],
  'record-column-lineage': ['edges', 'eventTime', 'eventDigest'],
  'get-openlineage-runs': ['ids'],
  'list-openlineage-runs': ['jobNamespace', 'jobName', 'parentRunId', 'afterStartedAt', 'afterRunId', 'limit'],
  'list-openlineage-events': ['runNodeId', 'afterEventTime', 'afterEventDigest', 'limit'],
  'find-openlineage-dataset': ['uri'],
  'list-column-lineage': ['uri', 'field', 'upstream', 'downstream'],
} as const satisfies Record<string, readonly string[]>;

export type StatementName = keyof typeof STATEMENT_PARAMETERS;
/** Distributes over a union of names, so one call site can run any of several statements that share parameters. */
export type StatementParams<N extends StatementName> = N extends StatementName
  ? { readonly [K in (typeof STATEMENT_PARAMETERS)[N][number]]: unknown }
  : never;

/** Statements run once at start to create constraints and indexes idempotently, in this order. */
export const SCHEMA_STATEMENTS: readonly StatementName[] = (Object.keys(STATEMENT_PARAMETERS) as StatementName[]).filter(
  (name) => name.startsWith('schema-') && name !== 'schema-record-version',
);

export const CYPHER_DIRECTORY = fileURLToPath(new URL('./cypher/', import.meta.url));

export type StatementTexts = ReadonlyMap<StatementName, string>;

/**
 * Reads every `cypher/*.cypher` file. Throws INTERNAL when a registered statement has no file or a
 * file is not registered: both mean the package was edited inconsistently, and failing at start is
 * better than failing on the first call that needs the statement.
 */
export function loadStatements(directory: string = CYPHER_DIRECTORY): StatementTexts {
  const files = readdirSync(directory).filter((f) => f.endsWith('.cypher'));
  const texts = new Map<StatementName, string>();
  const unregistered: string[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.cypher'.length);
    if (!(name in STATEMENT_PARAMETERS)) {
      unregistered.push(file);
      continue;
    }
    texts.set(name as StatementName, readFileSync(`${directory}/${file}`, 'utf8').trim());
  }
  const missing = (Object.keys(STATEMENT_PARAMETERS) as StatementName[]).filter((name) => !texts.has(name));
  if (unregistered.length > 0 || missing.length > 0) {
    throw new PedigreeError('INTERNAL', 'Cypher statement files and the statement registry disagree', { unregistered, missing });
  }
  return texts;
}

/** Throws INTERNAL unless `params` has exactly the statement's declared parameter names. */
export function assertStatementParams(name: StatementName, params: Readonly<Record<string, unknown>>): void {
  const expected: readonly string[] = STATEMENT_PARAMETERS[name];
  const given = Object.keys(params);
  // undefined counts as missing: the driver would send it as null silently, hiding a forgotten `?? null`.
  const missing = expected.filter((p) => params[p] === undefined);
  const extra = given.filter((p) => !expected.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    throw new PedigreeError('INTERNAL', `Statement ${name} was called with the wrong parameters`, { statement: name, missing, extra });
  }
}
