import { describe, expect, it } from 'vitest';
import { parameters } from './test/fixtures.ts';
import { initialValues, parameterFromPath, parseParameters } from './parameters.ts';

describe('parameters', () => {
  it('prefills defaults as text and booleans as booleans', () => {
    expect(initialValues(parameters)).toEqual({ TestFraction: '0.3', Seed: '42', Optimizer: 'gd', Standardize: true, Owner: '' });
  });

  it('parses typed values', () => {
    const raw = { ...initialValues(parameters), Seed: ' 7 ', TestFraction: '.25', Owner: 'ana' };
    expect(parseParameters(parameters, raw)).toEqual({
      values: { TestFraction: 0.25, Seed: 7, Optimizer: 'gd', Standardize: true, Owner: 'ana' },
      errors: {},
    });
  });

  it('rejects non-integers, non-numbers, values outside the enum and missing required values', () => {
    const raw = { ...initialValues(parameters), Seed: '1e3', TestFraction: '0.3x', Optimizer: 'sgd' };
    const { errors } = parseParameters(parameters, raw);
    expect(Object.keys(errors).sort()).toEqual(['Optimizer', 'Owner', 'Seed', 'TestFraction']);
    expect(errors['Optimizer']).toBe('Choose one of: gd, adam.');
  });

  it('leaves an emptied optional field to its server default', () => {
    const { values, errors } = parseParameters(parameters, { ...initialValues(parameters), Seed: '', Owner: 'x' });
    expect(errors).toEqual({});
    expect('Seed' in values).toBe(false);
  });

  it('maps server paths to parameter names', () => {
    expect(parameterFromPath('input.parameters.Epochs')).toBe('Epochs');
    expect(parameterFromPath('parameters.Seed')).toBe('Seed');
    expect(parameterFromPath('input.pipelineName')).toBeNull();
  });
});
