import { ID_PREFIX } from '@pedigree/domain';
import { EDGE_TYPE_CODES, KEYED_NODE_TABLES, KIND_SLOTS, NODE_KIND_CODES } from './node-keys.ts';

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

/** The node key of a version-1 TEXT node id, or NULL when no node has that id (see node-keys.ts). */
function keyOfIdSql(column: string): string {
  const branches = [
    `WHEN '${ID_PREFIX.artifact}' THEN (SELECT a.seq * ${KIND_SLOTS} + ${NODE_KIND_CODES.Artifact} FROM artifacts a WHERE a.id = ${column})`,
    ...KEYED_NODE_TABLES.map(
      (t) => `WHEN '${PREFIX_OF[t.kind]}' THEN (SELECT n.node_key FROM ${t.table} n WHERE n.${t.idColumn} = ${column})`,
    ),
  ];
  return `CASE substr(${column}, 1, 3) ${branches.join(' ')} END`;
}

const PREFIX_OF: Readonly<Record<(typeof KEYED_NODE_TABLES)[number]['kind'], string>> = {
  StepExecution: ID_PREFIX.stepExecution,
  PipelineExecution: ID_PREFIX.execution,
  PipelineVersion: ID_PREFIX.pipelineVersion,
  Pipeline: ID_PREFIX.pipeline,
  ModelPackage: ID_PREFIX.modelPackage,
  Context: ID_PREFIX.context,
};

/*
 * Version 3: integer node keys (see node-keys.ts). Every node table but artifacts gets a
 * `node_key` (existing rows: rowid * 16 + kind code, so keys keep insertion order), and edges and
 * channel bindings are rebuilt on keys. An edge or binding whose end no longer exists has no key
 * and is dropped (none can exist: both ends are written in the same transaction as the edge).
 */
const integerNodeKeys = `
${KEYED_NODE_TABLES.map(
  (t) => `ALTER TABLE ${t.table} ADD COLUMN node_key INTEGER;
UPDATE ${t.table} SET node_key = rowid * ${KIND_SLOTS} + ${NODE_KIND_CODES[t.kind]};
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

/** Ordered, forward-only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 3, name: 'integer node keys for edges and channel bindings', sql: integerNodeKeys },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
