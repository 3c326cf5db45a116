import { describe, expect, it } from 'vitest';
import { toEnvName } from './env-names.ts';

describe('toEnvName', () => {
  it('turns channel and argument names into upper snake case', () => {
    expect(toEnvName('learningRate')).toBe('LEARNING_RATE');
    expect(toEnvName('train-data')).toBe('TRAIN_DATA');
    expect(toEnvName('model')).toBe('MODEL');
    expect(toEnvName('x2Y')).toBe('X2_Y');
  });
});
