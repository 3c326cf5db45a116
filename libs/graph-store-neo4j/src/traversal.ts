/**
 * Bounded breadth-first expansion, one statement per hop. Cypher cannot take a path length as a
 * parameter, and building `*1..n` into the text is what this package never does; so the depth is
 * bounded here by running the same static hop statement at most `maxDepth` times, with the frontier,
 * the visited ids and the remaining node budget as parameters. The budget is enforced inside the
 * statement (`LIMIT $remaining + 1`), so a hop never loads more than the budget allows.
 *
 * Every hop runs in the caller's transaction, so the whole traversal reads one consistent graph.
 */
import type { EdgeType, LineageDirection } from '@pedigree/domain';
import type { StatementName } from './statements.ts';
import type { StatementRunner } from './driver-port.ts';
import { mapColumn, type PropertyMap } from './to-domain.ts';
import { toDriverInt } from './to-driver.ts';

export interface ExpandOptions {
  readonly direction: LineageDirection;
  readonly edgeTypes: readonly EdgeType[];
  readonly maxDepth: number;
  /** Nodes visited at most, start nodes included. */
  readonly nodeLimit: number;
}

export interface VisitedNode {
  readonly id: string;
  readonly depth: number;
  /** The node's properties. */
  readonly map: PropertyMap;
}

export interface ExpandResult {
  /** Visited nodes in visit order (by depth, then id within a hop). */
  readonly nodes: ReadonlyMap<string, VisitedNode>;
  /** True when reachable nodes within maxDepth were left unvisited because of the node budget. */
  readonly truncated: boolean;
}

const HOP_STATEMENT: Readonly<Record<LineageDirection, StatementName>> = {
  DOWNSTREAM: 'traverse-hop-downstream',
  UPSTREAM: 'traverse-hop-upstream',
  BOTH: 'traverse-hop-both',
};

/** `start` holds the start nodes' properties (the caller read them to report unknown ids); they are visited at depth 0. */
export async function expandHops(q: StatementRunner, options: ExpandOptions, start: readonly PropertyMap[]): Promise<ExpandResult> {
  const nodes = new Map<string, VisitedNode>();
  let truncated = false;
  for (const map of start) {
    if (typeof map['id'] !== 'string' || nodes.has(map['id'])) continue;
    // More start nodes than the budget: visit the first ones asked, and report the cut.
    if (nodes.size === options.nodeLimit) {
      truncated = true;
      break;
    }
    nodes.set(map['id'], { id: map['id'], depth: 0, map });
  }
  let frontier = truncated ? [] : [...nodes.keys()];
  const statement = HOP_STATEMENT[options.direction];
  for (let depth = 1; depth <= options.maxDepth && frontier.length > 0 && !truncated; depth += 1) {
    const remaining = Math.max(0, options.nodeLimit - nodes.size);
    const rows = await q.run(statement, {
      frontier,
      edgeTypes: [...options.edgeTypes],
      visited: [...nodes.keys()],
      remaining: toDriverInt(remaining),
    });
    if (rows.length > remaining) truncated = true;
    const next: string[] = [];
    for (const row of rows.slice(0, remaining)) {
      const map = mapColumn(row, 'node');
      if (map === null || typeof map['id'] !== 'string' || nodes.has(map['id'])) continue;
      nodes.set(map['id'], { id: map['id'], depth, map });
      next.push(map['id']);
    }
    frontier = next;
  }
  return { nodes, truncated };
}
