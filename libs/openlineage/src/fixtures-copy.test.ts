// The repository carries copies of the project's shared OpenLineage material (the spec schemas in
// spec/, the real producer events in test/fixtures/events) so that tests run wherever it is cloned.
// Where the shared directory is beside the repository, the copies must be byte for byte the same.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, SHARED_FIXTURE_ROOT } from '../test/fixtures.ts';

const SPEC_DIR = fileURLToPath(new URL('../spec/', import.meta.url));
const shared = existsSync(SHARED_FIXTURE_ROOT);
if (!shared) console.warn(`SKIPPED OpenLineage copy check: ${SHARED_FIXTURE_ROOT} is not beside this clone`);

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

function expectSameFiles(ours: string, theirs: string, names: readonly string[]): void {
  for (const name of names) expect(readFileSync(path.join(ours, name), 'utf8'), name).toBe(readFileSync(path.join(theirs, name), 'utf8'));
}

describe.skipIf(!shared)(`copies of ${SHARED_FIXTURE_ROOT} (skipped when it is not beside the clone)`, () => {
  it('spec/: the 2-0-2 core schema and every facet schema, unchanged', () => {
    const theirs = path.join(SHARED_FIXTURE_ROOT, 'spec');
    expect(jsonFiles(path.join(SPEC_DIR, 'facets'))).toEqual(jsonFiles(path.join(theirs, 'facets')));
    expectSameFiles(SPEC_DIR, theirs, ['OpenLineage.json', ...jsonFiles(path.join(theirs, 'facets')).map((f) => `facets/${f}`)]);
  });

  it('test/fixtures/events: every event file, unchanged', () => {
    const theirs = path.join(SHARED_FIXTURE_ROOT, 'events');
    expect(jsonFiles(FIXTURE_DIR)).toEqual(jsonFiles(theirs));
    expectSameFiles(FIXTURE_DIR, theirs, jsonFiles(theirs));
  });
});

it('the copied event fixtures are present (every test over them reads this directory)', () => {
  expect(jsonFiles(FIXTURE_DIR).length).toBeGreaterThanOrEqual(30);
});
