import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError, PedigreeError, ValidationError, isNotFoundError, isPedigreeError } from './errors.ts';

describe('PedigreeError hierarchy', () => {
  it('names the missing ids in NOT_FOUND', () => {
    const e = new NotFoundError('Artifact', ['ar_1', 'ar_2']);
    expect(e).toBeInstanceOf(PedigreeError);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('Artifact not found: ar_1, ar_2');
    expect(e.ids).toEqual(['ar_1', 'ar_2']);
    expect(e.name).toBe('NotFoundError');
    expect(isNotFoundError(e)).toBe(true);
  });

  it('lists validation issues with their paths and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `steps[${i}].name`, message: 'is empty' }));
    const e = new ValidationError('pipeline definition', issues);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain('steps[0].name: is empty');
    expect(e.message).toContain('(and 2 more)');
    expect(e.issues).toHaveLength(7);
  });

  it('serialises to code, message and context without a stack', () => {
    const json = JSON.parse(JSON.stringify(new InvalidArgumentError('maxDepth', 'must be at most 50')));
    expect(json).toEqual({ code: 'INVALID_ARGUMENT', message: 'maxDepth: must be at most 50', context: { argument: 'maxDepth' } });
    expect(isPedigreeError(new Error('x'))).toBe(false);
  });
});
