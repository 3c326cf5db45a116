/**
 * Type-level tests: each `@ts-expect-error` line must fail to typecheck (`tsc --noEmit` fails if it
 * compiles), and `expectTypeOf` pins the inferred types. The runtime assertions keep vitest honest.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defineCallbackStep,
  defineConditionStep,
  defineEvaluationStep,
  defineParameter,
  definePipeline,
  defineRegisterModelStep,
  defineTrainingStep,
  equals,
  greaterThan,
  handler,
  In,
  lessThan,
  type JsonGetExpression,
  type ParameterRef,
  type StepOutput,
} from '../index.ts';

const train = defineTrainingStep({
  name: 'train',
  run: handler('steps/train.ts', 'train'),
  outputs: { model: 'Model', logs: { type: 'Other', description: 'training logs' }, data: {} },
});

const evaluate = defineEvaluationStep({
  name: 'evaluate',
  run: handler('steps/evaluate.ts'),
  inputs: { model: train.outputs.model },
  outputs: { report: 'Metrics' },
  propertyFiles: { evaluation: { output: 'report', path: 'evaluation.json' } },
});

describe('builder types', () => {
  it('types outputs from the declared names and artifact types', () => {
    expectTypeOf(train.outputs.model).toEqualTypeOf<StepOutput<'Model'>>();
    expectTypeOf(train.outputs.logs).toEqualTypeOf<StepOutput<'Other'>>();
    expectTypeOf(train.outputs.data).toEqualTypeOf<StepOutput<'DataSet'>>();
    // @ts-expect-error a typo in an output name is a compile error
    expect(train.outputs.modle).toBeUndefined();
  });

  it('types property files and JsonGet', () => {
    expectTypeOf(evaluate.propertyFiles.evaluation.get('metrics.accuracy')).toEqualTypeOf<JsonGetExpression>();
    // @ts-expect-error an undeclared property file is a compile error
    expect(evaluate.propertyFiles.metrics).toBeUndefined();
  });

  it('rejects a property file on an undeclared output at compile time', () => {
    const step = defineEvaluationStep({
      name: 'e',
      run: handler('x.ts'),
      outputs: { report: 'Metrics' },
      // @ts-expect-error `output` must name a declared output
      propertyFiles: { evaluation: { output: 'reports', path: 'evaluation.json' } },
    });
    expect(step.name).toBe('e');
  });

  it('types parameters from the parameters record', () => {
    definePipeline({
      name: 'p',
      parameters: { Threshold: defineParameter.float({ default: 0.5 }), Mode: defineParameter.string(), Flag: defineParameter.boolean() },
      steps: (p) => {
        expectTypeOf(p.Threshold).toEqualTypeOf<ParameterRef<'Float', 'Threshold'>>();
        expectTypeOf(p.Mode).toEqualTypeOf<ParameterRef<'String', 'Mode'>>();
        // @ts-expect-error an undeclared parameter is a compile error
        expect(p.Treshold).toBeUndefined();
        greaterThan(p.Threshold, 0.1);
        greaterThan(evaluate.propertyFiles.evaluation.get('a'), p.Threshold);
        // @ts-expect-error a String parameter cannot be compared with greaterThan
        greaterThan(p.Mode, 1);
        // @ts-expect-error a Boolean where a number is needed
        lessThan(1, p.Flag);
        equals(p.Mode, 'fast');
        // @ts-expect-error equals needs values of one kind
        equals(p.Mode, 3);
        In(p.Mode, ['fast', 'full']);
        // @ts-expect-error In needs values of the value's kind
        In(p.Threshold, ['a']);
        defineEvaluationStep({
          name: 'x',
          run: handler('x.ts'),
          // @ts-expect-error only a String parameter can be an input source
          inputs: { data: p.Threshold },
        });
        return [];
      },
    });
  });

  it('requires a Model output for register-model', () => {
    defineRegisterModelStep({ name: 'r', modelPackageGroup: 'g', model: train.outputs.model, metricsArtifact: evaluate.outputs.report });
    // @ts-expect-error a DataSet output is not a model
    defineRegisterModelStep({ name: 'r', modelPackageGroup: 'g', model: train.outputs.data });
    expect(true).toBe(true);
  });

  it('types callback outputs', () => {
    const approve = defineCallbackStep({ name: 'approve', outputs: { approved: 'Boolean', score: 'Float' } });
    expectTypeOf(approve.outputs.approved.valueKind).toEqualTypeOf<'boolean'>();
    equals(approve.outputs.approved, true);
    greaterThan(approve.outputs.score, 0.5);
    // @ts-expect-error a Boolean callback output is not a number
    greaterThan(approve.outputs.approved, 0.5);
    // @ts-expect-error undeclared callback output
    expect(approve.outputs.reason).toBeUndefined();
    defineConditionStep({ name: 'c', conditions: equals(approve.outputs.approved, true) });
  });
});
