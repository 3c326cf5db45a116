// Fixtures shared by the component tests and the end-to-end suite: the iris demo as the server
// serves it (names, parameters, DAG shape), so both kinds of test talk about the same pipeline.
import type { ExecutionQuery, ImpactQuery, LineageQuery, ModelQuery, PipelineQuery, PipelinesQuery } from '../gql/graphql.ts';

export const DEMO = {
  pipeline: 'iris',
  dataset: 'iris.csv',
  modelGroup: 'iris-classifier',
  steps: ['PrepareData', 'TrainModel', 'EvaluateModel', 'CheckAccuracy', 'RegisterModel', 'AccuracyTooLow'],
  /** A parameter the e2e changes so that the run is not served entirely from the cache. */
  seedParameter: 'Seed',
} as const;

export const IDS = {
  version: 'pv_d1a6870f7a096ef8ef5d9ac8d880e7e5',
  execution: 'ex_01a23ccd949f7000cc1ea0f063440744',
  earlierExecution: 'ex_01a23ccd0000700000000000000000aa',
  dataset: 'ar_22c7fc152f3ca319329c523c19772556',
  train: 'ar_a95852f0282c6c8a21f1a82cc9a43604',
  model: 'ar_aa660d0b4e61117cd23343397ff79934',
  modelPackage: 'mp_01a23ccd9db97000c757b7ef4573e51f',
  stepPrepare: 'se_01a23ccd94ac70004f33646ed307fd1e',
  stepTrain: 'se_01a23ccd9b717000f22c7de55fc4ee80',
} as const;

export const DATASET_DIGEST = 'sha256:91eb642c3adbc7bad8e99c930c11fa3a5cc8a07262c7a753b4e6ecf405f2e05e';

export const dag = {
  nodes: [
    {
      name: 'PrepareData',
      type: 'processing',
      order: 0,
      branch: null,
      condition: null,
      displayName: null,
      description: 'Seeded, stratified train/test split.',
    },
    {
      name: 'TrainModel',
      type: 'training',
      order: 1,
      branch: null,
      condition: null,
      displayName: null,
      description: 'Softmax regression.',
    },
    { name: 'EvaluateModel', type: 'evaluation', order: 2, branch: null, condition: null, displayName: null, description: null },
    { name: 'CheckAccuracy', type: 'condition', order: 3, branch: null, condition: null, displayName: null, description: null },
    {
      name: 'RegisterModel',
      type: 'register-model',
      order: 4,
      branch: 'IF',
      condition: 'CheckAccuracy',
      displayName: null,
      description: null,
    },
    { name: 'AccuracyTooLow', type: 'fail', order: 5, branch: 'ELSE', condition: 'CheckAccuracy', displayName: null, description: null },
  ],
  edges: [
    { from: 'PrepareData', to: 'TrainModel', kind: 'DATA' },
    { from: 'TrainModel', to: 'EvaluateModel', kind: 'DATA' },
    { from: 'PrepareData', to: 'EvaluateModel', kind: 'DATA' },
    { from: 'EvaluateModel', to: 'CheckAccuracy', kind: 'DATA' },
    { from: 'CheckAccuracy', to: 'RegisterModel', kind: 'CONDITION_IF' },
    { from: 'CheckAccuracy', to: 'AccuracyTooLow', kind: 'CONDITION_ELSE' },
  ],
} satisfies NonNullable<NonNullable<PipelineQuery['pipeline']>['version']>['dag'];

export const parameters = [
  { name: 'TestFraction', type: 'Float', default: 0.3, enum: null, description: 'Share of each class held out for testing.' },
  { name: 'Seed', type: 'Integer', default: 42, enum: null, description: 'Seed of the train/test split.' },
  { name: 'Optimizer', type: 'String', default: 'gd', enum: ['gd', 'adam'], description: null },
  { name: 'Standardize', type: 'Boolean', default: true, enum: null, description: null },
  { name: 'Owner', type: 'String', default: null, enum: null, description: 'Who asked for this run.' },
];

export const pipelines: PipelinesQuery = {
  pipelines: {
    edges: [
      {
        node: {
          name: 'iris',
          description: 'Iris species classifier.',
          latestVersion: 1,
          createdAt: '2026-12-03T16:47:15.000Z',
          executions: {
            edges: [{ node: { id: IDS.execution, status: 'Failed', startedAt: '2026-12-03T16:47:15.615Z', durationMs: 2337 } }],
          },
        },
      },
      {
        node: {
          name: 'churn',
          description: null,
          latestVersion: 3,
          createdAt: '2026-12-01T10:00:00.000Z',
          executions: { edges: [] },
        },
      },
    ],
    pageInfo: { hasNextPage: false },
  },
};

export const pipeline: PipelineQuery = {
  pipeline: {
    name: 'iris',
    description: 'Iris species classifier.',
    latestVersion: 2,
    createdAt: '2026-12-03T16:47:15.000Z',
    version: {
      id: IDS.version,
      version: 2,
      definitionHash: 'sha256:abcdef0123456789',
      createdAt: '2026-12-03T16:47:15.000Z',
      dag,
      parameters,
    },
    versions: {
      edges: [
        { node: { id: IDS.version, version: 2, createdAt: '2026-12-03T16:47:15.000Z', definitionHash: 'sha256:abcdef0123456789' } },
        { node: { id: 'pv_old', version: 1, createdAt: '2026-12-02T16:47:15.000Z', definitionHash: 'sha256:0123456789abcdef' } },
      ],
    },
    executions: {
      edges: [
        {
          node: {
            id: IDS.execution,
            status: 'Succeeded',
            startedAt: '2026-12-03T16:47:15.615Z',
            durationMs: 2337,
            createdBy: 'demo',
            pipelineVersion: { version: 2 },
          },
        },
      ],
    },
  },
  viewer: { role: 'editor' },
};

type Step = NonNullable<ExecutionQuery['execution']>['steps'][number];

function step(name: string, type: string, status: Step['status'], extra: Partial<Step> = {}): Step {
  return {
    id: `se_${name}`,
    stepName: name,
    stepType: type,
    status,
    attempt: 1,
    startedAt: '2026-12-03T16:47:15.628Z',
    endedAt: status === 'Executing' ? null : '2026-12-03T16:47:16.350Z',
    failureReason: null,
    cacheHit: false,
    cacheKey: 'sha256:feedfacefeedface',
    properties: null,
    cacheMiss: null,
    reusedStepExecution: null,
    attempts: [],
    inputs: [],
    outputs: [],
    ...extra,
  };
}

export function execution(status: 'Executing' | 'Succeeded' | 'Failed' = 'Executing'): ExecutionQuery {
  return {
    viewer: { role: 'editor' },
    execution: {
      id: IDS.execution,
      status,
      startedAt: '2026-12-03T16:47:15.615Z',
      endedAt: status === 'Executing' ? null : '2026-12-03T16:47:17.952Z',
      durationMs: 2337,
      failureReason: status === 'Failed' ? 'TrainModel failed: exit code 1' : null,
      parameters: { Seed: 7, TestFraction: 0.3 },
      createdBy: 'anonymous',
      pipelineName: 'iris',
      pipelineVersion: { id: IDS.version, version: 1, dag },
      steps: [
        step('PrepareData', 'processing', 'Cached', {
          id: IDS.stepPrepare,
          cacheHit: true,
          reusedStepExecution: { id: 'se_earlier', executionId: IDS.earlierExecution, stepName: 'PrepareData' },
          inputs: [{ name: 'raw', artifact: { id: IDS.dataset, name: 'iris.csv', type: 'DataSet', digest: DATASET_DIGEST } }],
          outputs: [
            { name: 'train', artifact: { id: IDS.train, name: 'PrepareData/train', type: 'DataSet', digest: 'sha256:7b1369c1cf2b' } },
          ],
        }),
        step('TrainModel', 'training', status === 'Failed' ? 'Failed' : 'Executing', {
          id: IDS.stepTrain,
          failureReason: status === 'Failed' ? 'exit code 1: loss is NaN' : null,
          cacheMiss: {
            reason: 'key-changed',
            message: 'The arguments changed since the nearest earlier run.',
            differingFields: ['arguments.learningRate'],
            nearestStepExecution: { id: 'se_earlier_train', executionId: IDS.earlierExecution },
          },
          inputs: [
            { name: 'train', artifact: { id: IDS.train, name: 'PrepareData/train', type: 'DataSet', digest: 'sha256:7b1369c1cf2b' } },
          ],
        }),
      ],
    },
  };
}

export const lineage = (truncated: boolean): LineageQuery => ({
  lineage: {
    truncated,
    nodes: [
      {
        id: IDS.model,
        type: 'Artifact',
        label: 'TrainModel/model',
        depth: 0,
        status: null,
        artifactType: 'Model',
        stepType: null,
        approvalStatus: null,
        contextType: null,
        digest: 'sha256:d1e7e46cdf05',
        uri: 'pedigree://x',
        createdAt: null,
        executionId: null,
        pipelineName: null,
        version: null,
      },
      {
        id: IDS.stepTrain,
        type: 'StepExecution',
        label: 'TrainModel',
        depth: 1,
        status: 'Succeeded',
        artifactType: null,
        stepType: 'training',
        approvalStatus: null,
        contextType: null,
        digest: null,
        uri: null,
        createdAt: null,
        executionId: IDS.execution,
        pipelineName: 'iris',
        version: 1,
      },
      {
        id: IDS.train,
        type: 'Artifact',
        label: 'PrepareData/train',
        depth: 2,
        status: null,
        artifactType: 'DataSet',
        stepType: null,
        approvalStatus: null,
        contextType: null,
        digest: 'sha256:7b1369c1cf2b',
        uri: 'pedigree://y',
        createdAt: null,
        executionId: null,
        pipelineName: null,
        version: null,
      },
      {
        id: IDS.modelPackage,
        type: 'ModelPackage',
        label: 'iris-classifier/1',
        depth: 1,
        status: null,
        artifactType: null,
        stepType: null,
        approvalStatus: 'PendingManualApproval',
        contextType: null,
        digest: null,
        uri: null,
        createdAt: null,
        executionId: null,
        pipelineName: null,
        version: null,
      },
    ],
    edges: [
      { from: IDS.train, to: IDS.stepTrain, type: 'CONSUMED_BY' },
      { from: IDS.stepTrain, to: IDS.model, type: 'PRODUCED' },
      { from: IDS.model, to: IDS.modelPackage, type: 'PACKAGED_AS' },
    ],
  },
});

export const model: ModelQuery = {
  viewer: { role: 'editor' },
  artifact: {
    id: IDS.model,
    name: 'TrainModel/model',
    type: 'Model',
    digest: 'sha256:d1e7e46cdf05f758f5b5e12e297937959e8aa51c9a352cd4601a323a6f5ac847',
    uri: 'pedigree://executions/x/steps/TrainModel/outputs/model',
    size: 1126,
    createdAt: '2026-12-03T16:47:17.844Z',
    producer: { id: IDS.stepTrain, stepName: 'TrainModel', executionId: IDS.execution },
    modelPackages: [
      {
        id: IDS.modelPackage,
        group: 'iris-classifier',
        version: 1,
        description: null,
        approvalStatus: 'PendingManualApproval',
        createdAt: '2026-12-03T16:47:17.945Z',
        metrics: { accuracy: 0.9777777777777777 },
        approvals: [{ at: '2026-12-03T16:47:17.945Z', by: `pipeline:${IDS.execution}`, status: 'PendingManualApproval', comment: null }],
      },
    ],
  },
  provenance: {
    truncated: false,
    datasets: [
      {
        depth: 2,
        artifact: {
          id: IDS.train,
          name: 'PrepareData/train',
          digest: 'sha256:7b1369c1cf2bcf7d',
          uri: 'pedigree://train',
          producer: { id: IDS.stepPrepare },
        },
      },
      { depth: 4, artifact: { id: IDS.dataset, name: 'iris.csv', digest: DATASET_DIGEST, uri: 'file:///data/iris.csv', producer: null } },
    ],
    code: [],
    executions: [
      {
        id: IDS.execution,
        status: 'Succeeded',
        pipelineName: 'iris',
        startedAt: '2026-12-03T16:47:15.615Z',
        parameters: { Seed: 42 },
        pipelineVersion: { version: 1, definitionHash: 'sha256:abc' },
      },
    ],
    stepExecutions: [
      { id: IDS.stepTrain, stepName: 'TrainModel', stepType: 'training', status: 'Succeeded', executionId: IDS.execution, cacheHit: false },
    ],
    openLineageRuns: [],
  },
};

export const impact: ImpactQuery = {
  artifact: { id: IDS.dataset, name: 'iris.csv', type: 'DataSet', digest: DATASET_DIGEST, uri: 'file:///data/iris.csv' },
  impact: {
    truncated: false,
    models: [
      {
        id: IDS.model,
        name: 'TrainModel/model',
        digest: 'sha256:d1e7e46cdf05',
        createdAt: '2026-12-03T16:47:17.844Z',
        producer: { id: IDS.stepTrain, executionId: IDS.execution },
      },
    ],
    modelPackages: [
      {
        id: IDS.modelPackage,
        group: 'iris-classifier',
        version: 1,
        approvalStatus: 'Approved',
        createdAt: '2026-12-03T16:47:17.945Z',
        modelArtifact: { id: IDS.model, name: 'TrainModel/model' },
      },
      {
        id: 'mp_2',
        group: 'iris-classifier',
        version: 2,
        approvalStatus: 'Rejected',
        createdAt: '2026-12-03T16:48:17.945Z',
        modelArtifact: { id: 'ar_m2', name: 'TrainModel/model' },
      },
    ],
    stepExecutions: [{ id: IDS.stepTrain }],
  },
};
