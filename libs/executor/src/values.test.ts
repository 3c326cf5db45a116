import { describe, expect, it } from 'vitest';
import type { ConditionExpr } from '@pedigree/sdk';
import { PropertyResolutionError } from './errors.ts';
import { compare, evaluateCondition, resolveKeyValue, resolvePlainValue, type ValueScope } from './values.ts';

const scope: ValueScope = {
  parameters: { Threshold: 0.8, Name: 'iris' },
  executionVariables: { ExecutionId: 'ex_1', PipelineName: 'p', PipelineVersion: '1', StartDateTime: '2026-01-01T00:00:00.000Z' },
  outputDigest: (step, output) => (step === 'prep' && output === 'data' ? (('sha256:' + 'a'.repeat(64)) as never) : null),
  outputPath: async () => '/tmp/x',
  propertyFile: (step, file) => (step === 'eval' && file === 'report' ? { metrics: { accuracy: 0.9 }, classes: [{ f1: 0.5 }] } : undefined),
  callbackOutput: () => undefined,
};

const gte = (path: string): ConditionExpr => ({
  kind: 'greaterThanOrEqual',
  left: { kind: 'jsonGet', step: 'eval', propertyFile: 'report', path },
  right: { kind: 'parameter', name: 'Threshold' },
});

describe('values and conditions', () => {
  it('evaluates conditions over JsonGet, parameters, not/and/or/in', () => {
    expect(evaluateCondition(gte('metrics.accuracy'), scope, 'c')).toBe(true);
    expect(evaluateCondition({ kind: 'not', condition: gte('metrics.accuracy') }, scope, 'c')).toBe(false);
    expect(evaluateCondition({ kind: 'and', conditions: [gte('metrics.accuracy'), gte('classes[0].f1')] }, scope, 'c')).toBe(false);
    expect(evaluateCondition({ kind: 'or', conditions: [gte('metrics.accuracy'), gte('classes[0].f1')] }, scope, 'c')).toBe(true);
    expect(
      evaluateCondition(
        { kind: 'in', value: { kind: 'parameter', name: 'Name' }, values: [{ kind: 'literal', value: 'iris' }] },
        scope,
        'c',
      ),
    ).toBe(true);
  });

  it('fails a condition over a missing property with a message naming the property, not a crash', () => {
    expect(() => evaluateCondition(gte('metrics.f1'), scope, 'conditions[0]')).toThrow(PropertyResolutionError);
    expect(() => evaluateCondition(gte('metrics.f1'), scope, 'conditions[0]')).toThrow(
      /property metrics\.f1 does not exist in property file report of step eval/,
    );
    expect(() =>
      evaluateCondition(
        {
          kind: 'equals',
          left: { kind: 'jsonGet', step: 'other', propertyFile: 'report', path: 'x' },
          right: { kind: 'literal', value: 1 },
        },
        scope,
        'c',
      ),
    ).toThrow(/property file report of step other is not available/);
  });

  it('puts digests, never paths, into key values', () => {
    expect(resolveKeyValue({ kind: 'output', step: 'prep', output: 'data' }, scope, 'a')).toEqual({
      output: 'prep.data',
      digest: 'sha256:' + 'a'.repeat(64),
    });
    expect(
      resolveKeyValue(
        {
          kind: 'join',
          on: ':',
          values: [
            { kind: 'literal', value: 'x' },
            { kind: 'parameter', name: 'Name' },
          ],
        },
        scope,
        'a',
      ),
    ).toBe('x:iris');
    expect(resolvePlainValue({ kind: 'executionVariable', name: 'ExecutionId' }, scope, 'a')).toBe('ex_1');
  });

  it('compares numbers numerically, numeric strings against numbers, and refuses to order booleans', () => {
    expect(compare(10, 9)).toBe(1);
    expect(compare('10', 9)).toBe(1);
    expect(compare('b', 'a')).toBe(1);
    expect(compare(true, true)).toBe(0);
    expect(compare(true, 1)).toBeNull();
    expect(compare('abc', 1)).toBeNull();
  });
});
