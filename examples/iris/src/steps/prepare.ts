/** Handler of the `PrepareData` step: a stratified, seeded train/test split of the raw iris CSV. */
import type { StepContext } from '@pedigree/sdk';
import { formatIrisCsv, parseIrisCsv } from '../ml/iris-csv.ts';
import { stratifiedSplit } from '../ml/split.ts';
import { numberArg, readInputText, writeOutputFile } from './io.ts';

export const RAW_FILE = 'iris.csv';
export const TRAIN_FILE = 'train.csv';
export const TEST_FILE = 'test.csv';

export async function prepare(context: StepContext): Promise<{ trainSamples: number; testSamples: number }> {
  const samples = parseIrisCsv(await readInputText(context, 'raw', RAW_FILE));
  const { train, test } = stratifiedSplit(samples, { testFraction: numberArg(context, 'testFraction'), seed: numberArg(context, 'seed') });
  await writeOutputFile(context, 'train', TRAIN_FILE, formatIrisCsv(train));
  await writeOutputFile(context, 'test', TEST_FILE, formatIrisCsv(test));
  // An OpenLineage input has no bytes: its value is the dataset's URI, recorded for the reader of the log.
  if (context.inputs['warehouse']) context.log(`source table: ${context.inputs['warehouse']}`);
  context.log(`split ${samples.length} samples into ${train.length} train / ${test.length} test`);
  return { trainSamples: train.length, testSamples: test.length };
}
