/**
 * The Neo4j adapter of the `GraphStore` port (Neo4j 5.x, neo4j-driver 6). The graph model is
 * documented in `graph-model.ts`; every statement is a named file under `cypher/` (see
 * `statements.ts`).
 *
 * Each port call is one managed transaction (`executeRead` / `executeWrite`), so the driver retries
 * transient failures and a call is all-or-nothing. Transaction functions may therefore run more than
 * once: they only read and write the database and compute, with no other side effects.
 *
 * Optimistic writes (status transitions, approvals) read the current state, compute the new one
 * here, and write it with a statement that takes the node's write lock and then re-checks the status
 * and revision it read; zero rows means NOT_FOUND, `applied = false` means another writer won.
 */
import neo4j from 'neo4j-driver';
import {
  ConflictError,
  InvalidArgumentError,
  PedigreeError,
  NotFoundError,
  StoreCorruptError,
  TERMINAL_EXECUTION_STATUSES,
  ValidationError,
  artifactIdFor,
  assertExecutionTransition,
  assertStepTransition,
  contextIdFor,
  createExecutionId,
  createModelPackageId,
  createStepExecutionId,
  pipelineNodeIdFor,
  pipelineVersionIdFor,
  isDigest,
  APPROVAL_STATUSES,
  ARTIFACT_TYPES,
  EDGE_ENDPOINTS,
  EXECUTION_STATUSES,
  openLineageDatasetUri,
  openLineageRunNodeId,
  type ColumnLineageEdge,
  type OpenLineageDataset,
  type OpenLineageRun,
  type OpenLineageStoredEvent,
  type NodeType,
  type Approval,
  type Artifact,
  type ArtifactId,
  type Context,
  type ContextId,
  type ExecutionId,
  type LineageNode,
  type ModelPackage,
  type ModelPackageId,
  type Pipeline,
  type PipelineExecution,
  type PipelineVersion,
  type PipelineVersionId,
  type StepAttempt,
  type StepExecution,
  type StepExecutionId,
} from '@pedigree/domain';
import {
  computeImpact,
  computePaths,
  computeProvenance,
  decodeCursor,
  encodeCursor,
  isReturnedNode,
  normalizeColumnLineageQuery,
  normalizePageRequest,
  normalizeTraverseQuery,
  openLineageRecordIssues,
  requireOpenLineageDataset,
  requireOpenLineageRunId,
  type ArtifactInput,
  type ColumnLineageQuery,
  type ListOpenLineageEventsQuery,
  type ListOpenLineageRunsQuery,
  type OpenLineageEventRecord,
  type OpenLineageIngestResult,
  type CacheHitCandidate,
  type CreateExecutionInput,
  type CreateStepExecutionInput,
  type EdgeInput,
  type ExecutionWithSteps,
  type FindCacheHitQuery,
  type FindNearestStepQuery,
  type GraphStore,
  type ImpactResult,
  type InvalidateCacheResult,
  type InvalidateCacheScope,
  type LineageQueryOptions,
  type ListArtifactsQuery,
  type ListExecutionsQuery,
  type ListModelPackagesQuery,
  type ListPipelinesQuery,
  type Page,
  type PageRequest,
  type PathsQuery,
  type PathsResult,
  type ProvenanceResult,
  type RecordStepResultInput,
  type RegisterModelPackageInput,
  type RegisterModelPackageResult,
  type SearchArtifactsQuery,
  type SetApprovalInput,
  type StepArtifactLink,
  type StoreHealth,
  type TransitionExecutionInput,
  type TransitionStepInput,
  type TraverseQuery,
  type TraverseResult,
  type UpsertContextInput,
  type UpsertPipelineVersionInput,
  type UpsertPipelineVersionResult,
} from '@pedigree/graph-store';
import { toLuceneQuery, toSearchText } from './artifact-search.ts';
import { createCypherExecutor, type CypherExecutor, type DriverLike, type StatementRunner } from './driver-port.ts';
import { GRAPH_SCHEMA_VERSION } from './graph-model.ts';
import {
  isJsonObject,
  optionalTimestamp,
  requireApprovalStatus,
  requireContextType,
  requireExecutionStatus,
  requireOneOf,
  requireString,
  requireStepStatus,
  requireStepType,
  timestampOrNow,
  validateArtifactInputs,
} from './input-checks.ts';
import { mapDriverError } from './map-driver-error.ts';
import { SCHEMA_STATEMENTS, loadStatements, type StatementTexts } from './statements.ts';
import {
  booleanColumn,
  intColumn,
  mapColumn,
  stringColumn,
  toArtifact,
  toColumnLineageEdge,
  toContext,
  toExecution,
  toLineageEdge,
  toLineageNode,
  toModelPackage,
  toOpenLineageDataset,
  toOpenLineageRun,
  toOpenLineageStoredEvent,
  toPipeline,
  toPipelineVersion,
  toStepExecution,
  type PropertyMap,
  type RecordLike,
} from './to-domain.ts';
import { toDriverInt, toJsonParam } from './to-driver.ts';
import { nextStepState, type StepState } from './step-state.ts';
import { planOpenLineageEvent } from './openlineage-plan.ts';
import { expandHops } from './traversal.ts';

/** The logging surface the adapter needs (satisfied by the runtime's pino logger). */
export interface Neo4jStoreLogger {
  debug(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
}

export interface Neo4jGraphStoreOptions {
  /** Bolt URI, e.g. `neo4j://localhost:7687` or `bolt://localhost:7687`. */
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  /** Database name; default: the server's default database. */
  readonly database?: string;
  /**
   * A driver to use instead of creating one from uri/username/password (tests pass a recording
   * driver; an application may share its driver). The store does not close a driver it was given.
   */
  readonly driver?: DriverLike;
  readonly logger?: Neo4jStoreLogger;
}

const ADAPTER = 'neo4j';
/** How long start-up waits for new indexes to come online (seconds); only a first start on a large database populates. */
const INDEX_ONLINE_TIMEOUT_SECONDS = 300;

/**
 * Connects to Neo4j, creates constraints and indexes idempotently (`IF NOT EXISTS`) and returns
 * the store. Throws STORE_UNAVAILABLE when the server cannot be reached or refuses the credentials,
 * so a misconfigured process fails at start rather than on its first request.
 */
export async function createNeo4jGraphStore(options: Neo4jGraphStoreOptions): Promise<GraphStore> {
  const texts = loadStatements();
  const ownsDriver = options.driver === undefined;
  const driver: DriverLike =
    options.driver ??
    // The real driver satisfies DriverLike structurally except for its generic signatures.
    (neo4j.driver(options.uri, neo4j.auth.basic(options.username, options.password), {
      disableLosslessIntegers: false,
      userAgent: 'pedigree-graph-store-neo4j',
    }) as unknown as DriverLike);
  const store = new Neo4jGraphStore(driver, texts, options.database, ownsDriver, options.logger);
  try {
    // Managed transactions retry an unreachable server for up to 30 s; checking first makes a
    // wrong URI or password fail at start in one round trip.
    await driver.verifyConnectivity?.(options.database ? { database: options.database } : {}).catch((error: unknown) => {
      throw mapDriverError(error, { operation: 'connect' });
    });
    await store.ensureSchema();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function pageOf<T>(items: readonly T[], first: number, cursorOf: (last: T) => (string | number)[]): Page<T> {
  const hasNextPage = items.length > first;
  const page = hasNextPage ? items.slice(0, first) : items;
  const last = page[page.length - 1];
  return { items: page, hasNextPage, endCursor: last === undefined ? null : encodeCursor(cursorOf(last)) };
}

function cursorString(part: string | number | undefined): string {
  if (typeof part !== 'string') throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
  return part;
}

function cursorNumber(part: string | number | undefined): number {
  if (typeof part !== 'number' || !Number.isSafeInteger(part))
    throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
  return part;
}

function requiredMap(record: RecordLike | undefined, key: string, what: string): PropertyMap {
  const map = record === undefined ? null : mapColumn(record, key);
  if (map === null) throw new StoreCorruptError(`${what}: the statement returned no ${key}`);
  return map;
}

function optionalList<T extends string>(argument: string, values: readonly T[] | undefined, allowed: readonly T[]): T[] | null {
  if (values === undefined || values === null) return null;
  if (!Array.isArray(values)) throw new InvalidArgumentError(argument, 'must be a list');
  return values.map((v) => requireOneOf(argument, v, allowed));
}

function openLineageRunOf(row: RecordLike, operation: string): OpenLineageRun {
  return toOpenLineageRun(requiredMap(row, 'run', operation), row.get('facets'), row.get('jobFacets'), row.get('datasetFacets'));
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareColumnLineage(a: ColumnLineageEdge, b: ColumnLineageEdge): number {
  const key = (e: ColumnLineageEdge) => [e.from.namespace, e.from.name, e.from.field, e.to.namespace, e.to.name, e.to.field];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i += 1) {
    const c = compareText(ka[i]!, kb[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

function sortByStartThenName(steps: StepExecution[]): StepExecution[] {
  return steps.sort((a, b) => {
    // A step without a start time sorts last, like NULLS LAST.
    const sa = a.startedAt ?? '\uffff';
    const sb = b.startedAt ?? '\uffff';
    if (sa !== sb) return sa < sb ? -1 : 1;
    return a.stepName < b.stepName ? -1 : a.stepName > b.stepName ? 1 : 0;
  });
}

class Neo4jGraphStore implements GraphStore {
  readonly adapter = ADAPTER;
  private readonly cypher: CypherExecutor;
  private closed = false;

  constructor(
    private readonly driver: DriverLike,
    texts: StatementTexts,
    private readonly database: string | undefined,
    private readonly ownsDriver: boolean,
    private readonly logger: Neo4jStoreLogger | undefined,
  ) {
    this.cypher = createCypherExecutor(driver, texts, database, neo4j.bookmarkManager(), () => this.closed);
  }

  /** Creates constraints and indexes, each in its own transaction (Neo4j refuses schema and data changes in one). */
  async ensureSchema(): Promise<void> {
    for (const name of SCHEMA_STATEMENTS) {
      await this.cypher
        .write('ensureSchema', (q) => q.run(name, {}))
        .catch((error: unknown) => {
          // Two processes starting together can both pass IF NOT EXISTS and race to create the same
          // rule; the loser is told it already exists, which is the state it wanted.
          const code = error instanceof PedigreeError ? error.context['neo4jCode'] : undefined;
          if (typeof code === 'string' && /^Neo\.ClientError\.Schema\.\w*AlreadyExists$/.test(code)) return;
          throw error;
        });
    }
    await this.cypher.read('ensureSchema', (q) => q.run('await-indexes', { timeoutSeconds: toDriverInt(INDEX_ONLINE_TIMEOUT_SECONDS) }));
    await this.cypher.write('ensureSchema', (q) => q.run('schema-record-version', { version: toDriverInt(GRAPH_SCHEMA_VERSION) }));
    this.logger?.debug({ component: 'graph-store-neo4j', schemaVersion: GRAPH_SCHEMA_VERSION }, 'Neo4j schema ensured');
  }

  async health(): Promise<StoreHealth> {
    try {
      // Fails in one round trip when the server is down, where a managed read would retry for 30 s.
      await this.driver.verifyConnectivity?.(this.database ? { database: this.database } : {});
      const rows = await this.cypher.read('health', (q) => q.run('health-check', {}));
      const version = rows[0]?.get('version');
      const schemaVersion = version === null || version === undefined ? null : intColumn(rows[0]!, 'version');
      const ok = schemaVersion === GRAPH_SCHEMA_VERSION;
      return {
        ok,
        adapter: ADAPTER,
        schemaVersion,
        message: ok
          ? 'Neo4j reachable, schema up to date'
          : `Neo4j reachable, schema version ${String(schemaVersion)} (expected ${GRAPH_SCHEMA_VERSION})`,
      };
    } catch (error) {
      const mapped = mapDriverError(error, { operation: 'health' });
      return { ok: false, adapter: ADAPTER, schemaVersion: null, message: mapped.message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDriver) await this.driver.close();
  }

  // ---- pipelines -------------------------------------------------------------------------------

  async upsertPipelineVersion(input: UpsertPipelineVersionInput): Promise<UpsertPipelineVersionResult> {
    const pipelineName = requireString('pipelineName', input.pipelineName);
    if (!isDigest(input.definitionHash)) {
      throw new ValidationError('pipeline version', [{ path: 'definitionHash', message: 'must be sha256:<64 hex>' }]);
    }
    if (!isJsonObject(input.definition)) throw new InvalidArgumentError('definition', 'must be a JSON object');
    const at = timestampOrNow('at', input.at);
    const rows = await this.cypher.write('upsertPipelineVersion', (q) =>
      q.run('upsert-pipeline-version', {
        pipelineId: pipelineNodeIdFor(pipelineName),
        pipelineName,
        description: input.description ?? null,
        versionId: pipelineVersionIdFor(pipelineName, input.definitionHash),
        definitionHash: input.definitionHash,
        definition: toJsonParam(input.definition),
        at,
      }),
    );
    const row = rows[0];
    return {
      pipeline: toPipeline(requiredMap(row, 'pipeline', 'upsertPipelineVersion')),
      version: toPipelineVersion(requiredMap(row, 'version', 'upsertPipelineVersion')),
      created: booleanColumn(row!, 'created'),
    };
  }

  async getPipeline(name: string): Promise<Pipeline> {
    const pipeline = await this.findPipeline(name);
    if (pipeline === null) throw new NotFoundError('Pipeline', name);
    return pipeline;
  }

  async findPipeline(name: string): Promise<Pipeline | null> {
    requireString('name', name);
    const rows = await this.cypher.read('findPipeline', (q) => q.run('get-pipeline', { name }));
    const map = rows[0] ? mapColumn(rows[0], 'pipeline') : null;
    return map === null ? null : toPipeline(map);
  }

  async listPipelines(query: ListPipelinesQuery = {}): Promise<Page<Pipeline>> {
    const { first, after } = normalizePageRequest(query);
    const afterName = after === null ? null : cursorString(decodeCursor(after, 1)[0]);
    const rows = await this.cypher.read('listPipelines', (q) =>
      q.run('list-pipelines', { search: query.search ?? null, afterName, limit: toDriverInt(first + 1) }),
    );
    const items = rows.map((r) => toPipeline(requiredMap(r, 'pipeline', 'listPipelines')));
    return pageOf(items, first, (p) => [p.name]);
  }

  async getPipelineVersion(id: PipelineVersionId): Promise<PipelineVersion> {
    requireString('id', id);
    const rows = await this.cypher.read('getPipelineVersion', (q) => q.run('get-pipeline-version', { id }));
    const map = rows[0] ? mapColumn(rows[0], 'version') : null;
    if (map === null) throw new NotFoundError('PipelineVersion', id);
    return toPipelineVersion(map);
  }

  async findPipelineVersion(pipelineName: string, version: number): Promise<PipelineVersion | null> {
    requireString('pipelineName', pipelineName);
    if (!Number.isSafeInteger(version) || version < 1) throw new InvalidArgumentError('version', 'must be a positive integer');
    const rows = await this.cypher.read('findPipelineVersion', (q) =>
      q.run('find-pipeline-version', { pipelineName, version: toDriverInt(version) }),
    );
    const map = rows[0] ? mapColumn(rows[0], 'version') : null;
    return map === null ? null : toPipelineVersion(map);
  }

  async listPipelineVersions(pipelineName: string, page?: PageRequest): Promise<Page<PipelineVersion>> {
    requireString('pipelineName', pipelineName);
    const { first, after } = normalizePageRequest(page);
    const afterVersion = after === null ? null : cursorNumber(decodeCursor(after, 1)[0]);
    const rows = await this.cypher.read('listPipelineVersions', async (q) => {
      const pipeline = await q.run('get-pipeline', { name: pipelineName });
      if (pipeline.length === 0) throw new NotFoundError('Pipeline', pipelineName);
      return q.run('list-pipeline-versions', {
        pipelineName,
        afterVersion: afterVersion === null ? null : toDriverInt(afterVersion),
        limit: toDriverInt(first + 1),
      });
    });
    const items = rows.map((r) => toPipelineVersion(requiredMap(r, 'version', 'listPipelineVersions')));
    return pageOf(items, first, (v) => [v.version]);
  }

  // ---- executions ------------------------------------------------------------------------------

  async createExecution(input: CreateExecutionInput): Promise<PipelineExecution> {
    requireString('pipelineVersionId', input.pipelineVersionId);
    if (!isJsonObject(input.parameters)) throw new InvalidArgumentError('parameters', 'must be an object of parameter values');
    const id = input.id === undefined ? createExecutionId() : (requireString('id', input.id) as ExecutionId);
    const at = timestampOrNow('at', input.at);
    const rows = await this.cypher.write('createExecution', (q) =>
      q.run('create-execution', {
        id,
        pipelineVersionId: input.pipelineVersionId,
        parameters: toJsonParam(input.parameters),
        createdBy: input.createdBy ?? null,
        scheduleId: input.scheduleId ?? null,
        at,
      }),
    );
    if (rows.length === 0) throw new NotFoundError('PipelineVersion', input.pipelineVersionId);
    const map = requiredMap(rows[0], 'execution', 'createExecution');
    if (map['nodeType'] !== 'PipelineExecution') throw new ConflictError(`Id ${id} already names a ${String(map['nodeType'])}`, { id });
    return toExecution(map);
  }

  async transitionExecution(input: TransitionExecutionInput): Promise<PipelineExecution> {
    const id = requireString('id', input.id);
    const from = requireExecutionStatus('from', input.from);
    const to = requireExecutionStatus('to', input.to);
    const at = timestampOrNow('at', input.at);
    return this.cypher.write('transitionExecution', async (q) => {
      const current = await this.readExecution(q, id);
      if (current.status !== from) {
        throw new ConflictError(`PipelineExecution ${id} is ${current.status}, not ${from}`, {
          id,
          expected: from,
          actual: current.status,
        });
      }
      assertExecutionTransition(id, from, to);
      const rows = await q.run('update-execution', {
        id,
        from,
        revision: toDriverInt(current.revision),
        status: to,
        endedAt: TERMINAL_EXECUTION_STATUSES.has(to) ? at : null,
        // A reason given is stored whatever the status (a Stopped run may say why); a retry clears it.
        failureReason: input.failureReason !== undefined ? input.failureReason : to === 'Executing' ? null : current.failureReason,
      });
      return this.appliedOrConflict(rows, 'execution', 'PipelineExecution', id, from, toExecution);
    });
  }

  async getExecution(id: ExecutionId): Promise<PipelineExecution> {
    requireString('id', id);
    return this.cypher.read('getExecution', (q) => this.readExecution(q, id));
  }

  async getExecutionWithSteps(id: ExecutionId): Promise<ExecutionWithSteps> {
    requireString('id', id);
    return this.cypher.read('getExecutionWithSteps', async (q) => {
      const execution = await this.readExecution(q, id);
      const rows = await q.run('list-steps-by-executions', { executionIds: [id] });
      const steps = rows.map((r) => toStepExecution(requiredMap(r, 'step', 'getExecutionWithSteps')));
      return { execution, steps: sortByStartThenName(steps) };
    });
  }

  async listExecutions(query: ListExecutionsQuery = {}): Promise<Page<PipelineExecution>> {
    const { first, after } = normalizePageRequest(query);
    const cursor = after === null ? null : decodeCursor(after, 2);
    const statuses = optionalList('statuses', query.statuses, EXECUTION_STATUSES);
    const rows = await this.cypher.read('listExecutions', (q) =>
      q.run('list-executions', {
        pipelineName: query.pipelineName ?? null,
        pipelineVersionId: query.pipelineVersionId ?? null,
        statuses,
        startedAfter: optionalTimestamp('startedAfter', query.startedAfter),
        startedBefore: optionalTimestamp('startedBefore', query.startedBefore),
        createdBy: query.createdBy ?? null,
        scheduleId: query.scheduleId ?? null,
        afterStartedAt: cursor === null ? null : cursorString(cursor[0]),
        afterId: cursor === null ? null : cursorString(cursor[1]),
        limit: toDriverInt(first + 1),
      }),
    );
    const items = rows.map((r) => toExecution(requiredMap(r, 'execution', 'listExecutions')));
    return pageOf(items, first, (e) => [e.startedAt, e.id]);
  }

  private async readExecution(q: StatementRunner, id: string): Promise<PipelineExecution> {
    const rows = await q.run('get-execution', { id });
    const map = rows[0] ? mapColumn(rows[0], 'execution') : null;
    if (map === null) throw new NotFoundError('PipelineExecution', id);
    return toExecution(map);
  }

  private appliedOrConflict<T extends { readonly status: string }>(
    rows: readonly RecordLike[],
    column: string,
    entity: string,
    id: string,
    expected: string,
    map: (m: PropertyMap) => T,
  ): T {
    // No row: the node disappeared between our read and the write (nothing deletes today, but the
    // distinction is the contract of the update statements).
    if (rows.length === 0) throw new NotFoundError(entity, id);
    const value = map(requiredMap(rows[0], column, entity));
    if (!booleanColumn(rows[0]!, 'applied')) {
      throw new ConflictError(`${entity} ${id} was changed by another writer (now ${value.status})`, {
        id,
        expected,
        actual: value.status,
      });
    }
    return value;
  }

  // ---- step executions -------------------------------------------------------------------------

  async createStepExecution(input: CreateStepExecutionInput): Promise<StepExecution> {
    const executionId = requireString('executionId', input.executionId);
    const stepName = requireString('stepName', input.stepName);
    const stepType = requireStepType('stepType', input.stepType);
    const status = requireOneOf('status', input.status, ['Starting', 'Skipped'] as const);
    const at = timestampOrNow('at', input.at);
    const starting = status === 'Starting';
    const attempts: StepAttempt[] = starting
      ? [{ attempt: 1, status: 'Starting', startedAt: at, endedAt: null, failureReason: null, failureKind: null, exitCode: null }]
      : [];
    const rows = await this.cypher.write('createStepExecution', (q) =>
      q.run('create-step-execution', {
        id: createStepExecutionId(),
        executionId,
        stepName,
        stepType,
        status,
        attempt: toDriverInt(starting ? 1 : 0),
        attempts: toJsonParam(attempts),
        // A Skipped step starts and ends when it is recorded, so it sorts among its siblings by that time.
        startedAt: at,
        endedAt: starting ? null : at,
      }),
    );
    if (rows.length === 0) throw new NotFoundError('PipelineExecution', executionId);
    return toStepExecution(requiredMap(rows[0], 'step', 'createStepExecution'));
  }

  async transitionStep(input: TransitionStepInput): Promise<StepExecution> {
    const id = requireString('id', input.id);
    const from = requireStepStatus('from', input.from);
    const to = requireStepStatus('to', input.to);
    const at = timestampOrNow('at', input.at);
    return this.cypher.write('transitionStep', async (q) => {
      const current = await this.readStep(q, id);
      if (current.status !== from) {
        throw new ConflictError(`StepExecution ${id} is ${current.status}, not ${from}`, { id, expected: from, actual: current.status });
      }
      assertStepTransition(id, from, to);
      const next = nextStepState(current, {
        to,
        at,
        failureReason: input.failureReason,
        failureKind: input.failureKind,
        exitCode: input.exitCode,
        cacheKey: input.cacheKey,
        resolvedArguments: input.resolvedArguments,
        cacheMiss: input.cacheMiss,
      });
      return this.writeStep(q, current, next);
    });
  }

  async recordStepResult(input: RecordStepResultInput): Promise<StepExecution> {
    this.checkStepResult(input, '');
    return this.cypher.write('recordStepResult', (q) => this.writeStepResult(q, input));
  }

  async recordStepResults(inputs: readonly RecordStepResultInput[]): Promise<readonly StepExecution[]> {
    if (!Array.isArray(inputs)) throw new InvalidArgumentError('inputs', 'must be a list');
    inputs.forEach((input, i) => this.checkStepResult(input, `[${i}].`));
    if (inputs.length === 0) return [];
    return this.cypher.write('recordStepResults', async (q) => {
      const results: StepExecution[] = [];
      for (const input of inputs) results.push(await this.writeStepResult(q, input));
      return results;
    });
  }

  private checkStepResult(input: RecordStepResultInput, prefix: string): void {
    requireString('stepExecutionId', input.stepExecutionId);
    requireStepStatus('from', input.from);
    const status = requireOneOf('status', input.status, ['Succeeded', 'Cached', 'Failed'] as const);
    if (!Array.isArray(input.inputs) || !Array.isArray(input.outputs)) {
      throw new InvalidArgumentError('inputs', 'inputs and outputs must be lists');
    }
    if (status === 'Failed' && input.outputs.length > 0) {
      throw new ValidationError('step result', [{ path: `${prefix}outputs`, message: 'must be empty when status is Failed' }]);
    }
    if (status === 'Cached' && !input.reusedStepExecutionId) {
      throw new ValidationError('step result', [{ path: `${prefix}reusedStepExecutionId`, message: 'is required when status is Cached' }]);
    }
    const channels = [
      ...input.inputs.map((c, i) => ({ c, path: `${prefix}inputs[${i}]` })),
      ...input.outputs.map((c, i) => ({ c, path: `${prefix}outputs[${i}]` })),
    ];
    const issues = channels.filter(({ c }) => typeof c?.name !== 'string' || c.name.length === 0);
    if (issues.length > 0) {
      throw new ValidationError(
        'step result',
        issues.map(({ path }) => ({ path: `${path}.name`, message: 'must be a non-empty channel name' })),
      );
    }
    validateArtifactInputs(
      'step result',
      channels.map(({ c, path }) => ({ path: `${path}.artifact`, artifact: c.artifact })),
    );
  }

  private async writeStepResult(q: StatementRunner, input: RecordStepResultInput): Promise<StepExecution> {
    const id = input.stepExecutionId;
    const at = timestampOrNow('at', input.at);
    const current = await this.readStep(q, id);
    if (current.status === input.status) {
      // Recording the same result again is a no-op that returns the step as it is; a different
      // result for a finished step is another writer's (or a confused caller's) and must not win.
      if (await this.sameResultRecorded(q, current, input)) return current;
      throw new ConflictError(`StepExecution ${id} already has a different ${current.status} result`, { id, status: current.status });
    }
    if (current.status !== input.from) {
      throw new ConflictError(`StepExecution ${id} is ${current.status}, not ${input.from}`, {
        id,
        expected: input.from,
        actual: current.status,
      });
    }
    assertStepTransition(id, input.from, input.status);
    const reusedId = input.status === 'Cached' ? (input.reusedStepExecutionId ?? null) : null;
    if (reusedId !== null) await this.readStep(q, reusedId);
    const artifacts = await this.upsertArtifactRows(q, [...input.inputs.map((c) => c.artifact), ...input.outputs.map((c) => c.artifact)]);
    const idOf = (a: ArtifactInput): ArtifactId => artifactIdFor(a.uri, a.digest);
    const next = nextStepState(current, {
      to: input.status,
      at,
      failureReason: input.failureReason,
      failureKind: input.failureKind,
      exitCode: input.exitCode,
      cacheKey: input.cacheKey,
      resolvedArguments: input.resolvedArguments,
      properties: input.properties,
      reusedStepExecutionId: reusedId,
    });
    const step = await this.writeStep(q, current, next);
    if (input.inputs.length > 0) {
      await q.run('record-step-inputs', {
        stepExecutionId: id,
        inputs: input.inputs.map((c) => ({ artifactId: idOf(c.artifact), name: c.name })),
      });
    }
    if (input.outputs.length > 0) {
      await q.run('record-step-outputs', {
        stepExecutionId: id,
        outputs: input.outputs.map((c) => ({ artifactId: idOf(c.artifact), name: c.name })),
      });
    }
    if (reusedId !== null) await q.run('record-reused-edge', { stepExecutionId: id, reusedStepExecutionId: reusedId });
    this.logger?.debug({ component: 'graph-store-neo4j', stepExecutionId: id, artifacts: artifacts.size }, 'step result recorded');
    return step;
  }

  private async sameResultRecorded(q: StatementRunner, current: StepExecution, input: RecordStepResultInput): Promise<boolean> {
    if (input.status === 'Cached' && current.reusedStepExecutionId !== (input.reusedStepExecutionId ?? null)) return false;
    const rows = await q.run('list-step-artifacts', { stepExecutionIds: [current.id] });
    const recorded = rows.map(
      (r) => `${stringColumn(r, 'direction')}|${stringColumn(r, 'name')}|${toArtifact(requiredMap(r, 'artifact', 'recordStepResult')).id}`,
    );
    const asked = [
      ...input.inputs.map((c) => `input|${c.name}|${artifactIdFor(c.artifact.uri, c.artifact.digest)}`),
      ...input.outputs.map((c) => `output|${c.name}|${artifactIdFor(c.artifact.uri, c.artifact.digest)}`),
    ];
    const key = (list: string[]) => [...new Set(list)].sort().join('\n');
    return key(recorded) === key(asked);
  }

  private async readStep(q: StatementRunner, id: string): Promise<StepExecution> {
    const rows = await q.run('get-step-executions', { ids: [id] });
    const map = rows[0] ? mapColumn(rows[0], 'step') : null;
    if (map === null) throw new NotFoundError('StepExecution', id);
    return toStepExecution(map);
  }

  private async writeStep(q: StatementRunner, current: StepExecution, next: StepState): Promise<StepExecution> {
    const rows = await q.run('update-step-execution', {
      id: current.id,
      from: current.status,
      revision: toDriverInt(current.revision),
      status: next.status,
      attempt: toDriverInt(next.attempt),
      attempts: toJsonParam(next.attempts),
      cacheKey: next.cacheKey,
      cacheHit: next.cacheHit,
      reusedStepExecutionId: next.reusedStepExecutionId,
      cacheMiss: toJsonParam(next.cacheMiss),
      startedAt: next.startedAt,
      endedAt: next.endedAt,
      failureReason: next.failureReason,
      resolvedArguments: toJsonParam(next.resolvedArguments),
      properties: toJsonParam(next.properties),
    });
    return this.appliedOrConflict(rows, 'step', 'StepExecution', current.id, current.status, toStepExecution);
  }

  async getStepExecution(id: StepExecutionId): Promise<StepExecution> {
    requireString('id', id);
    return this.cypher.read('getStepExecution', (q) => this.readStep(q, id));
  }

  async listStepExecutionsByExecution(executionIds: readonly ExecutionId[]): Promise<ReadonlyMap<ExecutionId, readonly StepExecution[]>> {
    if (!Array.isArray(executionIds)) throw new InvalidArgumentError('executionIds', 'must be a list');
    const result = new Map<ExecutionId, StepExecution[]>(executionIds.map((id) => [id, []]));
    if (executionIds.length === 0) return result;
    const rows = await this.cypher.read('listStepExecutionsByExecution', (q) =>
      q.run('list-steps-by-executions', { executionIds: [...new Set(executionIds)] }),
    );
    for (const row of rows) {
      result
        .get(stringColumn(row, 'executionId') as ExecutionId)
        ?.push(toStepExecution(requiredMap(row, 'step', 'listStepExecutionsByExecution')));
    }
    for (const steps of result.values()) sortByStartThenName(steps);
    return result;
  }

  async listStepArtifacts(stepExecutionIds: readonly StepExecutionId[]): Promise<readonly StepArtifactLink[]> {
    if (!Array.isArray(stepExecutionIds)) throw new InvalidArgumentError('stepExecutionIds', 'must be a list');
    if (stepExecutionIds.length === 0) return [];
    const rows = await this.cypher.read('listStepArtifacts', (q) =>
      q.run('list-step-artifacts', { stepExecutionIds: [...new Set(stepExecutionIds)] }),
    );
    return rows.map((row) => ({
      stepExecutionId: stringColumn(row, 'stepExecutionId') as StepExecutionId,
      direction: stringColumn(row, 'direction') === 'input' ? 'input' : 'output',
      name: stringColumn(row, 'name'),
      artifact: toArtifact(requiredMap(row, 'artifact', 'listStepArtifacts')),
    }));
  }

  // ---- artifacts -------------------------------------------------------------------------------

  async upsertArtifact(input: ArtifactInput): Promise<Artifact> {
    const [artifact] = await this.upsertArtifacts([input]);
    return artifact!;
  }

  async upsertArtifacts(inputs: readonly ArtifactInput[]): Promise<readonly Artifact[]> {
    if (!Array.isArray(inputs)) throw new InvalidArgumentError('inputs', 'must be a list');
    validateArtifactInputs(
      'artifacts',
      inputs.map((artifact, i) => ({ path: `[${i}]`, artifact })),
    );
    if (inputs.length === 0) return [];
    const byId = await this.cypher.write('upsertArtifacts', (q) => this.upsertArtifactRows(q, inputs));
    return inputs.map((a) => byId.get(artifactIdFor(a.uri, a.digest))!);
  }

  /**
   * Upserts artifacts in one batched statement. previousVersionId is decided here, in input order:
   * new bytes at a URI link to the newest artifact already at that URI, or to the previous new one
   * in the same batch.
   */
  private async upsertArtifactRows(q: StatementRunner, inputs: readonly ArtifactInput[]): Promise<Map<ArtifactId, Artifact>> {
    if (inputs.length === 0) return new Map();
    const uris = [...new Set(inputs.map((a) => a.uri))];
    const latestRows = await q.run('find-latest-artifacts-at-uris', { uris });
    const latest = new Map<string, string>(latestRows.map((r) => [stringColumn(r, 'uri'), stringColumn(r, 'latestId')]));
    const now = new Date().toISOString();
    const rows = [];
    const seen = new Set<string>();
    for (const a of inputs) {
      const id = artifactIdFor(a.uri, a.digest);
      if (seen.has(id)) continue;
      seen.add(id);
      const previous = latest.get(a.uri);
      rows.push({
        id,
        uri: a.uri,
        digest: a.digest,
        type: a.type,
        name: a.name,
        size: toDriverInt(a.size, 'size'),
        properties: toJsonParam(a.properties ?? {}),
        searchText: toSearchText(a.properties ?? {}),
        createdAt: a.createdAt === undefined ? now : new Date(Date.parse(a.createdAt)).toISOString(),
        previousVersionId: previous !== undefined && previous !== id ? previous : null,
      });
      latest.set(a.uri, id);
    }
    const result = await q.run('upsert-artifacts', { artifacts: rows });
    const artifacts = result.map((r) => toArtifact(requiredMap(r, 'artifact', 'upsertArtifacts')));
    return new Map(artifacts.map((a) => [a.id, a]));
  }

  async getArtifact(id: ArtifactId): Promise<Artifact> {
    requireString('id', id);
    const [artifact] = await this.getArtifacts([id]);
    if (!artifact) throw new NotFoundError('Artifact', id);
    return artifact;
  }

  async getArtifacts(ids: readonly ArtifactId[]): Promise<readonly (Artifact | null)[]> {
    if (!Array.isArray(ids)) throw new InvalidArgumentError('ids', 'must be a list');
    if (ids.length === 0) return [];
    const rows = await this.cypher.read('getArtifacts', (q) => q.run('get-artifacts', { ids: [...ids] }));
    // Keyed by id rather than trusting row order: Cypher does not promise UNWIND order survives a MATCH.
    const byId = new Map<string, Artifact | null>();
    for (const r of rows) {
      const map = mapColumn(r, 'artifact');
      byId.set(stringColumn(r, 'id'), map === null ? null : toArtifact(map));
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findArtifact(query: { readonly uri: string; readonly digest?: string | null }): Promise<Artifact | null> {
    const uri = requireString('uri', query.uri);
    if (query.digest !== undefined && query.digest !== null) {
      const [artifact] = await this.getArtifacts([artifactIdFor(uri, query.digest)]);
      return artifact ?? null;
    }
    const rows = await this.cypher.read('findArtifact', (q) => q.run('find-latest-artifact-at-uri', { uri }));
    const map = rows[0] ? mapColumn(rows[0], 'artifact') : null;
    return map === null ? null : toArtifact(map);
  }

  async listArtifacts(query: ListArtifactsQuery = {}): Promise<Page<Artifact>> {
    const { first, after } = normalizePageRequest(query);
    const cursor = after === null ? null : decodeCursor(after, 2);
    const types = optionalList('types', query.types, ARTIFACT_TYPES);
    const rows = await this.cypher.read('listArtifacts', (q) =>
      q.run('list-artifacts', {
        types,
        name: query.name ?? null,
        uriPrefix: query.uriPrefix ?? null,
        createdAfter: optionalTimestamp('createdAfter', query.createdAfter),
        createdBefore: optionalTimestamp('createdBefore', query.createdBefore),
        afterCreatedAt: cursor === null ? null : cursorString(cursor[0]),
        afterId: cursor === null ? null : cursorString(cursor[1]),
        limit: toDriverInt(first + 1),
      }),
    );
    const items = rows.map((r) => toArtifact(requiredMap(r, 'artifact', 'listArtifacts')));
    return pageOf(items, first, (a) => [a.createdAt, a.id]);
  }

  async searchArtifacts(query: SearchArtifactsQuery): Promise<Page<Artifact>> {
    if (typeof query?.text !== 'string') throw new InvalidArgumentError('text', 'must be a string');
    const { first, after } = normalizePageRequest(query);
    const skip = after === null ? 0 : cursorNumber(decodeCursor(after, 1)[0]);
    const types = optionalList('types', query.types, ARTIFACT_TYPES);
    const lucene = toLuceneQuery(query.text);
    if (lucene === null) throw new InvalidArgumentError('text', 'must contain at least one word');
    const rows = await this.cypher.read('searchArtifacts', (q) =>
      q.run('search-artifacts', { query: lucene, types, skip: toDriverInt(skip), limit: toDriverInt(first + 1) }),
    );
    const items = rows.map((r) => toArtifact(requiredMap(r, 'artifact', 'searchArtifacts')));
    const hasNextPage = items.length > first;
    const page = hasNextPage ? items.slice(0, first) : items;
    return { items: page, hasNextPage, endCursor: page.length === 0 ? null : encodeCursor([skip + page.length]) };
  }

  async getArtifactProducers(ids: readonly ArtifactId[]): Promise<readonly (StepExecution | null)[]> {
    if (!Array.isArray(ids)) throw new InvalidArgumentError('ids', 'must be a list');
    if (ids.length === 0) return [];
    const rows = await this.cypher.read('getArtifactProducers', (q) => q.run('get-artifact-producers', { ids: [...ids] }));
    const byId = new Map<string, StepExecution | null>();
    for (const r of rows) {
      const map = mapColumn(r, 'step');
      byId.set(stringColumn(r, 'id'), map === null ? null : toStepExecution(map));
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  async recordEdges(edges: readonly EdgeInput[]): Promise<void> {
    if (!Array.isArray(edges)) throw new InvalidArgumentError('edges', 'must be a list');
    const shapeIssues = edges.flatMap((e, i) => [
      ...(typeof e?.from === 'string' && e.from.length > 0 ? [] : [{ path: `edges[${i}].from`, message: 'must be a node id' }]),
      ...(typeof e?.to === 'string' && e.to.length > 0 ? [] : [{ path: `edges[${i}].to`, message: 'must be a node id' }]),
      ...(e?.type === 'DERIVED_FROM' || e?.type === 'ASSOCIATED_WITH'
        ? []
        : [{ path: `edges[${i}].type`, message: 'must be DERIVED_FROM or ASSOCIATED_WITH (other edges are recorded with step results)' }]),
    ]);
    if (shapeIssues.length > 0) throw new ValidationError('edges', shapeIssues);
    if (edges.length === 0) return;
    await this.cypher.write('recordEdges', async (q) => {
      const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
      const rows = await q.run('get-lineage-nodes', { ids });
      const types = new Map<string, unknown>();
      for (const r of rows) types.set(stringColumn(r, 'id'), mapColumn(r, 'node')?.['nodeType']);
      const missing = ids.filter((id) => types.get(id) === undefined);
      if (missing.length > 0) throw new NotFoundError('LineageNode', missing);
      const issues = edges.flatMap((e: EdgeInput, i: number): { path: string; message: string }[] => {
        const ends = EDGE_ENDPOINTS[e.type];
        return [
          ...(ends.from.includes(types.get(e.from) as NodeType)
            ? []
            : [{ path: `edges[${i}].from`, message: `${e.type} cannot start at a ${String(types.get(e.from))}` }]),
          ...(ends.to.includes(types.get(e.to) as NodeType)
            ? []
            : [{ path: `edges[${i}].to`, message: `${e.type} cannot end at a ${String(types.get(e.to))}` }]),
        ];
      });
      if (issues.length > 0) throw new ValidationError('edges', issues);
      const derived = edges.filter((e) => e.type === 'DERIVED_FROM').map((e) => ({ from: e.from, to: e.to, name: e.name ?? null }));
      const associated = edges.filter((e) => e.type === 'ASSOCIATED_WITH').map((e) => ({ from: e.from, to: e.to }));
      if (derived.length > 0) await q.run('record-derived-from-edges', { edges: derived });
      if (associated.length > 0) await q.run('record-associated-with-edges', { edges: associated });
    });
  }

  // ---- cache -----------------------------------------------------------------------------------

  async findCacheHit(query: FindCacheHitQuery): Promise<CacheHitCandidate | null> {
    const cacheKey = requireString('cacheKey', query.cacheKey);
    const rows = await this.cypher.read('findCacheHit', (q) =>
      q.run('find-cache-hit', {
        cacheKey,
        notBefore: optionalTimestamp('notBefore', query.notBefore),
        excludeExecutionId: query.excludeExecutionId ?? null,
      }),
    );
    const row = rows[0];
    const step = row ? mapColumn(row, 'step') : null;
    if (row === undefined || step === null) return null;
    const outputs = row.get('outputs');
    if (!Array.isArray(outputs)) throw new StoreCorruptError('findCacheHit: outputs is not a list');
    const mapped = outputs.map((o: { name: unknown; artifact: PropertyMap }) => {
      if (typeof o?.name !== 'string') throw new StoreCorruptError('findCacheHit: an output has no channel name', { id: step['id'] });
      return { name: o.name, artifact: toArtifact(o.artifact) };
    });
    return { stepExecution: toStepExecution(step), outputs: mapped.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }

  async findNearestStepExecution(query: FindNearestStepQuery): Promise<StepExecution | null> {
    const pipelineName = requireString('pipelineName', query.pipelineName);
    const stepName = requireString('stepName', query.stepName);
    const rows = await this.cypher.read('findNearestStepExecution', (q) =>
      q.run('find-nearest-step-execution', {
        pipelineName,
        stepName,
        before: optionalTimestamp('before', query.before),
        excludeExecutionId: query.excludeExecutionId ?? null,
      }),
    );
    const map = rows[0] ? mapColumn(rows[0], 'step') : null;
    return map === null ? null : toStepExecution(map);
  }

  async invalidateCache(scope: InvalidateCacheScope): Promise<InvalidateCacheResult> {
    if (typeof scope !== 'object' || scope === null) throw new InvalidArgumentError('scope', 'must be an object');
    return this.cypher.write('invalidateCache', async (q) => {
      const ids = await this.stepIdsInScope(q, scope);
      if (ids.length === 0) return { invalidatedStepExecutionIds: [] };
      const rows = await q.run('invalidate-cache', { stepExecutionIds: ids });
      return { invalidatedStepExecutionIds: rows.map((r) => stringColumn(r, 'id') as StepExecutionId) };
    });
  }

  private async stepIdsInScope(q: StatementRunner, scope: InvalidateCacheScope): Promise<string[]> {
    if ('stepExecutionId' in scope) {
      const step = await this.readStep(q, requireString('stepExecutionId', scope.stepExecutionId));
      return [step.id];
    }
    if ('executionId' in scope) {
      const executionId = requireString('executionId', scope.executionId);
      const stepName = requireString('stepName', scope.stepName);
      await this.readExecution(q, executionId);
      // A step the execution never ran leaves nothing to invalidate (the empty result says so).
      const rows = await q.run('find-step-execution-by-name', { executionId, stepName });
      return rows.map((r) => stringColumn(r, 'id'));
    }
    if ('pipelineName' in scope) {
      const pipelineName = requireString('pipelineName', scope.pipelineName);
      if ((await q.run('get-pipeline', { name: pipelineName })).length === 0) throw new NotFoundError('Pipeline', pipelineName);
      const rows = await q.run('list-step-execution-ids-by-pipeline', { pipelineName });
      return rows.map((r) => stringColumn(r, 'id'));
    }
    if ('artifactId' in scope) {
      const artifactId = requireString('artifactId', scope.artifactId);
      const start = await q.run('get-artifacts', { ids: [artifactId] });
      const artifact = start[0] ? mapColumn(start[0], 'artifact') : null;
      if (artifact === null) throw new NotFoundError('Artifact', artifactId);
      // Everything downstream along the data flow, however deep: invalidation must not stop at a budget.
      const visited = await expandHops(
        q,
        {
          direction: 'DOWNSTREAM',
          edgeTypes: ['CONSUMED_BY', 'PRODUCED', 'DERIVED_FROM'],
          maxDepth: Number.MAX_SAFE_INTEGER,
          nodeLimit: Number.MAX_SAFE_INTEGER,
        },
        [artifact],
      );
      return [...visited.nodes.values()].filter((n) => n.map['nodeType'] === 'StepExecution').map((n) => n.id);
    }
    throw new InvalidArgumentError('scope', 'must name stepExecutionId, executionId and stepName, pipelineName, or artifactId');
  }

  // ---- model packages and contexts -------------------------------------------------------------

  async registerModelPackage(input: RegisterModelPackageInput): Promise<RegisterModelPackageResult> {
    const group = requireString('group', input.group);
    const modelArtifactId = requireString('modelArtifactId', input.modelArtifactId) as ArtifactId;
    const approvalStatus = requireApprovalStatus('approvalStatus', input.approvalStatus);
    const by = requireString('by', input.by);
    if (input.metrics !== undefined && !isJsonObject(input.metrics)) throw new InvalidArgumentError('metrics', 'must be a JSON object');
    const at = timestampOrNow('at', input.at);
    return this.cypher.write('registerModelPackage', async (q) => {
      const [lock] = await q.run('lock-model-package-group', { group, modelArtifactId });
      if (lock === undefined || !booleanColumn(lock, 'artifactExists')) throw new NotFoundError('Artifact', modelArtifactId);
      if (input.stepExecutionId) await this.readStep(q, input.stepExecutionId);
      const existing = mapColumn(lock, 'existing');
      if (existing !== null) return { modelPackage: toModelPackage(existing), created: false };
      const approval: Approval = { status: approvalStatus, by, at, comment: null };
      const rows = await q.run('create-model-package', {
        id: createModelPackageId(),
        group,
        version: toDriverInt(intColumn(lock, 'latestVersion') + 1),
        approvalStatus,
        modelArtifactId,
        stepExecutionId: input.stepExecutionId ?? null,
        description: input.description ?? null,
        metrics: toJsonParam(input.metrics ?? {}),
        at,
        approval: toJsonParam(approval),
      });
      return { modelPackage: toModelPackage(requiredMap(rows[0], 'modelPackage', 'registerModelPackage')), created: true };
    });
  }

  async setModelPackageApproval(input: SetApprovalInput): Promise<ModelPackage> {
    const id = requireString('id', input.id);
    const status = requireApprovalStatus('status', input.status);
    const by = requireString('by', input.by);
    const expectedStatus = input.expectedStatus === undefined ? null : requireApprovalStatus('expectedStatus', input.expectedStatus);
    const at = timestampOrNow('at', input.at);
    const approval: Approval = { status, by, at, comment: input.comment ?? null };
    const rows = await this.cypher.write('setModelPackageApproval', (q) =>
      q.run('update-model-package-approval', { id, expectedStatus, status, approval: toJsonParam(approval) }),
    );
    if (rows.length === 0) throw new NotFoundError('ModelPackage', id);
    const modelPackage = toModelPackage(requiredMap(rows[0], 'modelPackage', 'setModelPackageApproval'));
    if (!booleanColumn(rows[0]!, 'applied')) {
      throw new ConflictError(`ModelPackage ${id} is ${modelPackage.approvalStatus}, not ${String(expectedStatus)}`, {
        id,
        expected: expectedStatus,
        actual: modelPackage.approvalStatus,
      });
    }
    return modelPackage;
  }

  async getModelPackage(id: ModelPackageId): Promise<ModelPackage> {
    requireString('id', id);
    const rows = await this.cypher.read('getModelPackage', (q) => q.run('get-model-packages', { ids: [id] }));
    const map = rows[0] ? mapColumn(rows[0], 'modelPackage') : null;
    if (map === null) throw new NotFoundError('ModelPackage', id);
    return toModelPackage(map);
  }

  async listModelPackages(query: ListModelPackagesQuery = {}): Promise<Page<ModelPackage>> {
    const { first, after } = normalizePageRequest(query);
    const cursor = after === null ? null : decodeCursor(after, 2);
    const approvalStatuses = optionalList('approvalStatuses', query.approvalStatuses, APPROVAL_STATUSES);
    const rows = await this.cypher.read('listModelPackages', (q) =>
      q.run('list-model-packages', {
        group: query.group ?? null,
        approvalStatuses,
        afterCreatedAt: cursor === null ? null : cursorString(cursor[0]),
        afterId: cursor === null ? null : cursorString(cursor[1]),
        limit: toDriverInt(first + 1),
      }),
    );
    const items = rows.map((r) => toModelPackage(requiredMap(r, 'modelPackage', 'listModelPackages')));
    return pageOf(items, first, (mp) => [mp.createdAt, mp.id]);
  }

  async listModelPackagesByArtifact(artifactIds: readonly ArtifactId[]): Promise<ReadonlyMap<ArtifactId, readonly ModelPackage[]>> {
    if (!Array.isArray(artifactIds)) throw new InvalidArgumentError('artifactIds', 'must be a list');
    const result = new Map<ArtifactId, ModelPackage[]>(artifactIds.map((id) => [id, []]));
    if (artifactIds.length === 0) return result;
    const rows = await this.cypher.read('listModelPackagesByArtifact', (q) =>
      q.run('list-model-packages-by-artifact', { artifactIds: [...new Set(artifactIds)] }),
    );
    for (const row of rows) {
      result
        .get(stringColumn(row, 'artifactId') as ArtifactId)
        ?.push(toModelPackage(requiredMap(row, 'modelPackage', 'listModelPackagesByArtifact')));
    }
    return result;
  }

  async upsertContext(input: UpsertContextInput): Promise<Context> {
    const type = requireContextType('type', input.type);
    const name = requireString('name', input.name);
    if (input.properties !== undefined && !isJsonObject(input.properties))
      throw new InvalidArgumentError('properties', 'must be a JSON object');
    const at = timestampOrNow('at', input.at);
    const rows = await this.cypher.write('upsertContext', (q) =>
      q.run('upsert-context', {
        id: contextIdFor(type, name),
        type,
        name,
        properties: toJsonParam(input.properties ?? {}),
        replaceProperties: input.properties === undefined ? null : toJsonParam(input.properties),
        at,
      }),
    );
    return toContext(requiredMap(rows[0], 'context', 'upsertContext'));
  }

  async getContext(id: ContextId): Promise<Context> {
    requireString('id', id);
    const rows = await this.cypher.read('getContext', (q) => q.run('get-context', { id }));
    const map = rows[0] ? mapColumn(rows[0], 'context') : null;
    if (map === null) throw new NotFoundError('Context', id);
    return toContext(map);
  }

  // ---- lineage ---------------------------------------------------------------------------------

  async traverse(query: TraverseQuery): Promise<TraverseResult> {
    const normalized = normalizeTraverseQuery(query);
    return this.cypher.read('traverse', async (q) => {
      const startRows = await q.run('get-lineage-nodes', { ids: [...normalized.startIds] });
      const found = new Map<string, PropertyMap>();
      for (const r of startRows) {
        const map = mapColumn(r, 'node');
        if (map !== null) found.set(stringColumn(r, 'id'), map);
      }
      const missing = normalized.startIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotFoundError('LineageNode', missing);
      // In the order asked: when there are more start nodes than the budget, the first ones are visited.
      const start = normalized.startIds.map((id) => found.get(id)!);
      const visited = await expandHops(q, normalized, start);
      const nodes: LineageNode[] = [];
      for (const v of visited.nodes.values()) {
        const node = toLineageNode(v.map, v.depth);
        if (isReturnedNode(node, normalized)) nodes.push(node);
      }
      const ids = nodes.map((n) => n.id);
      const edgeRows = ids.length === 0 ? [] : await q.run('traverse-edges', { ids, edgeTypes: [...normalized.edgeTypes] });
      return { nodes, edges: edgeRows.map(toLineageEdge), truncated: visited.truncated };
    });
  }

  async getLineageNodes(ids: readonly string[]): Promise<readonly (LineageNode | null)[]> {
    if (!Array.isArray(ids)) throw new InvalidArgumentError('ids', 'must be a list');
    if (ids.length === 0) return [];
    const rows = await this.cypher.read('getLineageNodes', (q) => q.run('get-lineage-nodes', { ids: [...ids] }));
    const byId = new Map<string, LineageNode | null>();
    for (const r of rows) {
      const map = mapColumn(r, 'node');
      byId.set(stringColumn(r, 'id'), map === null ? null : toLineageNode(map, 0));
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  provenance(modelArtifactId: ArtifactId, options?: LineageQueryOptions): Promise<ProvenanceResult> {
    return computeProvenance(this, modelArtifactId, options);
  }

  impact(artifactId: ArtifactId, options?: LineageQueryOptions): Promise<ImpactResult> {
    return computeImpact(this, artifactId, options);
  }

  paths(query: PathsQuery): Promise<PathsResult> {
    return computePaths(this, query);
  }

  // ---- OpenLineage -----------------------------------------------------------------------------

  /**
   * One write transaction: the raw event first (its unique digest makes a repeat a no-op that
   * writes nothing else), then the job Contexts, the run and its parent, the dataset versions
   * (under per-dataset locks), the edges, the facets and the column lineage. Every value that
   * several events may set is replaced only by a higher-ranked event (see openlineage-plan.ts),
   * so any arrival order of the same events gives the same graph.
   */
  async recordOpenLineageEvent(record: OpenLineageEventRecord): Promise<OpenLineageIngestResult> {
    const issues = openLineageRecordIssues(record);
    if (issues.length > 0) throw new ValidationError('OpenLineage event', issues);
    const plan = planOpenLineageEvent(record);
    const { eventTime, eventDigest } = record;
    const applied = await this.cypher.write('recordOpenLineageEvent', async (q) => {
      const [created] = await q.run('create-openlineage-event', {
        eventDigest,
        kind: record.kind,
        eventType: record.eventType,
        eventTime,
        producer: record.producer,
        runId: plan.runEvent === null ? null : plan.runJobs[0]!.runId,
        receivedAt: record.receivedAt,
        event: plan.eventText,
      });
      if (created === undefined || !booleanColumn(created, 'created')) return false;
      if (plan.jobs.length > 0) await q.run('upsert-openlineage-jobs', { jobs: plan.jobs, eventTime });
      // The run first, then its parent: the order every writer takes these two locks in.
      for (const run of plan.runJobs) await q.run('merge-openlineage-run', run);
      if (plan.runEvent !== null)
        await q.run('apply-openlineage-run-event', { ...plan.runEvent, eventDigest, eventTime, producer: record.producer });
      if (plan.datasets.length > 0) {
        await q.run('lock-openlineage-datasets', { datasets: plan.datasets });
        const upserted = await q.run('upsert-openlineage-dataset-versions', { versions: plan.versions, eventTime });
        // Only datasets that gained a version or saw one move earlier need their chain recomputed.
        const changed = new Set(upserted.filter((r) => booleanColumn(r, 'changed')).map((r) => stringColumn(r, 'uri')));
        const uris = plan.datasets.map((d) => d.uri).filter((uri) => changed.has(uri));
        if (uris.length > 0) await q.run('relink-openlineage-dataset-versions', { uris });
      }
      if (plan.runNodeId !== null && plan.consumed.length > 0)
        await q.run('record-openlineage-run-inputs', { runNodeId: plan.runNodeId, artifactIds: plan.consumed });
      if (plan.runNodeId !== null && plan.produced.length > 0)
        await q.run('record-openlineage-run-outputs', { runNodeId: plan.runNodeId, artifactIds: plan.produced });
      if (plan.derived.length > 0) await q.run('record-derived-from-edges', { edges: plan.derived });
      if (plan.facets.length > 0) await q.run('record-openlineage-facets', { facets: plan.facets, eventTime, eventDigest });
      if (plan.columnLineage.length > 0) await q.run('record-column-lineage', { edges: plan.columnLineage, eventTime, eventDigest });
      return true;
    });
    this.logger?.debug(
      { component: 'graph-store-neo4j', eventDigest, runNodeId: plan.runNodeId, applied },
      applied ? 'OpenLineage event recorded' : 'OpenLineage event already recorded',
    );
    return { applied, runNodeId: plan.runNodeId, datasetArtifactIds: plan.datasetArtifactIds };
  }

  async getOpenLineageRun(runId: string): Promise<OpenLineageRun> {
    const run = await this.findOpenLineageRun(runId);
    if (run === null) throw new NotFoundError('OpenLineageRun', runId);
    return run;
  }

  async findOpenLineageRun(runId: string): Promise<OpenLineageRun | null> {
    const id = openLineageRunNodeId(requireOpenLineageRunId('runId', runId));
    const rows = await this.cypher.read('findOpenLineageRun', (q) => q.run('get-openlineage-runs', { ids: [id] }));
    return rows[0] === undefined ? null : openLineageRunOf(rows[0], 'findOpenLineageRun');
  }

  async listOpenLineageRuns(query: ListOpenLineageRunsQuery = {}): Promise<Page<OpenLineageRun>> {
    const { first, after } = normalizePageRequest(query);
    const cursor = after === null ? null : decodeCursor(after, 2);
    const optional = (argument: string, value: string | undefined) => (value === undefined ? null : requireString(argument, value));
    const params = {
      jobNamespace: optional('jobNamespace', query.jobNamespace),
      jobName: optional('jobName', query.jobName),
      parentRunId: query.parentRunId === undefined ? null : requireOpenLineageRunId('parentRunId', query.parentRunId),
      // A never-started run sorts last; its cursor carries '' for the missing start.
      afterStartedAt: cursor === null || cursorString(cursor[0]) === '' ? null : cursorString(cursor[0]),
      afterRunId: cursor === null ? null : cursorString(cursor[1]),
      limit: toDriverInt(first + 1),
    };
    const rows = await this.cypher.read('listOpenLineageRuns', (q) => q.run('list-openlineage-runs', params));
    const items = rows.map((r) => openLineageRunOf(r, 'listOpenLineageRuns'));
    return pageOf(items, first, (run) => [run.startedAt ?? '', run.runId]);
  }

  async listOpenLineageEvents(query: ListOpenLineageEventsQuery): Promise<Page<OpenLineageStoredEvent>> {
    if (typeof query !== 'object' || query === null) throw new InvalidArgumentError('query', 'must be an object with runId');
    const runId = requireOpenLineageRunId('runId', query.runId);
    const { first, after } = normalizePageRequest(query);
    const cursor = after === null ? null : decodeCursor(after, 2);
    const runNodeId = openLineageRunNodeId(runId);
    const afterEventTime = cursor === null ? null : cursorString(cursor[0]);
    const afterEventDigest = cursor === null ? null : cursorString(cursor[1]);
    const rows = await this.cypher.read('listOpenLineageEvents', async (q) => {
      const [node] = await q.run('get-lineage-nodes', { ids: [runNodeId] });
      if (node === undefined || mapColumn(node, 'node')?.['nodeType'] !== 'OpenLineageRun')
        throw new NotFoundError('OpenLineageRun', query.runId);
      return q.run('list-openlineage-events', {
        runNodeId,
        afterEventTime,
        afterEventDigest,
        limit: toDriverInt(first + 1),
      });
    });
    const items = rows.map((r) => toOpenLineageStoredEvent(requiredMap(r, 'event', 'listOpenLineageEvents')));
    return pageOf(items, first, (e) => [e.eventTime, e.eventDigest]);
  }

  async findOpenLineageDataset(namespace: string, name: string): Promise<OpenLineageDataset | null> {
    requireOpenLineageDataset(namespace, name);
    const uri = openLineageDatasetUri(namespace, name);
    const rows = await this.cypher.read('findOpenLineageDataset', (q) => q.run('find-openlineage-dataset', { uri }));
    const row = rows[0];
    if (row === undefined) return null;
    return toOpenLineageDataset({ namespace, name, uri }, row.get('versionIds'), row.get('facets'));
  }

  async listColumnLineage(query: ColumnLineageQuery): Promise<readonly ColumnLineageEdge[]> {
    const { namespace, name, field, direction } = normalizeColumnLineageQuery(query);
    const rows = await this.cypher.read('listColumnLineage', (q) =>
      q.run('list-column-lineage', {
        uri: openLineageDatasetUri(namespace, name),
        field,
        upstream: direction !== 'DOWNSTREAM',
        downstream: direction !== 'UPSTREAM',
      }),
    );
    return rows.map(toColumnLineageEdge).sort(compareColumnLineage);
  }
}
