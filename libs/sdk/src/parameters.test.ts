import { ValidationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from './definition/types.ts';
import { resolveParameterValues } from './parameters.ts';
import { irisDefinition } from './testing/definitions.ts';

function withRequired(): PipelineDefinition {
  const def = irisDefinition();
  return { ...def, parameters: [...def.parameters, { name: 'Owner', type: 'String', default: null, enum: null, description: null }] };
}

function issues(def: PipelineDefinition, given: Record<string, unknown>) {
  try {
    resolveParameterValues(def, given);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('resolveParameterValues', () => {
  it('fills defaults', () => {
    expect(resolveParameterValues(irisDefinition(), {})).toEqual({
      InputData: 'data/iris.csv',
      Threshold: 0.9,
      Epochs: 10,
      Mode: 'fast',
      Verbose: false,
    });
  });

  it('converts CLI-style strings to the declared types', () => {
    expect(resolveParameterValues(irisDefinition(), { Threshold: '0.5', Epochs: '20', Verbose: 'TRUE', Mode: 'full' })).toMatchObject({
      Threshold: 0.5,
      Epochs: 20,
      Verbose: true,
      Mode: 'full',
    });
    expect(resolveParameterValues(irisDefinition(), { Threshold: '1e-2', Verbose: 'false' })).toMatchObject({
      Threshold: 0.01,
      Verbose: false,
    });
  });

  it('accepts typed values as they are', () => {
    expect(resolveParameterValues(irisDefinition(), { Threshold: 1, Epochs: 5, Verbose: true })).toMatchObject({
      Threshold: 1,
      Epochs: 5,
      Verbose: true,
    });
  });

  it('lists every problem at once, each at parameters.<Name>', () => {
    expect(issues(withRequired(), { Threshold: 'high', Epochs: 2.5, Mode: 'slow', Verbose: 'yes', Extra: 1, InputData: 7 })).toEqual([
      { path: 'parameters.Extra', message: 'unknown parameter; the pipeline declares InputData, Threshold, Epochs, Mode, Verbose, Owner' },
      { path: 'parameters.InputData', message: 'expected a string, got 7 (parameter type String)' },
      { path: 'parameters.Threshold', message: 'expected a number, got "high" (parameter type Float)' },
      { path: 'parameters.Epochs', message: 'expected an integer, got 2.5 (parameter type Integer)' },
      { path: 'parameters.Mode', message: '"slow" is not one of the allowed values "fast", "full"' },
      { path: 'parameters.Verbose', message: 'expected a boolean (true or false), got "yes" (parameter type Boolean)' },
      { path: 'parameters.Owner', message: 'required String parameter has no value and no default' },
    ]);
  });

  it.each([['2.0'], ['1e3'], ['ten'], [''], [Number.NaN], [2 ** 60]])('rejects %j for an Integer', (value) => {
    expect(issues(irisDefinition(), { Epochs: value })[0]!.path).toBe('parameters.Epochs');
  });

  it('checks enum membership after conversion', () => {
    expect(issues(irisDefinition(), { Epochs: '7' })).toEqual([
      { path: 'parameters.Epochs', message: '7 is not one of the allowed values 5, 10, 20' },
    ]);
    expect(resolveParameterValues(irisDefinition(), { Epochs: '5' }).Epochs).toBe(5);
  });
});

describe('resolveParameterValues with malformed input', () => {
  it('refuses something other than an object of values', () => {
    expect(issues(irisDefinition(), [1, 2] as never)).toEqual([
      { path: 'parameters', message: 'parameter values must be an object of name -> value' },
    ]);
    expect(issues(irisDefinition(), 'Threshold=1' as never)[0]!.path).toBe('parameters');
  });

  it('treats undefined as no values given', () => {
    expect(resolveParameterValues(irisDefinition(), undefined as never).Threshold).toBe(0.9);
  });

  it.each([[{}], [[1]], [Symbol('x')], [() => 1]])('rejects %s for a Float', (value) => {
    expect(issues(irisDefinition(), { Threshold: value })[0]!.path).toBe('parameters.Threshold');
  });
});
