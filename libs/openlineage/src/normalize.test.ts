import { canonicalDigest, type IsoTimestamp, type JsonObject } from '@pedigree/domain';
import type { OpenLineageEventRecord } from '@pedigree/graph-store';
import { describe, expect, it } from 'vitest';
import { fixture, loadFixtures } from '../test/fixtures.ts';
import { normalizeOpenLineageEvent, normalizeOpenLineageTime, openLineageDatasetVersion, WHOLE_DATASET_FIELD } from './normalize.ts';
import { validateOpenLineageEvent } from './validate.ts';

const RECEIVED = '2026-01-01T00:00:00.000Z' as IsoTimestamp;

function normalize(event: Record<string, unknown>): OpenLineageEventRecord {
  const result = validateOpenLineageEvent(event);
  if (!result.ok) throw new Error(`rejected at ${result.error.path}: ${result.error.message}`);
  return normalizeOpenLineageEvent(result.event, result.kind, RECEIVED);
}

const normalizeFile = (file: string): OpenLineageEventRecord[] => fixture(file).events.map(normalize);

describe('normalizeOpenLineageTime', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.123456+02:00', '2024-05-01T08:00:00.123Z'],
    ['2024-05-01t10:00:00.5-01:30', '2024-05-01T11:30:00.500Z'],
    ['2024-05-01T00:10:00+0100', '2024-04-30T23:10:00.000Z'],
    ['2021-11-03T10:53:52.427343', '2021-11-03T10:53:52.427Z'],
  ])('%s is %s', (input, expected) => expect(normalizeOpenLineageTime(input)).toBe(expected));

  it('returns null for what is not a date-time', () => {
    expect(normalizeOpenLineageTime('2024-05-01')).toBeNull();
    expect(normalizeOpenLineageTime('yesterday')).toBeNull();
  });
});

describe('normalizeOpenLineageEvent over every fixture', () => {
  for (const { file, events } of loadFixtures()) {
    it(`${file}: one record per event with the event's identities`, () => {
      for (const event of events) {
        const record = normalize(event);
        expect(record.eventDigest).toBe(canonicalDigest(event));
        expect(record.event).toBe(event);
        expect(record.receivedAt).toBe(RECEIVED);
        expect(record.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(record.producer).toBe(event['producer']);
        const job = event['job'] as { namespace: string; name: string };
        expect(record.job).toMatchObject({ namespace: job.namespace, name: job.name });
        const run = event['run'] as { runId: string };
        expect(record.run?.runId).toBe(run.runId.toLowerCase());
        expect(record.eventType).toBe(event['eventType'] ?? 'OTHER');
        const names = (list: unknown): string[] =>
          ((list as { namespace: string; name: string }[] | undefined) ?? []).map((d) => `${d.namespace}|${d.name}`);
        expect(record.inputs.map((d) => `${d.namespace}|${d.name}`)).toEqual(names(event['inputs']));
        expect(record.outputs.map((d) => `${d.namespace}|${d.name}`)).toEqual(names(event['outputs']));
        // No fixture carries a column lineage facet; the edges are tested on events of our own below.
        expect(record.columnLineage).toEqual([]);
      }
    });
  }
});

describe('normalizeOpenLineageEvent: spot checks per producer family', () => {
  it('dbt: BigQuery tables as datasets; a parent facet naming the run itself is no parent', () => {
    const [start, complete] = normalizeFile('dbt__small__result.json');
    // The fixture's placeholders gave the parent facet the run's own runId: no PART_OF loop.
    expect((start!.run!.facets['parent']!['run'] as { runId: string }).runId).toBe(start!.run!.runId);
    expect(start!.parent).toBeNull();
    const build = normalizeFile('dbt__build__result.json');
    expect(new Set(build.map((r) => r.run!.runId)).size).toBe(3);
    expect(build.every((r) => r.parent === null)).toBe(true);
    expect(start!.inputs.map((d) => [d.namespace, d.name])).toEqual([['bigquery', 'random-gcp-project.dbt_test1.source_table']]);
    expect(start!.outputs.map((d) => [d.namespace, d.name])).toEqual([['bigquery', 'random-gcp-project.dbt_test1.test_model']]);
    expect(complete!.run!.runId).toBe(start!.run!.runId);
    expect([start!.eventType, complete!.eventType]).toEqual(['START', 'COMPLETE']);
  });

  it('dbt structured logs: the failed run keeps its `_deleted: null` facet as sent', () => {
    const records = normalizeFile('dbt__structured-logs-postgres-run__failed_run_ol_events.json');
    const withDeleted = records.find((r) => r.job!.facets['jobType']?.['_deleted'] === null);
    expect(withDeleted).toBeDefined();
    expect(records.some((r) => r.eventType === 'FAIL')).toBe(true);
  });

  it('Spark: the job-level run names the application run as parent; the Hive output keeps its catalog facet as sent', () => {
    const [job] = normalizeFile('spark__applicationLevelStartJob.json');
    const [app] = normalizeFile('spark__applicationLevelStartApplication.json');
    expect(job!.parent).toEqual({
      runId: '62d421ac-f022-536c-83a1-82cc43122f57',
      job: { namespace: 'generic-namespace', name: 'generic_integration_test' },
    });
    expect(app!.parent).toEqual({
      runId: 'bd9c2467-3ed7-4fdc-85c2-41ebf5c73b40',
      job: { namespace: 'parent-namespace', name: 'parent-job' },
    });
    const [hive] = normalizeFile('spark__pysparkHiveCompleteEvent.json');
    expect(hive!.outputs[0]!.facets['catalog']).toBeDefined();
    expect(hive!.outputs[0]!.facets['catalog']!['name']).toBeUndefined();
    // The schema facet versions the output: a digest of its fields.
    expect(hive!.outputs[0]!.version).toBe(canonicalDigest(hive!.outputs[0]!.facets['schema']!['fields']));
  });

  it('Spark serde: the parent facet with a root names the direct parent', () => {
    const [record] = normalizeFile('spark-serde__openlineage-event.json');
    expect(record!.parent).toEqual({ runId: '293f4c6f-d96a-5dc2-a1f3-e8fe124a9fab', job: { namespace: 'namespace', name: 'jobName' } });
  });

  it('Flink: two Kafka inputs, one output versioned by its schema; no parent', () => {
    const [record] = normalizeFile('flink1__expected_kafka.json');
    expect(record!.inputs.map((d) => d.name)).toEqual(['io.openlineage.flink.kafka.input1', 'io.openlineage.flink.kafka.input2']);
    expect(record!.outputs[0]!.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record!.parent).toBeNull();
    expect(record!.run!.facets['processing_engine']).toMatchObject({ name: 'flink' });
  });

  it('Python client: the full example keeps input facets apart from dataset facets', () => {
    const [record] = normalizeFile('pyclient__example_full_event.json');
    expect(record!.parent?.runId).toBe('3f5e83fa-3480-44ff-99c5-ff943904e5e8');
    expect(Object.keys(record!.inputs[0]!.ioFacets)).toEqual(['dataQualityAssertions']);
    expect(Object.keys(record!.inputs[0]!.facets)).toContain('schema');
    const [serde] = normalizeFile('pyclient__serde_example_run_event.json');
    expect(serde!.eventTime).toBe('2021-11-03T10:53:52.427Z');
  });
});

describe('normalizeOpenLineageEvent: versions, column lineage, event kinds', () => {
  const PRODUCER = 'https://example.com/producer';
  const facet = {
    _producer: PRODUCER,
    _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
  };
  const base = { eventTime: '2024-05-01T10:00:00Z', producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json' };

  it('prefers the dataset version facet over the schema digest, and is null without either', () => {
    const fields = [{ name: 'id' }];
    expect(openLineageDatasetVersion({ version: { datasetVersion: 'v7' }, schema: { fields } } as Record<string, JsonObject>)).toBe('v7');
    expect(openLineageDatasetVersion({ schema: { fields } } as Record<string, JsonObject>)).toBe(canonicalDigest(fields));
    expect(openLineageDatasetVersion({})).toBeNull();
  });

  it('turns a column lineage facet into field edges (merged, sorted) plus dataset-level edges into the whole-dataset field', () => {
    const record = normalize({
      ...base,
      eventType: 'COMPLETE',
      run: { runId: 'AAAAAAAA-3480-44FF-99C5-FF943904E5E8' },
      job: { namespace: 'etl', name: 'join' },
      inputs: [
        { namespace: 'pg', name: 'orders' },
        { namespace: 'pg', name: 'customers' },
      ],
      outputs: [
        {
          namespace: 'lake',
          name: 'orders_by_customer',
          facets: {
            columnLineage: {
              ...facet,
              fields: {
                total: {
                  inputFields: [
                    { namespace: 'pg', name: 'orders', field: 'amount', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }] },
                    { namespace: 'pg', name: 'orders', field: 'amount', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }] },
                  ],
                },
                customer: { inputFields: [{ namespace: 'pg', name: 'customers', field: 'name' }] },
              },
              dataset: [
                { namespace: 'pg', name: 'orders', field: 'customer_id', transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }] },
              ],
            },
          },
        },
      ],
    });
    expect(record.run!.runId).toBe('aaaaaaaa-3480-44ff-99c5-ff943904e5e8');
    expect(record.columnLineage).toEqual([
      {
        from: { namespace: 'pg', name: 'customers', field: 'name' },
        to: { namespace: 'lake', name: 'orders_by_customer', field: 'customer' },
        transformations: [],
      },
      {
        from: { namespace: 'pg', name: 'orders', field: 'amount' },
        to: { namespace: 'lake', name: 'orders_by_customer', field: 'total' },
        transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
      },
      {
        from: { namespace: 'pg', name: 'orders', field: 'customer_id' },
        to: { namespace: 'lake', name: 'orders_by_customer', field: WHOLE_DATASET_FIELD },
        transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }],
      },
    ]);
  });

  it('a RunEvent without eventType is OTHER; a parent facet naming the run itself makes no parent', () => {
    const runId = 'bbbbbbbb-3480-44ff-99c5-ff943904e5e8';
    const record = normalize({
      ...base,
      run: {
        runId,
        facets: {
          parent: { _producer: PRODUCER, _schemaURL: 'x', run: { runId: runId.toUpperCase() }, job: { namespace: 'a', name: 'b' } },
        },
      },
      job: { namespace: 'etl', name: 'j' },
    });
    expect(record.eventType).toBe('OTHER');
    expect(record.parent).toBeNull();
  });

  it('a DatasetEvent has no job or run and records its dataset as an output; a JobEvent has its job and no run', () => {
    const dataset = normalize({
      ...base,
      dataset: { namespace: 'pg', name: 'orders', facets: { version: { _producer: PRODUCER, _schemaURL: 'x', datasetVersion: '12' } } },
    });
    expect(dataset).toMatchObject({ kind: 'DatasetEvent', eventType: null, job: null, run: null, parent: null, inputs: [] });
    expect(dataset.outputs).toEqual([{ namespace: 'pg', name: 'orders', version: '12', facets: expect.any(Object), ioFacets: {} }]);
    const job = normalize({
      ...base,
      job: { namespace: 'etl', name: 'j' },
      inputs: [{ namespace: 'pg', name: 'a' }],
      outputs: [{ namespace: 'pg', name: 'b' }],
    });
    expect(job).toMatchObject({ kind: 'JobEvent', eventType: null, run: null, job: { namespace: 'etl', name: 'j', facets: {} } });
  });
});
