/** Handler of the `EvaluateModel` step: test-set metrics of model.json written to evaluation.json. */
import type { StepContext } from '@pedigree/sdk';
import { parseIrisCsv } from '../ml/iris-csv.ts';
import { confusionMatrix, evaluateConfusionMatrix } from '../ml/metrics.ts';
import { parseModel, predict } from '../ml/softmax-regression.ts';
import { TEST_FILE } from './prepare.ts';
import { MODEL_FILE } from './train.ts';
import { readInputText, writeOutputFile } from './io.ts';

export const EVALUATION_FILE = 'evaluation.json';

export async function evaluate(context: StepContext): Promise<{ accuracy: number; macroF1: number }> {
  const model = parseModel(JSON.parse(await readInputText(context, 'model', MODEL_FILE)));
  const samples = parseIrisCsv(await readInputText(context, 'test', TEST_FILE));
  const actual = samples.map((sample) => sample.label);
  const predicted = samples.map((sample) => predict(model, sample.features));
  const report = evaluateConfusionMatrix(confusionMatrix(model.classes, actual, predicted));
  await writeOutputFile(context, 'evaluation', EVALUATION_FILE, JSON.stringify(report, null, 2) + '\n');
  context.log(`accuracy ${report.accuracy} on ${report.samples} test samples`);
  return { accuracy: report.accuracy, macroF1: report.macroF1 };
}
