import { describe, expect, it } from 'vitest';
import { confusionMatrix, evaluateConfusionMatrix } from './metrics.ts';

describe('confusionMatrix', () => {
  it('counts matrix[actual][predicted]', () => {
    const matrix = confusionMatrix(['a', 'b'], ['a', 'a', 'b', 'b', 'b'], ['a', 'b', 'b', 'b', 'a']);
    expect(matrix.matrix).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(() => confusionMatrix(['a'], ['a', 'z'], ['a', 'a'])).toThrow(/unknown label "z"/);
    expect(() => confusionMatrix(['a'], ['a'], [])).toThrow(/1 actual labels but 0 predictions/);
  });
});

describe('evaluateConfusionMatrix', () => {
  it('computes accuracy and per-class precision, recall and F1 of a hand-made matrix', () => {
    // actual \ predicted:  cat dog bird
    //                cat [  5   1    0 ]
    //                dog [  2   3    1 ]
    //               bird [  0   0    4 ]
    const report = evaluateConfusionMatrix({
      labels: ['cat', 'dog', 'bird'],
      matrix: [
        [5, 1, 0],
        [2, 3, 1],
        [0, 0, 4],
      ],
    });
    expect(report.samples).toBe(16);
    expect(report.accuracy).toBeCloseTo(12 / 16, 12);
    // cat: precision 5/7, recall 5/6; dog: 3/4, 3/6; bird: 4/5, 4/4.
    expect(report.perClass['cat']).toMatchObject({ support: 6 });
    expect(report.perClass['cat']!.precision).toBeCloseTo(5 / 7, 12);
    expect(report.perClass['cat']!.recall).toBeCloseTo(5 / 6, 12);
    expect(report.perClass['cat']!.f1).toBeCloseTo((2 * (5 / 7) * (5 / 6)) / (5 / 7 + 5 / 6), 12);
    expect(report.perClass['dog']!.precision).toBeCloseTo(3 / 4, 12);
    expect(report.perClass['dog']!.recall).toBeCloseTo(1 / 2, 12);
    expect(report.perClass['dog']!.f1).toBeCloseTo(0.6, 12);
    expect(report.perClass['bird']!.precision).toBeCloseTo(4 / 5, 12);
    expect(report.perClass['bird']!.recall).toBe(1);
    expect(report.perClass['bird']!.f1).toBeCloseTo(8 / 9, 12);
    expect(report.macroPrecision).toBeCloseTo((5 / 7 + 3 / 4 + 4 / 5) / 3, 12);
    expect(report.macroRecall).toBeCloseTo((5 / 6 + 1 / 2 + 1) / 3, 12);
    expect(report.macroF1).toBeCloseTo(((2 * (5 / 7) * (5 / 6)) / (5 / 7 + 5 / 6) + 0.6 + 8 / 9) / 3, 12);
  });

  it('gives 0 (not NaN) for a class that is never predicted, so the report stays valid JSON', () => {
    const report = evaluateConfusionMatrix({
      labels: ['a', 'b'],
      matrix: [
        [3, 0],
        [2, 0],
      ],
    });
    expect(report.perClass['b']).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('rejects empty and non-square matrices', () => {
    expect(() => evaluateConfusionMatrix({ labels: ['a'], matrix: [[0]] })).toThrow(/empty/);
    expect(() => evaluateConfusionMatrix({ labels: ['a', 'b'], matrix: [[1, 2]] })).toThrow(/2 x 2/);
  });
});
