/**
 * Driver values to domain types: the one place driver `Integer`s, temporal values and stored
 * JSON strings become plain numbers, ISO timestamps and objects. Reads never return driver types.
 *
 * Every mapper validates what it reads (DESIGN.md: validate rows read back from a store) and
 * throws STORE_CORRUPT naming the node and field, so a bad record fails loudly at the boundary
 * instead of as an `undefined` deep inside the executor.
 */
import neo4j from 'neo4j-driver';
import {
  APPROVAL_STATUSES,
  ARTIFACT_TYPES,
  CONTEXT_TYPES,
  OPENLINEAGE_EVENT_KINDS,
  OPENLINEAGE_RUN_STATES,
  STEP_TYPES,
  StoreCorruptError,
  executionStatusOfOpenLineageState,
  isExecutionStatus,
  isNodeType,
  isStepStatus,
  type Approval,
  type ApprovalStatus,
  type Artifact,
  type ArtifactId,
  type ArtifactType,
  type CacheMissExplanation,
  type ColumnLineageEdge,
  type Context,
  type ContextId,
  type ContextType,
  type Digest,
  type EdgeType,
  type ExecutionId,
  type IsoTimestamp,
  type JsonObject,
  type JsonValue,
  type LineageEdge,
  type LineageNode,
  type ModelPackage,
  type ModelPackageId,
  type OpenLineageDataset,
  type OpenLineageEventKind,
  type OpenLineageRun,
  type OpenLineageRunDatasetFacets,
  type OpenLineageRunState,
  type OpenLineageStoredEvent,
  type ParameterValue,
  type Pipeline,
  type PipelineExecution,
  type PipelineVersion,
  type PipelineVersionId,
  type StepAttempt,
  type StepExecution,
  type StepExecutionId,
  type StepType,
  isEdgeType,
} from '@pedigree/domain';

/** A property map as returned by `n {.*}`: driver values keyed by property name. */
export type PropertyMap = Readonly<Record<string, unknown>>;

/** The part of a driver record the adapter reads. */
export interface RecordLike {
  get(key: string): unknown;
}

class Reader {
  constructor(
    private readonly entity: string,
    private readonly map: PropertyMap,
  ) {}

  /** Throws STORE_CORRUPT naming the node and field. */
  corrupt(field: string, expected: string): never {
    const id = typeof this.map['id'] === 'string' ? this.map['id'] : undefined;
    throw new StoreCorruptError(`${this.entity}${id ? ` ${id}` : ''}: field ${field} is not ${expected}`, {
      entity: this.entity,
      id,
      field,
    });
  }

  string(field: string): string {
    const v = this.map[field];
    return typeof v === 'string' ? v : this.corrupt(field, 'a string');
  }

  nullableString(field: string): string | null {
    const v = this.map[field];
    if (v === null || v === undefined) return null;
    return typeof v === 'string' ? v : this.corrupt(field, 'a string');
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.map[field];
    return (allowed as readonly unknown[]).includes(v) ? (v as T) : this.corrupt(field, `one of ${allowed.join(', ')}`);
  }

  nullableOneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const v = this.map[field];
    if (v === null || v === undefined) return null;
    return this.oneOf(field, allowed);
  }

  int(field: string): number {
    const n = toNumber(this.map[field]);
    return n === null || !Number.isInteger(n) ? this.corrupt(field, 'an integer') : n;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.map[field];
    if (v === null || v === undefined) return fallback;
    return typeof v === 'boolean' ? v : this.corrupt(field, 'a boolean');
  }

  timestamp(field: string): IsoTimestamp {
    const v = this.nullableTimestamp(field);
    return v ?? this.corrupt(field, 'a DateTime');
  }

  nullableTimestamp(field: string): IsoTimestamp | null {
    const v = this.map[field];
    if (v === null || v === undefined) return null;
    const iso = toIsoTimestamp(v);
    return iso ?? this.corrupt(field, 'a DateTime');
  }

  json<T>(field: string, fallback: T): T {
    const v = this.map[field];
    if (v === null || v === undefined) return fallback;
    if (typeof v !== 'string') return this.corrupt(field, 'a JSON string');
    try {
      return JSON.parse(v) as T;
    } catch {
      return this.corrupt(field, 'valid JSON');
    }
  }

  jsonObject(field: string): JsonObject {
    const v = this.json<unknown>(field, {});
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : this.corrupt(field, 'a JSON object');
  }

  nullableJsonObject(field: string): JsonObject | null {
    const v = this.json<unknown>(field, null);
    if (v === null) return null;
    return typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : this.corrupt(field, 'a JSON object');
  }

  stringList(field: string): string[] {
    const v = this.map[field];
    if (v === null || v === undefined) return [];
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : this.corrupt(field, 'a list of strings');
  }
}

/** A driver Integer or JS number as a JS number; null for anything else. Throws STORE_CORRUPT beyond 2^53. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw new StoreCorruptError(`Integer ${value.toString()} is outside the safe range`);
    return value.toNumber();
  }
  return null;
}

/**
 * A driver DateTime as an ISO-8601 UTC timestamp with milliseconds; null for anything else.
 * Sub-millisecond digits are dropped: the domain promises millisecond precision.
 */
export function toIsoTimestamp(value: unknown): IsoTimestamp | null {
  if (!neo4j.isDateTime(value)) return null;
  const part = (v: unknown): number => toNumber(v) ?? 0;
  const offset = value.timeZoneOffsetSeconds;
  let ms: number;
  if (offset !== undefined && offset !== null) {
    ms =
      Date.UTC(part(value.year), part(value.month) - 1, part(value.day), part(value.hour), part(value.minute), part(value.second)) +
      Math.floor(part(value.nanosecond) / 1_000_000) -
      part(offset) * 1000;
  } else {
    // Zone id without an offset: the driver resolves the offset.
    ms = value.toStandardDate().getTime();
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toPipeline(map: PropertyMap): Pipeline {
  const r = new Reader('Pipeline', map);
  return {
    name: r.string('name'),
    description: r.nullableString('description'),
    createdAt: r.timestamp('createdAt'),
    latestVersion: r.int('latestVersion'),
  };
}

export function toPipelineVersion(map: PropertyMap): PipelineVersion {
  const r = new Reader('PipelineVersion', map);
  return {
    id: r.string('id') as PipelineVersionId,
    pipelineName: r.string('pipelineName'),
    version: r.int('version'),
    definitionHash: r.string('definitionHash') as Digest,
    definition: r.jsonObject('definition'),
    createdAt: r.timestamp('createdAt'),
  };
}

export function toExecution(map: PropertyMap): PipelineExecution {
  const r = new Reader('PipelineExecution', map);
  const status = map['status'];
  if (!isExecutionStatus(status)) return r.corrupt('status', 'an execution status');
  return {
    id: r.string('id') as ExecutionId,
    pipelineName: r.string('pipelineName'),
    pipelineVersionId: r.string('pipelineVersionId') as PipelineVersionId,
    status,
    parameters: r.jsonObject('parameters') as Record<string, ParameterValue>,
    startedAt: r.timestamp('startedAt'),
    endedAt: r.nullableTimestamp('endedAt'),
    failureReason: r.nullableString('failureReason'),
    createdBy: r.nullableString('createdBy'),
    scheduleId: r.nullableString('scheduleId'),
    revision: r.int('revision'),
  };
}

export function toStepExecution(map: PropertyMap): StepExecution {
  const r = new Reader('StepExecution', map);
  const status = map['status'];
  if (!isStepStatus(status)) return r.corrupt('status', 'a step status');
  const attempts = r.json<unknown>('attempts', []);
  if (!Array.isArray(attempts)) return r.corrupt('attempts', 'a JSON list');
  return {
    id: r.string('id') as StepExecutionId,
    executionId: r.string('executionId') as ExecutionId,
    stepName: r.string('stepName'),
    stepType: r.oneOf<StepType>('stepType', STEP_TYPES),
    status,
    attempt: r.int('attempt'),
    attempts: attempts as StepAttempt[],
    cacheKey: r.nullableString('cacheKey'),
    cacheHit: r.boolean('cacheHit', false),
    reusedStepExecutionId: r.nullableString('reusedStepExecutionId') as StepExecutionId | null,
    cacheMiss: r.json<CacheMissExplanation | null>('cacheMiss', null),
    startedAt: r.nullableTimestamp('startedAt'),
    endedAt: r.nullableTimestamp('endedAt'),
    failureReason: r.nullableString('failureReason'),
    resolvedArguments: r.nullableJsonObject('resolvedArguments'),
    properties: r.nullableJsonObject('properties'),
    revision: r.int('revision'),
  };
}

export function toArtifact(map: PropertyMap): Artifact {
  const r = new Reader('Artifact', map);
  return {
    id: r.string('id') as ArtifactId,
    uri: r.string('uri'),
    digest: r.string('digest') as Digest,
    type: r.oneOf<ArtifactType>('type', ARTIFACT_TYPES),
    name: r.string('name'),
    size: r.int('size'),
    properties: r.jsonObject('properties'),
    createdAt: r.timestamp('createdAt'),
    previousVersionId: r.nullableString('previousVersionId') as ArtifactId | null,
  };
}

export function toModelPackage(map: PropertyMap): ModelPackage {
  const r = new Reader('ModelPackage', map);
  const id = r.string('id');
  const approvals = r.stringList('approvals').map((text, i) => toApproval(text, id, i));
  return {
    id: id as ModelPackageId,
    group: r.string('group'),
    version: r.int('version'),
    approvalStatus: r.oneOf<ApprovalStatus>('approvalStatus', APPROVAL_STATUSES),
    modelArtifactId: r.string('modelArtifactId') as ArtifactId,
    stepExecutionId: r.nullableString('stepExecutionId') as StepExecutionId | null,
    description: r.nullableString('description'),
    metrics: r.jsonObject('metrics'),
    createdAt: r.timestamp('createdAt'),
    approvals,
  };
}

/** One approval history entry, stored as a JSON string in the package's `approvals` list. */
function toApproval(text: string, packageId: string, index: number): Approval {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // left null: the Reader below reports the entry as corrupt, naming the package and index
  }
  const fields = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as PropertyMap) : {};
  const a = new Reader(`ModelPackage approvals[${index}]`, { ...fields, id: packageId });
  return {
    status: a.oneOf<ApprovalStatus>('status', APPROVAL_STATUSES),
    by: a.string('by'),
    at: a.string('at'),
    comment: a.nullableString('comment'),
  };
}

export function toContext(map: PropertyMap): Context {
  const r = new Reader('Context', map);
  return {
    id: r.string('id') as ContextId,
    type: r.oneOf<ContextType>('type', CONTEXT_TYPES),
    name: r.string('name'),
    properties: r.jsonObject('properties'),
    createdAt: r.timestamp('createdAt'),
  };
}

/** Any `:LineageNode` property map as a lineage node at `depth`, labelled for drawing. */
export function toLineageNode(map: PropertyMap, depth: number): LineageNode {
  const r = new Reader('LineageNode', map);
  const type = map['nodeType'];
  if (!isNodeType(type)) return r.corrupt('nodeType', 'a lineage node type');
  const id = r.string('id');
  const createdAt = r.nullableTimestamp('createdAt') ?? undefined;
  switch (type) {
    case 'Artifact':
      return {
        id,
        type,
        depth,
        label: r.string('name'),
        artifactType: r.oneOf<ArtifactType>('type', ARTIFACT_TYPES),
        uri: r.string('uri'),
        digest: r.string('digest'),
        ...(createdAt ? { createdAt } : {}),
      };
    case 'StepExecution': {
      const step = toStepExecution(map);
      return {
        id,
        type,
        depth,
        label: step.stepName,
        stepType: step.stepType,
        status: step.status,
        ...(step.startedAt ? { createdAt: step.startedAt } : {}),
      };
    }
    case 'PipelineExecution': {
      const execution = toExecution(map);
      return { id, type, depth, label: execution.pipelineName, status: execution.status, createdAt: execution.startedAt };
    }
    case 'PipelineVersion':
      return { id, type, depth, label: `${r.string('pipelineName')} v${r.int('version')}`, ...(createdAt ? { createdAt } : {}) };
    case 'Pipeline':
      return { id, type, depth, label: r.string('name'), ...(createdAt ? { createdAt } : {}) };
    case 'ModelPackage':
      return {
        id,
        type,
        depth,
        label: `${r.string('group')}/${r.int('version')}`,
        approvalStatus: r.oneOf<ApprovalStatus>('approvalStatus', APPROVAL_STATUSES),
        ...(createdAt ? { createdAt } : {}),
      };
    case 'Context':
      return {
        id,
        type,
        depth,
        label: r.string('name'),
        contextType: r.oneOf<ContextType>('type', CONTEXT_TYPES),
        ...(createdAt ? { createdAt } : {}),
      };
    case 'OpenLineageRun': {
      // A run only known as a parent has no state and no start yet: no status, no createdAt.
      const status = executionStatusOfOpenLineageState(r.nullableOneOf<OpenLineageRunState>('state', OPENLINEAGE_RUN_STATES));
      const startedAt = r.nullableTimestamp('startedAt');
      return {
        id,
        type,
        depth,
        label: r.nullableString('jobName') ?? r.string('runId'),
        ...(status ? { status } : {}),
        ...(startedAt ? { createdAt: startedAt } : {}),
      };
    }
  }
}

/**
 * Facet entries as `collect(f {.name, .value, .eventTime, .eventDigest})` returns them, as one
 * object: for each name the value of the latest entry by (eventTime, eventDigest). A run's facets
 * have one entry per name; a dataset's come from all its versions, hence the merge.
 */
export function toOpenLineageFacets(entries: unknown, owner: string): JsonObject {
  if (!Array.isArray(entries)) throw new StoreCorruptError(`${owner}: facets is not a list`, { id: owner });
  const latest = new Map<string, { value: JsonValue; eventTime: string; eventDigest: string }>();
  entries.forEach((entry: unknown, i) => {
    const map = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as PropertyMap) : {};
    const r = new Reader(`OpenLineageFacet ${owner} [${i}]`, map);
    const name = r.string('name');
    const value = r.json<unknown>('value', undefined);
    if (value === undefined) return r.corrupt('value', 'a JSON string');
    const candidate = { value: value as JsonValue, eventTime: r.timestamp('eventTime'), eventDigest: r.string('eventDigest') };
    const current = latest.get(name);
    const later =
      current === undefined ||
      (candidate.eventTime === current.eventTime ? candidate.eventDigest > current.eventDigest : candidate.eventTime > current.eventTime);
    if (later) latest.set(name, candidate);
  });
  // Sorted by name, so the same facets read back as the same object whatever order the rows came in.
  return Object.fromEntries([...latest.keys()].sort().map((name) => [name, latest.get(name)!.value]));
}

/** A run node with its facet entries (a placeholder run has no eventCount or producers yet: 0 and []). */
/**
 * A run's input/output facet entries (owner `<run node id>|input|<artifact id>` or `|output|`),
 * grouped per (direction, artifact), latest per name; inputs first, then by artifact id.
 */
export function toOpenLineageRunDatasetFacets(entries: unknown, runNodeId: string): OpenLineageRunDatasetFacets[] {
  if (!Array.isArray(entries)) throw new StoreCorruptError(`${runNodeId}: datasetFacets is not a list`, { id: runNodeId });
  const groups = new Map<string, { direction: 'INPUT' | 'OUTPUT'; artifactId: ArtifactId; entries: unknown[] }>();
  entries.forEach((entry: unknown, i) => {
    const map = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as PropertyMap) : {};
    const ownerId = new Reader(`OpenLineageFacet ${runNodeId} [${i}]`, map).string('ownerId');
    const match = /^(.*)\|(input|output)\|(.+)$/.exec(ownerId);
    if (!match || match[1] !== runNodeId) {
      throw new StoreCorruptError(
        `OpenLineageFacet ${runNodeId} [${i}]: ownerId ${JSON.stringify(ownerId)} is not <run>|input|output|<artifact>`,
        {
          id: runNodeId,
        },
      );
    }
    const direction = match[2] === 'input' ? ('INPUT' as const) : ('OUTPUT' as const);
    const key = `${direction}\u0000${match[3]!}`;
    const group = groups.get(key) ?? { direction, artifactId: match[3]! as ArtifactId, entries: [] };
    groups.set(key, group);
    group.entries.push(entry);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      direction: g.direction,
      artifactId: g.artifactId,
      facets: toOpenLineageFacets(g.entries, `${runNodeId} ${g.artifactId}`),
    }));
}

export function toOpenLineageRun(map: PropertyMap, facets: unknown, jobFacets: unknown, datasetFacets: unknown): OpenLineageRun {
  const r = new Reader('OpenLineageRun', map);
  const id = r.string('id');
  const jobNamespace = r.nullableString('jobNamespace');
  const jobName = r.nullableString('jobName');
  if ((jobNamespace === null) !== (jobName === null))
    r.corrupt(jobName === null ? 'jobName' : 'jobNamespace', 'set together with its pair');
  const eventCount = map['eventCount'] === undefined || map['eventCount'] === null ? 0 : r.int('eventCount');
  return {
    id,
    runId: r.string('runId'),
    job: jobNamespace === null || jobName === null ? null : { namespace: jobNamespace, name: jobName },
    state: r.nullableOneOf<OpenLineageRunState>('state', OPENLINEAGE_RUN_STATES),
    startedAt: r.nullableTimestamp('startedAt'),
    endedAt: r.nullableTimestamp('endedAt'),
    parentRunId: r.nullableString('parentRunId'),
    facets: toOpenLineageFacets(facets, id),
    jobFacets: toOpenLineageFacets(jobFacets, `${id} job`),
    datasetFacets: toOpenLineageRunDatasetFacets(datasetFacets, id),
    producers: r.stringList('producers').sort(),
    eventCount,
  };
}

export function toOpenLineageStoredEvent(map: PropertyMap): OpenLineageStoredEvent {
  const r = new Reader('OpenLineageEvent', map);
  const eventDigest = r.string('eventDigest');
  const event = new Reader(`OpenLineageEvent ${eventDigest}`, map).jsonObject('event');
  return {
    eventDigest: eventDigest as Digest,
    kind: r.oneOf<OpenLineageEventKind>('kind', OPENLINEAGE_EVENT_KINDS),
    eventType: r.nullableOneOf<OpenLineageRunState>('eventType', OPENLINEAGE_RUN_STATES),
    eventTime: r.timestamp('eventTime'),
    producer: r.string('producer'),
    runId: r.nullableString('runId'),
    receivedAt: r.timestamp('receivedAt'),
    event,
  };
}

/** A dataset (named by the caller) with its version ids (newest first) and the facet entries of its versions. */
export function toOpenLineageDataset(
  dataset: { readonly namespace: string; readonly name: string; readonly uri: string },
  versionIds: unknown,
  facets: unknown,
): OpenLineageDataset {
  if (!Array.isArray(versionIds) || !versionIds.every((v) => typeof v === 'string')) {
    throw new StoreCorruptError(`OpenLineage dataset ${dataset.uri}: versionIds is not a list of artifact ids`, { uri: dataset.uri });
  }
  return { ...dataset, versionArtifactIds: versionIds as ArtifactId[], facets: toOpenLineageFacets(facets, dataset.uri) };
}

/** One row of list-column-lineage: `from` and `to` field maps and the transformations JSON. */
export function toColumnLineageEdge(record: RecordLike): ColumnLineageEdge {
  const field = (key: 'from' | 'to') => {
    const map = mapColumn(record, key);
    if (map === null) throw new StoreCorruptError(`Column lineage row has no ${key}`, { column: key });
    const r = new Reader('DatasetField', map);
    return { namespace: r.string('namespace'), name: r.string('name'), field: r.string('field') };
  };
  const from = field('from');
  const to = field('to');
  const text = record.get('transformations');
  let transformations: unknown = null;
  if (typeof text === 'string') {
    try {
      transformations = JSON.parse(text);
    } catch {
      // left null: reported below with the edge named
    }
  }
  if (!Array.isArray(transformations)) {
    throw new StoreCorruptError(`Column lineage ${from.name}.${from.field} -> ${to.name}.${to.field}: transformations is not a JSON list`, {
      from,
      to,
    });
  }
  return { from, to, transformations: transformations as JsonValue[] };
}

export function toLineageEdge(record: RecordLike): LineageEdge {
  const from = record.get('from');
  const to = record.get('to');
  const type = record.get('type');
  if (typeof from !== 'string' || typeof to !== 'string' || !isEdgeType(type)) {
    throw new StoreCorruptError('Lineage edge record is malformed', { from, to, type });
  }
  return { from, to, type: type as EdgeType };
}

/** A property map from a record column; null when the column is null (an OPTIONAL MATCH that found nothing). */
export function mapColumn(record: RecordLike, key: string): PropertyMap | null {
  const v = record.get(key);
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new StoreCorruptError(`Column ${key} is not a property map`, { column: key });
  return v as PropertyMap;
}

/** A string column; STORE_CORRUPT otherwise. */
export function stringColumn(record: RecordLike, key: string): string {
  const v = record.get(key);
  if (typeof v !== 'string') throw new StoreCorruptError(`Column ${key} is not a string`, { column: key });
  return v;
}

/** An integer column (driver Integer or number); STORE_CORRUPT otherwise. */
export function intColumn(record: RecordLike, key: string): number {
  const n = toNumber(record.get(key));
  if (n === null || !Number.isInteger(n)) throw new StoreCorruptError(`Column ${key} is not an integer`, { column: key });
  return n;
}

export function booleanColumn(record: RecordLike, key: string): boolean {
  const v = record.get(key);
  if (typeof v !== 'boolean') throw new StoreCorruptError(`Column ${key} is not a boolean`, { column: key });
  return v;
}
