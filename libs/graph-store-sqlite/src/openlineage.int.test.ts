import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { digestBytes, openLineageDatasetUri, openLineageJobContextId } from '@pedigree/domain';
import { normalizeColumnLineageQuery, type OpenLineageEventRecord } from '@pedigree/graph-store';
import { at, openLineageRecord } from '@pedigree/graph-store/testing';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.ts';
import { createSqliteGraphStore } from './index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { createOpenLineageTables } from './openlineage.ts';
import { EDGE_TYPE_CODES } from './node-keys.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-ol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run that touches every write path: job, parent, inputs, outputs with versions, facets, column lineage. */
function runRecords(ns: string, runId = randomUUID()): OpenLineageEventRecord[] {
  const job = { namespace: ns, name: 'job' };
  const parent = { runId: randomUUID(), job: { namespace: ns, name: 'parent' } };
  const inputs = [{ namespace: ns, name: 'in', version: '1', facets: { schema: { fields: [{ name: 'a' }] } } }];
  const outputs = [{ namespace: ns, name: 'out', version: '2', ioFacets: { outputStatistics: { rowCount: 1 } } }];
  const columnLineage = [
    { from: { namespace: ns, name: 'in', field: 'a' }, to: { namespace: ns, name: 'out', field: 'b' }, transformations: [] },
  ];
  return [
    openLineageRecord({
      eventType: 'START',
      eventTime: at(1),
      job,
      runId,
      parent,
      inputs,
      runFacets: { nominalTime: { nominalStartTime: at(0) } },
    }),
    openLineageRecord({ eventType: 'COMPLETE', eventTime: at(2), job, runId, parent, inputs, outputs, columnLineage }),
  ];
}

/** Every table OpenLineage writes or reads, and what must be empty after a failed record. */
function counts(db: Database.Database): Record<string, number> {
  const tables = [
    'ol_runs',
    'ol_events',
    'ol_run_producers',
    'ol_facets',
    'ol_io_facets',
    'ol_column_lineage',
    'artifacts',
    'edges',
    'contexts',
  ];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

describe('OpenLineage on SQLite', () => {
  it('a statement failing half way through a record rolls back the whole record; its neighbours in the group commit are kept', async () => {
    const file = path.join(dir, 'midway.db');
    const batches: number[] = [];
    const store = createSqliteGraphStore({ path: file, onWriteBatch: (b) => batches.push(b.calls) });
    const raw = new Database(file);
    try {
      // The PRODUCED edge is written after the log, the run, its job, the input and its CONSUMED_BY edge.
      raw.exec(
        `CREATE TRIGGER fail_produced BEFORE INSERT ON edges WHEN NEW.type = ${EDGE_TYPE_CODES.PRODUCED} BEGIN SELECT RAISE(ABORT, 'injected'); END`,
      );
      const ns = `ol-${randomUUID()}`;
      const [start, complete] = runRecords(ns);
      const neighbour = openLineageRecord({ kind: 'DatasetEvent', eventTime: at(3), outputs: [{ namespace: ns, name: 'other' }] });
      const results = await Promise.allSettled([store.recordOpenLineageEvent(complete!), store.recordOpenLineageEvent(neighbour)]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
      expect(results[1]).toMatchObject({ status: 'fulfilled', value: { applied: true } });
      expect(batches).toEqual([2]);
      expect(counts(raw)).toEqual({
        ol_runs: 0,
        ol_events: 1,
        ol_run_producers: 0,
        ol_facets: 0,
        ol_io_facets: 0,
        ol_column_lineage: 0,
        artifacts: 1,
        edges: 0,
        contexts: 0,
      });
      expect(await store.searchArtifacts({ text: 'out' })).toMatchObject({ items: [] });

      raw.exec('DROP TRIGGER fail_produced');
      expect(await store.recordOpenLineageEvent(complete!)).toMatchObject({ applied: true });
      expect(await store.recordOpenLineageEvent(start!)).toMatchObject({ applied: true });
      expect(counts(raw)).toMatchObject({ ol_runs: 2, ol_events: 3, ol_column_lineage: 1, artifacts: 3 });
      expect((await store.searchArtifacts({ text: 'out' })).items.map((a) => a.uri)).toEqual([openLineageDatasetUri(ns, 'out')]);
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('the event log is append-only in the database itself', async () => {
    const file = path.join(dir, 'append-only.db');
    const store = createSqliteGraphStore({ path: file });
    await store.recordOpenLineageEvent(runRecords(`ol-${randomUUID()}`)[0]!);
    await store.close();
    const raw = new Database(file);
    try {
      expect(() => raw.exec("UPDATE ol_events SET producer = 'x'")).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM ol_events')).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('upgrades a version-1 file in place: existing data kept, OpenLineage usable', async () => {
    const file = path.join(dir, 'v1.db');
    const v1 = new Database(file);
    v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    v1.exec(MIGRATIONS[0]!.sql);
    v1.prepare("INSERT INTO schema_migrations VALUES (1, 'initial schema', '2030-01-01T00:00:00.000Z')").run();
    v1.close();
    const before = createSqliteGraphStore({ path: ':memory:' });
    const artifact = await before.upsertArtifact({ uri: 'mem://old/a', digest: digestBytes('a'), type: 'DataSet', name: 'a', size: 1 });
    await before.close();

    const store = createSqliteGraphStore({ path: file });
    try {
      expect((await store.health()).schemaVersion).toBe(SCHEMA_VERSION);
      const kept = await store.upsertArtifact({ uri: artifact.uri, digest: artifact.digest, type: 'DataSet', name: 'a', size: 1 });
      expect(kept.id).toBe(artifact.id);
      const ns = `ol-${randomUUID()}`;
      for (const r of runRecords(ns)) await store.recordOpenLineageEvent(r);
      expect(await store.getContext(openLineageJobContextId(ns, 'job'))).toMatchObject({ type: 'OpenLineageJob' });
    } finally {
      await store.close();
    }
  });

  it('every statement of a record and of each read uses an index: no full scan of a table, no sort of a run’s events', () => {
    const db = openDatabase(':memory:', 1000);
    const calls = new Map<string, unknown[]>();
    try {
      const tables = createOpenLineageTables({
        prepare: (sql) => {
          const statement = db.prepare(sql);
          // Remember each statement with the arguments of its first call, to explain it afterwards.
          return new Proxy(statement, {
            get(target, prop) {
              const value = Reflect.get(target, prop) as unknown;
              if (typeof value !== 'function') return value;
              if (prop !== 'run' && prop !== 'get' && prop !== 'all') return value.bind(target);
              return (...args: unknown[]) => {
                if (!calls.has(sql)) calls.set(sql, args);
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            },
          });
        },
        ftsText: () => '',
      });
      const ns = `ol-${randomUUID()}`;
      const records = runRecords(ns);
      db.transaction(() => records.forEach((r) => tables.record(r)))();
      const runId = records[0]!.run!.runId;
      tables.run(runId);
      tables.listRuns({ first: 10, after: null, jobNamespace: null, jobName: null, parentRunId: null });
      tables.listRuns({ first: 10, after: null, jobNamespace: ns, jobName: 'job', parentRunId: null });
      tables.listRuns({ first: 10, after: null, jobNamespace: null, jobName: null, parentRunId: records[0]!.parent!.runId });
      tables.listEvents(runId, 10, null);
      tables.dataset(ns, 'out');
      tables.columnLineage(normalizeColumnLineageQuery({ namespace: ns, name: 'out' }));
      tables.columnLineage(normalizeColumnLineageQuery({ namespace: ns, name: 'out', field: 'b', direction: 'UPSTREAM' }));

      expect(calls.size).toBeGreaterThan(15);
      const problems: string[] = [];
      for (const [sql, args] of calls) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
        for (const { detail } of plan) {
          // A bare SCAN of a table (no index named) reads every row of it.
          if (/^SCAN (ol_\w+|artifacts|edges|contexts)$/.test(detail)) problems.push(`${detail}: ${sql}`);
          // Pages of runs and events come out of their index in order.
          if (/TEMP B-TREE FOR ORDER BY/.test(detail) && /FROM ol_(runs|events)/.test(sql)) problems.push(`${detail}: ${sql}`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      db.close();
    }
  });
});

/** Every row OpenLineage keeps, minus what depends on arrival (row sequence numbers and node keys; edges by id), sorted. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = (sql: string): unknown[] => (db.prepare(sql).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    return {
      runs: rows(
        'SELECT run_id, node_id, job_namespace, job_name, job_rank, state, state_rank, started_at, ended_at, parent_run_id, parent_rank, event_count FROM ol_runs',
      ),
      events: rows('SELECT event_digest, kind, event_type, event_time, producer, run_id, received_at, event FROM ol_events'),
      producers: rows('SELECT * FROM ol_run_producers'),
      facets: rows('SELECT * FROM ol_facets'),
      ioFacets: rows('SELECT * FROM ol_io_facets'),
      columns: rows('SELECT * FROM ol_column_lineage'),
      artifacts: rows('SELECT id, uri, digest, type, name, size, properties, created_at, previous_version_id FROM artifacts'),
      edges: rows(
        `WITH n(key, id) AS (SELECT seq * 16, id FROM artifacts UNION ALL SELECT node_key, node_id FROM ol_runs UNION ALL SELECT node_key, id FROM contexts)
         SELECT f.id AS from_id, e.type, t.id AS to_id, e.name FROM edges e LEFT JOIN n f ON f.key = e.from_key LEFT JOIN n t ON t.key = e.to_key`,
      ),
      contexts: rows('SELECT id, type, name, properties, created_at FROM contexts'),
      searchable: rows("SELECT a.id FROM artifacts_fts f JOIN artifacts a ON a.seq = f.rowid WHERE artifacts_fts MATCH 'prop'"),
    };
  } finally {
    db.close();
  }
}

describe('OpenLineage order independence, table by table', () => {
  // Two runs that send events, and two that are only ever named as a parent.
  const runIds = [
    '00000000-0000-4000-8000-00000000000a',
    '00000000-0000-4000-8000-00000000000b',
    '00000000-0000-4000-8000-00000000000c',
    '00000000-0000-4000-8000-00000000000d',
  ];
  const dataset = fc.record({
    namespace: fc.constant('prop'),
    name: fc.constantFrom('d1', 'd2', 'd3'),
    version: fc.constantFrom(null, 'a', 'b'),
    facets: fc.dictionary(fc.constantFrom('schema', 'doc'), fc.record({ v: fc.nat(3) }), { maxKeys: 2 }),
    ioFacets: fc.dictionary(fc.constantFrom('stats'), fc.record({ rows: fc.nat(3) }), { maxKeys: 1 }),
  });
  const column = fc.record({
    from: fc.record({ namespace: fc.constant('prop'), name: fc.constantFrom('d1', 'd2', 'd3'), field: fc.constantFrom('x', 'y') }),
    to: fc.record({ namespace: fc.constant('prop'), name: fc.constantFrom('d1', 'd2', 'd3'), field: fc.constantFrom('x', 'y') }),
    transformations: fc.array(fc.record({ type: fc.constantFrom('DIRECT', 'INDIRECT') }), { maxLength: 1 }),
  });
  const spec = fc.record({
    kind: fc.constantFrom('RunEvent', 'RunEvent', 'RunEvent', 'JobEvent', 'DatasetEvent'),
    eventType: fc.constantFrom('START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT', 'OTHER'),
    // Few distinct times, so ties (broken by the event digest) are common.
    minute: fc.integer({ min: 0, max: 3 }),
    job: fc.constantFrom('j1', 'j2'),
    run: fc.integer({ min: 0, max: 1 }),
    parent: fc.option(fc.record({ run: fc.integer({ min: 2, max: 3 }), job: fc.constantFrom('pj1', 'pj2') }), { nil: undefined }),
    runFacets: fc.dictionary(fc.constantFrom('progress', 'nominalTime'), fc.record({ v: fc.nat(3) }), { maxKeys: 2 }),
    producer: fc.constantFrom('p1', 'p2'),
    inputs: fc.array(dataset, { maxLength: 2 }),
    outputs: fc.array(dataset, { maxLength: 2 }),
    columnLineage: fc.array(column, { maxLength: 2 }),
  });
  const toRecord = (s: typeof spec extends fc.Arbitrary<infer T> ? T : never): OpenLineageEventRecord => {
    const common = { eventTime: at(s.minute), producer: s.producer, columnLineage: s.columnLineage };
    if (s.kind === 'DatasetEvent')
      return openLineageRecord({
        ...common,
        kind: 'DatasetEvent',
        outputs: [s.outputs[0] ?? { namespace: 'prop', name: 'd1' }],
        columnLineage: [],
      });
    if (s.kind === 'JobEvent')
      return openLineageRecord({
        ...common,
        kind: 'JobEvent',
        job: { namespace: 'prop', name: s.job },
        inputs: s.inputs,
        outputs: s.outputs,
      });
    return openLineageRecord({
      ...common,
      eventType: s.eventType,
      job: { namespace: 'prop', name: s.job },
      runId: runIds[s.run]!,
      ...(s.parent ? { parent: { runId: runIds[s.parent.run]!, job: { namespace: 'prop', name: s.parent.job } } } : {}),
      runFacets: s.runFacets,
      inputs: s.inputs,
      outputs: s.outputs,
    });
  };

  it('random sets of events give the same rows in any two arrival orders', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.nat(), async (specs, seed) => {
        const records = specs.map(toRecord);
        // Some events sent twice: a re-send must change nothing.
        const orders = [records, [...shuffleWith(records, seed), ...records.slice(0, 2)]];
        const dumps = [];
        for (const order of orders) {
          const file = path.join(dir, `prop-${n++}.db`);
          const store = createSqliteGraphStore({ path: file, durability: 'normal' });
          for (const r of order) await store.recordOpenLineageEvent(r);
          await store.close();
          dumps.push(dump(file));
          rmSync(file, { force: true });
        }
        expect(dumps[1]).toEqual(dumps[0]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

function shuffleWith<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed + 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
