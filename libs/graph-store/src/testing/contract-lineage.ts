import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_TYPES,
  EDGE_TYPES,
  NODE_TYPES,
  artifactIdFor,
  createExecutionId,
  digestBytes,
  pipelineNodeIdFor,
  type ArtifactId,
  type ArtifactType,
  type EdgeType,
  type LineageDirection,
  type LineageEdge,
  type NodeType,
} from '@pedigree/domain';
import type { GraphStore } from '../graph-store.ts';
import { normalizeTraverseQuery } from '../query-args.ts';
import type { TraverseQuery } from '../types.ts';
import type { ContractContext } from './contract-context.ts';
import { artifactInput, channel, expectInvalidArgument, expectNotFound, runStep, seedExecution, unique } from './fixtures.ts';
import { traversalProblems, type ReferenceGraph, type ReferenceNode } from './reference-lineage.ts';

/** A seeded graph plus its reference model: every node and edge the port must hold for it. */
interface SeededGraph extends ReferenceGraph {
  readonly artifactIds: readonly string[];
  readonly stepIds: readonly string[];
  readonly executionId: string;
}

interface GraphSpec {
  readonly datasets: number;
  readonly steps: readonly { readonly inputs: readonly number[]; readonly outputs: readonly ArtifactType[] }[];
  readonly derived: readonly (readonly [number, number])[];
}

/**
 * Seeds a pipeline run shaped by `spec` (steps consume earlier artifacts and produce new ones;
 * DERIVED_FROM edges may close cycles) and returns the graph the store must now contain.
 */
async function seedGraph(store: GraphStore, spec: GraphSpec): Promise<SeededGraph> {
  const { pipelineName, version, execution } = await seedExecution(store);
  const base = `mem://${unique('dag')}`;
  const nodes = new Map<string, ReferenceNode>();
  const edges: LineageEdge[] = [];
  const pipelineNode = pipelineNodeIdFor(pipelineName);
  nodes.set(pipelineNode, { id: pipelineNode, type: 'Pipeline' });
  nodes.set(version.id, { id: version.id, type: 'PipelineVersion' });
  nodes.set(execution.id, { id: execution.id, type: 'PipelineExecution' });
  edges.push({ from: version.id, to: pipelineNode, type: 'VERSION_OF' }, { from: execution.id, to: version.id, type: 'RUN_OF' });

  const artifacts: { id: string; input: ReturnType<typeof artifactInput> }[] = [];
  const addArtifact = (type: ArtifactType): ReturnType<typeof artifactInput> => {
    const input = artifactInput(`${base}/a${artifacts.length}`, { type });
    const id = artifactIdFor(input.uri, input.digest);
    artifacts.push({ id, input });
    nodes.set(id, { id, type: 'Artifact', artifactType: type });
    return input;
  };
  const imported = Array.from({ length: spec.datasets }, () => addArtifact('DataSet'));
  await store.upsertArtifacts(imported);

  const stepIds: string[] = [];
  for (const [i, s] of spec.steps.entries()) {
    const inputIdx = [...new Set(s.inputs.map((n) => n % artifacts.length))];
    const inputs = inputIdx.map((n, k) => channel(`in${k}`, artifacts[n]!.input));
    const outputs = s.outputs.map((type, k) => channel(`out${k}`, addArtifact(type)));
    const step = await runStep(store, execution.id, `step${i}`, { inputs, outputs });
    stepIds.push(step.id);
    nodes.set(step.id, { id: step.id, type: 'StepExecution' });
    edges.push({ from: step.id, to: execution.id, type: 'PART_OF' });
    for (const n of inputIdx) edges.push({ from: artifacts[n]!.id, to: step.id, type: 'CONSUMED_BY' });
    for (const o of outputs) edges.push({ from: step.id, to: artifactIdFor(o.artifact.uri, o.artifact.digest), type: 'PRODUCED' });
  }
  const derived = new Map<string, LineageEdge>();
  for (const [a, b] of spec.derived) {
    const from = artifacts[a % artifacts.length]!.id;
    const to = artifacts[b % artifacts.length]!.id;
    if (from !== to) derived.set(`${from}|${to}`, { from, to, type: 'DERIVED_FROM' });
  }
  if (derived.size > 0)
    await store.recordEdges([...derived.values()].map((e) => ({ from: e.from, to: e.to, type: 'DERIVED_FROM' as const })));
  edges.push(...derived.values());
  return { nodes, edges, artifactIds: artifacts.map((a) => a.id), stepIds, executionId: execution.id };
}

const graphSpec = fc.record({
  datasets: fc.integer({ min: 1, max: 4 }),
  steps: fc.array(
    fc.record({
      inputs: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      outputs: fc.array(fc.constantFrom<ArtifactType>('DataSet', 'Model', 'Code', 'Metrics'), { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 9 },
  ),
  derived: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
});

const queryShape = fc.record({
  starts: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  startFromSteps: fc.boolean(),
  direction: fc.constantFrom<LineageDirection>('UPSTREAM', 'DOWNSTREAM', 'BOTH'),
  maxDepth: fc.integer({ min: 0, max: 8 }),
  nodeLimit: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 60 })),
  edgeTypes: fc.option(fc.subarray([...EDGE_TYPES], { minLength: 1 }), { nil: undefined }),
  nodeTypes: fc.option(fc.subarray([...NODE_TYPES], { minLength: 1 }), { nil: undefined }),
  artifactTypes: fc.option(fc.subarray([...ARTIFACT_TYPES], { minLength: 1 }), { nil: undefined }),
  filtered: fc.boolean(),
});

async function checkAgainstReference(store: GraphStore, graph: ReferenceGraph, query: TraverseQuery): Promise<void> {
  const result = await store.traverse(query);
  const problems = traversalProblems(graph, normalizeTraverseQuery(query), result);
  expect(problems, `traverse(${JSON.stringify(query)})`).toEqual([]);
}

export function lineageContract(ctx: ContractContext): void {
  describe('lineage traversal', () => {
    it('refuses out-of-range and unknown arguments with INVALID_ARGUMENT naming the argument', async () => {
      const store = ctx.store();
      const a = await store.upsertArtifact(artifactInput(`mem://${unique('args')}/a`));
      const q = { startIds: [a.id], direction: 'UPSTREAM' as const };
      await expectInvalidArgument(store.traverse({ ...q, maxDepth: -1 }), 'maxDepth');
      await expectInvalidArgument(store.traverse({ ...q, maxDepth: 51 }), 'maxDepth');
      await expectInvalidArgument(store.traverse({ ...q, maxDepth: 1.5 }), 'maxDepth');
      await expectInvalidArgument(store.traverse({ ...q, nodeLimit: 0 }), 'nodeLimit');
      await expectInvalidArgument(store.traverse({ ...q, nodeLimit: 10_001 }), 'nodeLimit');
      await expectInvalidArgument(store.traverse({ ...q, direction: 'SIDEWAYS' as LineageDirection }), 'direction');
      await expectInvalidArgument(store.traverse({ ...q, edgeTypes: ['FLOWS_TO' as EdgeType] }), 'edgeTypes');
      await expectInvalidArgument(store.traverse({ ...q, edgeTypes: [] }), 'edgeTypes');
      await expectInvalidArgument(store.traverse({ ...q, nodeTypes: ['Table' as NodeType] }), 'nodeTypes');
      await expectInvalidArgument(store.traverse({ ...q, artifactTypes: ['Table' as ArtifactType] }), 'artifactTypes');
      await expectInvalidArgument(store.traverse({ ...q, startIds: [] }), 'startIds');
      // The caps themselves are allowed.
      await expect(store.traverse({ ...q, maxDepth: 50, nodeLimit: 10_000 })).resolves.toMatchObject({ truncated: false });
    });

    it('unknown start ids are NOT_FOUND naming exactly the unknown ones', async () => {
      const store = ctx.store();
      const known = await store.upsertArtifact(artifactInput(`mem://${unique('nf')}/a`));
      const ghost = artifactIdFor(`mem://${unique('ghost')}`, digestBytes('x'));
      const ghostExecution = createExecutionId();
      await expectNotFound(store.traverse({ startIds: [known.id, ghost, ghostExecution, 'no-such-node'], direction: 'BOTH' }), [
        ghost,
        ghostExecution,
        'no-such-node',
      ]);
    });

    it('maxDepth 0 returns only the start nodes', async () => {
      const store = ctx.store();
      const g = await seedGraph(store, { datasets: 2, steps: [{ inputs: [0, 1], outputs: ['Model'] }], derived: [] });
      const r = await store.traverse({ startIds: [g.artifactIds[0]!, g.artifactIds[1]!], direction: 'BOTH', maxDepth: 0 });
      expect(r.nodes.map((n) => [n.id, n.depth]).sort()).toEqual(
        [
          [g.artifactIds[0], 0],
          [g.artifactIds[1], 0],
        ].sort(),
      );
      expect(r.truncated).toBe(false);
    });

    it('records the structural edges of a run: PART_OF, RUN_OF, VERSION_OF', async () => {
      const store = ctx.store();
      const { pipelineName, version, execution } = await seedExecution(store);
      const step = await runStep(store, execution.id, 'p');
      const r = await store.traverse({ startIds: [step.id], direction: 'DOWNSTREAM' });
      const pipelineNode = pipelineNodeIdFor(pipelineName);
      expect(r.nodes.map((n) => [n.type, n.id, n.depth])).toEqual([
        ['StepExecution', step.id, 0],
        ['PipelineExecution', execution.id, 1],
        ['PipelineVersion', version.id, 2],
        ['Pipeline', pipelineNode, 3],
      ]);
      expect(r.edges).toEqual(
        expect.arrayContaining([
          { from: step.id, to: execution.id, type: 'PART_OF' },
          { from: execution.id, to: version.id, type: 'RUN_OF' },
          { from: version.id, to: pipelineNode, type: 'VERSION_OF' },
        ]),
      );
      expect(r.edges).toHaveLength(3);
    });

    it('describes every node type through getLineageNodes, in the order asked, null where absent', async () => {
      const store = ctx.store();
      const { pipelineName, version, execution } = await seedExecution(store);
      const model = artifactInput(`mem://${unique('nodes')}/model`, { type: 'Model', name: 'my model' });
      const step = await runStep(store, execution.id, 'train', { outputs: [channel('m', model)], stepType: 'training' });
      const modelId = artifactIdFor(model.uri, model.digest);
      const group = unique('grp');
      const { modelPackage } = await store.registerModelPackage({ group, modelArtifactId: modelId, approvalStatus: 'Approved', by: 'ci' });
      const context = await store.upsertContext({ type: 'Endpoint', name: unique('ep') });
      const ghost = artifactIdFor('mem://ghost', digestBytes('ghost'));
      const pipelineNode = pipelineNodeIdFor(pipelineName);
      const nodes = await store.getLineageNodes([
        modelId,
        ghost,
        step.id,
        execution.id,
        version.id,
        pipelineNode,
        modelPackage.id,
        context.id,
      ]);
      expect(nodes[0]).toMatchObject({
        id: modelId,
        type: 'Artifact',
        label: 'my model',
        artifactType: 'Model',
        uri: model.uri,
        digest: model.digest,
      });
      expect(nodes[1]).toBeNull();
      expect(nodes[2]).toMatchObject({ id: step.id, type: 'StepExecution', label: 'train', stepType: 'training', status: 'Succeeded' });
      expect(nodes[3]).toMatchObject({ id: execution.id, type: 'PipelineExecution', status: 'Executing' });
      expect(nodes[4]).toMatchObject({ id: version.id, type: 'PipelineVersion' });
      expect(nodes[5]).toMatchObject({ id: pipelineNode, type: 'Pipeline', label: pipelineName });
      expect(nodes[6]).toMatchObject({ id: modelPackage.id, type: 'ModelPackage', approvalStatus: 'Approved' });
      expect(nodes[7]).toMatchObject({ id: context.id, type: 'Context', contextType: 'Endpoint', label: context.name });
      for (const n of nodes) if (n) expect(typeof n.label).toBe('string');
    });

    it('matches the reference BFS on random graphs (nodes, shortest depths, edges, truncation, filters)', async () => {
      const store = ctx.store();
      await fc.assert(
        fc.asyncProperty(graphSpec, fc.array(queryShape, { minLength: 1, maxLength: 4 }), async (spec, queries) => {
          const g = await seedGraph(store, spec);
          for (const shape of queries) {
            const pool = shape.startFromSteps ? [...g.stepIds, g.executionId] : g.artifactIds;
            const startIds = [...new Set(shape.starts.map((n) => pool[n % pool.length]!))];
            const query: TraverseQuery = {
              startIds,
              direction: shape.direction,
              maxDepth: shape.maxDepth,
              nodeLimit: shape.nodeLimit,
              ...(shape.edgeTypes ? { edgeTypes: shape.edgeTypes } : {}),
              ...(shape.filtered && shape.nodeTypes ? { nodeTypes: shape.nodeTypes } : {}),
              ...(shape.filtered && shape.artifactTypes ? { artifactTypes: shape.artifactTypes } : {}),
            };
            await checkAgainstReference(store, g, query);
          }
        }),
        { numRuns: 30, seed: 20261203, endOnFailure: true },
      );
    }, 120_000);

    it('terminates on DERIVED_FROM cycles and visits each node once at its shortest depth', async () => {
      const store = ctx.store();
      const base = `mem://${unique('cycle')}`;
      const ring = await store.upsertArtifacts(Array.from({ length: 6 }, (_, i) => artifactInput(`${base}/r${i}`)));
      const ids = ring.map((a) => a.id);
      await store.recordEdges(ids.map((id, i) => ({ from: id, to: ids[(i + 1) % ids.length]!, type: 'DERIVED_FROM' as const })));
      await store.recordEdges([{ from: ids[3]!, to: ids[0]!, type: 'DERIVED_FROM' }]);
      const graph: ReferenceGraph = {
        nodes: new Map(ids.map((id) => [id, { id, type: 'Artifact' as const, artifactType: 'DataSet' as const }])),
        edges: [
          ...ids.map((id, i) => ({ from: id, to: ids[(i + 1) % ids.length]!, type: 'DERIVED_FROM' as const })),
          { from: ids[3]!, to: ids[0]!, type: 'DERIVED_FROM' },
        ],
      };
      for (const direction of ['DOWNSTREAM', 'UPSTREAM', 'BOTH'] as const) {
        await checkAgainstReference(store, graph, { startIds: [ids[0]!], direction, maxDepth: 50 });
      }
      const down = await store.traverse({ startIds: [ids[0]!], direction: 'DOWNSTREAM', maxDepth: 50 });
      expect(down.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(down.edges).toHaveLength(7);
    });

    it('visits each node of stacked diamonds once, at its shortest depth', async () => {
      const store = ctx.store();
      const base = `mem://${unique('diamond')}`;
      const layers = 8;
      const width = 12;
      const inputs = Array.from({ length: layers }, (_, l) =>
        Array.from({ length: l % 2 === 0 ? 1 : width }, (_, k) => artifactInput(`${base}/l${l}/n${k}`)),
      );
      const stored = await store.upsertArtifacts(inputs.flat());
      const idOf = new Map(stored.map((a) => [a.uri, a.id]));
      const edges: { from: string; to: string; type: 'DERIVED_FROM' }[] = [];
      for (let l = 0; l + 1 < layers; l += 1) {
        for (const a of inputs[l]!)
          for (const b of inputs[l + 1]!) edges.push({ from: idOf.get(a.uri)!, to: idOf.get(b.uri)!, type: 'DERIVED_FROM' });
      }
      await store.recordEdges(edges);
      const root = idOf.get(inputs[0]![0]!.uri)!;
      const r = await store.traverse({ startIds: [root], direction: 'DOWNSTREAM', maxDepth: 50 });
      expect(r.nodes).toHaveLength(stored.length);
      expect(new Set(r.nodes.map((n) => n.id)).size).toBe(stored.length);
      expect(r.edges).toHaveLength(edges.length);
      const graph: ReferenceGraph = {
        nodes: new Map(stored.map((a) => [a.id, { id: a.id, type: 'Artifact' as const, artifactType: 'DataSet' as const }])),
        edges,
      };
      await checkAgainstReference(store, graph, { startIds: [root], direction: 'BOTH', maxDepth: 50, nodeLimit: 30 });
    });

    it('truncates at exactly nodeLimit visited nodes, nearest first, and only when something was left out', async () => {
      const store = ctx.store();
      const base = `mem://${unique('fan')}`;
      // root -> 5 children -> one grandchild each: 11 nodes.
      const root = await store.upsertArtifact(artifactInput(`${base}/root`));
      const children = await store.upsertArtifacts(Array.from({ length: 5 }, (_, i) => artifactInput(`${base}/c${i}`)));
      const grand = await store.upsertArtifacts(Array.from({ length: 5 }, (_, i) => artifactInput(`${base}/g${i}`)));
      await store.recordEdges([
        ...children.map((c) => ({ from: root.id, to: c.id, type: 'DERIVED_FROM' as const })),
        ...children.map((c, i) => ({ from: c.id, to: grand[i]!.id, type: 'DERIVED_FROM' as const })),
      ]);
      const q = { startIds: [root.id], direction: 'DOWNSTREAM' as const };
      const all = await store.traverse({ ...q, nodeLimit: 11 });
      expect([all.nodes.length, all.truncated]).toEqual([11, false]);
      const short = await store.traverse({ ...q, nodeLimit: 10 });
      expect([short.nodes.length, short.truncated]).toEqual([10, true]);
      const levelOne = await store.traverse({ ...q, nodeLimit: 6 });
      expect([levelOne.nodes.length, levelOne.truncated]).toEqual([6, true]);
      expect(levelOne.nodes.map((n) => n.depth).sort()).toEqual([0, 1, 1, 1, 1, 1]);
      const partial = await store.traverse({ ...q, nodeLimit: 3 });
      expect([partial.nodes.length, partial.truncated]).toEqual([3, true]);
      expect(partial.nodes.map((n) => n.depth).sort()).toEqual([0, 1, 1]);
      // Exactly filling the budget with nothing left within maxDepth is not truncation.
      const shallow = await store.traverse({ ...q, nodeLimit: 6, maxDepth: 1 });
      expect([shallow.nodes.length, shallow.truncated]).toEqual([6, false]);
      const one = await store.traverse({ ...q, nodeLimit: 1 });
      expect([one.nodes.map((n) => n.id), one.truncated]).toEqual([[root.id], true]);
    });

    it('filters returned node types while still passing through other nodes', async () => {
      const store = ctx.store();
      const base = `mem://${unique('filter')}`;
      const { execution } = await seedExecution(store);
      const raw = artifactInput(`${base}/raw`);
      const code = artifactInput(`${base}/prep.py`, { type: 'Code' });
      const clean = artifactInput(`${base}/clean`);
      const model = artifactInput(`${base}/model`, { type: 'Model' });
      await runStep(store, execution.id, 'prep', {
        inputs: [channel('raw', raw), channel('code', code)],
        outputs: [channel('clean', clean)],
      });
      const train = await runStep(store, execution.id, 'train', { inputs: [channel('clean', clean)], outputs: [channel('model', model)] });
      const modelId = artifactIdFor(model.uri, model.digest);
      const q = { startIds: [modelId], direction: 'UPSTREAM' as const };
      const datasets = await store.traverse({ ...q, artifactTypes: ['DataSet'] });
      expect(datasets.nodes.map((n) => [n.uri, n.depth])).toEqual([
        [clean.uri, 2],
        [raw.uri, 4],
      ]);
      expect(datasets.edges).toEqual([]);
      const steps = await store.traverse({ ...q, nodeTypes: ['StepExecution'] });
      expect(steps.nodes.every((n) => n.type === 'StepExecution')).toBe(true);
      expect(steps.nodes).toHaveLength(2);
      const mixed = await store.traverse({ ...q, nodeTypes: ['StepExecution'], artifactTypes: ['Code'] });
      expect(mixed.nodes.map((n) => n.type).sort()).toEqual(['Artifact', 'StepExecution', 'StepExecution']);
      const onlyConsumed = await store.traverse({ ...q, edgeTypes: ['PRODUCED'] });
      expect(onlyConsumed.nodes.map((n) => n.id)).toEqual([modelId, train.id]);
    });
  });

  describe('derived lineage: provenance, impact, paths', () => {
    async function pipelineChain(store: GraphStore) {
      const base = `mem://${unique('prov')}`;
      const { execution } = await seedExecution(store);
      const raw = artifactInput(`${base}/raw`);
      const extra = artifactInput(`${base}/extra`);
      const code = artifactInput(`${base}/train.py`, { type: 'Code' });
      const clean = artifactInput(`${base}/clean`);
      const model = artifactInput(`${base}/model`, { type: 'Model' });
      const prep = await runStep(store, execution.id, 'prep', { inputs: [channel('raw', raw)], outputs: [channel('clean', clean)] });
      const train = await runStep(store, execution.id, 'train', {
        inputs: [channel('clean', clean), channel('extra', extra), channel('code', code)],
        outputs: [channel('model', model)],
        stepType: 'training',
      });
      const id = (a: { uri: string; digest: string }): ArtifactId => artifactIdFor(a.uri, a.digest);
      return { execution, prep, train, raw: id(raw), extra: id(extra), code: id(code), clean: id(clean), model: id(model) };
    }

    it('provenance lists every upstream dataset nearest first with paths, code, steps and executions', async () => {
      const store = ctx.store();
      const c = await pipelineChain(store);
      const p = await store.provenance(c.model);
      expect(p.model.id).toBe(c.model);
      expect(p.datasets.map((d) => [d.artifact.id, d.depth])).toEqual(
        [
          [c.clean, 2],
          [c.extra, 2],
        ]
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
          .concat([[c.raw, 4]]),
      );
      const rawEntry = p.datasets.find((d) => d.artifact.id === c.raw)!;
      expect(rawEntry.paths).toEqual([
        {
          nodeIds: [c.raw, c.prep.id, c.clean, c.train.id, c.model],
          edges: [
            { from: c.raw, to: c.prep.id, type: 'CONSUMED_BY' },
            { from: c.prep.id, to: c.clean, type: 'PRODUCED' },
            { from: c.clean, to: c.train.id, type: 'CONSUMED_BY' },
            { from: c.train.id, to: c.model, type: 'PRODUCED' },
          ],
        },
      ]);
      expect(p.code.map((a) => a.id)).toEqual([c.code]);
      expect(p.stepExecutions.map((s) => s.id)).toEqual([c.train.id, c.prep.id]);
      expect(p.executions.map((e) => e.id)).toEqual([c.execution.id]);
      expect(p.truncated).toBe(false);
    });

    it('provenance follows DERIVED_FROM, keeps at most 5 paths per dataset, and reports truncation', async () => {
      const store = ctx.store();
      const base = `mem://${unique('paths')}`;
      const src = await store.upsertArtifact(artifactInput(`${base}/src`));
      const mids = await store.upsertArtifacts(Array.from({ length: 7 }, (_, i) => artifactInput(`${base}/mid${i}`)));
      const model = await store.upsertArtifact(artifactInput(`${base}/model`, { type: 'Model' }));
      await store.recordEdges([
        ...mids.map((m) => ({ from: src.id, to: m.id, type: 'DERIVED_FROM' as const })),
        ...mids.map((m) => ({ from: m.id, to: model.id, type: 'DERIVED_FROM' as const })),
      ]);
      const p = await store.provenance(model.id);
      const entry = p.datasets.find((d) => d.artifact.id === src.id)!;
      expect(entry.depth).toBe(2);
      expect(entry.paths).toHaveLength(5);
      for (const path of entry.paths) {
        expect(path.nodeIds[0]).toBe(src.id);
        expect(path.nodeIds[2]).toBe(model.id);
      }
      const limited = await store.provenance(model.id, { nodeLimit: 3 });
      expect(limited.truncated).toBe(true);
      await expectInvalidArgument(store.provenance(model.id, { maxDepth: 99 }), 'maxDepth');
    });

    it('impact lists downstream models, their packages and the steps between', async () => {
      const store = ctx.store();
      const c = await pipelineChain(store);
      const group = unique('grp');
      const { modelPackage } = await store.registerModelPackage({
        group,
        modelArtifactId: c.model,
        approvalStatus: 'PendingManualApproval',
        by: 'ci',
      });
      const impact = await store.impact(c.raw);
      expect(impact.artifact.id).toBe(c.raw);
      expect(impact.models.map((m) => m.id)).toEqual([c.model]);
      expect(impact.modelPackages.map((m) => m.id)).toEqual([modelPackage.id]);
      expect(impact.stepExecutions.map((s) => s.id)).toEqual([c.prep.id, c.train.id]);
      expect(impact.truncated).toBe(false);
      const fromCode = await store.impact(c.code);
      expect(fromCode.stepExecutions.map((s) => s.id)).toEqual([c.train.id]);
    });

    it('provenance and impact of unknown artifacts are NOT_FOUND naming them', async () => {
      const store = ctx.store();
      const ghost = artifactIdFor(`mem://${unique('ghost')}`, digestBytes('g'));
      await expectNotFound(store.provenance(ghost), [ghost]);
      await expectNotFound(store.impact(ghost), [ghost]);
    });

    it('paths follow the arrows, shortest first, and report more than the limit as truncated', async () => {
      const store = ctx.store();
      const base = `mem://${unique('p')}`;
      const [a, b, c, d, e] = await store.upsertArtifacts(['a', 'b', 'c', 'd', 'e'].map((n) => artifactInput(`${base}/${n}`)));
      // a->b->e, a->c->d->e, a->e
      await store.recordEdges(
        [
          [a!, b!],
          [b!, e!],
          [a!, c!],
          [c!, d!],
          [d!, e!],
          [a!, e!],
        ].map(([x, y]) => ({ from: x!.id, to: y!.id, type: 'DERIVED_FROM' as const })),
      );
      const r = await store.paths({ fromId: a!.id, toId: e!.id });
      expect(r.paths.map((p) => p.nodeIds)).toEqual([
        [a!.id, e!.id],
        [a!.id, b!.id, e!.id],
        [a!.id, c!.id, d!.id, e!.id],
      ]);
      expect(r.paths[2]!.edges).toHaveLength(3);
      expect(r.truncated).toBe(false);
      const limited = await store.paths({ fromId: a!.id, toId: e!.id, limit: 2 });
      expect([limited.paths.length, limited.truncated]).toEqual([2, true]);
      const shallow = await store.paths({ fromId: a!.id, toId: e!.id, maxDepth: 2 });
      expect(shallow.paths).toHaveLength(2);
      expect((await store.paths({ fromId: e!.id, toId: a!.id })).paths).toEqual([]);
      const ghost = artifactIdFor(`mem://${unique('ghost')}`, digestBytes('g'));
      await expectNotFound(store.paths({ fromId: a!.id, toId: ghost }), [ghost]);
      await expectInvalidArgument(store.paths({ fromId: a!.id, toId: e!.id, maxDepth: 0 }), 'maxDepth');
      await expectInvalidArgument(store.paths({ fromId: a!.id, toId: e!.id, limit: 101 }), 'limit');
    });

    it('paths through a cycle stay simple', async () => {
      const store = ctx.store();
      const base = `mem://${unique('pc')}`;
      const [a, b, c] = await store.upsertArtifacts(['a', 'b', 'c'].map((n) => artifactInput(`${base}/${n}`)));
      await store.recordEdges(
        [
          [a!, b!],
          [b!, a!],
          [b!, c!],
          [c!, b!],
        ].map(([x, y]) => ({ from: x!.id, to: y!.id, type: 'DERIVED_FROM' as const })),
      );
      const r = await store.paths({ fromId: a!.id, toId: c!.id, maxDepth: 50 });
      expect(r.paths.map((p) => p.nodeIds)).toEqual([[a!.id, b!.id, c!.id]]);
    });
  });
}
