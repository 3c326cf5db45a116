import { describe, expect, it } from 'vitest';
import { formatIrisCsv, type IrisSample } from './iris-csv.ts';
import { stratifiedSplit } from './split.ts';
import { loadIris } from './test-data.ts';

const countBy = (samples: readonly IrisSample[]): Record<string, number> =>
  samples.reduce<Record<string, number>>((counts, sample) => ({ ...counts, [sample.label]: (counts[sample.label] ?? 0) + 1 }), {});

describe('stratifiedSplit', () => {
  const iris = loadIris();

  it('puts the same share of every class in the test set', () => {
    const { train, test } = stratifiedSplit(iris, { testFraction: 0.3, seed: 42 });
    expect(countBy(test)).toEqual({ setosa: 15, versicolor: 15, virginica: 15 });
    expect(countBy(train)).toEqual({ setosa: 35, versicolor: 35, virginica: 35 });
  });

  it('partitions the data: disjoint sets whose union is the whole dataset, in the original order', () => {
    const { train, test } = stratifiedSplit(iris, { testFraction: 0.2, seed: 7 });
    expect(train.length + test.length).toBe(iris.length);
    expect(new Set([...train, ...test]).size).toBe(iris.length);
    const position = new Map(iris.map((sample, index) => [sample, index]));
    const ascending = (rows: IrisSample[]) =>
      rows.every((row, i) => i === 0 || position.get(rows[i - 1] as IrisSample)! < position.get(row)!);
    expect(ascending(train) && ascending(test)).toBe(true);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const first = stratifiedSplit(iris, { testFraction: 0.3, seed: 42 });
    const again = stratifiedSplit(iris, { testFraction: 0.3, seed: 42 });
    const other = stratifiedSplit(iris, { testFraction: 0.3, seed: 43 });
    expect(formatIrisCsv(again.test)).toBe(formatIrisCsv(first.test));
    expect(formatIrisCsv(other.test)).not.toBe(formatIrisCsv(first.test));
  });

  it('rejects fractions outside (0, 1), non-integer seeds and classes too small to split', () => {
    expect(() => stratifiedSplit(iris, { testFraction: 0, seed: 1 })).toThrow(/testFraction/);
    expect(() => stratifiedSplit(iris, { testFraction: 1, seed: 1 })).toThrow(/testFraction/);
    expect(() => stratifiedSplit(iris, { testFraction: 0.3, seed: 1.5 })).toThrow(/seed/);
    expect(() => stratifiedSplit([{ features: [1], label: 'a' }], { testFraction: 0.5, seed: 1 })).toThrow(/at least 2/);
  });
});
