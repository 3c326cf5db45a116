/**
 * Multinomial logistic (softmax) regression trained by full-batch gradient descent on standardized
 * features, with L2 regularisation of the weights (not the biases). Weights start at zero and the
 * batch is the whole training set, so training is fully deterministic: the same data and
 * hyperparameters give a byte-identical model.json, which keeps downstream cache keys stable.
 */
import type { IrisSample } from './iris-csv.ts';

export const MODEL_FORMAT = 'pedigree.iris.softmax-regression/1';

export interface Hyperparameters {
  /** Gradient-descent step size, > 0. */
  readonly learningRate: number;
  /** Full passes over the training set, a positive integer. */
  readonly epochs: number;
  /** L2 penalty on the weights, >= 0. */
  readonly l2: number;
}

export interface SoftmaxModel {
  readonly format: typeof MODEL_FORMAT;
  readonly featureNames: readonly string[];
  /** Class labels, sorted; row k of `weights` and `bias[k]` belong to `classes[k]`. */
  readonly classes: readonly string[];
  readonly standardization: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
  readonly hyperparameters: Hyperparameters;
  readonly training: { readonly samples: number; readonly finalLoss: number; readonly accuracy: number };
}

export interface TrainOptions extends Hyperparameters {
  readonly featureNames: readonly string[];
  /** Checked once per epoch; training throws the signal's reason when it is aborted. */
  readonly signal?: AbortSignal;
}

/** Trains a model; throws Error on invalid hyperparameters or an empty / single-class training set. */
export function trainSoftmaxRegression(samples: readonly IrisSample[], options: TrainOptions): SoftmaxModel {
  const { learningRate, epochs, l2, featureNames, signal } = options;
  if (!(learningRate > 0)) throw new Error(`learningRate must be > 0, got ${learningRate}`);
  if (!(Number.isInteger(epochs) && epochs > 0)) throw new Error(`epochs must be a positive integer, got ${epochs}`);
  if (!(l2 >= 0)) throw new Error(`l2 must be >= 0, got ${l2}`);
  if (samples.length === 0) throw new Error('cannot train on an empty training set');

  const classes = [...new Set(samples.map((sample) => sample.label))].sort();
  if (classes.length < 2) throw new Error(`need at least 2 classes to train, got ${classes.length}`);
  const dimensions = featureNames.length;
  const standardization = fitStandardization(samples, dimensions);
  const x = samples.map((sample) => standardize(sample.features, standardization));
  const y = samples.map((sample) => classes.indexOf(sample.label));
  const n = samples.length;
  const k = classes.length;

  const weights = Array.from({ length: k }, () => new Array<number>(dimensions).fill(0));
  const bias = new Array<number>(k).fill(0);
  let loss = Number.NaN;

  for (let epoch = 0; epoch < epochs; epoch++) {
    signal?.throwIfAborted();
    const gradW = Array.from({ length: k }, () => new Array<number>(dimensions).fill(0));
    const gradB = new Array<number>(k).fill(0);
    let crossEntropy = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number[];
      const yi = y[i] as number;
      const p = softmax(logits(weights, bias, xi));
      crossEntropy -= Math.log(Math.max(p[yi] as number, 1e-15));
      for (let c = 0; c < k; c++) {
        const error = (p[c] as number) - (c === yi ? 1 : 0);
        gradB[c] = (gradB[c] as number) + error;
        const row = gradW[c] as number[];
        for (let d = 0; d < dimensions; d++) row[d] = (row[d] as number) + error * (xi[d] as number);
      }
    }
    let penalty = 0;
    for (let c = 0; c < k; c++) {
      const w = weights[c] as number[];
      const g = gradW[c] as number[];
      for (let d = 0; d < dimensions; d++) {
        const wd = w[d] as number;
        penalty += wd * wd;
        w[d] = wd - learningRate * ((g[d] as number) / n + l2 * wd);
      }
      bias[c] = (bias[c] as number) - learningRate * ((gradB[c] as number) / n);
    }
    loss = crossEntropy / n + (l2 / 2) * penalty;
  }

  const model: SoftmaxModel = {
    format: MODEL_FORMAT,
    featureNames: [...featureNames],
    classes,
    standardization,
    weights,
    bias,
    hyperparameters: { learningRate, epochs, l2 },
    training: { samples: n, finalLoss: loss, accuracy: 0 },
  };
  const correct = samples.filter((sample) => predict(model, sample.features) === sample.label).length;
  return { ...model, training: { ...model.training, accuracy: correct / n } };
}

/** Class probabilities for one feature vector, in `model.classes` order. */
export function predictProbabilities(model: SoftmaxModel, features: readonly number[]): number[] {
  return softmax(logits(model.weights, model.bias, standardize(features, model.standardization)));
}

/** The most probable class (the first one on a tie). */
export function predict(model: SoftmaxModel, features: readonly number[]): string {
  const probabilities = predictProbabilities(model, features);
  let best = 0;
  probabilities.forEach((p, index) => {
    if (p > (probabilities[best] as number)) best = index;
  });
  return model.classes[best] as string;
}

/** Validates a parsed model.json; throws Error naming the first problem. */
export function parseModel(value: unknown): SoftmaxModel {
  const model = value as Partial<SoftmaxModel> | null;
  if (model === null || typeof model !== 'object') throw new Error('model: not an object');
  if (model.format !== MODEL_FORMAT) throw new Error(`model: expected format "${MODEL_FORMAT}", got "${String(model.format)}"`);
  const k = model.classes?.length ?? 0;
  const d = model.featureNames?.length ?? 0;
  if (k < 2 || d < 1) throw new Error('model: needs at least 2 classes and 1 feature');
  if (model.weights?.length !== k || model.weights.some((row) => row.length !== d)) throw new Error(`model: weights must be ${k} x ${d}`);
  if (model.bias?.length !== k) throw new Error(`model: bias must have ${k} entries`);
  if (model.standardization?.mean.length !== d || model.standardization.std.length !== d) {
    throw new Error(`model: standardization must have ${d} means and deviations`);
  }
  return model as SoftmaxModel;
}

function fitStandardization(samples: readonly IrisSample[], dimensions: number): SoftmaxModel['standardization'] {
  const mean = new Array<number>(dimensions).fill(0);
  const std = new Array<number>(dimensions).fill(0);
  for (const sample of samples) for (let d = 0; d < dimensions; d++) mean[d] = (mean[d] as number) + (sample.features[d] as number);
  for (let d = 0; d < dimensions; d++) mean[d] = (mean[d] as number) / samples.length;
  for (const sample of samples) {
    for (let d = 0; d < dimensions; d++) std[d] = (std[d] as number) + ((sample.features[d] as number) - (mean[d] as number)) ** 2;
  }
  // A constant feature would divide by zero; scaling it by 1 leaves it centred at 0, which is harmless.
  for (let d = 0; d < dimensions; d++) std[d] = Math.sqrt((std[d] as number) / samples.length) || 1;
  return { mean, std };
}

function standardize(features: readonly number[], { mean, std }: SoftmaxModel['standardization']): number[] {
  return mean.map((m, d) => ((features[d] as number) - m) / (std[d] as number));
}

function logits(weights: readonly (readonly number[])[], bias: readonly number[], x: readonly number[]): number[] {
  return weights.map((row, c) => row.reduce((sum, w, d) => sum + w * (x[d] as number), bias[c] as number));
}

function softmax(z: readonly number[]): number[] {
  // Subtracting the maximum keeps exp() from overflowing without changing the result.
  const max = Math.max(...z);
  const exps = z.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
