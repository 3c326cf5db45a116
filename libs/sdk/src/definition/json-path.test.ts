import { InvalidArgumentError } from '@pedigree/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error.ts';
import { parseJsonPath, readJsonPath } from './json-path.ts';

describe('parseJsonPath', () => {
  it.each([
    ['accuracy', ['accuracy']],
    ['metrics.accuracy', ['metrics', 'accuracy']],
    ['classes[0].f1', ['classes', 0, 'f1']],
    ['a[0][12]', ['a', 0, 12]],
    ['scores["f1-macro"]', ['scores', 'f1-macro']],
    ['["a.b"].c', ['a.b', 'c']],
    ['$root._x', ['$root', '_x']],
    ['macro-f1', ['macro-f1']],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['', '.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[-1]', 'a b', '["\\q"]', 'a]'])('rejects %j', (path) => {
    expect(() => parseJsonPath(path)).toThrow(InvalidArgumentError);
  });
});

describe('readJsonPath', () => {
  const doc = { metrics: { accuracy: 0.93 }, classes: [{ f1: 0.9 }, { f1: 0.8 }], 'a.b': { c: true } };

  it('reads values by path', () => {
    expect(readJsonPath(doc, 'metrics.accuracy')).toBe(0.93);
    expect(readJsonPath(doc, 'classes[1].f1')).toBe(0.8);
    expect(readJsonPath(doc, '["a.b"].c')).toBe(true);
  });

  it('is undefined for missing keys, indexes into objects and keys into arrays', () => {
    expect(readJsonPath(doc, 'metrics.recall')).toBeUndefined();
    expect(readJsonPath(doc, 'metrics[0]')).toBeUndefined();
    expect(readJsonPath(doc, 'classes.f1')).toBeUndefined();
    expect(readJsonPath(doc, 'classes[5].f1')).toBeUndefined();
    expect(readJsonPath(doc, 'metrics.accuracy.x')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(readJsonPath({}, 'constructor')).toBeUndefined();
    expect(readJsonPath({ a: {} }, 'a.toString')).toBeUndefined();
  });
});

describe('jsonErrorOffset', () => {
  it('points inside (or just past) the text for any broken JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('}', ']', ',', ':', 'x', '"', '\n', '{', '['), (json, at, junk) => {
        const position = at % (json.length + 1);
        const text = json.slice(0, position) + junk + json.slice(position);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        const offset = jsonErrorOffset(text);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThanOrEqual(text.length);
        // The text up to the error is a well-formed prefix, so the error is never before the token the junk went into.
        const tokenStart = text.slice(0, position).search(/[A-Za-z0-9.+-]*$/);
        expect(offset).toBeGreaterThanOrEqual(Math.min(tokenStart, position));
      }),
      { numRuns: 300 },
    );
  });
});
