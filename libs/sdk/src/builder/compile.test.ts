import { sha256Hex, ValidationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../definition/parse.ts';
import { irisDefinition } from '../testing/definitions.ts';
import { irisPipeline } from '../testing/iris-pipeline.ts';
import { compilePipeline } from './compile.ts';

describe('compilePipeline', () => {
  it('compiles the iris pipeline to exactly the hand-written definition', () => {
    const compiled = compilePipeline(irisPipeline());
    expect(compiled.definition).toEqual(irisDefinition());
  });

  it('is deterministic: the same source gives byte-identical JSON and the same hash', () => {
    const a = compilePipeline(irisPipeline());
    const b = compilePipeline(irisPipeline());
    expect(a.json).toBe(b.json);
    expect(a.definitionHash).toBe(b.definitionHash);
    expect(a.definitionHash).toBe(sha256Hex(a.json));
    expect(a.json).not.toMatch(/\s{2}|\n/);
  });

  it('round-trips through parseDefinition', () => {
    const compiled = compilePipeline(irisPipeline());
    expect(parseDefinition(compiled.json)).toEqual(compiled.definition);
  });

  it('throws a ValidationError for an invalid pipeline', () => {
    expect(() => compilePipeline({} as never)).toThrow(/expected a pipeline/);
  });

  it('is a ValidationError for semantic issues', () => {
    const error = (() => {
      try {
        compilePipeline({ ...irisPipeline(), name: 'bad name' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
  });
});
