import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { artifactIdFor, type Artifact, type ArtifactId, type StepExecution } from '@pedigree/domain';
import { createTestExecutor, testPipeline, type TestExecutor } from './testing/index.ts';

let t: TestExecutor;
beforeEach(async () => {
  t = await createTestExecutor();
  await t.writeProjectFile('data/rows.csv', '1\n2\n3\n');
  await t.writeProjectFile('lib/scale.ts', 'export const scale = 2;\n');
  await t.writeProjectFile('lib/util.ts', "export { scale } from './scale.ts';\n");
  await t.writeProjectFile(
    'steps/train.ts',
    `import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scale } from '../lib/util.ts';
export async function train(ctx: any) {
  const rows = (await readFile(ctx.inputs.raw, 'utf8')).trim().split('\\n');
  await writeFile(path.join(ctx.outputs.model, 'model.json'), JSON.stringify({ w: rows.length * scale }));
}
`,
  );
  await t.writeProjectFile(
    'scripts/evaluate.mjs',
    `import { writeFileSync } from 'node:fs'; writeFileSync(process.env.PEDIGREE_OUTPUT_REPORT + '/r.txt', 'ok');\n`,
  );
});
afterEach(async () => {
  await t.cleanup();
});

const pipeline = () =>
  testPipeline({
    name: 'code-lineage',
    steps: [
      {
        name: 'train',
        type: 'training',
        run: { kind: 'handler', module: 'steps/train.ts', export: 'train' },
        inputs: [{ name: 'raw', source: { kind: 'uri', uri: 'data/rows.csv' }, type: 'DataSet' }],
        outputs: [{ name: 'model', type: 'Model' }],
        cache: { enabled: true },
      },
      {
        name: 'evaluate',
        type: 'evaluation',
        run: {
          kind: 'command',
          argv: [
            { kind: 'literal', value: 'node' },
            { kind: 'literal', value: 'scripts/evaluate.mjs' },
          ],
        },
        inputs: [{ name: 'model', source: { kind: 'output', step: 'train', output: 'model' }, type: 'Model' }],
        outputs: [{ name: 'report', type: 'Report' }],
        cache: { enabled: true },
      },
    ],
  });

async function sha256(rel: string): Promise<string> {
  return `sha256:${createHash('sha256')
    .update(await readFile(path.join(t.projectRoot, rel)))
    .digest('hex')}`;
}

/** Channel name -> artifact of a step's inputs. */
async function inputsOf(step: StepExecution): Promise<Record<string, Artifact>> {
  const links = await t.store.listStepArtifacts([step.id]);
  return Object.fromEntries(links.filter((l) => l.direction === 'input').map((l) => [l.name, l.artifact]));
}

async function modelOf(step: StepExecution): Promise<Artifact> {
  const links = await t.store.listStepArtifacts([step.id]);
  return links.find((l) => l.direction === 'output' && l.name === 'model')!.artifact;
}

const codeNames = (artifacts: readonly Artifact[]): string[] =>
  artifacts
    .filter((a) => a.type === 'Code')
    .map((a) => a.name)
    .sort();

describe('Code artifacts', () => {
  it('records the handler module and its project imports as Code inputs, with digests, sizes, file URIs and stored bytes', async () => {
    const { execution, steps } = await t.run(pipeline());
    expect(execution.status).toBe('Succeeded');
    const inputs = await inputsOf(steps['train']!);
    expect(Object.keys(inputs).sort()).toEqual(['code:lib/scale.ts', 'code:lib/util.ts', 'code:steps/train.ts', 'raw']);
    for (const rel of ['steps/train.ts', 'lib/util.ts', 'lib/scale.ts']) {
      const a = inputs[`code:${rel}`]!;
      const abs = path.join(t.projectRoot, rel);
      expect(a).toMatchObject({
        type: 'Code',
        name: rel,
        uri: pathToFileURL(abs).href,
        digest: await sha256(rel),
        size: (await readFile(abs)).length,
        properties: { kind: 'file', path: rel, contentUri: t.artifacts.uriFor(a.digest) },
      });
      expect(a.id).toBe(artifactIdFor(a.uri, a.digest));
      expect((await t.artifacts.verify(a.digest)).ok).toBe(true);
    }
    // The digests are the ones the cache key was built from.
    const code = steps['train']!.resolvedArguments!['code'] as { digest: string; files: Record<string, string> };
    expect(inputs['code:steps/train.ts']!.digest).toBe(code.digest);
    expect(inputs['code:lib/util.ts']!.digest).toBe(code.files['../lib/util.ts']);

    // A command: the project files its argv names.
    const evaluate = await inputsOf(steps['evaluate']!);
    expect(Object.keys(evaluate).sort()).toEqual(['code:scripts/evaluate.mjs', 'model']);
    expect(evaluate['code:scripts/evaluate.mjs']).toMatchObject({ type: 'Code', digest: await sha256('scripts/evaluate.mjs') });

    // Provenance of the model: its data and the code that made it.
    const model = await modelOf(steps['train']!);
    const provenance = await t.store.provenance(model.id);
    expect(codeNames(provenance.code)).toEqual(['lib/scale.ts', 'lib/util.ts', 'steps/train.ts']);
    expect(provenance.datasets.map((d) => d.artifact.name)).toEqual(['rows.csv']);
  });

  it('links a cache hit to the same Code artifacts', async () => {
    const first = await t.run(pipeline());
    const second = await t.run(pipeline());
    expect(second.steps['train']!.status).toBe('Cached');
    expect(second.steps['evaluate']!.status).toBe('Cached');
    const a = await inputsOf(first.steps['train']!);
    const b = await inputsOf(second.steps['train']!);
    expect(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.id]))).toEqual(
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.id])),
    );
    expect((await inputsOf(second.steps['evaluate']!))['code:scripts/evaluate.mjs']!.id).toBe(
      (await inputsOf(first.steps['evaluate']!))['code:scripts/evaluate.mjs']!.id,
    );
  });

  it('a selective execution keeps the Code inputs of the steps it reuses', async () => {
    const reference = await t.run(pipeline());
    const id = await t.executor.startSelective({ referenceExecutionId: reference.execution.id, steps: ['evaluate'] });
    await t.executor.wait(id);
    const { steps } = await t.outcome(id);
    expect(steps['train']!.status).toBe('Cached');
    const reused = await inputsOf(steps['train']!);
    expect(reused['code:steps/train.ts']!.id).toBe((await inputsOf(reference.steps['train']!))['code:steps/train.ts']!.id);
    expect(Object.keys(await inputsOf(steps['evaluate']!))).toContain('code:scripts/evaluate.mjs');
  });

  it('an edited helper is a new version of its Code artifact, the step re-runs, and impact tells the models of each version apart', async () => {
    const first = await t.run(pipeline());
    await t.writeProjectFile('lib/scale.ts', 'export const scale = 30;\n');
    const second = await t.run(pipeline());
    expect(second.steps['train']!.status).toBe('Succeeded');
    expect(second.steps['train']!.cacheMiss?.differingFields).toEqual(['code.files.../lib/scale.ts']);

    const before = await inputsOf(first.steps['train']!);
    const after = await inputsOf(second.steps['train']!);
    const oldScale = before['code:lib/scale.ts']!;
    const newScale = after['code:lib/scale.ts']!;
    expect(newScale.id).not.toBe(oldScale.id);
    expect(newScale.uri).toBe(oldScale.uri);
    expect(newScale.digest).toBe(await sha256('lib/scale.ts'));
    expect(newScale.previousVersionId).toBe(oldScale.id);
    // Unchanged files are the same nodes.
    expect(after['code:steps/train.ts']!.id).toBe(before['code:steps/train.ts']!.id);
    expect(after['code:lib/util.ts']!.id).toBe(before['code:lib/util.ts']!.id);

    const model1 = await modelOf(first.steps['train']!);
    const model2 = await modelOf(second.steps['train']!);
    expect(model2.id).not.toBe(model1.id);
    const provenance = await t.store.provenance(model2.id);
    expect(provenance.code.find((a) => a.name === 'lib/scale.ts')!.id).toBe(newScale.id);
    expect(provenance.code.map((a) => a.id)).not.toContain(oldScale.id);
    // "Which models did this version of scale.ts make?"
    expect((await t.store.impact(oldScale.id as ArtifactId)).models.map((m) => m.id)).toEqual([model1.id]);
    expect((await t.store.impact(newScale.id as ArtifactId)).models.map((m) => m.id)).toEqual([model2.id]);
  });
});
