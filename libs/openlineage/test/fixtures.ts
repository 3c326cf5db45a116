import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The OpenLineage fixtures, copied into the repository (see fixtures/README.md). */
export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/events/', import.meta.url));

/** The project's shared fixtures beside the repository (`../shared/fixtures/openlineage`), when present: the copy's source. */
export const SHARED_FIXTURE_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared/fixtures/openlineage');

/** The two files real producers send off the schema (see the fixtures' README): accepted with warnings. */
export const OFF_SCHEMA_FILES = ['dbt__structured-logs-postgres-run__failed_run_ol_events.json', 'spark__pysparkHiveCompleteEvent.json'];

export interface FixtureFile {
  readonly file: string;
  readonly events: readonly Record<string, unknown>[];
}

/** Every fixture file with its events (a file holds one event or an array). Throws, naming the directory, when it is missing. */
export function loadFixtures(): FixtureFile[] {
  if (!existsSync(FIXTURE_DIR)) {
    throw new Error(`OpenLineage fixtures not found at ${FIXTURE_DIR}: the repository's copy of the fixtures is missing`);
  }
  const files = readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no OpenLineage fixture files in ${FIXTURE_DIR}`);
  return files.map((file) => {
    const parsed = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as unknown;
    return { file, events: (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[] };
  });
}

export function fixture(file: string): FixtureFile {
  const found = loadFixtures().find((f) => f.file === file);
  if (!found) throw new Error(`no fixture ${file} in ${FIXTURE_DIR}`);
  return found;
}
