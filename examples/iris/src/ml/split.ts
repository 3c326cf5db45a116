import type { IrisSample } from './iris-csv.ts';
import { createRandom, shuffled } from './random.ts';

export interface SplitOptions {
  /** Share of each class that goes to the test set, in (0, 1). */
  readonly testFraction: number;
  readonly seed: number;
}

export interface Split {
  readonly train: IrisSample[];
  readonly test: IrisSample[];
}

/**
 * Stratified train/test split: each class contributes round(n * testFraction) samples to the test
 * set (at least one, and at least one left for training), chosen by a seeded shuffle. Both sets keep
 * the original row order, so the same seed and data always give byte-identical CSVs.
 */
export function stratifiedSplit(samples: readonly IrisSample[], options: SplitOptions): Split {
  const { testFraction, seed } = options;
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);

  const byClass = new Map<string, number[]>();
  samples.forEach((sample, index) => {
    const indices = byClass.get(sample.label) ?? [];
    indices.push(index);
    byClass.set(sample.label, indices);
  });

  const random = createRandom(seed);
  const testIndices = new Set<number>();
  // Classes in sorted order: the random stream must be consumed in an order that does not depend on Map insertion.
  for (const label of [...byClass.keys()].sort()) {
    const indices = byClass.get(label) ?? [];
    if (indices.length < 2) throw new Error(`class "${label}" has ${indices.length} sample(s); a stratified split needs at least 2`);
    const count = Math.min(indices.length - 1, Math.max(1, Math.round(indices.length * testFraction)));
    for (const index of shuffled(indices, random).slice(0, count)) testIndices.add(index);
  }

  const train: IrisSample[] = [];
  const test: IrisSample[] = [];
  samples.forEach((sample, index) => (testIndices.has(index) ? test : train).push(sample));
  return { train, test };
}
