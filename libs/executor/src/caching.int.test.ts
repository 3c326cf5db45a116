import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionId, StepExecution } from '@pedigree/domain';
import { systemClock } from './clock.ts';
import { createTestExecutor, testPipeline, type TestExecutor } from './testing/index.ts';

let t: TestExecutor;
let offsetMs = 0;
beforeEach(async () => {
  offsetMs = 0;
  t = await createTestExecutor({ clock: { now: () => Date.now() + offsetMs, sleep: systemClock.sleep } });
  await t.writeProjectFile('data/rows.csv', '1\n2\n3\n');
  await t.writeProjectFile(
    'steps.ts',
    `import { appendFile, readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
export async function prepare(ctx: any) {
  await appendFile(ctx.args.counter, 'prepare\\n');
  const rows = (await readFile(ctx.inputs.raw, 'utf8')).trim().split('\\n');
  await writeFile(path.join(ctx.outputs.data, 'rows.json'), JSON.stringify(rows));
}
export async function train(ctx: any) {
  await appendFile(ctx.args.counter, 'train\\n');
  const rows = JSON.parse(await readFile(path.join(ctx.inputs.data, 'rows.json'), 'utf8'));
  await writeFile(path.join(ctx.outputs.model, 'model.json'), JSON.stringify({ w: rows.length * Number(ctx.args.learningRate) }));
}
`,
  );
  await t.writeProjectFile(
    'scripts/report.mjs',
    `import { writeFileSync, appendFileSync } from 'node:fs'; appendFileSync(process.argv[2], 'report\\n'); writeFileSync(process.env.PEDIGREE_OUTPUT_REPORT + '/r.txt', 'ok');\n`,
  );
});
afterEach(async () => {
  await t.cleanup();
});

function pipeline(cache: { enabled: boolean; expireAfter?: string | null } = { enabled: true }) {
  const counter = path.join(t.dir, 'counter.txt');
  return testPipeline({
    name: 'cached',
    parameters: [{ name: 'LearningRate', type: 'Float', default: 0.5 }],
    steps: [
      {
        name: 'prepare',
        type: 'processing',
        run: { kind: 'handler', module: 'steps.ts', export: 'prepare' },
        inputs: [{ name: 'raw', source: { kind: 'uri', uri: 'data/rows.csv' }, type: 'DataSet' }],
        outputs: [{ name: 'data', type: 'DataSet' }],
        arguments: { counter: { kind: 'literal', value: counter } },
        cache,
      },
      {
        name: 'train',
        type: 'training',
        run: { kind: 'handler', module: 'steps.ts', export: 'train' },
        inputs: [{ name: 'data', source: { kind: 'output', step: 'prepare', output: 'data' }, type: 'DataSet' }],
        outputs: [{ name: 'model', type: 'Model' }],
        arguments: { counter: { kind: 'literal', value: counter }, learningRate: { kind: 'parameter', name: 'LearningRate' } },
        cache,
      },
      {
        name: 'report',
        type: 'evaluation',
        run: {
          kind: 'command',
          argv: [
            { kind: 'literal', value: 'node' },
            { kind: 'literal', value: 'scripts/report.mjs' },
            { kind: 'literal', value: counter },
          ],
        },
        inputs: [{ name: 'model', source: { kind: 'output', step: 'train', output: 'model' }, type: 'Model' }],
        outputs: [{ name: 'report', type: 'Report' }],
        cache,
      },
    ],
  });
}

async function runs(): Promise<string[]> {
  return (await readFile(path.join(t.dir, 'counter.txt'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
}

async function outputIds(step: StepExecution): Promise<string[]> {
  return (await t.store.listStepArtifacts([step.id])).filter((l) => l.direction === 'output').map((l) => l.artifact.id);
}

describe('step caching', () => {
  it('serves a second identical run from the cache: cacheHit, REUSED, the same output artifacts, nothing re-run', async () => {
    const first = await t.run(pipeline());
    expect(first.execution.status, first.execution.failureReason ?? '').toBe('Succeeded');
    expect(first.steps['prepare']!.cacheMiss?.reason).toBe('no-earlier-run');
    expect(await runs()).toEqual(['prepare', 'train', 'report']);

    const second = await t.run(pipeline());
    expect(second.execution.status).toBe('Succeeded');
    expect(await runs()).toHaveLength(3);
    for (const name of ['prepare', 'train', 'report']) {
      const step = second.steps[name]!;
      expect(step.status).toBe('Cached');
      expect(step.cacheHit).toBe(true);
      expect(step.reusedStepExecutionId).toBe(first.steps[name]!.id);
      expect(await outputIds(step)).toEqual(await outputIds(first.steps[name]!));
    }
    const traversal = await t.store.traverse({
      startIds: [second.steps['train']!.id],
      direction: 'DOWNSTREAM',
      maxDepth: 1,
      edgeTypes: ['REUSED'],
    });
    expect(traversal.edges).toContainEqual({ from: second.steps['train']!.id, to: first.steps['train']!.id, type: 'REUSED' });
  });

  it('keeps paths out of the key: no temp, data or work directory appears in the key material', async () => {
    const { steps } = await t.run(pipeline());
    for (const step of Object.values(steps)) {
      expect(step.cacheKey).toMatch(/^sha256:/);
      expect(JSON.stringify(step.resolvedArguments)).not.toContain(t.dataDir);
      expect(JSON.stringify(step.resolvedArguments)).not.toContain(t.projectRoot);
    }
    expect(steps['report']!.resolvedArguments).toMatchObject({
      code: {
        kind: 'command',
        argv: ['node', 'scripts/report.mjs', expect.any(String)],
        files: { 'scripts/report.mjs': expect.stringMatching(/^sha256:/) },
      },
    });
  });

  it('re-runs only what a changed parameter reaches, and says which key fields changed', async () => {
    await t.run(pipeline());
    const second = await t.run(pipeline(), { LearningRate: 0.25 });
    expect(second.execution.status).toBe('Succeeded');
    expect(second.steps['prepare']!.status).toBe('Cached');
    expect(second.steps['train']!.status).toBe('Succeeded');
    expect(second.steps['train']!.cacheMiss).toMatchObject({ reason: 'key-changed', differingFields: ['arguments.learningRate'] });
    expect(second.steps['report']!.cacheMiss).toMatchObject({ reason: 'key-changed', differingFields: ['inputs.model.digest'] });
    expect(await runs()).toEqual(['prepare', 'train', 'report', 'train', 'report']);
  });

  it('misses when input content or a command file changes (by content, not by URI)', async () => {
    await t.run(pipeline());
    await t.writeProjectFile('data/rows.csv', '1\n2\n3\n4\n');
    await t.writeProjectFile(
      'scripts/report.mjs',
      `import { writeFileSync, appendFileSync } from 'node:fs'; appendFileSync(process.argv[2], 'report\\n'); writeFileSync(process.env.PEDIGREE_OUTPUT_REPORT + '/r.txt', 'ok 2');\n`,
    );
    const second = await t.run(pipeline());
    expect(second.steps['prepare']!.cacheMiss).toMatchObject({ reason: 'key-changed', differingFields: ['inputs.raw.digest'] });
    expect(second.steps['report']!.cacheMiss?.differingFields).toEqual(['code.files.scripts/report.mjs', 'inputs.model.digest']);
  });

  it('misses with "expired" after expireAfter and "disabled" when caching is off', async () => {
    await t.run(pipeline({ enabled: true, expireAfter: 'PT1H' }));
    offsetMs = 2 * 3600_000;
    const later = await t.run(pipeline({ enabled: true, expireAfter: 'PT1H' }));
    expect(later.steps['prepare']!.cacheMiss?.reason).toBe('expired');
    const off = await t.run(pipeline({ enabled: false }));
    expect(off.steps['prepare']!.cacheMiss?.reason).toBe('disabled');
    expect(off.steps['prepare']!.status).toBe('Succeeded');
  });

  it('misses with "outputs-missing" when a cached output is gone from the artifact store', async () => {
    const first = await t.run(pipeline());
    const model = (await t.store.listStepArtifacts([first.steps['train']!.id])).find((l) => l.direction === 'output')!;
    await t.artifacts.remove(model.artifact.digest);
    const second = await t.run(pipeline());
    expect(second.steps['prepare']!.status).toBe('Cached');
    expect(second.steps['train']!.cacheMiss).toMatchObject({ reason: 'outputs-missing', nearestStepExecutionId: first.steps['train']!.id });
    expect(second.steps['train']!.status).toBe('Succeeded');
    expect(await t.artifacts.exists(model.artifact.digest)).toBe(true);
  });

  it('invalidates by execution and step, by artifact (everything downstream) and by pipeline', async () => {
    const first = await t.run(pipeline());
    await t.executor.invalidateCache({ executionId: first.execution.id, stepName: 'report' });
    const second = await t.run(pipeline());
    expect(second.steps['train']!.status).toBe('Cached');
    expect(second.steps['report']!.cacheMiss?.reason).toBe('invalidated');

    const rawInput = (await t.store.listStepArtifacts([first.steps['prepare']!.id])).find((l) => l.direction === 'input')!;
    const result = await t.executor.invalidateCache({ artifactId: rawInput.artifact.id });
    expect(result.invalidatedStepExecutionIds).toEqual(expect.arrayContaining([first.steps['prepare']!.id, first.steps['train']!.id]));
    const third = await t.run(pipeline());
    expect(third.steps['prepare']!.status).toBe('Succeeded');

    await t.executor.invalidateCache({ pipelineName: 'cached' });
    const fourth = await t.run(pipeline());
    expect(Object.values(fourth.steps).map((s) => s.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('keeps records consistent when two concurrent executions reach the same keys', async () => {
    const ids: ExecutionId[] = await Promise.all([t.executor.start(pipeline()), t.executor.start(pipeline())]);
    const ended = await Promise.all(ids.map((id) => t.executor.wait(id)));
    expect(ended.map((e) => e.status)).toEqual(['Succeeded', 'Succeeded']);
    const outcomes = await Promise.all(ids.map((id) => t.outcome(id)));
    for (const o of outcomes) {
      for (const step of Object.values(o.steps)) {
        const outputs = (await t.store.listStepArtifacts([step.id])).filter((l) => l.direction === 'output');
        expect(outputs).toHaveLength(1);
        expect((await t.artifacts.verify(outputs[0]!.artifact.digest)).ok).toBe(true);
        const producers = await t.store.getArtifactProducers([outputs[0]!.artifact.id]);
        expect(producers[0]).not.toBeNull();
      }
    }
    const third = await t.run(pipeline());
    expect(Object.values(third.steps).every((s) => s.status === 'Cached')).toBe(true);
    await rm(path.join(t.dir, 'counter.txt'), { force: true });
  });

  it('puts the project files a handler imports into the key, and runs the edited code in warm workers', async () => {
    await t.writeProjectFile('lib/factor.ts', 'export const factor = 2;\n');
    await t.writeProjectFile('lib/index.ts', "export { factor } from './factor.ts';\n");
    await t.writeProjectFile(
      'scale.ts',
      "import { writeFile } from 'node:fs/promises';\nimport { factor } from './lib/index.js';\nexport async function scale(ctx: any) { await writeFile(ctx.outputs.out + '/v.txt', String(21 * factor)); return { value: 21 * factor }; }\n",
    );
    const def = testPipeline({
      name: 'imports',
      steps: [
        {
          name: 'scale',
          type: 'processing',
          run: { kind: 'handler', module: 'scale.ts', export: 'scale' },
          outputs: [{ name: 'out', type: 'Other' }],
          cache: { enabled: true },
        },
      ],
    });
    const first = await t.run(def);
    expect(first.steps['scale']!.properties).toMatchObject({ result: { value: 42 } });
    expect(first.steps['scale']!.resolvedArguments).toMatchObject({
      code: { files: { 'lib/index.ts': expect.any(String), 'lib/factor.ts': expect.any(String) } },
    });
    expect((await t.run(def)).steps['scale']!.status).toBe('Cached');
    await t.writeProjectFile('lib/factor.ts', 'export const factor = 3;\n');
    const third = await t.run(def);
    expect(third.steps['scale']!.cacheMiss).toMatchObject({ reason: 'key-changed', differingFields: ['code.files.lib/factor.ts'] });
    expect(third.steps['scale']!.properties).toMatchObject({ result: { value: 63 } });
  });
});
