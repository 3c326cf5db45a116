import { describe, expect, it } from 'vitest';
import { NotFoundError, type Artifact, type ArtifactId, type ArtifactType, type LineageEdge, type LineageNode } from '@pedigree/domain';
import type { GraphStore } from './graph-store.ts';
import {
  computeImpact,
  computePaths,
  computeProvenance,
  findSimplePaths,
  isReturnedNode,
  PATH_SEARCH_EXPANSION_BUDGET,
} from './lineage-derived.ts';
import { normalizeTraverseQuery } from './query-args.ts';
import { referenceDistances, type ReferenceNode } from './testing/reference-lineage.ts';
import type { TraverseQuery } from './types.ts';

const e = (from: string, to: string, type: LineageEdge['type'] = 'DERIVED_FROM'): LineageEdge => ({ from, to, type });

/** A GraphStore stand-in over an explicit graph: traverse is the reference BFS, reads come from maps. */
function fakeStore(nodes: readonly ReferenceNode[], edges: readonly LineageEdge[]): GraphStore {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const artifact = (id: string): Artifact | null => {
    const n = byId.get(id);
    return n?.type === 'Artifact' ? ({ id, type: n.artifactType, name: id } as unknown as Artifact) : null;
  };
  const store = {
    adapter: 'fake',
    async traverse(query: TraverseQuery) {
      const q = normalizeTraverseQuery(query);
      const missing = q.startIds.filter((id) => !byId.has(id));
      if (missing.length) throw new NotFoundError('LineageNode', missing);
      const dist = [...referenceDistances({ nodes: byId, edges }, q)].sort((a, b) => a[1] - b[1]);
      const visited = dist.slice(0, q.nodeLimit);
      const returned: LineageNode[] = visited
        .map(([id, depth]) => ({
          id,
          depth,
          label: id,
          type: byId.get(id)!.type,
          ...(byId.get(id)!.artifactType ? { artifactType: byId.get(id)!.artifactType } : {}),
        }))
        .filter((n) => isReturnedNode(n, q));
      const ids = new Set(returned.map((n) => n.id));
      return {
        nodes: returned,
        edges: edges.filter((x) => q.edgeTypes.includes(x.type) && ids.has(x.from) && ids.has(x.to)),
        truncated: dist.length > q.nodeLimit,
      };
    },
    async getArtifact(id: string) {
      const a = artifact(id);
      if (!a) throw new NotFoundError('Artifact', id);
      return a;
    },
    async getArtifacts(ids: readonly string[]) {
      return ids.map(artifact);
    },
    async getStepExecution(id: string) {
      return { id, executionId: `ex_of_${id}` };
    },
    async getExecution(id: string) {
      return { id };
    },
    async getModelPackage(id: string) {
      return { id };
    },
    async getOpenLineageRun(runId: string) {
      if (byId.get(`olr_${runId}`)?.type !== 'OpenLineageRun') throw new NotFoundError('OpenLineageRun', runId);
      return { id: `olr_${runId}`, runId };
    },
    async getLineageNodes(ids: readonly string[]) {
      return ids.map((id) => (byId.has(id) ? { id, type: byId.get(id)!.type, label: id, depth: 0 } : null));
    },
  };
  return store as unknown as GraphStore;
}

const art = (id: string, artifactType: ArtifactType = 'DataSet'): ReferenceNode => ({ id, type: 'Artifact', artifactType });
const step = (id: string): ReferenceNode => ({ id, type: 'StepExecution' });

describe('isReturnedNode', () => {
  const q = (nodeTypes: TraverseQuery['nodeTypes'] | null, artifactTypes: TraverseQuery['artifactTypes'] | null) => ({
    nodeTypes: nodeTypes ?? null,
    artifactTypes: artifactTypes ?? null,
  });
  it.each([
    ['no filters return everything', q(null, null), { type: 'StepExecution' as const }, true],
    [
      'artifactTypes alone keeps matching artifacts',
      q(null, ['DataSet']),
      { type: 'Artifact' as const, artifactType: 'DataSet' as const },
      true,
    ],
    [
      'artifactTypes alone drops other artifacts',
      q(null, ['DataSet']),
      { type: 'Artifact' as const, artifactType: 'Model' as const },
      false,
    ],
    ['artifactTypes alone drops non-artifacts', q(null, ['DataSet']), { type: 'StepExecution' as const }, false],
    [
      'nodeTypes without Artifact drops artifacts',
      q(['StepExecution'], null),
      { type: 'Artifact' as const, artifactType: 'DataSet' as const },
      false,
    ],
    [
      'nodeTypes and artifactTypes combine',
      q(['StepExecution'], ['Code']),
      { type: 'Artifact' as const, artifactType: 'Code' as const },
      true,
    ],
    ['nodeTypes keeps listed types', q(['StepExecution'], ['Code']), { type: 'StepExecution' as const }, true],
  ])('%s', (_name, query, node, expected) => {
    expect(isReturnedNode(node, query)).toBe(expected);
  });
});

describe('findSimplePaths', () => {
  it('returns paths shortest first along the arrows', () => {
    const edges = [e('a', 'b'), e('b', 'd'), e('a', 'c'), e('c', 'x'), e('x', 'd'), e('a', 'd'), e('d', 'a')];
    const r = findSimplePaths(edges, 'a', 'd', 10, 10);
    expect(r.paths.map((p) => p.nodeIds)).toEqual([
      ['a', 'd'],
      ['a', 'b', 'd'],
      ['a', 'c', 'x', 'd'],
    ]);
    expect(r.paths[1]!.edges).toEqual([e('a', 'b'), e('b', 'd')]);
    expect(r.more).toBe(false);
  });

  it('says when more paths exist than the limit, and respects the length bound', () => {
    const edges = [e('a', 'b'), e('b', 'd'), e('a', 'c'), e('c', 'd'), e('a', 'd')];
    expect(findSimplePaths(edges, 'a', 'd', 10, 2)).toMatchObject({ more: true });
    expect(findSimplePaths(edges, 'a', 'd', 1, 10).paths).toHaveLength(1);
    expect(findSimplePaths(edges, 'd', 'a', 10, 10).paths).toEqual([]);
  });

  it('never repeats a node, even through cycles', () => {
    const edges = [e('a', 'b'), e('b', 'a'), e('b', 'c'), e('c', 'b'), e('c', 'a')];
    const r = findSimplePaths(edges, 'a', 'c', 50, 100);
    expect(r.paths.map((p) => p.nodeIds)).toEqual([['a', 'b', 'c']]);
  });

  it('a node to itself is the empty path', () => {
    expect(findSimplePaths([], 'a', 'a', 5, 5).paths).toEqual([{ nodeIds: ['a'], edges: [] }]);
  });

  it('gives up with `more` when a dense graph exceeds the expansion budget', () => {
    // A complete DAG on 40 layers of 3 has about 3^38 paths: enumeration must stop, not hang.
    const edges: LineageEdge[] = [];
    for (let l = 0; l < 39; l += 1)
      for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) edges.push(e(`${l}.${i}`, `${l + 1}.${j}`));
    for (let j = 0; j < 3; j += 1) edges.push(e('start', `0.${j}`), e(`39.${j}`, 'end'));
    const started = Date.now();
    const r = findSimplePaths(edges, 'start', 'end', 50, 100);
    expect(r.paths).toHaveLength(100);
    expect(r.more).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000); // unbounded enumeration would run for ages; generous for loaded CI
    expect(PATH_SEARCH_EXPANSION_BUDGET).toBeGreaterThan(100);
  });
});

describe('computeProvenance / computeImpact / computePaths over any store', () => {
  // raw -> prep -> clean -> train -> model; extra -> train; code -> train; model -> pkg
  const nodes = [
    art('raw'),
    art('extra'),
    art('code', 'Code'),
    art('clean'),
    art('model', 'Model'),
    step('prep'),
    step('train'),
    { id: 'pkg', type: 'ModelPackage' as const },
  ];
  const edges = [
    e('raw', 'prep', 'CONSUMED_BY'),
    e('prep', 'clean', 'PRODUCED'),
    e('clean', 'train', 'CONSUMED_BY'),
    e('extra', 'train', 'CONSUMED_BY'),
    e('code', 'train', 'CONSUMED_BY'),
    e('train', 'model', 'PRODUCED'),
    e('model', 'pkg', 'PACKAGED_AS'),
  ];
  const store = fakeStore(nodes, edges);

  it('provenance: datasets nearest first with their paths, code, steps, executions', async () => {
    const p = await computeProvenance(store, 'model' as ArtifactId);
    expect(p.datasets.map((d) => [d.artifact.id, d.depth])).toEqual([
      ['clean', 2],
      ['extra', 2],
      ['raw', 4],
    ]);
    expect(p.datasets[2]!.paths.map((x) => x.nodeIds)).toEqual([['raw', 'prep', 'clean', 'train', 'model']]);
    expect(p.code.map((a) => a.id)).toEqual(['code']);
    expect(p.stepExecutions.map((s) => s.id)).toEqual(['train', 'prep']);
    expect(p.executions.map((x) => x.id)).toEqual(['ex_of_train', 'ex_of_prep']);
    expect(p.truncated).toBe(false);
    expect((await computeProvenance(store, 'model' as ArtifactId, { nodeLimit: 2 })).truncated).toBe(true);
  });

  it('provenance: OpenLineage runs upstream (external jobs) nearest first, neither steps nor executions', async () => {
    // lake -> olr_spark -> warehouse -> olr_dbt -> mart -> train -> model
    const ol = fakeStore(
      [
        art('lake'),
        art('warehouse'),
        art('mart'),
        art('model', 'Model'),
        step('train'),
        ...['olr_dbt', 'olr_spark'].map((id) => ({ id, type: 'OpenLineageRun' as const })),
      ],
      [
        e('lake', 'olr_spark', 'CONSUMED_BY'),
        e('olr_spark', 'warehouse', 'PRODUCED'),
        e('warehouse', 'olr_dbt', 'CONSUMED_BY'),
        e('olr_dbt', 'mart', 'PRODUCED'),
        e('mart', 'train', 'CONSUMED_BY'),
        e('train', 'model', 'PRODUCED'),
      ],
    );
    const p = await computeProvenance(ol, 'model' as ArtifactId);
    expect(p.openLineageRuns.map((r) => [r.id, r.runId])).toEqual([
      ['olr_dbt', 'dbt'],
      ['olr_spark', 'spark'],
    ]);
    expect(p.datasets.map((d) => d.artifact.id)).toEqual(['mart', 'warehouse', 'lake']);
    expect(p.datasets[2]!.paths.map((x) => x.nodeIds)).toEqual([['lake', 'olr_spark', 'warehouse', 'olr_dbt', 'mart', 'train', 'model']]);
    expect(p.stepExecutions.map((x) => x.id)).toEqual(['train']);
    // A model without external jobs upstream has none.
    expect((await computeProvenance(store, 'model' as ArtifactId)).openLineageRuns).toEqual([]);
  });

  it('impact: downstream models, packages and steps', async () => {
    const i = await computeImpact(store, 'raw' as ArtifactId);
    expect(i.models.map((m) => m.id)).toEqual(['model']);
    expect(i.modelPackages.map((m) => m.id)).toEqual(['pkg']);
    expect(i.stepExecutions.map((s) => s.id)).toEqual(['prep', 'train']);
  });

  it('paths: NOT_FOUND names every missing end; no path is an empty answer', async () => {
    await expect(computePaths(store, { fromId: 'nope', toId: 'nada' })).rejects.toMatchObject({ code: 'NOT_FOUND', ids: ['nope', 'nada'] });
    expect(await computePaths(store, { fromId: 'model', toId: 'raw' })).toEqual({ paths: [], truncated: false });
    const r = await computePaths(store, { fromId: 'raw', toId: 'pkg' });
    expect(r.paths.map((p) => p.nodeIds)).toEqual([['raw', 'prep', 'clean', 'train', 'model', 'pkg']]);
    await expect(computePaths(store, { fromId: 'raw', toId: 'pkg', maxDepth: 51 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'maxDepth',
    });
  });
});
