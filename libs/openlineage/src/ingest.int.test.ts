import { StoreUnavailableError, ValidationError } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, loadFixtures } from '../test/fixtures.ts';
import { createOpenLineageStats, ingestOpenLineage, UNKNOWN_PRODUCER } from './ingest.ts';
import { validateOpenLineageEvent } from './validate.ts';

const PRODUCER = 'https://example.com/producer';
const event = (runId: string, eventType = 'START', extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventType,
  eventTime: '2024-05-01T10:00:00Z',
  producer: PRODUCER,
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId },
  job: { namespace: 'etl', name: `job-${runId.slice(0, 4)}` },
  inputs: [{ namespace: 'pg', name: 'orders' }],
  outputs: [{ namespace: 'lake', name: `out-${runId.slice(0, 4)}` }],
  ...extra,
});
const RUN_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const RUN_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const RUN_C = 'cccccccc-0000-4000-8000-000000000003';

let store: GraphStore;
beforeEach(() => {
  store = createSqliteGraphStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('ingestOpenLineage', () => {
  it('stores every fixture file, and a second delivery of each is all duplicates', async () => {
    const stats = createOpenLineageStats();
    for (const { file, events } of loadFixtures()) {
      const first = await ingestOpenLineage(store, events, { stats });
      expect(first.invalid, file).toBe(0);
      // A file may hold the same event twice; each distinct event is created once.
      expect(first.created + first.duplicates, file).toBe(events.length);
      expect(first.created, file).toBeGreaterThan(0);
      const again = await ingestOpenLineage(store, events, { stats });
      expect(again.created, file).toBe(0);
      expect(again.duplicates, file).toBe(events.length);
    }
    const dbt = stats.snapshot().filter((s) => s.producer.includes('dbt'));
    expect(dbt.length).toBeGreaterThan(0);
    // dbt's `_deleted: null` facets and Spark's catalog facet without name are counted as warnings of
    // their producer; custom facets without a known schema (spark.logicalPlan, dbt_version) apart.
    let offSchema = 0;
    let unknown = 0;
    for (const { events } of loadFixtures()) {
      for (const e of events) {
        const v = validateOpenLineageEvent(e);
        if (!v.ok) throw new Error(v.error.path);
        offSchema += v.warnings.filter((w) => w.kind === 'off-schema').length;
        unknown += v.warnings.filter((w) => w.kind === 'unknown-facet').length;
      }
    }
    expect(offSchema).toBeGreaterThanOrEqual(2);
    expect(unknown).toBeGreaterThan(offSchema);
    // Each file was delivered twice: every warning counted twice.
    expect(stats.snapshot().reduce((n, s) => n + s.warnings, 0)).toBe(2 * offSchema);
    expect(stats.snapshot().reduce((n, s) => n + s.unknownFacets, 0)).toBe(2 * unknown);
  });

  it('one event: created with its runId, then duplicate; the result names the digest', async () => {
    const first = await ingestOpenLineage(store, event(RUN_A.toUpperCase()));
    expect(first.results).toEqual([
      { index: 0, status: 'created', runId: RUN_A, eventDigest: expect.stringMatching(/^sha256:/), warnings: [] },
    ]);
    const second = await ingestOpenLineage(store, event(RUN_A.toUpperCase()));
    expect(second.results[0]).toMatchObject({ status: 'duplicate', runId: RUN_A, eventDigest: first.results[0]!.eventDigest });
    expect((await store.getOpenLineageRun(RUN_A)).eventCount).toBe(1);
  });

  it('a batch with an invalid event in the middle stores the others and nothing of the invalid one', async () => {
    const bad = event(RUN_B);
    delete (bad['run'] as Record<string, unknown>)['runId'];
    const report = await ingestOpenLineage(store, [event(RUN_A), bad, event(RUN_C, 'COMPLETE')]);
    expect(report.results.map((r) => r.status)).toEqual(['created', 'invalid', 'created']);
    expect(report.results[1]!.error).toEqual({ path: '/run/runId', message: 'runId is required' });
    expect(await store.findOpenLineageRun(RUN_A)).not.toBeNull();
    expect((await store.findOpenLineageRun(RUN_C))?.state).toBe('COMPLETE');
    expect(await store.findOpenLineageDataset('lake', 'out-bbbb')).toBeNull();
    expect(report).toMatchObject({ created: 2, duplicates: 0, invalid: 1 });
  });

  it('counts off-schema facets as warnings of their producer, and custom facets without a known schema apart', async () => {
    const stats = createOpenLineageStats();
    const custom = { _producer: 'https://example.com/a', _schemaURL: 'https://example.com/a/CustomFacet.json', anything: 1 };
    const a = { ...event(RUN_A), producer: 'https://example.com/a', run: { runId: RUN_A, facets: { a_custom: custom } } };
    // dbt's `"_deleted": null` in a job facet: off the facet's schema, accepted and counted.
    const jobType = {
      _producer: 'https://example.com/b',
      _schemaURL: 'x',
      processingType: 'BATCH',
      integration: 'DBT',
      jobType: 'MODEL',
      _deleted: null,
    };
    const b = { ...event(RUN_B), producer: 'https://example.com/b', job: { namespace: 'etl', name: 'model', facets: { jobType } } };
    const first = await ingestOpenLineage(store, [a, b], { stats });
    const again = await ingestOpenLineage(store, [a], { stats });
    expect([...first.results, ...again.results].map((r) => [r.status, r.warnings.map((w) => [w.kind, w.path])])).toEqual([
      ['created', [['unknown-facet', '/run/facets/a_custom']]],
      ['created', [['off-schema', '/job/facets/jobType/_deleted']]],
      ['duplicate', [['unknown-facet', '/run/facets/a_custom']]],
    ]);
    expect(stats.snapshot()).toEqual([
      { producer: 'https://example.com/a', events: 2, created: 1, duplicates: 1, invalid: 0, warnings: 0, unknownFacets: 2 },
      { producer: 'https://example.com/b', events: 1, created: 1, duplicates: 0, invalid: 0, warnings: 1, unknownFacets: 0 },
    ]);
  });

  it('NDJSON: a line that is not JSON is an invalid result naming the line; blank lines are skipped', async () => {
    const stats = createOpenLineageStats();
    const text = [JSON.stringify(event(RUN_A)), '', '{"eventType": "START", ', JSON.stringify(event(RUN_C))].join('\n');
    const report = await ingestOpenLineage(store, text, { stats });
    expect(report.results.map((r) => [r.index, r.line, r.status])).toEqual([
      [0, 1, 'created'],
      [1, 3, 'invalid'],
      [2, 4, 'created'],
    ]);
    expect(report.results[1]!.error!.path).toBe('line 3');
    expect(report.results[1]!.error!.message).toMatch(/not valid JSON/);
    const bad = { ...event(RUN_B), eventTime: 'soon' };
    const second = await ingestOpenLineage(store, `${JSON.stringify(bad)}\n`, { stats });
    expect(second.results[0]!.error).toEqual({ path: 'line 1: /eventTime', message: expect.stringMatching(/date-time/) });
    expect(stats.snapshot()).toEqual([
      { producer: UNKNOWN_PRODUCER, events: 1, created: 0, duplicates: 0, invalid: 1, warnings: 0, unknownFacets: 0 },
      { producer: PRODUCER, events: 3, created: 2, duplicates: 0, invalid: 1, warnings: 0, unknownFacets: 0 },
    ]);
  });

  it('events of a run in any order give the same run (COMPLETE before START and RUNNING)', async () => {
    // The Hive files are one run's START, RUNNING and COMPLETE events.
    const [start, running, complete] = ['Start', 'Running', 'Complete'].map((s) => fixture(`spark__pysparkHive${s}Event.json`).events[0]!);
    const other = createSqliteGraphStore({ path: ':memory:' });
    try {
      await ingestOpenLineage(store, [start, running, complete]);
      await ingestOpenLineage(other, [complete, start, running]);
      const runId = String((start!['run'] as { runId: string }).runId);
      const a = await store.getOpenLineageRun(runId);
      const b = await other.getOpenLineageRun(runId);
      expect(b).toEqual(a);
      expect(a.state).toBe('COMPLETE');
    } finally {
      await other.close();
    }
  });

  it('a store that refuses a record makes that event invalid; an unreachable store fails the call (the producer re-sends)', async () => {
    const refusing: GraphStore = {
      ...store,
      adapter: store.adapter,
      recordOpenLineageEvent: async (record) => {
        if (record.run?.runId === RUN_B)
          throw new ValidationError('record', [{ path: 'inputs[0].name', message: 'must be a non-empty string' }]);
        if (record.run?.runId === RUN_C) throw new StoreUnavailableError('the database is locked');
        return store.recordOpenLineageEvent(record);
      },
    };
    const report = await ingestOpenLineage(refusing, [event(RUN_A), event(RUN_B)]);
    expect(report.results.map((r) => r.status)).toEqual(['created', 'invalid']);
    expect(report.results[1]!.error!.message).toMatch(/inputs\[0\]\.name/);
    await expect(ingestOpenLineage(refusing, [event(RUN_C)])).rejects.toThrow(/database is locked/);
  });

  it('results keep payload order while several events are written at once', async () => {
    const events = Array.from({ length: 40 }, (_, i) => event(`${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`));
    const report = await ingestOpenLineage(store, [...events, events[0]], { concurrency: 8 });
    expect(report.results.map((r) => r.index)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(report.results.slice(0, 40).map((r) => r.runId)).toEqual(events.map((e) => (e['run'] as { runId: string }).runId));
    expect([report.created, report.duplicates]).toEqual([40, 1]);
  });
});
