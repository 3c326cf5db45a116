import {
  InvalidArgumentError,
  NotFoundError,
  OPENLINEAGE_EVENT_KINDS,
  OPENLINEAGE_RUN_STATES,
  StoreCorruptError,
  TERMINAL_OPENLINEAGE_STATES,
  artifactIdFor,
  canonicalJson,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageJobContextId,
  openLineageRunNodeId,
  type ArtifactId,
  type ColumnLineageEdge,
  type ContextId,
  type Digest,
  type EdgeType,
  type JsonObject,
  type JsonValue,
  type OpenLineageDataset,
  type OpenLineageEventKind,
  type OpenLineageJobRef,
  type OpenLineageRun,
  type OpenLineageRunDatasetFacets,
  type OpenLineageRunState,
  type OpenLineageStoredEvent,
} from '@pedigree/domain';
import {
  decodeCursor,
  encodeCursor,
  openLineageJsonText,
  type OpenLineageDatasetRecord,
  type OpenLineageEventRecord,
  type OpenLineageFacets,
  type OpenLineageIngestResult,
  type Page,
} from '@pedigree/graph-store';
import type Database from 'better-sqlite3';
import { nodeKindOf } from './mappers.ts';
import { artifactIdKey, createNodeKeyLookup, EDGE_TYPE_CODES, nextNodeKeySql } from './node-keys.ts';

/*
 * OpenLineage on the embedded store: applying a normalized event record, and the reads of runs,
 * events, datasets and column lineage. Every function here runs inside the caller's transaction
 * (the adapter's group-commit write path or a read snapshot); none opens its own.
 *
 * Order independence: every value that several events may set (a run's state, job and parent, a
 * facet, a column edge's transformations, a version's createdAt) keeps the value of the event
 * that ranks highest under a fixed total order, so the same set of events gives the same rows in
 * any arrival order. Ranks are texts compared as strings: eventTime is normalized (UTC with
 * milliseconds), so text order is time order.
 */

export interface OpenLineageDeps {
  /** A cached statement on the adapter's connection. */
  readonly prepare: (sql: string) => Database.Statement;
  /** The full-text `props` column for an artifact's properties (the text the adapter indexes for every artifact). */
  readonly ftsText: (properties: JsonObject) => string;
}

interface RunRow {
  run_id: string;
  node_id: string;
  job_namespace: string | null;
  job_name: string | null;
  job_rank: string | null;
  state: string | null;
  state_rank: string | null;
  started_at: string | null;
  ended_at: string | null;
  parent_run_id: string | null;
  parent_rank: string | null;
  event_count: number;
}

interface EventRow {
  event_digest: string;
  kind: string;
  event_type: string | null;
  event_time: string;
  producer: string;
  run_id: string | null;
  received_at: string;
  event: string;
}

interface FacetRow {
  owner_id: string;
  name: string;
  value: string;
  event_time: string;
  event_digest: string;
}

interface IoFacetRow {
  run_id: string;
  artifact_id: string;
  direction: string;
  name: string;
  value: string;
}

interface ColumnRow {
  from_namespace: string;
  from_name: string;
  from_field: string;
  to_namespace: string;
  to_name: string;
  to_field: string;
  transformations: string;
}

export interface NormalizedRunsQuery {
  readonly first: number;
  readonly after: string | null;
  readonly jobNamespace: string | null;
  readonly jobName: string | null;
  readonly parentRunId: string | null;
}

export interface OpenLineageTables {
  /** Applies one validated record; the caller runs it inside one write transaction. */
  record(record: OpenLineageEventRecord): OpenLineageIngestResult;
  /** `runId` lower-cased. */
  run(runId: string): OpenLineageRun | null;
  listRuns(query: NormalizedRunsQuery): Page<OpenLineageRun>;
  /** Null when the run is unknown. */
  listEvents(runId: string, first: number, after: string | null): Page<OpenLineageStoredEvent> | null;
  dataset(namespace: string, name: string): OpenLineageDataset | null;
  columnLineage(query: {
    namespace: string;
    name: string;
    field: string | null;
    direction: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
  }): ColumnLineageEdge[];
}

const rank = (priority: number | null, eventTime: string, eventDigest: string): string =>
  priority === null ? `${eventTime}|${eventDigest}` : `${priority}|${eventTime}|${eventDigest}`;

const RUN_ONLY_KNOWN_AS_PARENT = 0;
const RUN_OWN_EVENT = 1;

function corrupt(table: string, id: string, column: string, why: string): StoreCorruptError {
  return new StoreCorruptError(`${table} ${id}: column ${column} ${why}`, { table, id, column });
}

function parseObject(table: string, id: string, column: string, text: string): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw corrupt(table, id, column, 'is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw corrupt(table, id, column, 'is not a JSON object');
  return v as JsonObject;
}

function cursor(after: string | null, arity: number): string[] | null {
  if (after === null) return null;
  const parts = decodeCursor(after, arity);
  if (!parts.every((p) => typeof p === 'string')) throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
  return parts;
}

function page<R, T>(rows: readonly R[], first: number, items: (rows: readonly R[]) => T[], key: (row: R) => string[]): Page<T> {
  const slice = rows.slice(0, first);
  const last = slice[slice.length - 1];
  return { items: items(slice), endCursor: last === undefined ? null : encodeCursor(key(last)), hasNextPage: rows.length > first };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keeps, per facet name, the row of the latest event (eventTime, then eventDigest). */
function latestFacets(rows: readonly FacetRow[], table: string): JsonObject {
  const best = new Map<string, FacetRow>();
  for (const r of rows) {
    const b = best.get(r.name);
    if (!b || rank(null, r.event_time, r.event_digest) > rank(null, b.event_time, b.event_digest)) best.set(r.name, r);
  }
  const facets: Record<string, JsonValue> = {};
  for (const name of [...best.keys()].sort(cmp)) {
    const r = best.get(name)!;
    facets[name] = parseObject(table, `${r.owner_id}/${name}`, 'value', r.value);
  }
  return facets;
}

export function createOpenLineageTables(deps: OpenLineageDeps): OpenLineageTables {
  const { prepare } = deps;

  // The one place OpenLineage writes edges (edge storage may change; only these two follow it).
  // Edges are stored on node keys (node-keys.ts); both ends are written before their edges.
  const nodeKey = createNodeKeyLookup(prepare, nodeKindOf);
  const keysOf = (from: string, to: string): [number, number] => {
    const f = nodeKey(from);
    const t = nodeKey(to);
    if (f === undefined || t === undefined)
      throw new NotFoundError(
        'LineageNode',
        [from, to].filter((_, i) => [f, t][i] === undefined),
      );
    return [f, t];
  };
  const edges = {
    add(from: string, type: EdgeType, to: string): void {
      const [f, t] = keysOf(from, to);
      prepare('INSERT OR IGNORE INTO edges (from_key, type, to_key) VALUES (?, ?, ?)').run(f, EDGE_TYPE_CODES[type], t);
    },
    /** Only for a run whose job or parent was replaced by a higher-ranked event. */
    remove(from: string, type: EdgeType, to: string): void {
      const f = nodeKey(from);
      const t = nodeKey(to);
      if (f === undefined || t === undefined) return;
      prepare('DELETE FROM edges WHERE from_key = ? AND type = ? AND to_key = ?').run(f, EDGE_TYPE_CODES[type], t);
    },
  };

  function upsertFacets(ownerId: string, facets: OpenLineageFacets, eventTime: string, eventDigest: string, path: string): void {
    const s = prepare(
      `INSERT INTO ol_facets (owner_id, name, value, event_time, event_digest) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (owner_id, name) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, event_digest = excluded.event_digest
       WHERE (excluded.event_time, excluded.event_digest) > (ol_facets.event_time, ol_facets.event_digest)`,
    );
    for (const [name, value] of Object.entries(facets))
      s.run(ownerId, name, openLineageJsonText(value, `${path}.${name}`), eventTime, eventDigest);
  }

  function upsertIoFacets(
    runId: string,
    artifactId: string,
    direction: 'input' | 'output',
    facets: OpenLineageFacets,
    eventTime: string,
    eventDigest: string,
    path: string,
  ): void {
    const s = prepare(
      `INSERT INTO ol_io_facets (run_id, artifact_id, direction, name, value, event_time, event_digest) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, artifact_id, direction, name) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, event_digest = excluded.event_digest
       WHERE (excluded.event_time, excluded.event_digest) > (ol_io_facets.event_time, ol_io_facets.event_digest)`,
    );
    for (const [name, value] of Object.entries(facets))
      s.run(runId, artifactId, direction, name, openLineageJsonText(value, `${path}.${name}`), eventTime, eventDigest);
  }

  /** The job's Context: created by the first event naming it, createdAt the earliest eventTime that did. */
  function upsertJob(job: OpenLineageJobRef, eventTime: string): ContextId {
    const id = openLineageJobContextId(job.namespace, job.name);
    prepare(
      `INSERT INTO contexts (id, type, name, properties, created_at, node_key) VALUES (?, 'OpenLineageJob', ?, ?, ?, ${nextNodeKeySql('Context')})
       ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at WHERE excluded.created_at < contexts.created_at`,
    ).run(
      id,
      canonicalJson([job.namespace, job.name]),
      JSON.stringify({ openlineage: { namespace: job.namespace, name: job.name } }),
      eventTime,
    );
    return id;
  }

  function ensureRun(runId: string): RunRow {
    prepare(
      `INSERT INTO ol_runs (run_id, node_id, node_key) VALUES (?, ?, ${nextNodeKeySql('OpenLineageRun')}) ON CONFLICT (run_id) DO NOTHING`,
    ).run(runId, openLineageRunNodeId(runId));
    return prepare('SELECT * FROM ol_runs WHERE run_id = ?').get(runId) as RunRow;
  }

  /** Sets the run's job when `jobRank` outranks the current one (its own events over a child's parent facet). */
  function setRunJob(run: RunRow, job: OpenLineageJobRef, jobRank: string): void {
    if (run.job_rank !== null && run.job_rank >= jobRank) return;
    const contextId = openLineageJobContextId(job.namespace, job.name);
    if (run.job_namespace !== null && run.job_name !== null) {
      const old = openLineageJobContextId(run.job_namespace, run.job_name);
      if (old !== contextId) edges.remove(run.node_id, 'ASSOCIATED_WITH', old);
    }
    prepare('UPDATE ol_runs SET job_namespace = ?, job_name = ?, job_rank = ? WHERE run_id = ?').run(
      job.namespace,
      job.name,
      jobRank,
      run.run_id,
    );
    edges.add(run.node_id, 'ASSOCIATED_WITH', contextId);
  }

  function setRunParent(run: RunRow, parentRunId: string, parentRank: string): void {
    if (run.parent_rank !== null && run.parent_rank >= parentRank) return;
    const parentNode = openLineageRunNodeId(parentRunId);
    if (run.parent_run_id !== null && run.parent_run_id !== parentRunId)
      edges.remove(run.node_id, 'PART_OF', openLineageRunNodeId(run.parent_run_id));
    prepare('UPDATE ol_runs SET parent_run_id = ?, parent_rank = ? WHERE run_id = ?').run(parentRunId, parentRank, run.run_id);
    edges.add(run.node_id, 'PART_OF', parentNode);
  }

  /**
   * The versions just before and after (createdAt, digest) at the URI, `id` itself left out. Each a
   * range on artifacts_uri (uri, created_at), so the cost does not grow with the versions.
   */
  function neighbours(uri: string, createdAt: string, digest: string, id: string): { prev: string | null; next: string | null } {
    const params = { uri, createdAt, digest, id };
    const prev = prepare(
      `SELECT id FROM artifacts WHERE uri = @uri AND created_at <= @createdAt AND (created_at < @createdAt OR digest < @digest) AND id <> @id
       ORDER BY created_at DESC, digest DESC LIMIT 1`,
    ).get(params) as { id: string } | undefined;
    const next = prepare(
      `SELECT id FROM artifacts WHERE uri = @uri AND created_at >= @createdAt AND (created_at > @createdAt OR digest > @digest) AND id <> @id
       ORDER BY created_at, digest LIMIT 1`,
    ).get(params) as { id: string } | undefined;
    return { prev: prev?.id ?? null, next: next?.id ?? null };
  }

  function setPrevious(id: string, previous: string | null): void {
    prepare('UPDATE artifacts SET previous_version_id = ? WHERE id_key = ? AND id = ? AND previous_version_id IS NOT ?').run(
      previous,
      artifactIdKey(id),
      id,
      previous,
    );
  }

  /**
   * The version's artifact: inserted once (with its full-text row), createdAt lowered to the
   * earliest eventTime naming it. `previousVersionId` chains the versions of a URI in (createdAt,
   * digest) order whatever order they arrive in: a version placed (or moved) in the chain links
   * to its new predecessor, and its successor links to it; a version moved earlier first hands its
   * old successor its old predecessor. Local updates only: a dataset with thousands of versions
   * costs the same per event as one with two.
   */
  function ensureVersion(namespace: string, name: string, version: string | null, eventTime: string): ArtifactId {
    const uri = openLineageDatasetUri(namespace, name);
    const digest = openLineageDatasetDigest(namespace, name, version);
    const id = artifactIdFor(uri, digest);
    const properties: JsonObject = { openlineage: { namespace, name, version } };
    const idKey = artifactIdKey(id);
    // Check, then insert: artifacts.id has no unique index (schema version 4); this runs inside
    // the store's write transaction (BEGIN IMMEDIATE), so no other writer can insert in between.
    const current = prepare('SELECT seq, created_at, previous_version_id FROM artifacts WHERE id_key = ? AND id = ?').get(idKey, id) as
      { seq: number; created_at: string; previous_version_id: string | null } | undefined;
    if (current === undefined) {
      const inserted = prepare(
        `INSERT INTO artifacts (id, id_key, uri, digest, type, name, size, properties, created_at) VALUES (?, ?, ?, ?, 'DataSet', ?, 0, ?, ?)`,
      ).run(id, idKey, uri, digest, name, JSON.stringify(properties), eventTime);
      prepare('INSERT INTO artifacts_fts (rowid, name, uri, props) VALUES (?, ?, ?, ?)').run(
        inserted.lastInsertRowid,
        name,
        uri,
        deps.ftsText(properties),
      );
    } else {
      if (current.created_at <= eventTime) return id;
      const old = neighbours(uri, current.created_at, digest, id);
      if (old.next !== null) setPrevious(old.next, current.previous_version_id);
      prepare('UPDATE artifacts SET created_at = ? WHERE seq = ?').run(eventTime, current.seq);
    }
    const now = neighbours(uri, eventTime, digest, id);
    setPrevious(id, now.prev);
    if (now.next !== null) setPrevious(now.next, id);
    return id;
  }

  function record(r: OpenLineageEventRecord): OpenLineageIngestResult {
    const runId = r.kind === 'RunEvent' && r.run ? r.run.runId.toLowerCase() : null;
    const runNodeId = runId === null ? null : openLineageRunNodeId(runId);
    const versionId = (d: OpenLineageDatasetRecord): ArtifactId =>
      artifactIdFor(openLineageDatasetUri(d.namespace, d.name), openLineageDatasetDigest(d.namespace, d.name, d.version));
    const datasetArtifactIds = [...r.inputs, ...r.outputs].map(versionId);

    // The log first: its unique digest is the idempotence check, and a replay changes nothing.
    const logged = prepare(
      `INSERT INTO ol_events (event_digest, kind, event_type, event_time, producer, run_id, received_at, event)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_digest) DO NOTHING`,
    ).run(r.eventDigest, r.kind, r.eventType, r.eventTime, r.producer, runId, r.receivedAt, openLineageJsonText(r.event, 'event'));
    if (logged.changes === 0) return { applied: false, runNodeId, datasetArtifactIds };

    const t = r.eventTime;
    const d = r.eventDigest;
    if (r.job) {
      const contextId = upsertJob(r.job, t);
      upsertFacets(contextId, r.job.facets, t, d, 'job.facets');
    }
    if (runId !== null && runNodeId !== null && r.run) {
      const run = ensureRun(runId);
      if (r.job) setRunJob(run, r.job, rank(RUN_OWN_EVENT, t, d));
      const state = r.eventType ?? 'OTHER';
      const terminal = TERMINAL_OPENLINEAGE_STATES.has(state);
      // A terminal state outranks every non-terminal one, whatever their times.
      const stateRank = rank(terminal ? 1 : 0, t, d);
      prepare(
        `UPDATE ol_runs SET
           state = CASE WHEN state_rank IS NULL OR state_rank < @rank THEN @state ELSE state END,
           ended_at = CASE WHEN state_rank IS NULL OR state_rank < @rank THEN @endedAt ELSE ended_at END,
           state_rank = CASE WHEN state_rank IS NULL OR state_rank < @rank THEN @rank ELSE state_rank END,
           started_at = CASE WHEN started_at IS NULL OR @time < started_at THEN @time ELSE started_at END,
           event_count = event_count + 1
         WHERE run_id = @runId`,
      ).run({ rank: stateRank, state, endedAt: terminal ? t : null, time: t, runId });
      prepare('INSERT OR IGNORE INTO ol_run_producers (run_id, producer) VALUES (?, ?)').run(runId, r.producer);
      upsertFacets(runNodeId, r.run.facets, t, d, 'run.facets');
      if (r.parent) {
        const parentRunId = r.parent.runId.toLowerCase();
        upsertJob(r.parent.job, t);
        const parent = ensureRun(parentRunId);
        setRunJob(parent, r.parent.job, rank(RUN_ONLY_KNOWN_AS_PARENT, t, d));
        setRunParent(run, parentRunId, rank(null, t, d));
      }
    }

    const inputIds = r.inputs.map((ds, i) => {
      const id = ensureVersion(ds.namespace, ds.name, ds.version, t);
      upsertFacets(id, ds.facets, t, d, `inputs[${i}].facets`);
      if (runId !== null && runNodeId !== null) {
        upsertIoFacets(runId, id, 'input', ds.ioFacets, t, d, `inputs[${i}].ioFacets`);
        edges.add(id, 'CONSUMED_BY', runNodeId);
      }
      return id;
    });
    const outputIds = r.outputs.map((ds, i) => {
      const id = ensureVersion(ds.namespace, ds.name, ds.version, t);
      upsertFacets(id, ds.facets, t, d, `outputs[${i}].facets`);
      if (runId !== null && runNodeId !== null) {
        upsertIoFacets(runId, id, 'output', ds.ioFacets, t, d, `outputs[${i}].ioFacets`);
        edges.add(runNodeId, 'PRODUCED', id);
      }
      return id;
    });

    // Dataset-level DERIVED_FROM for each column edge: between the versions this event names, else the unversioned nodes.
    const versionIn = (list: readonly OpenLineageDatasetRecord[], ids: readonly ArtifactId[], ns: string, name: string): ArtifactId => {
      const i = list.findIndex((x) => x.namespace === ns && x.name === name);
      return i >= 0 ? ids[i]! : ensureVersion(ns, name, null, t);
    };
    const upsertColumn = prepare(
      `INSERT INTO ol_column_lineage (from_namespace, from_name, from_field, to_namespace, to_name, to_field, transformations, event_time, event_digest)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (from_namespace, from_name, from_field, to_namespace, to_name, to_field) DO UPDATE SET
         transformations = excluded.transformations, event_time = excluded.event_time, event_digest = excluded.event_digest
       WHERE (excluded.event_time, excluded.event_digest) > (ol_column_lineage.event_time, ol_column_lineage.event_digest)`,
    );
    for (const [i, e] of r.columnLineage.entries()) {
      upsertColumn.run(
        e.from.namespace,
        e.from.name,
        e.from.field,
        e.to.namespace,
        e.to.name,
        e.to.field,
        openLineageJsonText(e.transformations, `columnLineage[${i}].transformations`),
        t,
        d,
      );
      const from = versionIn(r.inputs, inputIds, e.from.namespace, e.from.name);
      const to = versionIn(r.outputs, outputIds, e.to.namespace, e.to.name);
      if (from !== to) edges.add(from, 'DERIVED_FROM', to);
    }
    if (r.kind === 'JobEvent')
      for (const from of inputIds) for (const to of outputIds) if (from !== to) edges.add(from, 'DERIVED_FROM', to);

    return { applied: true, runNodeId, datasetArtifactIds };
  }

  function toRuns(rows: readonly RunRow[]): OpenLineageRun[] {
    if (rows.length === 0) return [];
    // The job facets are kept on the job's Context (owner: its id), the run facets on the run node.
    const jobContextIdOf = (row: RunRow): string | null =>
      row.job_namespace !== null && row.job_name !== null ? openLineageJobContextId(row.job_namespace, row.job_name) : null;
    const owners = [...new Set(rows.flatMap((r) => [r.node_id, ...(jobContextIdOf(r) === null ? [] : [jobContextIdOf(r)!])]))];
    const facetRows = prepare('SELECT * FROM ol_facets WHERE owner_id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(owners),
    ) as FacetRow[];
    const producerRows = prepare(
      'SELECT run_id, producer FROM ol_run_producers WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, producer',
    ).all(JSON.stringify(rows.map((r) => r.run_id))) as { run_id: string; producer: string }[];
    const facetsBy = new Map<string, FacetRow[]>();
    for (const f of facetRows) facetsBy.set(f.owner_id, [...(facetsBy.get(f.owner_id) ?? []), f]);
    // Input/output facets: one row per (run, artifact, direction, name), already the latest value.
    const ioRows = prepare(
      `SELECT run_id, artifact_id, direction, name, value FROM ol_io_facets WHERE run_id IN (SELECT value FROM json_each(?))
       ORDER BY run_id, artifact_id, direction, name`,
    ).all(JSON.stringify(rows.map((r) => r.run_id))) as IoFacetRow[];
    const datasetFacetsBy = new Map<string, Map<string, OpenLineageRunDatasetFacets>>();
    for (const io of ioRows) {
      if (io.direction !== 'input' && io.direction !== 'output')
        throw corrupt('ol_io_facets', io.run_id, 'direction', `has unknown value ${JSON.stringify(io.direction)}`);
      const byDataset = datasetFacetsBy.get(io.run_id) ?? new Map<string, OpenLineageRunDatasetFacets>();
      datasetFacetsBy.set(io.run_id, byDataset);
      const key = `${io.direction}\u0000${io.artifact_id}`;
      const entry = byDataset.get(key) ?? {
        direction: io.direction === 'input' ? ('INPUT' as const) : ('OUTPUT' as const),
        artifactId: io.artifact_id as ArtifactId,
        facets: {},
      };
      byDataset.set(key, entry);
      (entry.facets as Record<string, JsonValue>)[io.name] = parseObject(
        'ol_io_facets',
        `${io.run_id}/${io.artifact_id}/${io.name}`,
        'value',
        io.value,
      );
    }
    const datasetFacetsOf = (runId: string): OpenLineageRunDatasetFacets[] =>
      [...(datasetFacetsBy.get(runId)?.entries() ?? [])].sort(([a], [b]) => cmp(a, b)).map(([, entry]) => entry);
    const producersBy = new Map<string, string[]>();
    for (const p of producerRows) producersBy.set(p.run_id, [...(producersBy.get(p.run_id) ?? []), p.producer]);
    return rows.map((row): OpenLineageRun => {
      if (row.state !== null && !(OPENLINEAGE_RUN_STATES as readonly string[]).includes(row.state))
        throw corrupt('ol_runs', row.run_id, 'state', `has unknown value ${JSON.stringify(row.state)}`);
      return {
        id: row.node_id,
        runId: row.run_id,
        job: row.job_namespace !== null && row.job_name !== null ? { namespace: row.job_namespace, name: row.job_name } : null,
        state: row.state as OpenLineageRunState | null,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        parentRunId: row.parent_run_id,
        facets: latestFacets(facetsBy.get(row.node_id) ?? [], 'ol_facets'),
        jobFacets: latestFacets(facetsBy.get(jobContextIdOf(row) ?? '') ?? [], 'ol_facets'),
        datasetFacets: datasetFacetsOf(row.run_id),
        producers: (producersBy.get(row.run_id) ?? []).sort(cmp),
        eventCount: row.event_count,
      };
    });
  }

  function run(runId: string): OpenLineageRun | null {
    const row = prepare('SELECT * FROM ol_runs WHERE run_id = ?').get(runId) as RunRow | undefined;
    return row ? toRuns([row])[0]! : null;
  }

  function listRuns(q: NormalizedRunsQuery): Page<OpenLineageRun> {
    const c = cursor(q.after, 2);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.first + 1 };
    if (q.jobNamespace !== null) {
      where.push('job_namespace = @jobNamespace');
      params.jobNamespace = q.jobNamespace;
    }
    if (q.jobName !== null) {
      where.push('job_name = @jobName');
      params.jobName = q.jobName;
    }
    if (q.parentRunId !== null) {
      where.push('parent_run_id = @parentRunId');
      params.parentRunId = q.parentRunId;
    }
    if (c) {
      where.push("(coalesce(started_at, '') < @cStarted OR (coalesce(started_at, '') = @cStarted AND run_id < @cRun))");
      params.cStarted = c[0];
      params.cRun = c[1];
    }
    const rows = prepare(
      `SELECT * FROM ol_runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY coalesce(started_at, '') DESC, run_id DESC LIMIT @limit`,
    ).all(params) as RunRow[];
    return page(rows, q.first, toRuns, (r) => [r.started_at ?? '', r.run_id]);
  }

  function listEvents(runId: string, first: number, after: string | null): Page<OpenLineageStoredEvent> | null {
    if (!prepare('SELECT 1 FROM ol_runs WHERE run_id = ?').get(runId)) return null;
    const c = cursor(after, 2);
    const rows = prepare(
      `SELECT * FROM ol_events WHERE run_id = @runId AND (@cTime IS NULL OR (event_time, event_digest) > (@cTime, @cDigest))
       ORDER BY event_time, event_digest LIMIT @limit`,
    ).all({ runId, cTime: c?.[0] ?? null, cDigest: c?.[1] ?? null, limit: first + 1 }) as EventRow[];
    const toEvent = (row: EventRow): OpenLineageStoredEvent => {
      if (!(OPENLINEAGE_EVENT_KINDS as readonly string[]).includes(row.kind))
        throw corrupt('ol_events', row.event_digest, 'kind', `has unknown value ${JSON.stringify(row.kind)}`);
      return {
        eventDigest: row.event_digest as Digest,
        kind: row.kind as OpenLineageEventKind,
        eventType: row.event_type as OpenLineageRunState | null,
        eventTime: row.event_time,
        producer: row.producer,
        runId: row.run_id,
        receivedAt: row.received_at,
        event: parseObject('ol_events', row.event_digest, 'event', row.event),
      };
    };
    return page(
      rows,
      first,
      (slice) => slice.map(toEvent),
      (r) => [r.event_time, r.event_digest],
    );
  }

  function dataset(namespace: string, name: string): OpenLineageDataset | null {
    const uri = openLineageDatasetUri(namespace, name);
    const versions = prepare('SELECT id FROM artifacts WHERE uri = ? ORDER BY created_at DESC, digest DESC').all(uri) as { id: string }[];
    if (versions.length === 0) return null;
    const ids = versions.map((v) => v.id as ArtifactId);
    const facetRows = prepare('SELECT * FROM ol_facets WHERE owner_id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as FacetRow[];
    return { namespace, name, uri, versionArtifactIds: ids, facets: latestFacets(facetRows, 'ol_facets') };
  }

  function columnLineage(q: {
    namespace: string;
    name: string;
    field: string | null;
    direction: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
  }): ColumnLineageEdge[] {
    const rows: ColumnRow[] = [];
    const params = { namespace: q.namespace, name: q.name, field: q.field };
    if (q.direction !== 'UPSTREAM')
      rows.push(
        ...(prepare(
          'SELECT * FROM ol_column_lineage WHERE from_namespace = @namespace AND from_name = @name AND (@field IS NULL OR from_field = @field)',
        ).all(params) as ColumnRow[]),
      );
    if (q.direction !== 'DOWNSTREAM')
      rows.push(
        ...(prepare(
          'SELECT * FROM ol_column_lineage WHERE to_namespace = @namespace AND to_name = @name AND (@field IS NULL OR to_field = @field)',
        ).all(params) as ColumnRow[]),
      );
    const key = (r: ColumnRow): string[] => [r.from_namespace, r.from_name, r.from_field, r.to_namespace, r.to_name, r.to_field];
    const unique = new Map<string, ColumnRow>();
    for (const r of rows) unique.set(JSON.stringify(key(r)), r);
    return [...unique.values()]
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        for (let i = 0; i < ka.length; i += 1) {
          const c = cmp(ka[i]!, kb[i]!);
          if (c !== 0) return c;
        }
        return 0;
      })
      .map((r) => {
        const transformations = JSON.parse(r.transformations) as unknown;
        if (!Array.isArray(transformations)) throw corrupt('ol_column_lineage', key(r).join('/'), 'transformations', 'is not a JSON array');
        return {
          from: { namespace: r.from_namespace, name: r.from_name, field: r.from_field },
          to: { namespace: r.to_namespace, name: r.to_name, field: r.to_field },
          transformations: transformations as JsonValue[],
        };
      });
  }

  return { record, run, listRuns, listEvents, dataset, columnLineage };
}
