import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixtures, OFF_SCHEMA_FILES } from '../test/fixtures.ts';
import { compileOpenLineageFacetSchemas, validateOpenLineageEvent, type OpenLineageValidation } from './validate.ts';

const RUN_ID = '3f5e83fa-3480-44ff-99c5-ff943904e5e8';
const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.0.0/client/python';
const FACET = {
  _producer: PRODUCER,
  _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
};

/** A minimal valid RunEvent; tests break one thing at a time. */
function runEvent(): Record<string, unknown> {
  return {
    eventType: 'START',
    eventTime: '2024-05-01T10:00:00.123456+02:00',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: RUN_ID, facets: {} },
    job: { namespace: 'etl', name: 'orders.daily', facets: {} },
    inputs: [
      { namespace: 'postgres://db:5432', name: 'public.orders', facets: { schema: { ...FACET, fields: [{ name: 'id', type: 'INT' }] } } },
    ],
    outputs: [{ namespace: 's3://lake', name: 'orders_clean' }],
  };
}

function rejected(result: OpenLineageValidation): { path: string; message: string } {
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.error;
}

describe('validateOpenLineageEvent: fixtures', () => {
  const files = loadFixtures();

  it('finds the fixture files (35 as of the fixtures commit)', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  for (const { file, events } of files) {
    it(`accepts every event of ${file}`, () => {
      const results = events.map((event) => validateOpenLineageEvent(event));
      for (const [i, result] of results.entries()) {
        if (!result.ok) throw new Error(`${file} event ${i} rejected at ${result.error.path}: ${result.error.message}`);
      }
      const schemaWarnings = results.flatMap((r) => (r.ok ? r.warnings : [])).filter((w) => !w.message.includes('no schema known'));
      if (OFF_SCHEMA_FILES.includes(file)) {
        // The two files the fixtures' README names as off-schema: accepted, with the problem named.
        expect(schemaWarnings.length).toBeGreaterThan(0);
      } else {
        // Only the offset-less eventTime of the Python serde example is a warning outside the two files.
        expect(schemaWarnings.filter((w) => w.path !== '/eventTime')).toEqual([]);
      }
    });
  }

  it("reports dbt's `_deleted: null` and Spark's catalog facet without name at their paths", () => {
    const dbt = loadFixtures().find((f) => f.file === OFF_SCHEMA_FILES[0])!;
    const dbtWarnings = dbt.events.flatMap((e) => {
      const r = validateOpenLineageEvent(e);
      return r.ok ? r.warnings : [];
    });
    expect(dbtWarnings).toContainEqual(
      expect.objectContaining({ path: '/job/facets/jobType/_deleted', message: expect.stringMatching(/must be boolean/) }),
    );
    const hive = loadFixtures().find((f) => f.file === OFF_SCHEMA_FILES[1])!;
    const hiveResult = validateOpenLineageEvent(hive.events[0]);
    expect(hiveResult.ok && hiveResult.warnings).toContainEqual(
      expect.objectContaining({ path: '/outputs/0/facets/catalog/name', message: expect.stringMatching(/name is required/) }),
    );
  });
});

describe('validateOpenLineageEvent: events of our own making', () => {
  it('accepts the minimal event without warnings', () => {
    const result = validateOpenLineageEvent(runEvent());
    expect(result).toMatchObject({ ok: true, kind: 'RunEvent', warnings: [] });
  });

  const cases: [string, (e: Record<string, unknown>) => void, string, RegExp][] = [
    ['a missing runId', (e) => delete (e['run'] as Record<string, unknown>)['runId'], '/run/runId', /runId is required/],
    ['a missing run', (e) => delete e['run'], '/run', /run is required/],
    ['a missing job', (e) => delete e['job'], '/job', /job is required/],
    ['a missing eventTime', (e) => delete e['eventTime'], '/eventTime', /eventTime is required/],
    ['a runId that is not a UUID', (e) => ((e['run'] as Record<string, unknown>)['runId'] = 'run-42'), '/run/runId', /uuid/],
    ['an eventTime that is not a date-time', (e) => (e['eventTime'] = 'yesterday'), '/eventTime', /date-time/],
    [
      'an unknown eventType',
      (e) => (e['eventType'] = 'DONE'),
      '/eventType',
      /^must be one of "START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"$/,
    ],
    ['a job name that is a number', (e) => ((e['job'] as Record<string, unknown>)['name'] = 42), '/job/name', /string/],
    ['inputs that are not a list', (e) => (e['inputs'] = { namespace: 'a', name: 'b' }), '/inputs', /array/],
    ['an input without a name', (e) => delete (e['inputs'] as Record<string, unknown>[])[0]!['name'], '/inputs/0/name', /name is required/],
    [
      'an empty dataset name',
      (e) => ((e['outputs'] as Record<string, unknown>[])[0]!['name'] = ''),
      '/outputs/0/name',
      /must not be empty/,
    ],
    ['an empty job namespace', (e) => ((e['job'] as Record<string, unknown>)['namespace'] = ''), '/job/namespace', /must not be empty/],
    ['a missing producer', (e) => delete e['producer'], '/producer', /producer is required/],
  ];
  for (const [what, breakIt, path, message] of cases) {
    it(`rejects ${what} with the path ${path}`, () => {
      const event = runEvent();
      breakIt(event);
      const error = rejected(validateOpenLineageEvent(event));
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    });
  }

  it('rejects what is not an object', () => {
    expect(rejected(validateOpenLineageEvent([runEvent()]))).toEqual({
      path: '/',
      message: expect.stringMatching(/JSON object \(got an array\)/),
    });
    expect(rejected(validateOpenLineageEvent('{}')).path).toBe('/');
  });

  it('accepts a DatasetEvent and a JobEvent, and rejects a DatasetEvent without its dataset name', () => {
    const base = { eventTime: '2024-05-01T10:00:00Z', producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json' };
    expect(validateOpenLineageEvent({ ...base, dataset: { namespace: 'n', name: 'd' } })).toMatchObject({ ok: true, kind: 'DatasetEvent' });
    expect(validateOpenLineageEvent({ ...base, job: { namespace: 'n', name: 'j' }, inputs: [], outputs: [] })).toMatchObject({
      ok: true,
      kind: 'JobEvent',
    });
    expect(rejected(validateOpenLineageEvent({ ...base, dataset: { namespace: 'n' } })).path).toBe('/dataset/name');
  });

  it('accepts off-schema and unknown facets with a warning naming each path', () => {
    const event = runEvent();
    (event['run'] as Record<string, unknown>)['facets'] = {
      nominalTime: { _producer: PRODUCER, _schemaURL: 'x', nominalStartTime: 12 },
      my_custom: { _producer: PRODUCER, _schemaURL: 'https://example.com/custom.json', anything: true },
      broken: 'not an object',
    };
    const inputs = event['inputs'] as Record<string, Record<string, unknown>>[];
    inputs[0]!['facets'] = {
      schema: { ...FACET, fields: [{ type: 'INT' }] },
      catalog: { ...FACET, _deleted: null, framework: 'hive', type: 'hive' },
    };
    const result = validateOpenLineageEvent(event);
    if (!result.ok) throw new Error(result.error.path);
    const paths = result.warnings.map((w) => w.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/run/facets/nominalTime/nominalStartTime',
        '/run/facets/my_custom',
        '/run/facets/broken',
        '/inputs/0/facets/schema/fields/0/name',
        '/inputs/0/facets/catalog/_deleted',
      ]),
    );
    expect(result.warnings.find((w) => w.path === '/run/facets/my_custom')!.message).toMatch(/no schema known/);
    // Only the custom facet with no schema known is of kind unknown-facet; the others are off their schema.
    expect(result.warnings.filter((w) => w.kind === 'unknown-facet').map((w) => w.path)).toEqual(['/run/facets/my_custom']);
    expect(result.warnings.filter((w) => w.kind === 'off-schema').map((w) => w.path)).toEqual(
      expect.arrayContaining(['/run/facets/nominalTime/nominalStartTime', '/run/facets/broken', '/inputs/0/facets/catalog/_deleted']),
    );
  });

  it('reads an eventTime without offset as UTC, with a warning', () => {
    const event = { ...runEvent(), eventTime: '2021-11-03T10:53:52.427343' };
    const result = validateOpenLineageEvent(event);
    expect(result).toMatchObject({ ok: true, warnings: [{ path: '/eventTime', message: expect.stringMatching(/no UTC offset/) }] });
  });
});

describe('compileOpenLineageFacetSchemas', () => {
  it('compiles every facet schema of the spec, yielding to the event loop between them', async () => {
    const files = readdirSync(fileURLToPath(new URL('../spec/facets/', import.meta.url))).filter((f) => f.endsWith('.json'));
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const compiled = await compileOpenLineageFacetSchemas();
    clearInterval(ticker);
    expect(compiled).toBe(files.length);
    expect(files.length).toBeGreaterThan(30);
    // Other work ran while it compiled (it does not hold the event loop for the whole set).
    expect(turns).toBeGreaterThan(0);
  });
});
