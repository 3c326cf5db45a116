/** Definitions shared by the sdk's tests: a full valid document and small builders around it. */
import type { JobStepDefinition, PipelineDefinition, StepDefinition } from '../definition/types.ts';

/** A job step with every field present; `overrides` replace fields. */
export function jobStep(name: string, overrides: Partial<JobStepDefinition> = {}): JobStepDefinition {
  return {
    name,
    type: 'processing',
    displayName: null,
    description: null,
    dependsOn: [],
    run: { kind: 'command', argv: [{ kind: 'literal', value: 'true' }] },
    inputs: [],
    outputs: [],
    propertyFiles: [],
    arguments: {},
    environment: {},
    cache: { enabled: false, expireAfter: null },
    retry: null,
    timeoutSeconds: null,
    ...overrides,
  };
}

/** prepare -> train -> evaluate -> check (accuracy >= Threshold) -> register | fail. */
export function irisDefinition(): PipelineDefinition {
  const steps: StepDefinition[] = [
    jobStep('prepare', {
      run: { kind: 'handler', module: 'steps/prepare.ts', export: 'prepare' },
      inputs: [{ name: 'raw', source: { kind: 'parameter', name: 'InputData' }, type: 'DataSet' }],
      outputs: [
        { name: 'train', type: 'DataSet', description: null },
        { name: 'test', type: 'DataSet', description: null },
      ],
      cache: { enabled: true, expireAfter: 'P30D' },
    }),
    jobStep('train', {
      type: 'training',
      run: {
        kind: 'command',
        argv: [
          { kind: 'literal', value: 'node' },
          { kind: 'literal', value: 'train.js' },
          {
            kind: 'join',
            on: '=',
            values: [
              { kind: 'literal', value: '--epochs' },
              { kind: 'parameter', name: 'Epochs' },
            ],
          },
        ],
      },
      inputs: [{ name: 'train', source: { kind: 'output', step: 'prepare', output: 'train' }, type: 'DataSet' }],
      outputs: [{ name: 'model', type: 'Model', description: 'the fitted model' }],
      arguments: { epochs: { kind: 'parameter', name: 'Epochs' } },
      environment: { RUN_ID: { kind: 'executionVariable', name: 'ExecutionId' } },
      retry: { maxAttempts: 3, initialIntervalSeconds: 1, backoffRate: 2, maxIntervalSeconds: 60, retryOn: ['exit-code'], exitCodes: [75] },
      timeoutSeconds: 3600,
    }),
    jobStep('evaluate', {
      type: 'evaluation',
      run: { kind: 'handler', module: 'steps/evaluate.ts', export: 'evaluate' },
      inputs: [
        { name: 'model', source: { kind: 'output', step: 'train', output: 'model' }, type: 'Model' },
        { name: 'test', source: { kind: 'output', step: 'prepare', output: 'test' }, type: 'DataSet' },
      ],
      outputs: [{ name: 'report', type: 'Metrics', description: null }],
      propertyFiles: [{ name: 'evaluation', output: 'report', path: 'evaluation.json' }],
    }),
    {
      name: 'check',
      type: 'condition',
      displayName: 'Accuracy check',
      description: null,
      dependsOn: [],
      conditions: [
        {
          kind: 'greaterThanOrEqual',
          left: { kind: 'jsonGet', step: 'evaluate', propertyFile: 'evaluation', path: 'metrics.accuracy' },
          right: { kind: 'parameter', name: 'Threshold' },
        },
      ],
      ifSteps: ['register'],
      elseSteps: ['fail'],
    },
    {
      name: 'register',
      type: 'register-model',
      displayName: null,
      description: null,
      dependsOn: [],
      modelPackageGroup: 'iris-classifier',
      model: { step: 'train', output: 'model' },
      approvalStatus: 'PendingManualApproval',
      metricsArtifact: { step: 'evaluate', output: 'report' },
      metrics: { accuracy: { kind: 'jsonGet', step: 'evaluate', propertyFile: 'evaluation', path: 'metrics.accuracy' } },
    },
    {
      name: 'fail',
      type: 'fail',
      displayName: null,
      description: null,
      dependsOn: [],
      errorMessage: {
        kind: 'join',
        on: ' ',
        values: [
          { kind: 'literal', value: 'accuracy below' },
          { kind: 'parameter', name: 'Threshold' },
        ],
      },
    },
  ];
  return {
    schemaVersion: '1',
    name: 'iris',
    description: null,
    parameters: [
      { name: 'InputData', type: 'String', default: 'data/iris.csv', enum: null, description: null },
      { name: 'Threshold', type: 'Float', default: 0.9, enum: null, description: 'minimum accuracy to register' },
      { name: 'Epochs', type: 'Integer', default: 10, enum: [5, 10, 20], description: null },
      { name: 'Mode', type: 'String', default: 'fast', enum: ['fast', 'full'], description: null },
      { name: 'Verbose', type: 'Boolean', default: false, enum: null, description: null },
    ],
    maxParallelSteps: 2,
    steps,
  };
}

/** A deep, mutable copy of a definition for tests that break it on purpose. */
export function mutable(
  def: PipelineDefinition,
): Record<string, unknown> & { steps: Record<string, unknown>[]; parameters: Record<string, unknown>[] } {
  return structuredClone(def) as never;
}
