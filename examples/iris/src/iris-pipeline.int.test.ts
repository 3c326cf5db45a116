/**
 * End to end: the iris pipeline through the real executor (warm handler workers), the embedded
 * SQLite graph store and the local artifact store, on a temporary data directory. Each describe
 * block owns its data directory; `beforeAll` runs the executions and the tests only read results.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalArtifactStore } from '@pedigree/artifact-store';
import type { ExecutionId, ModelPackage, PipelineExecution, StepExecution } from '@pedigree/domain';
import { createExecutor, type Executor } from '@pedigree/executor';
import type { GraphStore } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileIrisPipeline,
  IRIS_DATA_PATH,
  IRIS_WAREHOUSE_NAMESPACE,
  IRIS_WAREHOUSE_TABLE,
  IRIS_WAREHOUSE_URI,
  irisProjectRoot,
} from './index.ts';

interface Run {
  readonly execution: PipelineExecution;
  readonly steps: ReadonlyMap<string, StepExecution>;
}

interface Harness {
  readonly store: GraphStore;
  readonly executor: Executor;
  run(parameters?: Record<string, unknown>): Promise<Run>;
  close(): Promise<void>;
}

async function createHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pedigree-iris-'));
  const store = createSqliteGraphStore({ path: path.join(dataDir, 'pedigree.db') });
  const artifacts = createLocalArtifactStore({ root: path.join(dataDir, 'artifacts') });
  const executor = createExecutor({ store, artifacts, dataDir, projectRoot: irisProjectRoot });
  const { definition } = compileIrisPipeline();
  return {
    store,
    executor,
    async run(parameters = {}) {
      const id: ExecutionId = await executor.start(definition, parameters);
      const execution = await executor.wait(id);
      const { steps } = await store.getExecutionWithSteps(id);
      return { execution, steps: new Map(steps.map((step) => [step.stepName, step])) };
    },
    async close() {
      await executor.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const step = (run: Run, name: string): StepExecution => {
  const found = run.steps.get(name);
  if (!found) throw new Error(`no step execution ${name} in ${run.execution.id}`);
  return found;
};
const statuses = (run: Run): Record<string, string> => Object.fromEntries([...run.steps].map(([name, s]) => [name, s.status]));

describe('the iris pipeline, end to end', () => {
  let harness: Harness;
  let first: Run;
  let second: Run;
  let retuned: Run;
  let packages: readonly ModelPackage[];

  beforeAll(async () => {
    harness = await createHarness();
    first = await harness.run();
    second = await harness.run();
    retuned = await harness.run({ LearningRate: 0.3 });
    packages = (await harness.store.listModelPackages({ group: 'iris-classifier' })).items;
  }, 60_000);
  afterAll(async () => harness?.close());

  it('succeeds and registers the model as PendingManualApproval with the evaluation metrics', async () => {
    expect(first.execution.status, first.execution.failureReason ?? '').toBe('Succeeded');
    expect(statuses(first)).toEqual({
      PrepareData: 'Succeeded',
      TrainModel: 'Succeeded',
      EvaluateModel: 'Succeeded',
      CheckAccuracy: 'Succeeded',
      RegisterModel: 'Succeeded',
      AccuracyTooLow: 'Skipped',
    });
    const registered = packages.find((p) => p.stepExecutionId === step(first, 'RegisterModel').id);
    expect(registered).toMatchObject({ group: 'iris-classifier', approvalStatus: 'PendingManualApproval' });
    const accuracy = registered?.metrics['accuracy'];
    expect(typeof accuracy).toBe('number');
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    // The parsed property file and the handler's returned values are both recorded on the step.
    expect(step(first, 'EvaluateModel').properties).toMatchObject({
      propertyFiles: { EvaluationReport: { accuracy } },
      result: { accuracy },
    });
  });

  it("traces the registered model's provenance back to data/iris.csv by its digest", async () => {
    const digest = `sha256:${createHash('sha256')
      .update(await readFile(path.join(irisProjectRoot, IRIS_DATA_PATH)))
      .digest('hex')}`;
    const registered = packages.find((p) => p.stepExecutionId === step(first, 'RegisterModel').id);
    if (!registered) throw new Error('the first run registered no model package');
    const provenance = await harness.store.provenance(registered.modelArtifactId);
    expect(provenance.model.type).toBe('Model');
    const raw = provenance.datasets.find((dataset) => dataset.artifact.digest === digest);
    expect(raw, `datasets: ${provenance.datasets.map((d) => `${d.artifact.name} ${d.artifact.digest}`).join(', ')}`).toBeDefined();
    // raw -CONSUMED_BY-> PrepareData -PRODUCED-> train.csv -CONSUMED_BY-> TrainModel -PRODUCED-> model
    expect(raw?.depth).toBe(4);
    // Later cache hits re-link the same artifacts, so the set of producing steps may hold them too.
    expect(new Set(provenance.stepExecutions.map((s) => s.stepName))).toEqual(new Set(['PrepareData', 'TrainModel']));
    const upstreamIds = provenance.stepExecutions.map((s) => s.id);
    expect(upstreamIds).toEqual(expect.arrayContaining([step(first, 'PrepareData').id, step(first, 'TrainModel').id]));
    expect(upstreamIds).not.toContain(step(first, 'EvaluateModel').id);
  });

  it('links PrepareData to the warehouse table it declares as an OpenLineage input (its unversioned node: nothing was ingested here)', async () => {
    const links = await harness.store.listStepArtifacts([step(first, 'PrepareData').id]);
    const warehouse = links.find((l) => l.direction === 'input' && l.name === 'warehouse')?.artifact;
    expect(warehouse).toMatchObject({
      uri: IRIS_WAREHOUSE_URI,
      type: 'DataSet',
      name: IRIS_WAREHOUSE_TABLE,
      properties: { openlineage: { namespace: IRIS_WAREHOUSE_NAMESPACE, name: IRIS_WAREHOUSE_TABLE, version: null } },
    });
    // The second run reads the same node, so PrepareData stays cached.
    const again = await harness.store.listStepArtifacts([step(second, 'PrepareData').id]);
    expect(again.find((l) => l.name === 'warehouse')?.artifact.id).toBe(warehouse!.id);
  });

  it('serves a second run with the same parameters from the cache, linking REUSED to the first run', async () => {
    expect(second.execution.status).toBe('Succeeded');
    for (const name of ['PrepareData', 'TrainModel']) {
      const cached = step(second, name);
      expect(cached, name).toMatchObject({ status: 'Cached', cacheHit: true, reusedStepExecutionId: step(first, name).id });
      const reused = await harness.store.traverse({ startIds: [cached.id], direction: 'DOWNSTREAM', maxDepth: 1, edgeTypes: ['REUSED'] });
      expect(reused.edges).toContainEqual({ from: cached.id, to: step(first, name).id, type: 'REUSED' });
    }
    // Evaluation is not cached; it re-runs on the reused model and reaches the same accuracy.
    expect(step(second, 'EvaluateModel').status).toBe('Succeeded');
    expect(step(second, 'EvaluateModel').properties).toEqual(step(first, 'EvaluateModel').properties);
    expect(step(second, 'RegisterModel').status).toBe('Succeeded');
  });

  it('re-runs only train and evaluate when LearningRate changes, and says the argument changed', () => {
    expect(retuned.execution.status, retuned.execution.failureReason ?? '').toBe('Succeeded');
    expect(step(retuned, 'PrepareData')).toMatchObject({ status: 'Cached', reusedStepExecutionId: step(first, 'PrepareData').id });
    const train = step(retuned, 'TrainModel');
    expect(train).toMatchObject({ status: 'Succeeded', cacheHit: false });
    expect(train.cacheMiss?.reason).toBe('key-changed');
    expect(train.cacheMiss?.differingFields).toContain('arguments.learningRate');
    expect(train.cacheMiss?.differingFields).not.toContain('inputs.train.digest');
    expect(step(retuned, 'EvaluateModel').status).toBe('Succeeded');
  });
});

describe('the iris pipeline below its accuracy threshold', () => {
  let harness: Harness;
  let run: Run;

  beforeAll(async () => {
    harness = await createHarness();
    run = await harness.run({ AccuracyThreshold: 0.999 });
  }, 60_000);
  afterAll(async () => harness?.close());

  it('fails with a message that contains the accuracy, and registers nothing', async () => {
    expect(run.execution.status).toBe('Failed');
    expect(step(run, 'RegisterModel').status).toBe('Skipped');
    const properties = step(run, 'EvaluateModel').properties as { propertyFiles: { EvaluationReport: { accuracy: number } } };
    const accuracy = properties.propertyFiles.EvaluationReport.accuracy;
    expect(accuracy).toBeLessThan(0.999);
    expect(run.execution.failureReason).toContain(`Model accuracy ${accuracy} is below the AccuracyThreshold of 0.999`);
    expect((await harness.store.listModelPackages({ group: 'iris-classifier' })).items).toHaveLength(0);
  });
});
