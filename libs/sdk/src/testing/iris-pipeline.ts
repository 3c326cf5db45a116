/** The iris example pipeline written with the builder; it compiles to `irisDefinition()` (testing/definitions.ts). */
import {
  command,
  defineConditionStep,
  defineEvaluationStep,
  defineFailStep,
  defineParameter,
  definePipeline,
  defineProcessingStep,
  defineRegisterModelStep,
  defineTrainingStep,
  ExecutionVariables,
  greaterThanOrEqual,
  handler,
  Join,
} from '../index.ts';

export function irisPipeline() {
  return definePipeline({
    name: 'iris',
    parameters: {
      InputData: defineParameter.string({ default: 'data/iris.csv' }),
      Threshold: defineParameter.float({ default: 0.9, description: 'minimum accuracy to register' }),
      Epochs: defineParameter.integer({ default: 10, enum: [5, 10, 20] }),
      Mode: defineParameter.string({ default: 'fast', enum: ['fast', 'full'] }),
      Verbose: defineParameter.boolean({ default: false }),
    },
    maxParallelSteps: 2,
    steps: (p) => {
      const prepare = defineProcessingStep({
        name: 'prepare',
        run: handler('./steps/prepare.ts', 'prepare'),
        inputs: { raw: p.InputData },
        outputs: { train: 'DataSet', test: 'DataSet' },
        cache: { expireAfter: 'P30D' },
      });
      const train = defineTrainingStep({
        name: 'train',
        run: command(['node', 'train.js', Join({ on: '=', values: ['--epochs', p.Epochs] })]),
        inputs: { train: prepare.outputs.train },
        outputs: { model: { type: 'Model', description: 'the fitted model' } },
        arguments: { epochs: p.Epochs },
        environment: { RUN_ID: ExecutionVariables.PIPELINE_EXECUTION_ID },
        retry: { maxAttempts: 3, maxIntervalSeconds: 60, retryOn: ['exit-code'], exitCodes: [75] },
        timeout: 'PT1H',
      });
      const evaluate = defineEvaluationStep({
        name: 'evaluate',
        run: handler('steps/evaluate.ts', 'evaluate'),
        inputs: { model: train.outputs.model, test: prepare.outputs.test },
        outputs: { report: 'Metrics' },
        propertyFiles: { evaluation: { output: 'report', path: 'evaluation.json' } },
      });
      const accuracy = evaluate.propertyFiles.evaluation.get('metrics.accuracy');
      const register = defineRegisterModelStep({
        name: 'register',
        modelPackageGroup: 'iris-classifier',
        model: train.outputs.model,
        metricsArtifact: evaluate.outputs.report,
        metrics: { accuracy },
      });
      const fail = defineFailStep({ name: 'fail', errorMessage: Join({ on: ' ', values: ['accuracy below', p.Threshold] }) });
      const check = defineConditionStep({
        name: 'check',
        displayName: 'Accuracy check',
        conditions: [greaterThanOrEqual(accuracy, p.Threshold)],
        ifSteps: [register],
        elseSteps: [fail],
      });
      return [prepare, train, evaluate, check, register, fail];
    },
  });
}
