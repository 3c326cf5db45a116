/**
 * The iris CSV format shared by every step: a header row, four numeric features, the species last.
 * Parsing is strict (a wrong header, a short row or a non-numeric value throws with the line number)
 * because a silently mangled dataset would still train, just badly.
 */

export const FEATURE_NAMES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
export const LABEL_NAME = 'species';
export const CSV_HEADER = [...FEATURE_NAMES, LABEL_NAME].join(',');

export interface IrisSample {
  readonly features: readonly number[];
  readonly label: string;
}

/** Parses iris CSV text; throws Error naming the line on any malformed row. */
export function parseIrisCsv(text: string): IrisSample[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== CSV_HEADER) {
    throw new Error(`iris CSV: expected header "${CSV_HEADER}", got "${lines[0] ?? ''}"`);
  }
  return lines.slice(1).map((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== FEATURE_NAMES.length + 1) {
      throw new Error(`iris CSV line ${index + 2}: expected ${FEATURE_NAMES.length + 1} columns, got ${cells.length}`);
    }
    const features = cells.slice(0, FEATURE_NAMES.length).map((cell) => {
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) throw new Error(`iris CSV line ${index + 2}: "${cell}" is not a number`);
      return value;
    });
    const label = cells[FEATURE_NAMES.length] ?? '';
    if (label === '') throw new Error(`iris CSV line ${index + 2}: empty species`);
    return { features, label };
  });
}

/** Formats samples as iris CSV (header, one row per sample, trailing newline). */
export function formatIrisCsv(samples: readonly IrisSample[]): string {
  return [CSV_HEADER, ...samples.map((sample) => [...sample.features, sample.label].join(','))].join('\n') + '\n';
}
