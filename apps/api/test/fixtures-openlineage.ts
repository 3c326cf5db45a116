import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The OpenLineage fixtures: the repository's copy in libs/openlineage (see its test/fixtures/README.md). */
export const OPENLINEAGE_FIXTURE_DIR = fileURLToPath(new URL('../../../libs/openlineage/test/fixtures/events/', import.meta.url));

export interface OpenLineageFixture {
  readonly file: string;
  /** The file's text as a producer would post it (one event or an array). */
  readonly text: string;
  readonly events: readonly Record<string, unknown>[];
}

/** Every fixture file. Throws, naming the directory, when it is missing: these tests must not pass vacuously. */
export function loadOpenLineageFixtures(): OpenLineageFixture[] {
  if (!existsSync(OPENLINEAGE_FIXTURE_DIR)) {
    throw new Error(`OpenLineage fixtures not found at ${OPENLINEAGE_FIXTURE_DIR}: the repository's copy of the fixtures is missing`);
  }
  const files = readdirSync(OPENLINEAGE_FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no OpenLineage fixture files in ${OPENLINEAGE_FIXTURE_DIR}`);
  return files.map((file) => {
    const text = readFileSync(path.join(OPENLINEAGE_FIXTURE_DIR, file), 'utf8');
    const parsed = JSON.parse(text) as unknown;
    return { file, text, events: (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[] };
  });
}

/** Shuffles reproducibly from a seed (the contract suite's mulberry32 shuffle). */
export { seededShuffle } from '@pedigree/graph-store/testing';
