import {
  ID_PREFIX,
  NotFoundError,
  StoreCorruptError,
  type Artifact,
  type ArtifactId,
  type EdgeType,
  type ExecutionId,
  type LineageEdge,
  type LineageNode,
  type ModelPackageId,
  type OpenLineageRun,
  type PipelineExecution,
  type StepExecution,
  type StepExecutionId,
} from '@pedigree/domain';
import type { GraphStore } from './graph-store.ts';
import { normalizePathsQuery, type NormalizedTraverseQuery } from './query-args.ts';
import {
  TRAVERSE_NODE_LIMIT_CAP,
  type ImpactResult,
  type LineagePath,
  type LineageQueryOptions,
  type PathsQuery,
  type PathsResult,
  type ProvenanceDataset,
  type ProvenanceResult,
} from './types.ts';

/*
 * Derived lineage queries (provenance, impact, paths) built only on `traverse` and batch reads, so
 * every adapter answers them with the same algorithm and only has to get `traverse` right.
 */

/** Edges along which data flows: what provenance and impact follow. */
export const DATA_FLOW_EDGE_TYPES: readonly EdgeType[] = ['CONSUMED_BY', 'PRODUCED', 'DERIVED_FROM'];
/** Impact also follows a model to the packages it was registered as. */
export const IMPACT_EDGE_TYPES: readonly EdgeType[] = [...DATA_FLOW_EDGE_TYPES, 'PACKAGED_AS'];
/** Paths kept per upstream dataset in a provenance answer. */
export const PROVENANCE_PATHS_PER_DATASET = 5;
/**
 * Partial paths expanded by `findSimplePaths` before it gives up and reports truncation: the
 * number of simple paths in a dense graph grows exponentially with length, so enumeration needs
 * a hard bound independent of `limit`.
 */
export const PATH_SEARCH_EXPANSION_BUDGET = 200_000;

/**
 * Whether a visited node is returned under a traversal's `nodeTypes` / `artifactTypes` filters
 * (shared so every adapter filters alike):
 * - neither filter: every node;
 * - an Artifact: with `artifactTypes`, its artifact type must be listed (giving `artifactTypes`
 *   implies artifacts are wanted); otherwise `nodeTypes` must list `Artifact`;
 * - any other node: with `nodeTypes`, its type must be listed; with only `artifactTypes`, never.
 */
export function isReturnedNode(
  node: Pick<LineageNode, 'type' | 'artifactType'>,
  query: Pick<NormalizedTraverseQuery, 'nodeTypes' | 'artifactTypes'>,
): boolean {
  const { nodeTypes, artifactTypes } = query;
  if (node.type === 'Artifact') {
    if (artifactTypes !== null) return node.artifactType !== undefined && artifactTypes.includes(node.artifactType);
    return nodeTypes === null || nodeTypes.includes('Artifact');
  }
  if (nodeTypes !== null) return nodeTypes.includes(node.type);
  return artifactTypes === null;
}

export interface SimplePathsResult {
  /** Simple paths from `fromId` to `toId` along the arrows, shortest first. */
  readonly paths: readonly LineagePath[];
  /** More paths exist than were returned (or the search budget ran out). */
  readonly more: boolean;
}

interface PartialPath {
  readonly node: string;
  readonly edge: LineageEdge | null;
  readonly prev: PartialPath | null;
  readonly length: number;
}

function onPath(p: PartialPath, id: string): boolean {
  for (let q: PartialPath | null = p; q !== null; q = q.prev) if (q.node === id) return true;
  return false;
}

function toLineagePath(p: PartialPath): LineagePath {
  const nodeIds: string[] = [];
  const edges: LineageEdge[] = [];
  for (let q: PartialPath | null = p; q !== null; q = q.prev) {
    nodeIds.push(q.node);
    if (q.edge) edges.push(q.edge);
  }
  return { nodeIds: nodeIds.reverse(), edges: edges.reverse() };
}

/** Shortest distance from every node to `toId` along the arrows (reverse BFS over `edges`). */
function distancesTo(edges: readonly LineageEdge[], toId: string, maxLength: number): Map<string, number> {
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e.from);
    else incoming.set(e.to, [e.from]);
  }
  const dist = new Map<string, number>([[toId, 0]]);
  let frontier = [toId];
  for (let d = 1; d <= maxLength && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const from of incoming.get(id) ?? []) {
        if (!dist.has(from)) {
          dist.set(from, d);
          next.push(from);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * Up to `limit` simple paths from `fromId` to `toId` following the arrows of `edges`, at most
 * `maxLength` edges each, shortest first (ties by edge order, deterministic). A best-first search
 * whose estimate is the exact unrestricted distance to the target, so complete paths come out in
 * length order and dead prefixes are cut early. `distanceToTarget` may be passed when known.
 */
export function findSimplePaths(
  edges: readonly LineageEdge[],
  fromId: string,
  toId: string,
  maxLength: number,
  limit: number,
  distanceToTarget?: ReadonlyMap<string, number>,
): SimplePathsResult {
  if (fromId === toId) return { paths: [{ nodeIds: [fromId], edges: [] }], more: false };
  const dist = distanceToTarget ?? distancesTo(edges, toId, maxLength);
  const outgoing = new Map<string, LineageEdge[]>();
  const sorted = [...edges].sort((a, b) => cmp(a.to, b.to) || cmp(a.type, b.type) || cmp(a.from, b.from));
  for (const e of sorted) {
    if (!dist.has(e.to)) continue;
    const list = outgoing.get(e.from);
    if (list) list.push(e);
    else outgoing.set(e.from, [e]);
  }
  const startDist = dist.get(fromId);
  if (startDist === undefined || startDist > maxLength) return { paths: [], more: false };

  // Bucket queue keyed by estimated total length; estimates never decrease along a path, so
  // buckets are drained in order and complete paths come out shortest first.
  const buckets: PartialPath[][] = Array.from({ length: maxLength + 1 }, () => []);
  buckets[startDist]!.push({ node: fromId, edge: null, prev: null, length: 0 });
  const paths: LineagePath[] = [];
  let expansions = 0;
  for (let f = startDist; f <= maxLength; f += 1) {
    // Depth-first within a bucket: every entry completes at length f, so going deep first finds
    // complete paths after ~f expansions instead of after the whole (exponential) frontier.
    const stack = buckets[f]!;
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (p.node === toId) {
        if (paths.length === limit) return { paths, more: true };
        paths.push(toLineagePath(p));
        continue;
      }
      expansions += 1;
      if (expansions > PATH_SEARCH_EXPANSION_BUDGET) return { paths, more: true };
      const next = outgoing.get(p.node) ?? [];
      // Pushed in reverse so the first edge is expanded first (deterministic order).
      for (let i = next.length - 1; i >= 0; i -= 1) {
        const e = next[i]!;
        const estimate = p.length + 1 + dist.get(e.to)!;
        if (estimate > maxLength || onPath(p, e.to)) continue;
        buckets[estimate]!.push({ node: e.to, edge: e, prev: p, length: p.length + 1 });
      }
    }
  }
  return { paths, more: false };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byDepthThenId(a: LineageNode, b: LineageNode): number {
  return a.depth - b.depth || cmp(a.id, b.id);
}

async function artifactsOf(store: GraphStore, nodes: readonly LineageNode[]): Promise<Artifact[]> {
  const found = await store.getArtifacts(nodes.map((n) => n.id as ArtifactId));
  return found.map((a, i) => {
    if (a === null) throw new StoreCorruptError('traversal returned an artifact that cannot be read', { id: nodes[i]!.id });
    return a;
  });
}

async function stepExecutionsOf(store: GraphStore, nodes: readonly LineageNode[]): Promise<StepExecution[]> {
  return Promise.all(nodes.map((n) => store.getStepExecution(n.id as StepExecutionId)));
}

/** The OpenLineage runs of `OpenLineageRun` lineage nodes (`olr_<runId>`), in the nodes' order. */
async function openLineageRunsOf(store: GraphStore, nodes: readonly LineageNode[]): Promise<OpenLineageRun[]> {
  return Promise.all(nodes.map((n) => store.getOpenLineageRun(n.id.slice(ID_PREFIX.openLineageRun.length))));
}

/**
 * Every upstream DataSet of an artifact with up to 5 paths to each, its Code, step executions and
 * executions, and the OpenLineage runs (external jobs) on the way. Throws NOT_FOUND, INVALID_ARGUMENT.
 */
export async function computeProvenance(
  store: GraphStore,
  modelArtifactId: ArtifactId,
  options: LineageQueryOptions = {},
): Promise<ProvenanceResult> {
  const model = await store.getArtifact(modelArtifactId);
  const result = await store.traverse({
    startIds: [model.id],
    direction: 'UPSTREAM',
    edgeTypes: DATA_FLOW_EDGE_TYPES,
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.nodeLimit !== undefined ? { nodeLimit: options.nodeLimit } : {}),
  });
  const upstream = result.nodes.filter((n) => n.id !== model.id).sort(byDepthThenId);
  const datasetNodes = upstream.filter((n) => n.type === 'Artifact' && n.artifactType === 'DataSet');
  const codeNodes = upstream.filter((n) => n.type === 'Artifact' && n.artifactType === 'Code');
  const stepNodes = upstream.filter((n) => n.type === 'StepExecution');
  const openLineageRunNodes = upstream.filter((n) => n.type === 'OpenLineageRun');

  // Depth of an upstream node is its distance to the model along the arrows: the exact
  // estimate the path search needs.
  const distToModel = new Map(result.nodes.map((n) => [n.id, n.depth]));
  const maxLength = Math.max(0, ...result.nodes.map((n) => n.depth));
  const [datasetArtifacts, code, stepExecutions, openLineageRuns] = await Promise.all([
    artifactsOf(store, datasetNodes),
    artifactsOf(store, codeNodes),
    stepExecutionsOf(store, stepNodes),
    openLineageRunsOf(store, openLineageRunNodes),
  ]);
  const datasets: ProvenanceDataset[] = datasetArtifacts.map((artifact, i) => ({
    artifact,
    depth: datasetNodes[i]!.depth,
    paths: findSimplePaths(result.edges, artifact.id, model.id, maxLength, PROVENANCE_PATHS_PER_DATASET, distToModel).paths,
  }));
  const executionIds: ExecutionId[] = [];
  for (const s of stepExecutions) if (!executionIds.includes(s.executionId)) executionIds.push(s.executionId);
  const executions: PipelineExecution[] = await Promise.all(executionIds.map((id) => store.getExecution(id)));
  return { model, datasets, code, stepExecutions, executions, openLineageRuns, truncated: result.truncated };
}

/** Every downstream Model artifact, the model packages reached and the step executions in between. Throws NOT_FOUND, INVALID_ARGUMENT. */
export async function computeImpact(store: GraphStore, artifactId: ArtifactId, options: LineageQueryOptions = {}): Promise<ImpactResult> {
  const artifact = await store.getArtifact(artifactId);
  const result = await store.traverse({
    startIds: [artifact.id],
    direction: 'DOWNSTREAM',
    edgeTypes: IMPACT_EDGE_TYPES,
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.nodeLimit !== undefined ? { nodeLimit: options.nodeLimit } : {}),
  });
  const downstream = result.nodes.filter((n) => n.id !== artifact.id).sort(byDepthThenId);
  const [models, stepExecutions, modelPackages] = await Promise.all([
    artifactsOf(
      store,
      downstream.filter((n) => n.type === 'Artifact' && n.artifactType === 'Model'),
    ),
    stepExecutionsOf(
      store,
      downstream.filter((n) => n.type === 'StepExecution'),
    ),
    Promise.all(downstream.filter((n) => n.type === 'ModelPackage').map((n) => store.getModelPackage(n.id as ModelPackageId))),
  ]);
  return { artifact, models, modelPackages, stepExecutions, truncated: result.truncated };
}

/** Simple paths along the arrows between two nodes, shortest first. Throws NOT_FOUND naming missing ids, INVALID_ARGUMENT. */
export async function computePaths(store: GraphStore, query: PathsQuery): Promise<PathsResult> {
  const q = normalizePathsQuery(query);
  const ends = await store.getLineageNodes([q.fromId, q.toId]);
  const missing = [q.fromId, q.toId].filter((id, i) => ends[i] === null);
  if (missing.length > 0) throw new NotFoundError('LineageNode', [...new Set(missing)]);
  if (q.fromId === q.toId) return { paths: [{ nodeIds: [q.fromId], edges: [] }], truncated: false };

  const down = await store.traverse({
    startIds: [q.fromId],
    direction: 'DOWNSTREAM',
    maxDepth: q.maxDepth,
    nodeLimit: TRAVERSE_NODE_LIMIT_CAP,
  });
  const distFrom = new Map(down.nodes.map((n) => [n.id, n.depth]));
  if (!distFrom.has(q.toId)) return { paths: [], truncated: down.truncated };
  const up = await store.traverse({ startIds: [q.toId], direction: 'UPSTREAM', maxDepth: q.maxDepth, nodeLimit: TRAVERSE_NODE_LIMIT_CAP });
  const distTo = new Map(up.nodes.map((n) => [n.id, n.depth]));

  // Only nodes that lie on some path short enough can be on an answer.
  const onSomePath = (id: string): boolean => {
    const a = distFrom.get(id);
    const b = distTo.get(id);
    return a !== undefined && b !== undefined && a + b <= q.maxDepth;
  };
  const seen = new Set<string>();
  const edges: LineageEdge[] = [];
  for (const e of [...down.edges, ...up.edges]) {
    const key = `${e.from}\u0000${e.type}\u0000${e.to}`;
    if (seen.has(key) || !onSomePath(e.from) || !onSomePath(e.to)) continue;
    seen.add(key);
    edges.push(e);
  }
  const found = findSimplePaths(edges, q.fromId, q.toId, q.maxDepth, q.limit, distTo);
  return { paths: found.paths, truncated: found.more || down.truncated || up.truncated };
}
