/** The committed iris dataset, for tests of the ML code. */
import { readFileSync } from 'node:fs';
import { parseIrisCsv, type IrisSample } from './iris-csv.ts';

export const IRIS_CSV_FILE = new URL('../../data/iris.csv', import.meta.url);

export function loadIris(): IrisSample[] {
  return parseIrisCsv(readFileSync(IRIS_CSV_FILE, 'utf8'));
}
