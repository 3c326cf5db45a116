import { hash } from 'node:crypto';
import type { ArtifactId, EdgeType } from '@pedigree/domain';
import type { Statement } from 'better-sqlite3';
import type { NodeKind } from './mappers.ts';

/*
 * Integer surrogate keys for lineage nodes (schema version 3). Edges and channel bindings store
 * these instead of the TEXT ids: an artifact id is a hash, so every TEXT-keyed index took its
 * inserts at random positions and an ingest commit rewrote most of the index's pages. Keys are
 * handed out in insertion order, so new edges land at the right-hand end of both edge indexes,
 * and an index entry is ~10 bytes instead of ~90.
 *
 * key = n * KIND_SLOTS + kind code. An artifact's n is its `seq` (INTEGER PRIMARY KEY, stable
 * across VACUUM); every other node table has a `node_key` column with a unique index. The codes
 * below are stored in the database: never renumber one, only add.
 */

export const KIND_SLOTS = 16;

export const NODE_KIND_CODES: Readonly<Record<NodeKind, number>> = {
  Artifact: 0,
  StepExecution: 1,
  PipelineExecution: 2,
  PipelineVersion: 3,
  Pipeline: 4,
  ModelPackage: 5,
  Context: 6,
  OpenLineageRun: 7,
};

const KIND_BY_CODE: readonly (NodeKind | undefined)[] = (() => {
  const out: (NodeKind | undefined)[] = Array.from({ length: KIND_SLOTS }, () => undefined);
  for (const [kind, code] of Object.entries(NODE_KIND_CODES)) out[code] = kind as NodeKind;
  return out;
})();

/** The node kind a key belongs to; undefined for a code this code does not know. */
export function kindOfKey(key: number): NodeKind | undefined {
  return KIND_BY_CODE[key % KIND_SLOTS];
}

/** An artifact's node key from its seq, and back. */
export const artifactKey = (seq: number): number => seq * KIND_SLOTS;
export const artifactSeq = (key: number): number => Math.floor(key / KIND_SLOTS);

/** Stored edge type codes; never renumber one. */
export const EDGE_TYPE_CODES: Readonly<Record<EdgeType, number>> = {
  CONSUMED_BY: 1,
  PRODUCED: 2,
  PART_OF: 3,
  RUN_OF: 4,
  VERSION_OF: 5,
  REUSED: 6,
  DERIVED_FROM: 7,
  PACKAGED_AS: 8,
  ASSOCIATED_WITH: 9,
};

const TYPE_BY_CODE = new Map<number, EdgeType>(Object.entries(EDGE_TYPE_CODES).map(([type, code]) => [code, type as EdgeType]));

/** The edge type of a stored code; undefined for a code this code does not know. */
export function edgeTypeOfCode(code: number): EdgeType | undefined {
  return TYPE_BY_CODE.get(code);
}

/**
 * The node tables other than artifacts, with the column holding the node's TEXT id. Each has a
 * `node_key` column from version 3 on; a new row takes the next key of its kind (see
 * `nextNodeKeySql`). `numberedBy` orders the rows that migration 3 found (rowid: insertion order;
 * ol_runs is WITHOUT ROWID).
 */
export const KEYED_NODE_TABLES: readonly {
  readonly kind: Exclude<NodeKind, 'Artifact'>;
  readonly table: string;
  readonly idColumn: string;
  readonly numberedBy: string;
}[] = [
  { kind: 'StepExecution', table: 'step_executions', idColumn: 'id', numberedBy: 'rowid' },
  { kind: 'PipelineExecution', table: 'executions', idColumn: 'id', numberedBy: 'rowid' },
  { kind: 'PipelineVersion', table: 'pipeline_versions', idColumn: 'id', numberedBy: 'rowid' },
  { kind: 'Pipeline', table: 'pipelines', idColumn: 'node_id', numberedBy: 'rowid' },
  { kind: 'ModelPackage', table: 'model_packages', idColumn: 'id', numberedBy: 'rowid' },
  { kind: 'Context', table: 'contexts', idColumn: 'id', numberedBy: 'rowid' },
  { kind: 'OpenLineageRun', table: 'ol_runs', idColumn: 'node_id', numberedBy: "coalesce(started_at, ''), run_id" },
];

/** A scalar subquery for the next node key of a table: one seek to the end of its node_key index. */
export function nextNodeKeySql(kind: Exclude<NodeKind, 'Artifact'>): string {
  const t = KEYED_NODE_TABLES.find((k) => k.kind === kind)!;
  const code = NODE_KIND_CODES[kind];
  return `(SELECT IFNULL(MAX(node_key), ${code}) + ${KIND_SLOTS} FROM ${t.table})`;
}

/**
 * Looks up node keys by TEXT id, for writers that name edge ends by id. `prepare` is a statement
 * cache on the store's connection; an id of no known kind or no row gives undefined.
 */
export function createNodeKeyLookup(
  prepare: (sql: string) => Statement,
  kindOf: (id: string) => NodeKind | null,
): (id: string) => number | undefined {
  // One statement per kind, prepared on first use (not a SQL string built and looked up per call).
  const statements = new Map<NodeKind, Statement>();
  const statementFor = (kind: NodeKind): Statement => {
    let statement = statements.get(kind);
    if (statement === undefined) {
      if (kind === 'Artifact') {
        statement = prepare(`SELECT seq * ${KIND_SLOTS} + ${NODE_KIND_CODES.Artifact} AS key FROM artifacts WHERE id_key = ? AND id = ?`);
      } else {
        const t = KEYED_NODE_TABLES.find((k) => k.kind === kind)!;
        statement = prepare(`SELECT node_key AS key FROM ${t.table} WHERE ${t.idColumn} = ?`);
      }
      statements.set(kind, statement);
    }
    return statement;
  };
  return (id) => {
    const kind = kindOf(id);
    if (kind === null) return undefined;
    const params = kind === 'Artifact' ? [artifactIdKey(id), id] : [id];
    // A row without a key (written without one by mistake) counts as absent: an edge to it
    // could never be read back.
    return (statementFor(kind).get(...params) as { key: number | null } | undefined)?.key ?? undefined;
  };
}

/*
 * Artifact id keys (schema version 4). An artifact id is `ar_<32 hex>` of a sha256; its `id`
 * column has no UNIQUE index any more (an index on the 34-byte text took every insert at a random
 * position and dominated the bytes written per ingest commit). Instead `artifacts.id_key` holds
 * the first 13 hex digits (52 bits: a safe JS integer) under a plain index, and every lookup by id
 * reads `WHERE id_key = ? AND id = ?`: two ids sharing a key are told apart by the second term.
 * Stored data: never change how the key is made.
 */
const ARTIFACT_ID_KEY_SOURCE = /^ar_[0-9a-f]{13}/;

/** The `artifacts.id_key` of an artifact id; 0 for a string that is not a well-formed artifact id (no row has such an id). */
export function artifactIdKey(id: string): number {
  return typeof id === 'string' && ARTIFACT_ID_KEY_SOURCE.test(id) ? parseInt(id.slice(3, 16), 16) : 0;
}

/** The SQL function the same key is available as on the store's connections (migration 4, reads over JSON id lists). */
export const ARTIFACT_ID_KEY_FUNCTION = 'pedigree_artifact_id_key';

/**
 * `artifactIdFor(uri, digest)` of @pedigree/domain (sha256 over 'artifact', uri and digest, each
 * followed by a NUL; the first 32 hex digits), computed with one one-shot hash call instead of a
 * Hash object and six updates: 2.5x less CPU, and an ingest hashes every artifact it is given.
 * `artifact-ids.test.ts` checks it against the domain's function.
 */
export function artifactIdOf(uri: string, digest: string): ArtifactId {
  return `ar_${hash('sha256', `artifact\u0000${uri}\u0000${digest}\u0000`, 'hex').slice(0, 32)}` as ArtifactId;
}
