import { describe, expect, it } from 'vitest';
import { IRIS_DEFAULTS } from '../defaults.ts';
import { FEATURE_NAMES } from './iris-csv.ts';
import { parseModel, predict, predictProbabilities, trainSoftmaxRegression } from './softmax-regression.ts';
import { stratifiedSplit } from './split.ts';
import { loadIris } from './test-data.ts';

const { testFraction, seed, learningRate, epochs, l2 } = IRIS_DEFAULTS;
const options = { learningRate, epochs, l2, featureNames: FEATURE_NAMES };

describe('trainSoftmaxRegression', () => {
  const { train, test } = stratifiedSplit(loadIris(), { testFraction, seed });

  it('reaches at least 0.9 test accuracy on the default seed and hyperparameters', () => {
    const model = trainSoftmaxRegression(train, options);
    const accuracy = test.filter((sample) => predict(model, sample.features) === sample.label).length / test.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(model.training.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(model.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('is deterministic: the same data and hyperparameters give the same model bytes', () => {
    expect(JSON.stringify(trainSoftmaxRegression(train, options))).toBe(JSON.stringify(trainSoftmaxRegression(train, options)));
  });

  it('lowers the loss with more epochs and learns less with a tiny learning rate', () => {
    const short = trainSoftmaxRegression(train, { ...options, epochs: 10 });
    const long = trainSoftmaxRegression(train, { ...options, epochs: 200 });
    expect(long.training.finalLoss).toBeLessThan(short.training.finalLoss);
    const tiny = trainSoftmaxRegression(train, { ...options, learningRate: 1e-4, epochs: 5 });
    expect(tiny.training.finalLoss).toBeGreaterThan(Math.log(3) - 0.01);
  });

  it('shrinks the weights as the L2 penalty grows', () => {
    const norm = (l2Penalty: number) =>
      trainSoftmaxRegression(train, { ...options, l2: l2Penalty, epochs: 200 })
        .weights.flat()
        .reduce((sum, w) => sum + w * w, 0);
    expect(norm(0.5)).toBeLessThan(norm(0));
  });

  it('predicts probabilities that sum to one', () => {
    const model = trainSoftmaxRegression(train, options);
    const probabilities = predictProbabilities(model, test[0]!.features);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('rejects invalid hyperparameters and single-class data', () => {
    expect(() => trainSoftmaxRegression(train, { ...options, learningRate: 0 })).toThrow(/learningRate/);
    expect(() => trainSoftmaxRegression(train, { ...options, epochs: 1.5 })).toThrow(/epochs/);
    expect(() => trainSoftmaxRegression(train, { ...options, l2: -1 })).toThrow(/l2/);
    expect(() => trainSoftmaxRegression([{ features: [1, 2, 3, 4], label: 'a' }], options)).toThrow(/2 classes/);
  });

  it('stops when its signal is aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by test'));
    expect(() => trainSoftmaxRegression(train, { ...options, signal: controller.signal })).toThrow(/stopped by test/);
  });
});

describe('parseModel', () => {
  it('accepts a trained model after a JSON round trip and rejects malformed ones', () => {
    const model = trainSoftmaxRegression(stratifiedSplit(loadIris(), { testFraction, seed }).train, { ...options, epochs: 5 });
    expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(() => parseModel({ ...model, format: 'other' })).toThrow(/format/);
    expect(() => parseModel({ ...model, bias: [0] })).toThrow(/bias/);
    expect(() => parseModel({ ...model, weights: [[0]] })).toThrow(/weights/);
  });
});
