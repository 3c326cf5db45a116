import { describe, expect, it } from 'vitest';
import { extractMetrics } from './metrics.ts';

describe('extractMetrics', () => {
  it('reads numbers from property files and returned results, skipping nested tables', () => {
    const metrics = extractMetrics([
      {
        stepName: 'EvaluateModel',
        properties: { propertyFiles: { EvaluationReport: { accuracy: 0.95, perClass: { setosa: { f1: 1 } } } }, result: { macroF1: 0.9 } },
      },
      { stepName: 'CheckAccuracy', properties: { outcome: true } },
      { stepName: 'Skipped', properties: null },
    ]);
    expect(metrics).toEqual({ 'EvaluateModel.accuracy': 0.95, 'EvaluateModel.macroF1': 0.9 });
  });
});
