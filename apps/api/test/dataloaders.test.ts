import type { GraphStore } from '@pedigree/graph-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline, writeInputData } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { run, upsert } from './seed.ts';

/** Counts every call the API makes on the real store (the executor uses the unwrapped store). */
function countingStore(store: GraphStore, calls: Map<string, number>): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const PAGE = `{
  executions(first: 50) {
    edges { node {
      id status pipeline { name } pipelineVersion { version }
      steps {
        stepName status reusedStepExecution { id stepName }
        inputs { name artifact { id name producer { id stepName } modelPackages { id } } }
        outputs { name artifact { id name modelPackages { id approvalStatus } } }
      }
    } }
  }
}`;

describe('request-scoped DataLoaders', () => {
  const calls = new Map<string, number>();
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ wrapStore: (store) => countingStore(store, calls) });
    writeInputData(h.runtime.config.projectRoot);
    await upsert(h, smallPipeline());
    for (let i = 0; i < 50; i++) await run(h, 'small', { Epochs: 1 + (i % 5) });
  }, 120_000);
  afterAll(async () => h.close());

  it('a page of 50 executions with their steps and artifacts costs a bounded number of store calls, not one per row', async () => {
    calls.clear();
    const { body } = await h.gql<{
      executions: { edges: { node: { steps: { inputs: unknown[]; reusedStepExecution: { id: string } | null }[] } }[] };
    }>(PAGE, {}, { token: 'viewer' });
    expect(body.errors).toBeUndefined();
    const edges = body.data!.executions.edges;
    expect(edges).toHaveLength(50);
    const rows = edges.reduce((n, e) => n + e.node.steps.length + e.node.steps.reduce((m, s) => m + s.inputs.length, 0), 0);
    expect(rows).toBeGreaterThan(200);

    // One call per kind of thing, whatever the page size.
    expect(calls.get('listExecutions')).toBe(1);
    expect(calls.get('listStepExecutionsByExecution')).toBe(1);
    expect(calls.get('listStepArtifacts')).toBe(1);
    expect(calls.get('getArtifactProducers')).toBe(1);
    expect(calls.get('listModelPackagesByArtifact')).toBe(1);
    expect(calls.get('findPipeline')).toBe(1);
    expect(calls.get('getPipelineVersion')).toBe(1);
    // Cache hits reuse the step executions of a few earlier runs; each distinct one is read once.
    const distinctReused = new Set(
      edges.flatMap((e) =>
        (e.node.steps as { reusedStepExecution: { id: string } | null }[]).map((s) => s.reusedStepExecution?.id).filter(Boolean),
      ),
    );
    expect(calls.get('getStepExecution') ?? 0).toBe(distinctReused.size);
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(7 + distinctReused.size);
    expect(distinctReused.size).toBeLessThan(15);
  });

  it('lineage nodes of 50 executions and their steps get execution, pipeline and version in a bounded number of store calls', async () => {
    const ids = (await h.store.listExecutions({ first: 50 })).items.map((e) => e.id);
    expect(ids).toHaveLength(50);
    calls.clear();
    const { body } = await h.gql<{
      lineage: { nodes: { id: string; type: string; executionId: string | null; pipelineName: string | null; version: number | null }[] };
    }>(
      `query($ids: [ID!]!) { lineage(startIds: $ids, direction: BOTH, maxDepth: 1, nodeTypes: [StepExecution, PipelineExecution, PipelineVersion]) {
        nodes { id type executionId pipelineName version }
      } }`,
      { ids },
      { token: 'viewer' },
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.lineage.nodes;
    const steps = nodes.filter((n) => n.type === 'StepExecution');
    expect(steps.length).toBeGreaterThanOrEqual(150);
    for (const step of steps) expect(step).toMatchObject({ pipelineName: 'small', version: 1 });
    expect(new Set(steps.map((s) => s.executionId))).toEqual(new Set(ids));
    // The lineage query itself, one traversal for every node's context, one page of versions.
    expect(calls.get('traverse')).toBe(2);
    expect(calls.get('listPipelineVersions')).toBe(1);
    expect(calls.get('getStepExecution') ?? 0).toBe(0);
    expect(calls.get('getPipelineVersion') ?? 0).toBe(0);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBe(3);
  });
});
