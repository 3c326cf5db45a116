import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepContext } from '@pedigree/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IRIS_DEFAULTS } from '../defaults.ts';
import { parseIrisCsv } from '../ml/iris-csv.ts';
import type { EvaluationReport } from '../ml/metrics.ts';
import { parseModel } from '../ml/softmax-regression.ts';
import { IRIS_CSV_FILE } from '../ml/test-data.ts';
import { evaluate } from './evaluate.ts';
import { prepare } from './prepare.ts';
import { train } from './train.ts';

// The handlers run here in-process with a hand-built context, the way the executor's handler runner
// calls them: inputs are local paths (a file for a URI source, a directory for a step output) and
// every output channel is an empty directory.
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'iris-steps-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function context(
  stepName: string,
  inputs: Record<string, string>,
  outputNames: string[],
  args: StepContext['args'],
): Promise<StepContext & { lines: string[] }> {
  const outputs: Record<string, string> = {};
  for (const name of outputNames) {
    outputs[name] = path.join(root, stepName, name);
    await mkdir(outputs[name], { recursive: true });
  }
  const lines: string[] = [];
  return {
    executionId: 'exec-1',
    pipelineName: 'iris',
    stepName,
    attempt: 1,
    inputs,
    outputs,
    args,
    env: {},
    workDir: root,
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
    lines,
  };
}

describe('iris step handlers', () => {
  it('prepare, train and evaluate chain through files into an evaluation report above the threshold', async () => {
    const { testFraction, seed, learningRate, epochs, l2 } = IRIS_DEFAULTS;
    const prep = await context('PrepareData', { raw: fileURLToPath(IRIS_CSV_FILE) }, ['train', 'test'], { testFraction, seed });
    expect(await prepare(prep)).toEqual({ trainSamples: 105, testSamples: 45 });
    expect(parseIrisCsv(await readFile(path.join(prep.outputs['train']!, 'train.csv'), 'utf8'))).toHaveLength(105);
    expect(prep.lines.join('\n')).toMatch(/105 train \/ 45 test/);

    // Arguments arrive as strings from some runners; the handlers accept numeric strings.
    const fit = await context('TrainModel', { train: prep.outputs['train']! }, ['model'], {
      learningRate: String(learningRate),
      epochs,
      l2,
    });
    const trained = await train(fit);
    expect(trained.trainingAccuracy).toBeGreaterThanOrEqual(0.9);
    const model = parseModel(JSON.parse(await readFile(path.join(fit.outputs['model']!, 'model.json'), 'utf8')));
    expect(model.hyperparameters).toEqual({ learningRate, epochs, l2 });

    const evaluation = await context('EvaluateModel', { model: fit.outputs['model']!, test: prep.outputs['test']! }, ['evaluation'], {});
    const result = await evaluate(evaluation);
    const report = JSON.parse(await readFile(path.join(evaluation.outputs['evaluation']!, 'evaluation.json'), 'utf8')) as EvaluationReport;
    expect(report.accuracy).toBe(result.accuracy);
    expect(report.accuracy).toBeGreaterThanOrEqual(IRIS_DEFAULTS.accuracyThreshold);
    expect(report.samples).toBe(45);
    expect(report.confusionMatrix.labels).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('fails with the argument name when an argument is missing or not a number', async () => {
    const prep = await context('PrepareData', { raw: fileURLToPath(IRIS_CSV_FILE) }, ['train', 'test'], { testFraction: 'lots', seed: 1 });
    await expect(prepare(prep)).rejects.toThrow(/argument "testFraction" must be a number/);
    const fit = await context('TrainModel', { train: fileURLToPath(IRIS_CSV_FILE) }, ['model'], { learningRate: 0.1, epochs: 5 });
    await expect(train(fit)).rejects.toThrow(/argument "l2"/);
  });

  it('fails naming the channel when an input channel is missing', async () => {
    const fit = await context('TrainModel', {}, ['model'], { learningRate: 0.1, epochs: 5, l2: 0 });
    await expect(train(fit)).rejects.toThrow(/no input channel "train"/);
  });
});
