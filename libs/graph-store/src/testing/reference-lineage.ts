import type { ArtifactType, EdgeType, LineageEdge, NodeType } from '@pedigree/domain';
import { isReturnedNode } from '../lineage-derived.ts';
import type { NormalizedTraverseQuery } from '../query-args.ts';
import type { TraverseResult } from '../types.ts';

/*
 * The reference semantics of `traverse`, written as plainly as possible over an explicit list of
 * edges, so adapters can be checked against it. Definitions (from the TraverseQuery doc comment):
 *
 * - followed edges: those whose type is in `edgeTypes`; a node's neighbours are the heads of its
 *   outgoing followed edges (DOWNSTREAM), the tails of its incoming ones (UPSTREAM), or both (BOTH);
 * - dist(v): the length of the shortest such walk from any start node; R = { v : dist(v) <= maxDepth };
 * - if |R| <= nodeLimit the traversal visits exactly R and `truncated` is false; otherwise it visits
 *   exactly `nodeLimit` nodes of R, in order of depth (every node nearer than the farthest visited
 *   node is visited), and `truncated` is true;
 * - returned nodes are the visited nodes that pass the node filters (`isReturnedNode`), each with
 *   depth = dist; returned edges are the followed edges whose two endpoints are both returned.
 */

export interface ReferenceNode {
  readonly id: string;
  readonly type: NodeType;
  readonly artifactType?: ArtifactType;
}

export interface ReferenceGraph {
  readonly nodes: ReadonlyMap<string, ReferenceNode>;
  readonly edges: readonly LineageEdge[];
}

/** dist(v) for every v within maxDepth of the start nodes (ignores nodeLimit). */
export function referenceDistances(
  graph: ReferenceGraph,
  q: Pick<NormalizedTraverseQuery, 'startIds' | 'direction' | 'maxDepth' | 'edgeTypes'>,
): Map<string, number> {
  const followed = new Set<EdgeType>(q.edgeTypes);
  const out = new Map<string, string[]>();
  const push = (from: string, to: string): void => {
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  };
  for (const e of graph.edges) {
    if (!followed.has(e.type)) continue;
    if (q.direction !== 'UPSTREAM') push(e.from, e.to);
    if (q.direction !== 'DOWNSTREAM') push(e.to, e.from);
  }
  const dist = new Map<string, number>();
  let frontier: string[] = [];
  for (const id of q.startIds) {
    if (!dist.has(id)) {
      dist.set(id, 0);
      frontier.push(id);
    }
  }
  for (let d = 1; d <= q.maxDepth && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of out.get(id) ?? []) {
        if (!dist.has(n)) {
          dist.set(n, d);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

const edgeKey = (e: LineageEdge): string => `${e.from}|${e.type}|${e.to}`;

/**
 * Every way `result` departs from the reference semantics for `q` on `graph`, as readable lines
 * (empty when it conforms). `graph` must hold every node and edge reachable from the start nodes.
 */
export function traversalProblems(graph: ReferenceGraph, q: NormalizedTraverseQuery, result: TraverseResult): string[] {
  const problems: string[] = [];
  const dist = referenceDistances(graph, q);
  const returnable = (id: string): boolean => {
    const node = graph.nodes.get(id);
    return node !== undefined && isReturnedNode(node, q);
  };
  const got = new Map<string, number>();
  for (const n of result.nodes) {
    if (got.has(n.id)) problems.push(`node ${n.id} returned twice`);
    got.set(n.id, n.depth);
    const expectedDepth = dist.get(n.id);
    if (expectedDepth === undefined) problems.push(`node ${n.id} is not reachable within maxDepth ${q.maxDepth}`);
    else if (n.depth !== expectedDepth) problems.push(`node ${n.id} has depth ${n.depth}, shortest distance is ${expectedDepth}`);
    const ref = graph.nodes.get(n.id);
    if (ref && n.type !== ref.type) problems.push(`node ${n.id} has type ${n.type}, expected ${ref.type}`);
    if (ref?.artifactType && n.artifactType !== ref.artifactType)
      problems.push(`node ${n.id} has artifactType ${String(n.artifactType)}, expected ${ref.artifactType}`);
    if (!returnable(n.id)) problems.push(`node ${n.id} (${ref?.type}/${ref?.artifactType ?? '-'}) should have been filtered out`);
  }
  const unfiltered = q.nodeTypes === null && q.artifactTypes === null;
  if (dist.size <= q.nodeLimit) {
    if (result.truncated) problems.push(`truncated is true, but all ${dist.size} reachable nodes fit the limit ${q.nodeLimit}`);
    for (const [id, d] of dist) if (returnable(id) && !got.has(id)) problems.push(`reachable node ${id} at depth ${d} is missing`);
  } else {
    if (!result.truncated) problems.push(`truncated is false, but ${dist.size} nodes are reachable and the limit is ${q.nodeLimit}`);
    if (unfiltered && result.nodes.length !== q.nodeLimit)
      problems.push(`truncated result has ${result.nodes.length} nodes, expected exactly nodeLimit ${q.nodeLimit}`);
    if (result.nodes.length > q.nodeLimit) problems.push(`result has ${result.nodes.length} nodes, more than nodeLimit ${q.nodeLimit}`);
    const deepest = Math.max(-1, ...result.nodes.map((n) => n.depth));
    for (const [id, d] of dist) {
      if (d < deepest && returnable(id) && !got.has(id))
        problems.push(`node ${id} at depth ${d} is missing though depth ${deepest} was reached (visit order must be by depth)`);
    }
  }
  const followed = new Set<EdgeType>(q.edgeTypes);
  const expectedEdges = new Set(graph.edges.filter((e) => followed.has(e.type) && got.has(e.from) && got.has(e.to)).map(edgeKey));
  const gotEdges = new Set<string>();
  for (const e of result.edges) {
    const k = edgeKey(e);
    if (gotEdges.has(k)) problems.push(`edge ${k} returned twice`);
    gotEdges.add(k);
    if (!expectedEdges.has(k)) problems.push(`edge ${k} should not be returned`);
  }
  for (const k of expectedEdges) if (!gotEdges.has(k)) problems.push(`edge ${k} is missing`);
  return problems;
}
