/** Handler of the `TrainModel` step: softmax regression on train.csv, written as model.json. */
import type { StepContext } from '@pedigree/sdk';
import { FEATURE_NAMES, parseIrisCsv } from '../ml/iris-csv.ts';
import { trainSoftmaxRegression } from '../ml/softmax-regression.ts';
import { TRAIN_FILE } from './prepare.ts';
import { numberArg, readInputText, writeOutputFile } from './io.ts';

export const MODEL_FILE = 'model.json';

export async function train(context: StepContext): Promise<{ trainingLoss: number; trainingAccuracy: number }> {
  const samples = parseIrisCsv(await readInputText(context, 'train', TRAIN_FILE));
  const model = trainSoftmaxRegression(samples, {
    learningRate: numberArg(context, 'learningRate'),
    epochs: numberArg(context, 'epochs'),
    l2: numberArg(context, 'l2'),
    featureNames: FEATURE_NAMES,
    signal: context.signal,
  });
  await writeOutputFile(context, 'model', MODEL_FILE, JSON.stringify(model, null, 2) + '\n');
  context.log(`trained on ${samples.length} samples: loss ${model.training.finalLoss.toFixed(4)}, accuracy ${model.training.accuracy}`);
  return { trainingLoss: model.training.finalLoss, trainingAccuracy: model.training.accuracy };
}
