import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  canonicalDigest,
  digestPath,
  type ArtifactType,
  type Digest,
  type JsonObject,
  type ModelPackage,
  type StepExecution,
} from '@pedigree/domain';
import type { ArtifactInput, GraphStore } from '@pedigree/graph-store';

/**
 * Seeds a store with a small but complete lineage through the real store API, with fixed
 * timestamps: two executions of a three-step pipeline (the second fully served from cache), real
 * files on disk behind every artifact (so verification can re-hash them) and a model package with
 * an approval history.
 */
export interface SeededLineage {
  readonly dir: string;
  readonly datasetPath: string;
  readonly modelPath: string;
  readonly codePath: string;
  readonly modelArtifactId: string;
  readonly datasetArtifactId: string;
  readonly modelPackage: ModelPackage;
  readonly firstRun: readonly StepExecution[];
  readonly secondRun: readonly StepExecution[];
}

const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

async function fileArtifact(
  dir: string,
  rel: string,
  content: string,
  type: ArtifactType,
  name: string,
  properties?: JsonObject,
): Promise<ArtifactInput> {
  const full = path.join(dir, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, content);
  const d = await digestPath(full);
  return {
    uri: pathToFileURL(full).href,
    digest: d.digest,
    size: d.size,
    type,
    name,
    createdAt: at(0),
    ...(properties ? { properties } : {}),
  };
}

/** A code file as the executor records it: a Code artifact named by its project-relative path, consumed on channel `code:<path>`. */
async function codeArtifact(dir: string, rel: string, content: string): Promise<{ name: string; artifact: ArtifactInput }> {
  return { name: `code:${rel}`, artifact: await fileArtifact(dir, rel, content, 'Code', rel, { kind: 'file', path: rel }) };
}

export async function seedLineage(store: GraphStore, dir: string): Promise<SeededLineage> {
  const raw = await fileArtifact(
    dir,
    'data/iris.csv',
    'sepal_length,species\n5.1,setosa\n7.0,versicolor\n6.3,virginica\n',
    'DataSet',
    'iris.csv',
  );
  const labels = await fileArtifact(dir, 'data/labels.json', '{"classes":["setosa","versicolor","virginica"]}\n', 'DataSet', 'labels.json');
  const trainCode = await codeArtifact(
    dir,
    'code/train.ts',
    "import { rate } from './helpers.ts';\nexport function train() { return rate; }\n",
  );
  const helperCode = await codeArtifact(dir, 'code/helpers.ts', 'export const rate = 0.1;\n');
  const prepareCode = await codeArtifact(dir, 'code/prepare.py', 'print("split")\n');
  const train = await fileArtifact(dir, 'out/train.csv', 'sepal_length,species\n5.1,setosa\n7.0,versicolor\n', 'DataSet', 'train');
  const test = await fileArtifact(dir, 'out/test.csv', 'sepal_length,species\n6.3,virginica\n', 'DataSet', 'test');
  const model = await fileArtifact(dir, 'out/model.json', '{"weights":[0.1,0.2,0.3]}\n', 'Model', 'model');
  const metrics = await fileArtifact(dir, 'out/metrics.json', '{"accuracy":0.97}\n', 'Metrics', 'evaluation');

  const definition: JsonObject = {
    schemaVersion: '1',
    name: 'iris-report-test',
    steps: [{ name: 'preprocess' }, { name: 'train' }, { name: 'evaluate' }],
  };
  const { version } = await store.upsertPipelineVersion({
    pipelineName: 'iris-report-test',
    definition,
    definitionHash: canonicalDigest(definition),
    at: at(0),
  });

  const steps = [
    {
      name: 'preprocess',
      type: 'processing' as const,
      inputs: [{ name: 'raw', artifact: raw }, { name: 'labels', artifact: labels }, prepareCode],
      outputs: [
        { name: 'train', artifact: train },
        { name: 'test', artifact: test },
      ],
      args: { seed: 7, testFraction: 0.2 } as JsonObject,
    },
    {
      name: 'train',
      type: 'training' as const,
      inputs: [{ name: 'train', artifact: train }, trainCode, helperCode],
      outputs: [{ name: 'model', artifact: model }],
      args: { epochs: 200, learningRate: 0.1 } as JsonObject,
    },
    {
      name: 'evaluate',
      type: 'evaluation' as const,
      inputs: [
        { name: 'model', artifact: model },
        { name: 'test', artifact: test },
      ],
      outputs: [{ name: 'metrics', artifact: metrics }],
      args: {} as JsonObject,
    },
  ];

  const runOnce = async (offset: number, cachedFrom: readonly StepExecution[] | null): Promise<StepExecution[]> => {
    const execution = await store.createExecution({
      pipelineVersionId: version.id,
      parameters: { Epochs: 200, Seed: 7 },
      createdBy: 'alice',
      at: at(offset),
    });
    const done: StepExecution[] = [];
    for (const [i, s] of steps.entries()) {
      const start = offset + i * 10 + 1;
      const created = await store.createStepExecution({
        executionId: execution.id,
        stepName: s.name,
        stepType: s.type,
        status: 'Starting',
        at: at(start),
      });
      const cacheKey = canonicalDigest({ step: s.name, args: s.args, inputs: s.inputs.map((x) => x.artifact.digest) }) as Digest;
      // The code part of the cache key as the executor records it (cache format 2): a handler's
      // digest and its imports relative to it, no module path; a command's argv and the files it names.
      const code: JsonObject =
        s.name === 'train'
          ? { kind: 'handler', export: 'train', digest: trainCode.artifact.digest, files: { 'helpers.ts': helperCode.artifact.digest } }
          : s.name === 'preprocess'
            ? { kind: 'command', argv: ['python3', 'code/prepare.py'], files: { 'code/prepare.py': prepareCode.artifact.digest } }
            : { kind: 'command', argv: ['true'], files: {} };
      const resolvedArguments: JsonObject = {
        arguments: s.args,
        code,
        inputs: Object.fromEntries(s.inputs.map((x) => [x.name, x.artifact.digest])),
      };
      if (cachedFrom) {
        done.push(
          await store.recordStepResult({
            stepExecutionId: created.id,
            from: 'Starting',
            status: 'Cached',
            at: at(start),
            inputs: s.inputs,
            outputs: s.outputs,
            cacheKey,
            resolvedArguments,
            reusedStepExecutionId: cachedFrom[i]!.id,
          }),
        );
      } else {
        await store.transitionStep({ id: created.id, from: 'Starting', to: 'Executing', at: at(start + 1), cacheKey, resolvedArguments });
        done.push(
          await store.recordStepResult({
            stepExecutionId: created.id,
            from: 'Executing',
            status: 'Succeeded',
            at: at(start + 5),
            inputs: s.inputs,
            outputs: s.outputs,
            cacheKey,
            resolvedArguments,
            properties: s.name === 'evaluate' ? { accuracy: 0.97 } : null,
          }),
        );
      }
    }
    await store.transitionExecution({ id: execution.id, from: 'Executing', to: 'Succeeded', at: at(offset + 40) });
    return done;
  };

  const firstRun = await runOnce(0, null);
  const secondRun = await runOnce(100, firstRun);
  const modelArtifact = await store.findArtifact({ uri: model.uri, digest: model.digest });
  const datasetArtifact = await store.findArtifact({ uri: raw.uri, digest: raw.digest });
  if (!modelArtifact || !datasetArtifact) throw new Error('seeded artifacts not found');
  const { modelPackage: registered } = await store.registerModelPackage({
    group: 'iris-classifiers',
    modelArtifactId: modelArtifact.id,
    stepExecutionId: firstRun[1]!.id,
    approvalStatus: 'PendingManualApproval',
    metrics: { accuracy: 0.97 },
    description: 'Softmax regression on iris',
    by: 'pipeline:first-run',
    at: at(50),
  });
  const modelPackage = await store.setModelPackageApproval({
    id: registered.id,
    status: 'Approved',
    by: 'bob',
    comment: 'Accuracy above 0.95 | reviewed <ok>',
    at: at(60),
  });
  return {
    dir,
    datasetPath: path.join(dir, 'data/iris.csv'),
    modelPath: path.join(dir, 'out/model.json'),
    codePath: path.join(dir, 'code/train.ts'),
    modelArtifactId: modelArtifact.id,
    datasetArtifactId: datasetArtifact.id,
    modelPackage,
    firstRun,
    secondRun,
  };
}
