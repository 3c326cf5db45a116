import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import {
  And,
  command,
  compilePipeline,
  ConditionEquals,
  ConditionGreaterThan,
  ConditionGreaterThanOrEqualTo,
  ConditionIn,
  ConditionLessThan,
  ConditionLessThanOrEqualTo,
  ConditionNot,
  ConditionOr,
  defineCallbackStep,
  defineConditionStep,
  defineEvaluationStep,
  defineFailStep,
  defineParameter,
  defineParameters,
  definePipeline,
  defineProcessingStep,
  defineRegisterModelStep,
  defineTrainingStep,
  equals,
  ExecutionVariables,
  greaterThan,
  greaterThanOrEqual,
  handler,
  In,
  isPipeline,
  isStep,
  Join,
  JsonGet,
  lessThan,
  lessThanOrEqual,
  Not,
  Or,
  type AnyStep,
  type JobStepDefinition,
  type StepDefinition,
} from '../index.ts';

const ROOT = path.resolve('/work/project');

function compileSteps(steps: readonly AnyStep[], options: { projectRoot?: string } = {}) {
  return compilePipeline(definePipeline({ name: 'test', steps }), options).definition;
}

function compileIssues(build: () => ReturnType<typeof definePipeline>, options: { projectRoot?: string } = {}) {
  try {
    compilePipeline(build(), options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected compilePipeline to throw');
}

type StepOf<T extends StepDefinition['type']> = T extends JobStepDefinition['type']
  ? JobStepDefinition
  : Extract<StepDefinition, { type: T }>;

function step<T extends StepDefinition['type']>(steps: readonly StepDefinition[], name: string, _type?: T): StepOf<T> {
  return steps.find((s) => s.name === name) as never;
}

const prepare = defineProcessingStep({
  name: 'prepare',
  run: command(['python', 'prepare.py']),
  outputs: { data: 'DataSet' },
  propertyFiles: { stats: { output: 'data', path: 'stats.json' } },
});

describe('job steps', () => {
  it.each([
    ['processing', defineProcessingStep],
    ['training', defineTrainingStep],
    ['evaluation', defineEvaluationStep],
  ] as const)('compiles a %s step with every field', (type, define) => {
    const s = define({
      name: 'job',
      displayName: 'The job',
      description: 'does things',
      run: handler('./steps/../steps/job.ts', 'run'),
      inputs: { data: prepare.outputs.data, extra: { source: 'data/extra.csv', type: 'Other' } },
      outputs: { out: { type: 'Report', description: 'a report' } },
      propertyFiles: { summary: { output: 'out', path: 'summary.json' } },
      arguments: { rate: 0.1, name: 'x', on: true, stats: prepare.propertyFiles.stats.get('rows') },
      environment: { MODE: 'fast' },
      cache: true,
      retry: { maxAttempts: 2 },
      timeout: 90,
      dependsOn: [prepare],
    });
    expect(isStep(s)).toBe(true);
    const def = compileSteps([prepare, s]);
    expect(def.steps[1]).toEqual({
      name: 'job',
      type,
      displayName: 'The job',
      description: 'does things',
      dependsOn: ['prepare'],
      run: { kind: 'handler', module: 'steps/job.ts', export: 'run' },
      inputs: [
        { name: 'data', source: { kind: 'output', step: 'prepare', output: 'data' }, type: 'DataSet' },
        { name: 'extra', source: { kind: 'uri', uri: 'data/extra.csv' }, type: 'Other' },
      ],
      outputs: [{ name: 'out', type: 'Report', description: 'a report' }],
      propertyFiles: [{ name: 'summary', output: 'out', path: 'summary.json' }],
      arguments: {
        rate: { kind: 'literal', value: 0.1 },
        name: { kind: 'literal', value: 'x' },
        on: { kind: 'literal', value: true },
        stats: { kind: 'jsonGet', step: 'prepare', propertyFile: 'stats', path: 'rows' },
      },
      environment: { MODE: { kind: 'literal', value: 'fast' } },
      cache: { enabled: true, expireAfter: null },
      retry: {
        maxAttempts: 2,
        initialIntervalSeconds: 1,
        backoffRate: 2,
        maxIntervalSeconds: 3600,
        retryOn: ['timeout', 'exit-code', 'runner-crash', 'interrupted', 'error'],
        exitCodes: null,
      },
      timeoutSeconds: 90,
    });
  });

  it('defaults: no cache, no retry, no timeout, handler export "default", DataSet outputs', () => {
    const s = defineProcessingStep({ name: 'p', run: handler('p.ts'), outputs: { out: {} } });
    const def = step(compileSteps([s]).steps, 'p', 'processing');
    expect(def.cache).toEqual({ enabled: false, expireAfter: null });
    expect(def.retry).toBeNull();
    expect(def.timeoutSeconds).toBeNull();
    expect(def.run).toEqual({ kind: 'handler', module: 'p.ts', export: 'default' });
    expect(def.outputs).toEqual([{ name: 'out', type: 'DataSet', description: null }]);
  });

  it('compiles commands with expressions in argv', () => {
    const s = defineProcessingStep({
      name: 'p',
      run: command(['echo', 1, false, ExecutionVariables.PIPELINE_NAME, Join({ values: ['a', ExecutionVariables.START_DATETIME] })]),
    });
    expect(step(compileSteps([s]).steps, 'p', 'processing').run).toEqual({
      kind: 'command',
      argv: [
        { kind: 'literal', value: 'echo' },
        { kind: 'literal', value: 1 },
        { kind: 'literal', value: false },
        { kind: 'executionVariable', name: 'PipelineName' },
        {
          kind: 'join',
          on: '',
          values: [
            { kind: 'literal', value: 'a' },
            { kind: 'executionVariable', name: 'StartDateTime' },
          ],
        },
      ],
    });
  });

  it('converts ISO-8601 timeouts and cache expiry', () => {
    const s = defineProcessingStep({ name: 'p', run: handler('p.ts'), timeout: 'PT1H30M', cache: { expireAfter: 'P7D' } });
    const def = step(compileSteps([s]).steps, 'p', 'processing');
    expect(def.timeoutSeconds).toBe(5400);
    expect(def.cache).toEqual({ enabled: true, expireAfter: 'P7D' });
  });

  it('reports an invalid timeout duration and an invalid expireAfter together', () => {
    const issues = compileIssues(() =>
      definePipeline({
        name: 't',
        steps: [defineProcessingStep({ name: 'p', run: handler('p.ts'), timeout: 'an hour', cache: { expireAfter: 'weekly' } })],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['steps[0](p).timeout', 'steps[0](p).cache.expireAfter']);
  });
});

describe('paths', () => {
  it('makes absolute handler paths and import.meta.url-style URLs project-relative', () => {
    const a = defineProcessingStep({ name: 'a', run: handler(path.join(ROOT, 'steps', 'a.ts'), 'a') });
    const b = defineProcessingStep({ name: 'b', run: handler(new URL('./steps/b.ts', pathToFileURL(ROOT + '/')), 'b') });
    const c = defineProcessingStep({ name: 'c', run: handler(pathToFileURL(path.join(ROOT, 'lib', 'c.ts')).href, 'c') });
    const def = compileSteps([a, b, c], { projectRoot: ROOT });
    expect(def.steps.map((s) => (s.type === 'processing' && s.run.kind === 'handler' ? s.run.module : null))).toEqual([
      'steps/a.ts',
      'steps/b.ts',
      'lib/c.ts',
    ]);
    expect(JSON.stringify(def)).not.toContain(ROOT);
  });

  it('accepts projectRoot as a file URL on the pipeline itself', () => {
    const a = defineProcessingStep({ name: 'a', run: handler(new URL('./steps/a.ts', pathToFileURL(ROOT + '/')), 'a') });
    const def = compilePipeline(definePipeline({ name: 't', projectRoot: pathToFileURL(ROOT + '/'), steps: [a] })).definition;
    expect(step(def.steps, 'a', 'processing').run).toEqual({ kind: 'handler', module: 'steps/a.ts', export: 'a' });
  });

  it('refuses an absolute handler path without a project root instead of leaking it', () => {
    const issues = compileIssues(() =>
      definePipeline({ name: 't', steps: [defineProcessingStep({ name: 'a', run: handler('/tmp/xyz/a.ts') })] }),
    );
    expect(issues.find((i) => i.path === 'steps[0](a).run.module')?.message).toMatch(/pass the projectRoot compile option/);
  });

  it('makes data paths inside the project relative and keeps others as file URIs', () => {
    const s = defineProcessingStep({
      name: 'p',
      run: handler('p.ts'),
      inputs: {
        inside: path.join(ROOT, 'data', 'iris.csv'),
        insideUrl: new URL('./data/x.csv', pathToFileURL(ROOT + '/')),
        outside: '/datasets/iris.csv',
        written: 'file:///datasets/written.csv',
        relative: './data/../data/y.csv',
      },
    });
    const def = step(compileSteps([s], { projectRoot: ROOT }).steps, 'p', 'processing');
    expect(def.inputs.map((i) => (i.source.kind === 'uri' ? i.source.uri : null))).toEqual([
      'data/iris.csv',
      'data/x.csv',
      'file:///datasets/iris.csv',
      'file:///datasets/written.csv',
      'data/y.csv',
    ]);
  });

  it('refuses a file URL object outside any project root', () => {
    const s = defineProcessingStep({ name: 'p', run: handler('p.ts'), inputs: { d: new URL('file:///tmp/abc/data.csv') } });
    const issues = compileIssues(() => definePipeline({ name: 't', steps: [s] }));
    expect(issues.find((i) => i.path === 'steps[0](p).inputs(d).source')?.message).toMatch(/projectRoot/);
  });
});

describe('references', () => {
  it('compiles every reference kind and infers dependencies from them', () => {
    const params = defineParameters({
      Source: defineParameter.string({ default: 'data/a.csv' }),
      Rate: defineParameter.float({ default: 0.1 }),
    });
    const approve = defineCallbackStep({
      name: 'approve',
      message: Join({ on: ' ', values: ['approve run', ExecutionVariables.PIPELINE_EXECUTION_ID] }),
      outputs: { reviewer: 'String' },
      timeout: 'P1D',
    });
    const train = defineTrainingStep({
      name: 'train',
      run: handler('t.ts'),
      inputs: { data: prepare.outputs.data, extra: params.Source },
      outputs: { model: 'Model' },
      arguments: {
        rate: params.Rate,
        rows: JsonGet(prepare.propertyFiles.stats, 'rows'),
        reviewer: approve.outputs.reviewer,
        path: prepare.outputs.data,
      },
    });
    const def = compilePipeline(definePipeline({ name: 't', parameters: params, steps: [prepare, approve, train] })).definition;
    const t = step(def.steps, 'train', 'training');
    expect(t.inputs.map((i) => i.source)).toEqual([
      { kind: 'output', step: 'prepare', output: 'data' },
      { kind: 'parameter', name: 'Source' },
    ]);
    expect(t.arguments).toEqual({
      rate: { kind: 'parameter', name: 'Rate' },
      rows: { kind: 'jsonGet', step: 'prepare', propertyFile: 'stats', path: 'rows' },
      reviewer: { kind: 'callbackOutput', step: 'approve', output: 'reviewer' },
      path: { kind: 'output', step: 'prepare', output: 'data' },
    });
    expect(step(def.steps, 'approve', 'callback')).toEqual({
      name: 'approve',
      type: 'callback',
      displayName: null,
      description: null,
      dependsOn: [],
      message: {
        kind: 'join',
        on: ' ',
        values: [
          { kind: 'literal', value: 'approve run' },
          { kind: 'executionVariable', name: 'ExecutionId' },
        ],
      },
      outputs: [{ name: 'reviewer', type: 'String' }],
      timeoutSeconds: 86_400,
    });
    expect(def.parameters.map((p) => p.name)).toEqual(['Source', 'Rate']);
  });

  it('includes steps reached only through references or branches, dependencies first', () => {
    const train = defineTrainingStep({
      name: 'train',
      run: handler('t.ts'),
      inputs: { d: prepare.outputs.data },
      outputs: { model: 'Model' },
    });
    const register = defineRegisterModelStep({ name: 'register', modelPackageGroup: 'g', model: train.outputs.model });
    const fail = defineFailStep({ name: 'fail', errorMessage: 'too low' });
    const check = defineConditionStep({
      name: 'check',
      conditions: greaterThan(prepare.propertyFiles.stats.get('rows'), 10),
      ifSteps: [register],
      elseSteps: [fail],
    });
    expect(compileSteps([check]).steps.map((s) => s.name)).toEqual(['prepare', 'check', 'train', 'register', 'fail']);
  });

  it('collects parameters used but not declared, and refuses two different parameters with one name', () => {
    const a = defineParameters({ Rate: defineParameter.float({ default: 0.1 }) });
    const b = defineParameters({ Rate: defineParameter.float({ default: 0.2 }) });
    const s1 = defineProcessingStep({ name: 's1', run: handler('x.ts'), arguments: { r: a.Rate } });
    expect(compileSteps([s1]).parameters).toEqual([{ name: 'Rate', type: 'Float', default: 0.1, enum: null, description: null }]);
    const s2 = defineProcessingStep({ name: 's2', run: handler('x.ts'), arguments: { r: b.Rate } });
    const issues = compileIssues(() => definePipeline({ name: 't', steps: [s1, s2] }));
    expect(issues).toEqual([{ path: 'steps[1](s2).arguments.r', message: 'two different parameters are named "Rate"' }]);
  });

  it('reports a reference to a step that is not in the pipeline under another step with the same name', () => {
    const other = defineProcessingStep({ name: 'prepare', run: handler('other.ts'), outputs: { data: 'DataSet' } });
    const s = defineProcessingStep({ name: 's', run: handler('x.ts'), inputs: { d: other.outputs.data } });
    const issues = compileIssues(() => definePipeline({ name: 't', steps: [prepare, s] }));
    expect(issues.some((i) => /duplicate step name "prepare"/.test(i.message))).toBe(true);
  });

  it('reports references to undeclared outputs made by casting around the types', () => {
    const s = defineProcessingStep({
      name: 's',
      run: handler('x.ts'),
      inputs: { d: { ...prepare.outputs.data, output: 'missing' } as never },
    });
    const issues = compileIssues(() => definePipeline({ name: 't', steps: [prepare, s] }));
    expect(issues).toEqual([
      { path: 'steps[1](s).inputs[0](d).source.output', message: 'step "prepare" does not declare an output "missing"' },
    ]);
  });
});

describe('conditions', () => {
  const p = defineParameters({ N: defineParameter.integer({ default: 1 }), Mode: defineParameter.string({ default: 'a' }) });
  const n = p.N;
  const cases = [
    ['equals', equals(n, 1), { kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } }],
    [
      'ConditionEquals',
      ConditionEquals(p.Mode, 'a'),
      { kind: 'equals', left: { kind: 'parameter', name: 'Mode' }, right: { kind: 'literal', value: 'a' } },
    ],
    [
      'greaterThan',
      greaterThan(n, 1),
      { kind: 'greaterThan', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    [
      'ConditionGreaterThan',
      ConditionGreaterThan(2, n),
      { kind: 'greaterThan', left: { kind: 'literal', value: 2 }, right: { kind: 'parameter', name: 'N' } },
    ],
    [
      'greaterThanOrEqual',
      greaterThanOrEqual(n, 1),
      { kind: 'greaterThanOrEqual', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    [
      'ConditionGreaterThanOrEqualTo',
      ConditionGreaterThanOrEqualTo(n, 1),
      { kind: 'greaterThanOrEqual', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    ['lessThan', lessThan(n, 1), { kind: 'lessThan', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } }],
    [
      'ConditionLessThan',
      ConditionLessThan(n, 1),
      { kind: 'lessThan', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    [
      'lessThanOrEqual',
      lessThanOrEqual(n, 1),
      { kind: 'lessThanOrEqual', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    [
      'ConditionLessThanOrEqualTo',
      ConditionLessThanOrEqualTo(n, 1),
      { kind: 'lessThanOrEqual', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
    ],
    [
      'In',
      In(p.Mode, ['a', 'b']),
      {
        kind: 'in',
        value: { kind: 'parameter', name: 'Mode' },
        values: [
          { kind: 'literal', value: 'a' },
          { kind: 'literal', value: 'b' },
        ],
      },
    ],
    ['ConditionIn', ConditionIn(n, [1]), { kind: 'in', value: { kind: 'parameter', name: 'N' }, values: [{ kind: 'literal', value: 1 }] }],
    [
      'Not',
      Not(equals(n, 1)),
      { kind: 'not', condition: { kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } } },
    ],
    [
      'ConditionNot',
      ConditionNot(equals(n, 1)),
      { kind: 'not', condition: { kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } } },
    ],
    [
      'And',
      And(equals(n, 1), lessThan(n, 2)),
      {
        kind: 'and',
        conditions: [
          { kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } },
          { kind: 'lessThan', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 2 } },
        ],
      },
    ],
    [
      'Or',
      Or(equals(n, 1)),
      { kind: 'or', conditions: [{ kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } }] },
    ],
    [
      'ConditionOr',
      ConditionOr(equals(n, 1)),
      { kind: 'or', conditions: [{ kind: 'equals', left: { kind: 'parameter', name: 'N' }, right: { kind: 'literal', value: 1 } }] },
    ],
  ] as const;

  it.each(cases)('compiles %s', (_name, condition, expected) => {
    const check = defineConditionStep({ name: 'check', conditions: condition });
    const def = compilePipeline(definePipeline({ name: 't', parameters: p, steps: [check] })).definition;
    expect(step(def.steps, 'check', 'condition').conditions).toEqual([expected]);
  });

  it('reports a type mismatch that the types let through (a JsonGet is not checked statically)', () => {
    const check = defineConditionStep({
      name: 'check',
      conditions: [greaterThan(prepare.propertyFiles.stats.get('rows'), 1), equals(p.Mode, p.Mode)],
    });
    expect(() => compilePipeline(definePipeline({ name: 't', parameters: p, steps: [prepare, check] }))).not.toThrow();
    const bad = defineConditionStep({ name: 'check', conditions: [greaterThan(p.Mode as never, 1)] });
    const issues = compileIssues(() => definePipeline({ name: 't', parameters: p, steps: [bad] }));
    expect(issues).toEqual([
      {
        path: 'steps[0](check).conditions[0].left',
        message: 'type mismatch: greaterThan needs numbers, but left is String parameter "Mode"',
      },
    ]);
  });
});

describe('fail, register-model and pipelines', () => {
  it('compiles a register-model step with defaults', () => {
    const train = defineTrainingStep({ name: 'train', run: handler('t.ts'), outputs: { model: 'Model' } });
    const register = defineRegisterModelStep({
      name: 'register',
      modelPackageGroup: 'grp',
      model: train.outputs.model,
      approvalStatus: 'Approved',
      description: 'x',
    });
    expect(step(compileSteps([train, register]).steps, 'register', 'register-model')).toEqual({
      name: 'register',
      type: 'register-model',
      displayName: null,
      description: 'x',
      dependsOn: [],
      modelPackageGroup: 'grp',
      model: { step: 'train', output: 'model' },
      approvalStatus: 'Approved',
      metricsArtifact: null,
      metrics: {},
    });
  });

  it('compiles a fail step with a literal message', () => {
    expect(step(compileSteps([defineFailStep({ name: 'stop', errorMessage: 'stop here' })]).steps, 'stop', 'fail').errorMessage).toEqual({
      kind: 'literal',
      value: 'stop here',
    });
  });

  it('keeps pipeline-level settings', () => {
    const compiled = compilePipeline(definePipeline({ name: 'p', description: 'd', maxParallelSteps: 3, steps: [prepare] }));
    expect(compiled.definition).toMatchObject({ schemaVersion: '1', name: 'p', description: 'd', maxParallelSteps: 3, parameters: [] });
  });

  it('isPipeline recognises pipelines, also across copies of the package (registered symbol)', () => {
    const pipeline = definePipeline({ name: 'p', steps: [prepare] });
    expect(isPipeline(pipeline)).toBe(true);
    expect(isPipeline({ ...pipeline })).toBe(true);
    expect(isPipeline({ [Symbol.for('pedigree.sdk.brand')]: 'pipeline' })).toBe(true);
    expect(isPipeline({ name: 'p', steps: [] })).toBe(false);
    expect(isPipeline(null)).toBe(false);
    expect(isPipeline(prepare)).toBe(false);
  });

  it('reports values that slip past the types (plain JavaScript callers) as validation issues', () => {
    const bad = defineProcessingStep({
      name: 42 as never,
      run: handler('x.ts'),
      retry: { maxAttempts: Number.NaN },
      arguments: { n: Number.POSITIVE_INFINITY },
    });
    const issues = compileIssues(() => definePipeline({ name: 'p', steps: [bad] }));
    expect(issues).toEqual([
      { path: 'steps[0](42).arguments.n', message: 'numbers must be finite, got Infinity' },
      { path: 'steps[0].name', message: 'Invalid input: expected string, received number' },
      { path: 'steps[0].retry.maxAttempts', message: 'Invalid input: expected number, received NaN' },
    ]);
  });

  it('turns a crash inside a malformed declaration into a ValidationError', () => {
    const bad = defineProcessingStep({ name: 'p', run: handler('x.ts'), inputs: null as never, outputs: 5 as never });
    const hostile = {
      ...bad,
      config: {
        ...bad.config,
        get arguments(): never {
          throw new TypeError('boom');
        },
      },
    };
    const issues = compileIssues(() => definePipeline({ name: 'p', steps: [hostile as never] }));
    expect(issues).toEqual([{ path: '', message: 'could not be compiled: boom' }]);
  });

  it('reports garbage where steps belong', () => {
    const issues = compileIssues(() => definePipeline({ name: 'p', steps: [prepare, 42 as never] }));
    expect(issues).toEqual([{ path: 'steps[1]', message: 'expected a step made by one of the defineXStep functions' }]);
  });
});
