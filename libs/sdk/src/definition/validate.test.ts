import { describe, expect, it } from 'vitest';
import { irisDefinition, jobStep, mutable } from '../testing/definitions.ts';
import type { PipelineDefinition } from './types.ts';
import { validateDefinition } from './validate.ts';

type Doc = ReturnType<typeof mutable>;
type Step = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function issuesAfter(change: (doc: Doc, step: (name: string) => Step) => void) {
  const doc = mutable(irisDefinition());
  const step = (name: string): Step => doc.steps.find((s) => s.name === name) as Step;
  change(doc, step);
  return validateDefinition(doc as unknown as PipelineDefinition);
}

describe('validateDefinition', () => {
  it('accepts the full example definition without issues', () => {
    expect(validateDefinition(irisDefinition())).toEqual([]);
  });

  const cases: [string, (doc: Doc, step: (name: string) => Step) => void, string, RegExp][] = [
    ['bad pipeline name', (d) => (d.name = 'has space'), 'name', /pipeline name/],
    ['zero maxParallelSteps', (d) => (d.maxParallelSteps = 0), 'maxParallelSteps', /positive integer/],
    ['fractional maxParallelSteps', (d) => (d.maxParallelSteps = 1.5), 'maxParallelSteps', /positive integer/],
    ['no steps', (d) => (d.steps = []), 'steps', /at least one step/],
    ['duplicate step names', (d) => (d.steps[1]!.name = 'prepare'), 'steps[1](prepare).name', /duplicate step name "prepare"/],
    ['bad step name', (d, s) => (s('fail').name = 'fail step'), 'steps[5](fail step).name', /step name/],
    ['duplicate parameter', (d) => (d.parameters[1]!.name = 'InputData'), 'parameters[1](InputData).name', /duplicate parameter/],
    ['bad parameter name', (d) => (d.parameters[4]!.name = '1x'), 'parameters[4](1x).name', /must match/],
    ['default of the wrong type', (d) => (d.parameters[1]!.default = 'high'), 'parameters[1](Threshold).default', /not a number/],
    ['Integer default that is fractional', (d) => (d.parameters[2]!.default = 5.5), 'parameters[2](Epochs).default', /not an integer/],
    [
      'enum default not in enum',
      (d) => (d.parameters[3]!.default = 'slow'),
      'parameters[3](Mode).default',
      /not one of the allowed values/,
    ],
    ['enum value of the wrong type', (d) => (d.parameters[2]!.enum = [5, 'ten']), 'parameters[2](Epochs).enum[1]', /not an integer/],
    ['empty enum', (d) => (d.parameters[3]!.enum = []), 'parameters[3](Mode).enum', /at least one value/],
    ['duplicate enum value', (d) => (d.parameters[3]!.enum = ['fast', 'fast']), 'parameters[3](Mode).enum[1]', /duplicate enum value/],
    [
      'unknown parameter in argv',
      (_, s) => (s('train').run.argv[2].values[1].name = 'Epoch'),
      'steps[1](train).run.argv[2].values[1].name',
      /unknown parameter "Epoch"/,
    ],
    [
      'unknown parameter as input',
      (_, s) => (s('prepare').inputs[0].source.name = 'Nope'),
      'steps[0](prepare).inputs[0](raw).source.name',
      /unknown parameter "Nope"/,
    ],
    [
      'non-String parameter as input',
      (_, s) => (s('prepare').inputs[0].source.name = 'Epochs'),
      'steps[0](prepare).inputs[0](raw).source.name',
      /must be a String/,
    ],
    [
      'unknown step in an input',
      (_, s) => (s('train').inputs[0].source.step = 'prep'),
      'steps[1](train).inputs[0](train).source',
      /unknown step "prep"/,
    ],
    [
      'undeclared output',
      (_, s) => (s('train').inputs[0].source.output = 'validation'),
      'steps[1](train).inputs[0](train).source.output',
      /does not declare an output "validation"/,
    ],
    [
      'output of a step without outputs',
      (_, s) => (s('train').inputs[0].source.step = 'check'),
      'steps[1](train).inputs[0](train).source.step',
      /condition step and has no output channels/,
    ],
    [
      'undeclared property file',
      (_, s) => (s('check').conditions[0].left.propertyFile = 'eval'),
      'steps[3](check).conditions[0].left.propertyFile',
      /does not declare a property file "eval"/,
    ],
    [
      'malformed JsonGet path',
      (_, s) => (s('check').conditions[0].left.path = 'metrics..accuracy'),
      'steps[3](check).conditions[0].left.path',
      /malformed JsonGet path/,
    ],
    ['empty JsonGet path', (_, s) => (s('register').metrics.accuracy.path = ''), 'steps[4](register).metrics.accuracy.path', /non-empty/],
    [
      'property file on an undeclared output',
      (_, s) => (s('evaluate').propertyFiles[0].output = 'metrics'),
      'steps[2](evaluate).propertyFiles[0](evaluation).output',
      /does not declare an output channel "metrics"/,
    ],
    [
      'property file escaping its directory',
      (_, s) => (s('evaluate').propertyFiles[0].path = '../x.json'),
      'steps[2](evaluate).propertyFiles[0](evaluation).path',
      /inside its output directory/,
    ],
    [
      'absolute property file path',
      (_, s) => (s('evaluate').propertyFiles[0].path = '/tmp/x.json'),
      'steps[2](evaluate).propertyFiles[0](evaluation).path',
      /absolute/,
    ],
    [
      'duplicate property file',
      (_, s) => s('evaluate').propertyFiles.push({ name: 'evaluation', output: 'report', path: 'b.json' }),
      'steps[2](evaluate).propertyFiles[1](evaluation).name',
      /duplicate property file/,
    ],
    [
      'duplicate input channel',
      (_, s) => (s('evaluate').inputs[1].name = 'model'),
      'steps[2](evaluate).inputs[1](model).name',
      /duplicate input channel "model"/,
    ],
    [
      'duplicate output channel',
      (_, s) => (s('prepare').outputs[1].name = 'train'),
      'steps[0](prepare).outputs[1](train).name',
      /duplicate output channel "train"/,
    ],
    ['bad channel name', (_, s) => (s('prepare').outputs[1].name = 'a b'), 'steps[0](prepare).outputs[1](a b).name', /must match/],
    [
      'duplicate callback output',
      (d) =>
        d.steps.push({
          ...callback(),
          outputs: [
            { name: 'ok', type: 'Boolean' },
            { name: 'ok', type: 'String' },
          ],
        }),
      'steps[6](approve).outputs[1](ok).name',
      /duplicate callback output/,
    ],
    ['unknown step in dependsOn', (_, s) => (s('train').dependsOn = ['nothing']), 'steps[1](train).dependsOn[0]', /unknown step "nothing"/],
    [
      'duplicate dependsOn',
      (_, s) => (s('train').dependsOn = ['prepare', 'prepare']),
      'steps[1](train).dependsOn[1]',
      /duplicate dependency/,
    ],
    ['self dependency', (_, s) => (s('train').dependsOn = ['train']), 'steps[1](train).dependsOn[0]', /cannot depend on itself/],
    [
      'two-step cycle',
      (_, s) => (s('prepare').dependsOn = ['train']),
      'steps[0](prepare)',
      /dependency cycle through steps "prepare" -> "train" -> "prepare"/,
    ],
    [
      'cycle through a branch',
      (_, s) => (s('evaluate').dependsOn = ['fail']),
      'steps[2](evaluate)',
      /dependency cycle through steps "evaluate" -> "fail" -> "check" -> "evaluate"/,
    ],
    [
      'step in both branches',
      (_, s) => (s('check').elseSteps = ['fail', 'register']),
      'steps[3](check).elseSteps[1]',
      /in both the if and the else branch/,
    ],
    [
      'step listed twice in a branch',
      (_, s) => (s('check').ifSteps = ['register', 'register']),
      'steps[3](check).ifSteps[1]',
      /listed twice/,
    ],
    ['condition listing itself', (_, s) => (s('check').ifSteps = ['check']), 'steps[3](check).ifSteps[0]', /cannot list itself/],
    ['unknown branch step', (_, s) => (s('check').elseSteps = ['failure']), 'steps[3](check).elseSteps[0]', /unknown step "failure"/],
    [
      'step in two conditions',
      (d) => d.steps.push(condition('check2', ['fail'])),
      'steps[6](check2).ifSteps[0]',
      /already in the else branch of condition "check"/,
    ],
    [
      'reference across exclusive branches',
      (_, s) => (s('fail').dependsOn = ['register']),
      'steps[5](fail).dependsOn[0]',
      /only runs in the if branch of condition "check".*can never be satisfied/,
    ],
    ['empty conditions', (_, s) => (s('check').conditions = []), 'steps[3](check).conditions', /at least one condition/],
    [
      'String parameter compared with greaterThan',
      (_, s) => (s('check').conditions[0].right = { kind: 'parameter', name: 'Mode' }),
      'steps[3](check).conditions[0].right',
      /greaterThanOrEqual needs numbers, but right is String parameter "Mode"/,
    ],
    [
      'Boolean where a number is needed',
      (_, s) =>
        (s('check').conditions = [
          { kind: 'lessThan', left: { kind: 'parameter', name: 'Verbose' }, right: { kind: 'literal', value: 1 } },
        ]),
      'steps[3](check).conditions[0].left',
      /needs numbers, but left is Boolean parameter "Verbose"/,
    ],
    [
      'equals across types',
      (_, s) =>
        (s('check').conditions = [{ kind: 'equals', left: { kind: 'parameter', name: 'Mode' }, right: { kind: 'literal', value: 3 } }]),
      'steps[3](check).conditions[0]',
      /type mismatch: equals compares String parameter "Mode" with number literal 3/,
    ],
    [
      'in with a value of another type',
      (_, s) =>
        (s('check').conditions = [
          {
            kind: 'in',
            value: { kind: 'parameter', name: 'Epochs' },
            values: [
              { kind: 'literal', value: 5 },
              { kind: 'literal', value: 'ten' },
            ],
          },
        ]),
      'steps[3](check).conditions[0].values[1]',
      /type mismatch/,
    ],
    [
      'empty in',
      (_, s) => (s('check').conditions = [{ kind: 'in', value: { kind: 'parameter', name: 'Epochs' }, values: [] }]),
      'steps[3](check).conditions[0].values',
      /at least one value/,
    ],
    [
      'empty and',
      (_, s) => (s('check').conditions = [{ kind: 'not', condition: { kind: 'and', conditions: [] } }]),
      'steps[3](check).conditions[0].condition.conditions',
      /and needs at least one condition/,
    ],
    [
      'Join compared numerically inside or',
      (_, s) =>
        (s('check').conditions = [
          {
            kind: 'or',
            conditions: [{ kind: 'greaterThan', left: { kind: 'join', on: '', values: [] }, right: { kind: 'literal', value: 1 } }],
          },
        ]),
      'steps[3](check).conditions[0].conditions[0].left',
      /needs numbers, but left is a Join/,
    ],
    [
      'invalid expireAfter',
      (_, s) => (s('prepare').cache.expireAfter = '30 days'),
      'steps[0](prepare).cache.expireAfter',
      /not an ISO-8601 duration/,
    ],
    [
      'maxAttempts out of range',
      (_, s) => (s('train').retry.maxAttempts = 21),
      'steps[1](train).retry.maxAttempts',
      /integer from 1 to 20/,
    ],
    ['fractional maxAttempts', (_, s) => (s('train').retry.maxAttempts = 2.5), 'steps[1](train).retry.maxAttempts', /integer from 1 to 20/],
    [
      'negative initial interval',
      (_, s) => (s('train').retry.initialIntervalSeconds = -1),
      'steps[1](train).retry.initialIntervalSeconds',
      /from 0 to 3600/,
    ],
    ['backoff below 1', (_, s) => (s('train').retry.backoffRate = 0.5), 'steps[1](train).retry.backoffRate', /from 1 to 10/],
    [
      'max interval below initial',
      (_, s) => (s('train').retry.maxIntervalSeconds = 0.5),
      'steps[1](train).retry.maxIntervalSeconds',
      /at least initialIntervalSeconds/,
    ],
    [
      'max interval above a day',
      (_, s) => (s('train').retry.maxIntervalSeconds = 90_000),
      'steps[1](train).retry.maxIntervalSeconds',
      /at most 86400/,
    ],
    ['empty retryOn', (_, s) => (s('train').retry.retryOn = []), 'steps[1](train).retry.retryOn', /at least one failure kind/],
    [
      'exitCodes without exit-code',
      (_, s) => (s('train').retry.retryOn = ['timeout']),
      'steps[1](train).retry.exitCodes',
      /only apply when retryOn includes "exit-code"/,
    ],
    ['exit code out of range', (_, s) => (s('train').retry.exitCodes = [0]), 'steps[1](train).retry.exitCodes[0]', /from 1 to 255/],
    [
      'duplicate retryOn',
      (_, s) => (s('train').retry.retryOn = ['exit-code', 'exit-code']),
      'steps[1](train).retry.retryOn[1]',
      /duplicate failure kind/,
    ],
    ['negative timeout', (_, s) => (s('train').timeoutSeconds = -5), 'steps[1](train).timeoutSeconds', /positive number of seconds/],
    [
      'callback timeout of zero',
      (d) => d.steps.push({ ...callback(), timeoutSeconds: 0 }),
      'steps[6](approve).timeoutSeconds',
      /positive number/,
    ],
    ['empty argv', (_, s) => (s('train').run.argv = []), 'steps[1](train).run.argv', /at least the program/],
    [
      'absolute handler module',
      (_, s) => (s('prepare').run.module = '/tmp/abc/steps/prepare.ts'),
      'steps[0](prepare).run.module',
      /absolute; use a path relative to the project root/,
    ],
    [
      'handler module as a URI',
      (_, s) => (s('prepare').run.module = 'file:///tmp/prepare.ts'),
      'steps[0](prepare).run.module',
      /not a URI/,
    ],
    ['bad export name', (_, s) => (s('prepare').run.export = 'my-handler'), 'steps[0](prepare).run.export', /not a valid export name/],
    [
      'absolute input path',
      (_, s) => (s('prepare').inputs[0].source = { kind: 'uri', uri: '/data/iris.csv' }),
      'steps[0](prepare).inputs[0](raw).source.uri',
      /absolute path; use a project-relative path or a file:\/\/\/ URI/,
    ],
    [
      'unsupported URI scheme',
      (_, s) => (s('prepare').inputs[0].source = { kind: 'uri', uri: 's3://bucket/iris.csv' }),
      'steps[0](prepare).inputs[0](raw).source.uri',
      /unsupported URI scheme "s3"/,
    ],
    [
      'relative file URI',
      (_, s) => (s('prepare').inputs[0].source = { kind: 'uri', uri: 'file:data.csv' }),
      'steps[0](prepare).inputs[0](raw).source.uri',
      /absolute file URI/,
    ],
    [
      'bad argument name',
      (_, s) => (s('train').arguments = { 'learning-rate': { kind: 'literal', value: 1 } }),
      'steps[1](train).arguments.learning-rate',
      /must match/,
    ],
    [
      'reserved environment name',
      (_, s) => (s('train').environment = { PEDIGREE_X: { kind: 'literal', value: 1 } }),
      'steps[1](train).environment.PEDIGREE_X',
      /reserved/,
    ],
    [
      'register-model with a non-Model output',
      (_, s) => (s('register').model = { step: 'prepare', output: 'train' }),
      'steps[4](register).model',
      /of type DataSet; expected Model/,
    ],
    [
      'register-model with an unknown output',
      (_, s) => (s('register').model = { step: 'train', output: 'weights' }),
      'steps[4](register).model.output',
      /does not declare an output "weights"/,
    ],
    [
      'register-model with an unknown step',
      (_, s) => (s('register').model = { step: 'fit', output: 'model' }),
      'steps[4](register).model',
      /unknown step "fit"/,
    ],
    [
      'metrics artifact that is not Metrics',
      (_, s) => (s('register').metricsArtifact = { step: 'train', output: 'model' }),
      'steps[4](register).metricsArtifact',
      /expected Metrics or Report/,
    ],
    [
      'bad model package group',
      (_, s) => (s('register').modelPackageGroup = 'iris classifier'),
      'steps[4](register).modelPackageGroup',
      /must match/,
    ],
    [
      'callbackOutput on a non-callback step',
      (_, s) => (s('fail').errorMessage = { kind: 'callbackOutput', step: 'train', output: 'x' }),
      'steps[5](fail).errorMessage.step',
      /not a callback step/,
    ],
    [
      'undeclared callback output',
      (d, s) => {
        d.steps.push(callback());
        s('fail').errorMessage = { kind: 'callbackOutput', step: 'approve', output: 'reason' };
      },
      'steps[5](fail).errorMessage.output',
      /does not declare an output "reason"/,
    ],
    [
      'JsonGet on a step without property files',
      (_, s) => (s('fail').errorMessage = { kind: 'jsonGet', step: 'check', propertyFile: 'x', path: 'a' }),
      'steps[5](fail).errorMessage.step',
      /has no property files/,
    ],
    [
      'unknown execution variable',
      (_, s) => (s('fail').errorMessage = { kind: 'executionVariable', name: 'Now' }),
      'steps[5](fail).errorMessage.name',
      /unknown execution variable/,
    ],
    [
      'malformed openlineage URI',
      (_, s) => (s('prepare').inputs[0].source = { kind: 'uri', uri: 'openlineage://ns' }),
      'steps[0](prepare).inputs[0](raw).source.uri',
      /openlineage:\/\/namespace\/name/,
    ],
    [
      'empty input URI',
      (_, s) => (s('prepare').inputs[0].source = { kind: 'uri', uri: '' }),
      'steps[0](prepare).inputs[0](raw).source.uri',
      /must not be empty/,
    ],
    ['bad input channel name', (_, s) => (s('prepare').inputs[0].name = '-raw'), 'steps[0](prepare).inputs[0](-raw).name', /must match/],
    [
      'bad property file name',
      (_, s) => (s('evaluate').propertyFiles[0].name = 'a/b'),
      'steps[2](evaluate).propertyFiles[0](a/b).name',
      /must match/,
    ],
    [
      'bad callback output name',
      (d) => d.steps.push({ ...callback(), outputs: [{ name: 'a b', type: 'String' }] }),
      'steps[6](approve).outputs[0](a b).name',
      /must match/,
    ],
    ['empty exitCodes', (_, s) => (s('train').retry.exitCodes = []), 'steps[1](train).retry.exitCodes', /at least one exit code/],
    ['duplicate exit code', (_, s) => (s('train').retry.exitCodes = [75, 75]), 'steps[1](train).retry.exitCodes[1]', /duplicate exit code/],
    [
      'empty metric name',
      (_, s) => (s('register').metrics = { '': { kind: 'literal', value: 1 } }),
      'steps[4](register).metrics',
      /metric names/,
    ],
    [
      'non-finite literal',
      (_, s) => (s('fail').errorMessage = { kind: 'literal', value: Number.NaN }),
      'steps[5](fail).errorMessage.value',
      /finite/,
    ],
    ['unknown approval status', (_, s) => (s('register').approvalStatus = 'Maybe'), 'steps[4](register).approvalStatus', /must be one of/],
    [
      'empty or',
      (_, s) => (s('check').conditions = [{ kind: 'or', conditions: [] }]),
      'steps[3](check).conditions[0].conditions',
      /or needs at least one condition/,
    ],
    [
      'an output reference to a callback step',
      (d, s) => {
        d.steps.push(callback());
        s('fail').errorMessage = { kind: 'output', step: 'approve', output: 'ok' };
      },
      'steps[5](fail).errorMessage.step',
      /callback step and has no output channels/,
    ],
  ];

  it.each(cases)('reports %s', (_name, change, path, message) => {
    const issues = issuesAfter(change);
    expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
    expect(
      issues.some((i) => i.path === path && message.test(i.message)),
      JSON.stringify(issues, null, 1),
    ).toBe(true);
  });

  it('reports every problem at once', () => {
    const issues = issuesAfter((d, s) => {
      d.name = 'bad name';
      s('train').retry.maxAttempts = 0;
      s('prepare').cache.expireAfter = 'soon';
      s('check').conditions[0].right = { kind: 'parameter', name: 'Mode' };
    });
    expect(issues.map((i) => i.path)).toEqual([
      'name',
      'steps[0](prepare).cache.expireAfter',
      'steps[1](train).retry.maxAttempts',
      'steps[3](check).conditions[0].right',
    ]);
  });

  it('names every step of a longer cycle in dependency order', () => {
    const def: PipelineDefinition = {
      ...irisDefinition(),
      parameters: [],
      steps: [jobStep('a', { dependsOn: ['c'] }), jobStep('b', { dependsOn: ['a'] }), jobStep('c', { dependsOn: ['b'] }), jobStep('d')],
    };
    expect(validateDefinition(def)).toEqual([{ path: 'steps[0](a)', message: 'dependency cycle through steps "a" -> "c" -> "b" -> "a"' }]);
  });

  it('accepts a reference from a branch step to a step outside the condition', () => {
    const def = mutable(irisDefinition());
    (def.steps[5] as Step).dependsOn = ['prepare'];
    expect(validateDefinition(def as unknown as PipelineDefinition)).toEqual([]);
  });
});

function callback(): Step {
  return {
    name: 'approve',
    type: 'callback',
    displayName: null,
    description: null,
    dependsOn: [],
    message: null,
    outputs: [{ name: 'ok', type: 'Boolean' }],
    timeoutSeconds: null,
  };
}

function condition(name: string, ifSteps: string[]): Step {
  return {
    name,
    type: 'condition',
    displayName: null,
    description: null,
    dependsOn: [],
    conditions: [{ kind: 'equals', left: { kind: 'literal', value: 1 }, right: { kind: 'literal', value: 1 } }],
    ifSteps,
    elseSteps: [],
  };
}
