/**
 * Classification metrics from a confusion matrix: accuracy, per-class precision / recall / F1 and
 * their macro averages. A class that is never predicted (or never present) gets precision (or
 * recall) 0 rather than NaN, the scikit-learn `zero_division=0` convention, so the report stays JSON.
 */

export interface ConfusionMatrix {
  /** Row and column labels, in order. */
  readonly labels: readonly string[];
  /** matrix[actual][predicted] = count. */
  readonly matrix: readonly (readonly number[])[];
}

export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of samples whose actual class is this one. */
  readonly support: number;
}

export interface EvaluationReport {
  readonly accuracy: number;
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly samples: number;
  readonly perClass: Readonly<Record<string, ClassMetrics>>;
  readonly confusionMatrix: ConfusionMatrix;
}

/** Counts (actual, predicted) pairs; labels not in `labels` throw. */
export function confusionMatrix(labels: readonly string[], actual: readonly string[], predicted: readonly string[]): ConfusionMatrix {
  if (actual.length !== predicted.length) throw new Error(`${actual.length} actual labels but ${predicted.length} predictions`);
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  actual.forEach((label, i) => {
    const a = index.get(label);
    const p = index.get(predicted[i] as string);
    if (a === undefined || p === undefined) throw new Error(`unknown label "${a === undefined ? label : predicted[i]}"`);
    const row = matrix[a] as number[];
    row[p] = (row[p] as number) + 1;
  });
  return { labels: [...labels], matrix };
}

/** Derives the full report from a confusion matrix; throws on an empty or non-square matrix. */
export function evaluateConfusionMatrix(confusion: ConfusionMatrix): EvaluationReport {
  const { labels, matrix } = confusion;
  const k = labels.length;
  if (k === 0 || matrix.length !== k || matrix.some((row) => row.length !== k)) throw new Error(`confusion matrix must be ${k} x ${k}`);
  const cell = (a: number, p: number): number => (matrix[a] as readonly number[])[p] as number;
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) throw new Error('confusion matrix is empty');

  let correct = 0;
  const perClass: Record<string, ClassMetrics> = {};
  labels.forEach((label, c) => {
    const tp = cell(c, c);
    correct += tp;
    let predictedAsC = 0;
    let actualC = 0;
    for (let i = 0; i < k; i++) {
      predictedAsC += cell(i, c);
      actualC += cell(c, i);
    }
    const precision = predictedAsC === 0 ? 0 : tp / predictedAsC;
    const recall = actualC === 0 ? 0 : tp / actualC;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support: actualC };
  });
  const mean = (pick: (m: ClassMetrics) => number): number => Object.values(perClass).reduce((sum, m) => sum + pick(m), 0) / k;
  return {
    accuracy: correct / total,
    macroPrecision: mean((m) => m.precision),
    macroRecall: mean((m) => m.recall),
    macroF1: mean((m) => m.f1),
    samples: total,
    perClass,
    confusionMatrix: { labels: [...labels], matrix: matrix.map((row) => [...row]) },
  };
}
