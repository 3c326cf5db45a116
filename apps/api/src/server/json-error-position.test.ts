import { describe, expect, it } from 'vitest';
import { jsonErrorPosition, lineAndColumn } from './json-error-position.ts';

describe('jsonErrorPosition', () => {
  it.each([
    ['{\n  "a": }', 9],
    ['{"a" 1}', 5],
    ['[1,2', 4],
    ['{"a": tru}', 9],
    ['"abc', 4],
    ['{"a": 01}', 7],
    ['{"a": 1,}', 8],
    ['[1] x', 4],
    ['"bad \\q escape"', 6],
    ['', 0],
  ])('%j fails at %i', (text, position) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toBe(position);
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} ', '0', '"s"'])('%j is valid JSON', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorPosition(text)).toBeNull();
  });

  it('names 1-based lines and columns', () => {
    expect(lineAndColumn('{\n  "a": }', 9)).toEqual({ line: 2, column: 8 });
    expect(lineAndColumn('[1,2', 4)).toEqual({ line: 1, column: 5 });
  });
});
