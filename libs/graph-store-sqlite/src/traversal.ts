import { EDGE_TYPES, NotFoundError, type EdgeType, type LineageEdge, type LineageNode } from '@pedigree/domain';
import { isReturnedNode, type NormalizedTraverseQuery, type TraverseResult } from '@pedigree/graph-store';
import type { Database, Statement } from 'better-sqlite3';
import { NODE_KINDS, NODE_SELECTS, nodeKindOf, toLineageNode, type NodeKind, type NodeRow } from './mappers.ts';

/*
 * Bounded breadth-first traversal, one SQL statement per hop over a connection-private temp
 * table of visited nodes. Measured against a single recursive CTE (tools/bench/lineage.ts): the
 * CTE's UNION deduplicates (id, depth) rows, not ids, so on graphs with many paths it revisits a
 * node once per distinct depth, and it cannot stop at a node budget that counts distinct nodes.
 * Per hop, the budget is a LIMIT inside the INSERT ... SELECT, so a traversal never reads more
 * than `nodeLimit` new nodes, and memory grows with the nodes visited, never with the store.
 */

const VISITED_DDL = `
CREATE TEMP TABLE IF NOT EXISTS trav_visited (id TEXT PRIMARY KEY, depth INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS temp.trav_visited_depth ON trav_visited (depth, id);
`;

type Direction = NormalizedTraverseQuery['direction'];

/**
 * The unvisited neighbours of the depth-`@depth` frontier (exported for query-plan tests).
 * CROSS JOIN pins the frontier as the outer loop: the planner has no statistics for the temp
 * table and could otherwise choose to scan every edge.
 */
export function hopSelect(direction: Direction, filtered: boolean): string {
  const typeFilter = filtered ? 'AND e.type IN (SELECT value FROM json_each(@types))' : '';
  const down = `SELECT e.to_id AS id FROM trav_visited f CROSS JOIN edges e ON e.from_id = f.id
    WHERE f.depth = @depth ${typeFilter} AND NOT EXISTS (SELECT 1 FROM trav_visited v WHERE v.id = e.to_id)`;
  const up = `SELECT e.from_id AS id FROM trav_visited f CROSS JOIN edges e ON e.to_id = f.id
    WHERE f.depth = @depth ${typeFilter} AND NOT EXISTS (SELECT 1 FROM trav_visited v WHERE v.id = e.from_id)`;
  if (direction === 'DOWNSTREAM') return `SELECT DISTINCT id FROM (${down})`;
  if (direction === 'UPSTREAM') return `SELECT DISTINCT id FROM (${up})`;
  return `SELECT id FROM (${down} UNION ${up})`;
}

function prefixOf(kind: NodeKind): string {
  return {
    Pipeline: 'pl_',
    PipelineVersion: 'pv_',
    PipelineExecution: 'ex_',
    StepExecution: 'se_',
    Artifact: 'ar_',
    ModelPackage: 'mp_',
    Context: 'cx_',
  }[kind];
}

/** Whether any node of `kind` can pass the query's node filters (skips reading its table otherwise). */
function kindMayBeReturned(kind: NodeKind, q: NormalizedTraverseQuery): boolean {
  if (kind === 'Artifact') return q.artifactTypes !== null || q.nodeTypes === null || q.nodeTypes.includes('Artifact');
  return isReturnedNode({ type: kind }, q);
}

export interface Traverser {
  traverse(query: NormalizedTraverseQuery): TraverseResult;
  /** Nodes by id (depth 0), in the order asked; null where absent. */
  nodes(ids: readonly string[]): (LineageNode | null)[];
}

/** Builds the traversal statements on `db` (which must already hold the schema). */
export function createTraverser(db: Database, prepare: (sql: string) => Statement): Traverser {
  db.exec(VISITED_DDL);
  const insertStart = prepare('INSERT OR IGNORE INTO trav_visited (id, depth) VALUES (?, 0)');
  const clear = prepare('DELETE FROM trav_visited');
  const readTx = db.transaction((fn: () => TraverseResult): TraverseResult => fn());

  const hopInsert = (direction: Direction, filtered: boolean): Statement =>
    prepare(`INSERT INTO trav_visited (id, depth) SELECT id, @next FROM (${hopSelect(direction, filtered)}) LIMIT @remaining`);
  const hopProbe = (direction: Direction, filtered: boolean): Statement =>
    prepare(`SELECT 1 AS found FROM (${hopSelect(direction, filtered)}) LIMIT 1`);

  function nodes(ids: readonly string[]): (LineageNode | null)[] {
    const byKind = new Map<NodeKind, string[]>();
    for (const id of ids) {
      const kind = nodeKindOf(id);
      if (kind === null) continue;
      const list = byKind.get(kind);
      if (list) list.push(id);
      else byKind.set(kind, [id]);
    }
    const found = new Map<string, LineageNode>();
    for (const [kind, list] of byKind) {
      const s = NODE_SELECTS[kind];
      const rows = prepare(
        `SELECT ${s.columns}, 0 AS depth FROM ${s.table} t WHERE t.${s.idColumn} IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(list)) as NodeRow[];
      for (const row of rows) found.set(row.id, toLineageNode(kind, row));
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  function visitedNodes(kind: NodeKind): LineageNode[] {
    const s = NODE_SELECTS[kind];
    const prefix = prefixOf(kind);
    const rows = prepare(
      `SELECT ${s.columns}, v.depth AS depth FROM trav_visited v CROSS JOIN ${s.table} t ON t.${s.idColumn} = v.id
       WHERE v.id BETWEEN '${prefix}' AND '${prefix}~'`,
    ).all() as NodeRow[];
    return rows.map((row) => toLineageNode(kind, row));
  }

  function traverse(q: NormalizedTraverseQuery): TraverseResult {
    return readTx.deferred(() => {
      const starts = nodes(q.startIds);
      const missing = q.startIds.filter((_, i) => starts[i] === null);
      if (missing.length > 0) throw new NotFoundError('LineageNode', missing);
      const filtered = q.edgeTypes.length < EDGE_TYPES.length;
      const types = filtered ? JSON.stringify(q.edgeTypes) : undefined;
      const params = (depth: number): Record<string, unknown> => (filtered ? { depth, types } : { depth });
      clear.run();
      try {
        let truncated = q.startIds.length > q.nodeLimit;
        for (const id of q.startIds.slice(0, q.nodeLimit)) insertStart.run(id);
        let visited = Math.min(q.startIds.length, q.nodeLimit);
        const insert = hopInsert(q.direction, filtered);
        const probe = hopProbe(q.direction, filtered);
        for (let depth = 0; depth < q.maxDepth && !truncated; depth += 1) {
          const remaining = q.nodeLimit - visited;
          if (remaining === 0) {
            // Budget spent exactly on earlier levels: truncated iff the next level is non-empty.
            truncated = probe.get(params(depth)) !== undefined;
            break;
          }
          const inserted = insert.run({ ...params(depth), next: depth + 1, remaining }).changes;
          visited += inserted;
          if (inserted === 0) break;
          // This level may have had more new nodes than the budget allowed.
          if (inserted === remaining) truncated = probe.get(params(depth)) !== undefined;
        }

        const returned: LineageNode[] = [];
        for (const kind of NODE_KINDS) {
          if (!kindMayBeReturned(kind, q)) continue;
          for (const node of visitedNodes(kind)) if (isReturnedNode(node, q)) returned.push(node);
        }
        returned.sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const returnedIds = new Set(returned.map((n) => n.id));
        const edgeRows = prepare(
          `SELECT e.from_id AS "from", e.to_id AS "to", e.type AS type FROM trav_visited v CROSS JOIN edges e ON e.from_id = v.id
           WHERE EXISTS (SELECT 1 FROM trav_visited w WHERE w.id = e.to_id) ${filtered ? 'AND e.type IN (SELECT value FROM json_each(@types))' : ''}`,
        ).all(filtered ? { types } : {}) as { from: string; to: string; type: EdgeType }[];
        const edges: LineageEdge[] = edgeRows.filter((e) => returnedIds.has(e.from) && returnedIds.has(e.to));
        return { nodes: returned, edges, truncated };
      } finally {
        clear.run();
      }
    });
  }

  return { traverse, nodes };
}
