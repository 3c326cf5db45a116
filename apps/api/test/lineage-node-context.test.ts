import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { run, seedSmallRun, upsert } from './seed.ts';

type Node = { id: string; type: string; label: string; executionId: string | null; pipelineName: string | null; version: number | null };

const AROUND = `query($ids: [ID!]!) {
  lineage(startIds: $ids, direction: BOTH, maxDepth: 2) { nodes { id type label executionId pipelineName version } }
}`;

let h: Harness;
let first: string;
let second: string;
beforeAll(async () => {
  h = await createHarness();
  first = (await seedSmallRun(h)).id;
  // A second version of the same pipeline (a changed description is a new definition hash).
  await upsert(h, { ...smallPipeline(), description: 'A small test pipeline, version 2.' });
  second = (await run(h, 'small')).id;
}, 120_000);
afterAll(async () => h.close());

describe('LineageNode execution, pipeline name and version', () => {
  it('step executions name their execution, pipeline and version; versions their pipeline and number', async () => {
    const { body } = await h.gql<{ lineage: { nodes: Node[] } }>(AROUND, { ids: [first, second] }, { token: 'viewer' });
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.lineage.nodes;
    const steps = nodes.filter((n) => n.type === 'StepExecution');
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const stepsOf = async (executionId: string) =>
      (await h.store.listStepExecutionsByExecution([executionId as never])).get(executionId as never)!.map((s) => s.id);
    for (const step of steps) {
      const expected = (await stepsOf(first)).includes(step.id as never) ? first : second;
      expect(step).toMatchObject({ executionId: expected, pipelineName: 'small', version: expected === first ? 1 : 2 });
    }
    expect(nodes.find((n) => n.id === first)).toMatchObject({ executionId: null, pipelineName: 'small', version: 1 });
    expect(nodes.find((n) => n.id === second)).toMatchObject({ executionId: null, pipelineName: 'small', version: 2 });
    const versions = nodes.filter((n) => n.type === 'PipelineVersion').sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    expect(versions.map((v) => [v.pipelineName, v.version])).toEqual([
      ['small', 1],
      ['small', 2],
    ]);
    expect(nodes.find((n) => n.type === 'Pipeline')).toMatchObject({ pipelineName: 'small', version: null, executionId: null });
  });

  it('artifacts have none of the three', async () => {
    const { body } = await h.gql<{ lineage: { nodes: Node[] } }>(
      `query($ids: [ID!]!) { lineage(startIds: $ids, direction: BOTH, maxDepth: 3, nodeTypes: [Artifact]) { nodes { id type executionId pipelineName version } } }`,
      { ids: [first] },
      { token: 'viewer' },
    );
    const artifacts = body.data!.lineage.nodes;
    expect(artifacts.length).toBeGreaterThan(0);
    for (const a of artifacts) expect(a).toMatchObject({ type: 'Artifact', executionId: null, pipelineName: null, version: null });
  });
});
