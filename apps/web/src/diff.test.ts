import { describe, expect, it } from 'vitest';
import { canonicalJson, diffLines } from './diff.ts';

describe('diffLines', () => {
  it('marks added and removed lines around common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('finds no change in key order alone once canonicalised', () => {
    const lines = diffLines(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }), canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
    expect(lines.every((l) => l.kind === 'same')).toBe(true);
  });
});
