import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDigest, canonicalJson } from './canonical-json.ts';
import { InvalidArgumentError } from './errors.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('encodes -0 like 0 so the hash does not depend on the sign of zero', () => {
    expect(canonicalJson({ x: -0 })).toBe(canonicalJson({ x: 0 }));
  });

  it('refuses non-finite numbers, naming the path', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrowError(InvalidArgumentError);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/\$\.a\[1\]/);
  });

  it('refuses cycles, functions and bigints', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"v":1},"b":{"v":1}}');
  });

  it('gives the same text for objects that differ only in key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        // Canonical text is valid JSON that parses back to an equal value.
        expect(canonicalJson(JSON.parse(canonicalJson(obj)))).toBe(canonicalJson(obj));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes as sha256:<hex> and differs when any value differs', () => {
    const a = canonicalDigest({ x: 1 });
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(canonicalDigest({ x: 2 })).not.toBe(a);
    expect(canonicalDigest({ x: 1 })).toBe(a);
  });
});
