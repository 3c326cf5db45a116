import { ID_PREFIX } from '@pedigree/domain';
import { ARTIFACT_ID_KEY_FUNCTION, EDGE_TYPE_CODES, KEYED_NODE_TABLES, KIND_SLOTS, NODE_KIND_CODES } from './node-keys.ts';

/**
 * Forward-only schema migrations, applied in order at open and recorded in `schema_migrations`.
 * Never edit a released migration: add the next one. Every query path of the adapter has an
 * index here; the comment above each index names the query it serves.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const initial = `
CREATE TABLE pipelines (
  name            TEXT PRIMARY KEY,
  node_id         TEXT NOT NULL UNIQUE,
  description     TEXT,
  created_at      TEXT NOT NULL,
  latest_version  INTEGER NOT NULL
);

CREATE TABLE pipeline_versions (
  id               TEXT PRIMARY KEY,
  pipeline_name    TEXT NOT NULL REFERENCES pipelines(name),
  version          INTEGER NOT NULL,
  definition_hash  TEXT NOT NULL,
  definition       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (pipeline_name, version),
  UNIQUE (pipeline_name, definition_hash)
);

CREATE TABLE executions (
  id                   TEXT PRIMARY KEY,
  pipeline_name        TEXT NOT NULL REFERENCES pipelines(name),
  pipeline_version_id  TEXT NOT NULL REFERENCES pipeline_versions(id),
  status               TEXT NOT NULL,
  parameters           TEXT NOT NULL,
  started_at           TEXT NOT NULL,
  ended_at             TEXT,
  failure_reason       TEXT,
  created_by           TEXT,
  schedule_id          TEXT,
  revision             INTEGER NOT NULL
);
-- listExecutions: newest first, optionally by pipeline / version / status.
CREATE INDEX executions_started ON executions (started_at, id);
CREATE INDEX executions_pipeline_started ON executions (pipeline_name, started_at, id);
CREATE INDEX executions_version_started ON executions (pipeline_version_id, started_at, id);
CREATE INDEX executions_status_started ON executions (status, started_at, id);

CREATE TABLE step_executions (
  id                        TEXT PRIMARY KEY,
  execution_id              TEXT NOT NULL REFERENCES executions(id),
  pipeline_name             TEXT NOT NULL,
  step_name                 TEXT NOT NULL,
  step_type                 TEXT NOT NULL,
  status                    TEXT NOT NULL,
  attempt                   INTEGER NOT NULL,
  attempts                  TEXT NOT NULL,
  cache_key                 TEXT,
  cache_hit                 INTEGER NOT NULL DEFAULT 0,
  reused_step_execution_id  TEXT REFERENCES step_executions(id),
  cache_miss                TEXT,
  started_at                TEXT,
  ended_at                  TEXT,
  failure_reason            TEXT,
  resolved_arguments        TEXT,
  properties                TEXT,
  invalidated               INTEGER NOT NULL DEFAULT 0,
  revision                  INTEGER NOT NULL,
  UNIQUE (execution_id, step_name)
);
-- findCacheHit: the newest reusable execution with a key.
CREATE INDEX step_executions_cache ON step_executions (cache_key, ended_at) WHERE status = 'Succeeded' AND invalidated = 0;
-- findNearestStepExecution and invalidateCache by pipeline.
CREATE INDEX step_executions_pipeline_step ON step_executions (pipeline_name, step_name, started_at);

CREATE TABLE artifacts (
  seq                  INTEGER PRIMARY KEY,
  id                   TEXT NOT NULL UNIQUE,
  uri                  TEXT NOT NULL,
  digest               TEXT NOT NULL,
  type                 TEXT NOT NULL,
  name                 TEXT NOT NULL,
  size                 INTEGER NOT NULL,
  properties           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  previous_version_id  TEXT
);
-- findArtifact (latest at a URI), the previous-version link and listArtifacts by uri prefix.
CREATE INDEX artifacts_uri ON artifacts (uri, created_at, seq);
-- listArtifacts: newest first, optionally by type.
CREATE INDEX artifacts_created ON artifacts (created_at, id);
CREATE INDEX artifacts_type_created ON artifacts (type, created_at, id);

-- Full-text search over name, uri and property values. Contentless: the text lives in
-- artifacts, the index maps words to artifacts.seq (the rowid) only.
CREATE VIRTUAL TABLE artifacts_fts USING fts5 (name, uri, props, content = '', tokenize = 'unicode61 remove_diacritics 2');

-- Channel bindings of artifacts to steps (the named form of CONSUMED_BY / PRODUCED), read by
-- step. No foreign keys and no index by artifact on purpose: rows are only written by
-- recordStepResult in the same transaction that upserts both ends, this is the hottest insert
-- of an ingest, and "who produced / consumed this artifact" is answered from edges_in.
CREATE TABLE step_artifacts (
  step_execution_id  TEXT NOT NULL,
  direction          TEXT NOT NULL,
  name               TEXT NOT NULL,
  artifact_id        TEXT NOT NULL,
  PRIMARY KEY (step_execution_id, direction, name)
) WITHOUT ROWID;

CREATE TABLE model_packages (
  id                 TEXT PRIMARY KEY,
  group_name         TEXT NOT NULL,
  version            INTEGER NOT NULL,
  approval_status    TEXT NOT NULL,
  model_artifact_id  TEXT NOT NULL REFERENCES artifacts(id),
  step_execution_id  TEXT REFERENCES step_executions(id),
  description        TEXT,
  metrics            TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  UNIQUE (group_name, version),
  UNIQUE (group_name, model_artifact_id)
);
-- listModelPackages newest first; listModelPackagesByArtifact.
CREATE INDEX model_packages_created ON model_packages (created_at, id);
CREATE INDEX model_packages_artifact ON model_packages (model_artifact_id);

CREATE TABLE approvals (
  package_id  TEXT NOT NULL REFERENCES model_packages(id),
  seq         INTEGER NOT NULL,
  status      TEXT NOT NULL,
  by_whom     TEXT NOT NULL,
  at          TEXT NOT NULL,
  comment     TEXT,
  PRIMARY KEY (package_id, seq)
) WITHOUT ROWID;

CREATE TABLE contexts (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  name        TEXT NOT NULL,
  properties  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- Every lineage edge. Traversal reads it along the arrows through the primary key and against
-- them through edges_in; both cover the edge type so a type filter needs no table lookup.
CREATE TABLE edges (
  from_id  TEXT NOT NULL,
  type     TEXT NOT NULL,
  to_id    TEXT NOT NULL,
  name     TEXT,
  PRIMARY KEY (from_id, type, to_id)
) WITHOUT ROWID;
CREATE INDEX edges_in ON edges (to_id, type, from_id);
`;

/*
 * OpenLineage (libs/graph-store-sqlite/src/openlineage.ts). Run nodes, the raw event log and the
 * facets live in their own tables; dataset versions are ordinary artifacts and every graph edge
 * is an ordinary row of `edges`. Every derived column is kept order-independent: a value carries
 * the rank of the event it came from and is only replaced by a higher rank, so any arrival order
 * of the same events gives the same rows.
 */
const openLineage = `
-- One row per run, including runs only known as another run's parent (state and started_at NULL).
-- *_rank columns are '<priority>|<eventTime>|<eventDigest>' texts: a later rank replaces the value.
CREATE TABLE ol_runs (
  run_id         TEXT PRIMARY KEY,
  node_id        TEXT NOT NULL UNIQUE,
  job_namespace  TEXT,
  job_name       TEXT,
  job_rank       TEXT,
  state          TEXT,
  state_rank     TEXT,
  started_at     TEXT,
  ended_at       TEXT,
  parent_run_id  TEXT,
  parent_rank    TEXT,
  event_count    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- listOpenLineageRuns: newest first (runs never started sort last), optionally by job or parent.
CREATE INDEX ol_runs_started ON ol_runs (coalesce(started_at, ''), run_id);
CREATE INDEX ol_runs_job ON ol_runs (job_namespace, job_name, coalesce(started_at, ''), run_id);
CREATE INDEX ol_runs_parent ON ol_runs (parent_run_id, coalesce(started_at, ''), run_id);

-- The raw events as received, append-only; a re-sent identical event (same digest) is stored once.
CREATE TABLE ol_events (
  seq           INTEGER PRIMARY KEY,
  event_digest  TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  event_type    TEXT,
  event_time    TEXT NOT NULL,
  producer      TEXT NOT NULL,
  run_id        TEXT,
  received_at   TEXT NOT NULL,
  event         TEXT NOT NULL
);
-- listOpenLineageEvents: a run's events in (eventTime, eventDigest) order.
CREATE INDEX ol_events_run ON ol_events (run_id, event_time, event_digest);
CREATE TRIGGER ol_events_no_update BEFORE UPDATE ON ol_events BEGIN SELECT RAISE(ABORT, 'ol_events is append-only'); END;
CREATE TRIGGER ol_events_no_delete BEFORE DELETE ON ol_events BEGIN SELECT RAISE(ABORT, 'ol_events is append-only'); END;

-- The producers seen per run: read with the run, so its cost must not grow with the run's
-- events (a streaming job sends a RUNNING event per checkpoint for as long as it runs).
CREATE TABLE ol_run_producers (
  run_id    TEXT NOT NULL,
  producer  TEXT NOT NULL,
  PRIMARY KEY (run_id, producer)
) WITHOUT ROWID;

-- Facets by owner (run node id, job context id or dataset version artifact id) and name: the
-- value of the latest event by (event_time, event_digest).
CREATE TABLE ol_facets (
  owner_id      TEXT NOT NULL,
  name          TEXT NOT NULL,
  value         TEXT NOT NULL,
  event_time    TEXT NOT NULL,
  event_digest  TEXT NOT NULL,
  PRIMARY KEY (owner_id, name)
) WITHOUT ROWID;

-- inputFacets / outputFacets per (run, dataset version, direction), same latest-wins rule.
CREATE TABLE ol_io_facets (
  run_id        TEXT NOT NULL,
  artifact_id   TEXT NOT NULL,
  direction     TEXT NOT NULL,
  name          TEXT NOT NULL,
  value         TEXT NOT NULL,
  event_time    TEXT NOT NULL,
  event_digest  TEXT NOT NULL,
  PRIMARY KEY (run_id, artifact_id, direction, name)
) WITHOUT ROWID;

-- Field-level lineage; transformations from the latest event naming the edge.
CREATE TABLE ol_column_lineage (
  from_namespace   TEXT NOT NULL,
  from_name        TEXT NOT NULL,
  from_field       TEXT NOT NULL,
  to_namespace     TEXT NOT NULL,
  to_name          TEXT NOT NULL,
  to_field         TEXT NOT NULL,
  transformations  TEXT NOT NULL,
  event_time       TEXT NOT NULL,
  event_digest     TEXT NOT NULL,
  PRIMARY KEY (from_namespace, from_name, from_field, to_namespace, to_name, to_field)
) WITHOUT ROWID;
-- listColumnLineage UPSTREAM (edges into a dataset or one of its fields); DOWNSTREAM uses the key.
CREATE INDEX ol_column_lineage_to ON ol_column_lineage (to_namespace, to_name, to_field);
`;

/** The node key of a version-1/2 TEXT node id, or NULL when no node has that id (see node-keys.ts). */
function keyOfIdSql(column: string): string {
  const branch = (prefix: string, lookup: string): string => `WHEN substr(${column}, 1, ${prefix.length}) = '${prefix}' THEN (${lookup})`;
  const branches = [
    branch(ID_PREFIX.artifact, `SELECT a.seq * ${KIND_SLOTS} + ${NODE_KIND_CODES.Artifact} FROM artifacts a WHERE a.id = ${column}`),
    ...KEYED_NODE_TABLES.map((t) => branch(PREFIX_OF[t.kind], `SELECT n.node_key FROM ${t.table} n WHERE n.${t.idColumn} = ${column}`)),
  ];
  return `CASE ${branches.join(' ')} END`;
}

const PREFIX_OF: Readonly<Record<(typeof KEYED_NODE_TABLES)[number]['kind'], string>> = {
  StepExecution: ID_PREFIX.stepExecution,
  PipelineExecution: ID_PREFIX.execution,
  PipelineVersion: ID_PREFIX.pipelineVersion,
  Pipeline: ID_PREFIX.pipeline,
  ModelPackage: ID_PREFIX.modelPackage,
  Context: ID_PREFIX.context,
  OpenLineageRun: ID_PREFIX.openLineageRun,
};

/** Numbers a node table's existing rows (see KEYED_NODE_TABLES.numberedBy). */
function numberRowsSql(t: (typeof KEYED_NODE_TABLES)[number]): string {
  const code = NODE_KIND_CODES[t.kind];
  if (t.numberedBy === 'rowid') return `UPDATE ${t.table} SET node_key = rowid * ${KIND_SLOTS} + ${code};`;
  return `UPDATE ${t.table} SET node_key = o.n * ${KIND_SLOTS} + ${code}
  FROM (SELECT ${t.idColumn} AS id, row_number() OVER (ORDER BY ${t.numberedBy}) AS n FROM ${t.table}) AS o
  WHERE o.id = ${t.table}.${t.idColumn};`;
}

/*
 * Version 3: integer node keys (see node-keys.ts). Every node table but artifacts gets a
 * `node_key` (existing rows: rowid * 16 + kind code, so keys keep insertion order), and edges and
 * channel bindings are rebuilt on keys. An edge or binding whose end no longer exists has no key
 * and is dropped (none can exist: both ends are written in the same transaction as the edge).
 */
const integerNodeKeys = `
${KEYED_NODE_TABLES.map(
  (t) => `ALTER TABLE ${t.table} ADD COLUMN node_key INTEGER;
${numberRowsSql(t)}
-- Node key -> row (traversal results, edge ends); the next key of the kind (its MAX).
CREATE UNIQUE INDEX ${t.table}_node_key ON ${t.table} (node_key);`,
).join('\n')}

-- Every lineage edge, on node keys and type codes. Traversal reads it along the arrows through
-- the primary key and against them through edges_in; both cover the edge type.
CREATE TABLE edges_v3 (
  from_key  INTEGER NOT NULL,
  type      INTEGER NOT NULL,
  to_key    INTEGER NOT NULL,
  name      TEXT,
  PRIMARY KEY (from_key, type, to_key)
) WITHOUT ROWID;
INSERT INTO edges_v3 (from_key, type, to_key, name)
  SELECT f, t, k, name FROM (
    SELECT ${keyOfIdSql('from_id')} AS f, CASE type ${Object.entries(EDGE_TYPE_CODES)
      .map(([type, code]) => `WHEN '${type}' THEN ${code}`)
      .join(' ')} END AS t, ${keyOfIdSql('to_id')} AS k, name FROM edges
  ) WHERE f IS NOT NULL AND t IS NOT NULL AND k IS NOT NULL
  ORDER BY f, t, k;
DROP TABLE edges;
ALTER TABLE edges_v3 RENAME TO edges;
CREATE INDEX edges_in ON edges (to_key, type, from_key);

-- Channel bindings of artifacts to steps (the named form of CONSUMED_BY / PRODUCED), read by
-- step; same reasoning as version 1 (no foreign keys, no index by artifact).
CREATE TABLE step_artifacts_v3 (
  step_key      INTEGER NOT NULL,
  direction     TEXT NOT NULL,
  name          TEXT NOT NULL,
  artifact_seq  INTEGER NOT NULL,
  PRIMARY KEY (step_key, direction, name)
) WITHOUT ROWID;
INSERT INTO step_artifacts_v3 (step_key, direction, name, artifact_seq)
  SELECT s.node_key, sa.direction, sa.name, a.seq
  FROM step_artifacts sa JOIN step_executions s ON s.id = sa.step_execution_id JOIN artifacts a ON a.id = sa.artifact_id
  ORDER BY 1, 2, 3;
DROP TABLE step_artifacts;
ALTER TABLE step_artifacts_v3 RENAME TO step_artifacts;
`;

/*
 * Version 4: artifacts are found by an integer key taken from the id (see artifactIdKey in
 * node-keys.ts) under a plain index, instead of a UNIQUE index on the TEXT id: the hash ids land
 * at random positions of that index, so every ingest commit rewrote most of its pages. The table
 * is rebuilt (SQLite cannot drop a column constraint); seq, the rowid that node keys and the
 * full-text index use, is kept. model_packages is rebuilt too: its REFERENCES artifacts(id) needs
 * a unique parent key, so that foreign key goes (registerModelPackage checks the artifact exists,
 * inside the same write transaction). Uniqueness of an artifact id, i.e. of (uri, digest), is kept
 * by the writers: each checks by id_key + id and inserts only when absent, under the write lock.
 * Runs with foreign keys off and checked before commit (see migrate in connection.ts).
 */
const artifactIdKeys = `
CREATE TABLE artifacts_v4 (
  seq                  INTEGER PRIMARY KEY,
  id                   TEXT NOT NULL,
  id_key               INTEGER NOT NULL,
  uri                  TEXT NOT NULL,
  digest               TEXT NOT NULL,
  type                 TEXT NOT NULL,
  name                 TEXT NOT NULL,
  size                 INTEGER NOT NULL,
  properties           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  previous_version_id  TEXT
);
INSERT INTO artifacts_v4 (seq, id, id_key, uri, digest, type, name, size, properties, created_at, previous_version_id)
  SELECT seq, id, ${ARTIFACT_ID_KEY_FUNCTION}(id), uri, digest, type, name, size, properties, created_at, previous_version_id
  FROM artifacts ORDER BY seq;
DROP TABLE artifacts;
ALTER TABLE artifacts_v4 RENAME TO artifacts;
-- Every lookup by id: WHERE id_key = ? AND id = ?.
CREATE INDEX artifacts_id_key ON artifacts (id_key);
-- findArtifact (latest at a URI), the previous-version link and listArtifacts by uri prefix.
CREATE INDEX artifacts_uri ON artifacts (uri, created_at, seq);
-- listArtifacts: newest first, optionally by type.
CREATE INDEX artifacts_created ON artifacts (created_at, id);
CREATE INDEX artifacts_type_created ON artifacts (type, created_at, id);

CREATE TABLE model_packages_v4 (
  id                 TEXT PRIMARY KEY,
  group_name         TEXT NOT NULL,
  version            INTEGER NOT NULL,
  approval_status    TEXT NOT NULL,
  -- An artifact id; no foreign key (artifacts.id is not a unique key): checked by registerModelPackage.
  model_artifact_id  TEXT NOT NULL,
  step_execution_id  TEXT REFERENCES step_executions(id),
  description        TEXT,
  metrics            TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  node_key           INTEGER,
  UNIQUE (group_name, version),
  UNIQUE (group_name, model_artifact_id)
);
INSERT INTO model_packages_v4 (rowid, id, group_name, version, approval_status, model_artifact_id, step_execution_id, description, metrics, created_at, node_key)
  SELECT rowid, id, group_name, version, approval_status, model_artifact_id, step_execution_id, description, metrics, created_at, node_key
  FROM model_packages ORDER BY rowid;
DROP TABLE model_packages;
ALTER TABLE model_packages_v4 RENAME TO model_packages;
-- listModelPackages newest first; listModelPackagesByArtifact.
CREATE INDEX model_packages_created ON model_packages (created_at, id);
CREATE INDEX model_packages_artifact ON model_packages (model_artifact_id);
-- Node key -> row (traversal results, edge ends); the next key of the kind (its MAX).
CREATE UNIQUE INDEX model_packages_node_key ON model_packages (node_key);
`;

/** Ordered, forward-only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 2, name: 'openlineage', sql: openLineage },
  { version: 3, name: 'integer node keys for edges and channel bindings', sql: integerNodeKeys },
  { version: 4, name: 'artifacts found by an integer id key, no unique index on the id', sql: artifactIdKeys },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
