import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '@pedigree/domain';
import { driverDateTime } from './testing/recording-driver.ts';
import {
  intColumn,
  mapColumn,
  toArtifact,
  toColumnLineageEdge,
  toContext,
  toExecution,
  toIsoTimestamp,
  toLineageEdge,
  toLineageNode,
  toModelPackage,
  toNumber,
  toOpenLineageDataset,
  toOpenLineageFacets,
  toOpenLineageRun,
  toOpenLineageStoredEvent,
  toStepExecution,
} from './to-domain.ts';
import { toDriverInt, toJsonParam } from './to-driver.ts';

const record = (row: Record<string, unknown>) => new neo4j.Record(Object.keys(row), Object.values(row));

describe('toNumber', () => {
  it('converts driver Integers, including negative and large safe values', () => {
    expect(toNumber(neo4j.int(42))).toBe(42);
    expect(toNumber(neo4j.int(-7))).toBe(-7);
    expect(toNumber(neo4j.int(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toNumber(3)).toBe(3);
    expect(toNumber('3')).toBeNull();
  });

  it('refuses an Integer beyond 2^53 rather than losing precision', () => {
    expect(() => toNumber(neo4j.int('9007199254740993'))).toThrow(StoreCorruptError);
  });
});

describe('toIsoTimestamp', () => {
  it('turns a UTC DateTime into an ISO timestamp with milliseconds', () => {
    expect(toIsoTimestamp(driverDateTime('2026-12-03T15:58:23.123Z'))).toBe('2026-12-03T15:58:23.123Z');
  });

  it('applies the zone offset and drops sub-millisecond digits', () => {
    const int = neo4j.int;
    // 17:58:23.123456789 at +02:00 is 15:58:23.123 UTC.
    const dt = new neo4j.types.DateTime(int(2026), int(12), int(3), int(17), int(58), int(23), int(123_456_789), int(7200));
    expect(toIsoTimestamp(dt)).toBe('2026-12-03T15:58:23.123Z');
  });

  it('crosses a day boundary correctly', () => {
    const int = neo4j.int;
    const dt = new neo4j.types.DateTime(int(2027), int(1), int(1), int(0), int(30), int(0), int(0), int(3600));
    expect(toIsoTimestamp(dt)).toBe('2026-12-31T23:30:00.000Z');
  });

  it('returns null for anything that is not a DateTime', () => {
    expect(toIsoTimestamp('2026-12-03T15:58:23.123Z')).toBeNull();
    expect(toIsoTimestamp(null)).toBeNull();
  });
});

describe('entity mappers', () => {
  const artifact = {
    id: 'ar_1',
    nodeType: 'Artifact',
    uri: 'file:///a.csv',
    digest: `sha256:${'1'.repeat(64)}`,
    type: 'DataSet',
    name: 'a',
    size: neo4j.int(10),
    properties: '{"k":"v","nested":{"n":[1,2]}}',
    createdAt: driverDateTime('2026-01-01T00:00:00.000Z'),
  };

  it('maps an artifact, with absent (null) properties as null and JSON parsed', () => {
    expect(toArtifact(artifact)).toEqual({
      id: 'ar_1',
      uri: 'file:///a.csv',
      digest: `sha256:${'1'.repeat(64)}`,
      type: 'DataSet',
      name: 'a',
      size: 10,
      properties: { k: 'v', nested: { n: [1, 2] } },
      createdAt: '2026-01-01T00:00:00.000Z',
      previousVersionId: null,
    });
  });

  it('reports a corrupt field with STORE_CORRUPT naming the node and field', () => {
    expect(() => toArtifact({ ...artifact, type: 'Dataset' })).toThrow(/Artifact ar_1: field type is not one of/);
    expect(() => toArtifact({ ...artifact, size: 'big' })).toThrow(StoreCorruptError);
    expect(() => toArtifact({ ...artifact, createdAt: '2026-01-01' })).toThrow(/field createdAt is not a DateTime/);
    expect(() => toArtifact({ ...artifact, properties: '{oops' })).toThrow(/field properties is not valid JSON/);
  });

  it('maps an execution, with statuses validated', () => {
    const map = {
      id: 'ex_1',
      pipelineName: 'p',
      pipelineVersionId: 'pv_1',
      status: 'Stopping',
      parameters: '{"n":1}',
      startedAt: driverDateTime('2026-01-01T00:00:00.000Z'),
      revision: neo4j.int(3),
    };
    expect(toExecution(map)).toMatchObject({ status: 'Stopping', parameters: { n: 1 }, endedAt: null, createdBy: null, revision: 3 });
    expect(() => toExecution({ ...map, status: 'Running' })).toThrow(/field status is not an execution status/);
  });

  it('maps a step execution with its attempts and defaults', () => {
    const step = toStepExecution({
      id: 'se_1',
      executionId: 'ex_1',
      stepName: 's',
      stepType: 'processing',
      status: 'Skipped',
      attempt: neo4j.int(0),
      attempts: '[]',
      revision: neo4j.int(1),
      endedAt: driverDateTime('2026-01-01T00:00:00.000Z'),
    });
    expect(step).toMatchObject({
      attempt: 0,
      attempts: [],
      cacheHit: false,
      cacheKey: null,
      startedAt: null,
      properties: null,
      cacheMiss: null,
    });
  });

  it('maps a model package with its approval history', () => {
    const mp = toModelPackage({
      id: 'mp_1',
      group: 'g',
      version: neo4j.int(2),
      approvalStatus: 'Approved',
      modelArtifactId: 'ar_1',
      metrics: '{}',
      createdAt: driverDateTime('2026-01-01T00:00:00.000Z'),
      approvals: [
        JSON.stringify({ status: 'PendingManualApproval', by: 'ci', at: '2026-01-01T00:00:00.000Z', comment: null }),
        JSON.stringify({ status: 'Approved', by: 'ada', at: '2026-01-02T00:00:00.000Z', comment: 'ok' }),
      ],
    });
    expect(mp.version).toBe(2);
    expect(mp.approvals.map((a) => [a.status, a.by, a.comment])).toEqual([
      ['PendingManualApproval', 'ci', null],
      ['Approved', 'ada', 'ok'],
    ]);
    expect(() =>
      toModelPackage({ ...mp, version: neo4j.int(2), createdAt: driverDateTime('2026-01-01T00:00:00.000Z'), approvals: ['nope'] }),
    ).toThrow(/ModelPackage approvals\[0\] mp_1/);
  });

  it('maps a context', () => {
    expect(
      toContext({ id: 'cx_1', type: 'Experiment', name: 'e', properties: '{}', createdAt: driverDateTime('2026-01-01T00:00:00.000Z') }),
    ).toEqual({
      id: 'cx_1',
      type: 'Experiment',
      name: 'e',
      properties: {},
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('lineage mappers', () => {
  it('labels each node type for drawing', () => {
    const at = driverDateTime('2026-01-01T00:00:00.000Z');
    expect(
      toLineageNode({ id: 'pv_1', nodeType: 'PipelineVersion', pipelineName: 'iris', version: neo4j.int(2), createdAt: at }, 3),
    ).toEqual({
      id: 'pv_1',
      type: 'PipelineVersion',
      depth: 3,
      label: 'iris v2',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(toLineageNode({ id: 'cx_1', nodeType: 'Context', type: 'Experiment', name: 'exp', createdAt: at }, 1)).toMatchObject({
      label: 'exp',
      contextType: 'Experiment',
    });
    expect(() => toLineageNode({ id: 'x', nodeType: 'Thing' }, 0)).toThrow(/nodeType is not a lineage node type/);
  });

  it('maps edge records and refuses unknown edge types', () => {
    expect(toLineageEdge(record({ from: 'a', type: 'DERIVED_FROM', to: 'b' }))).toEqual({ from: 'a', to: 'b', type: 'DERIVED_FROM' });
    expect(() => toLineageEdge(record({ from: 'a', type: 'KNOWS', to: 'b' }))).toThrow(StoreCorruptError);
  });

  it('reads columns from driver records', () => {
    const r = record({ n: neo4j.int(5), node: null, list: [1] });
    expect(intColumn(r, 'n')).toBe(5);
    expect(mapColumn(r, 'node')).toBeNull();
    expect(() => mapColumn(r, 'list')).toThrow(/not a property map/);
  });
});

describe('OpenLineage mappers', () => {
  const T1 = '2031-01-01T00:01:00.000Z';
  const T2 = '2031-01-01T00:02:00.000Z';
  const D1 = `sha256:${'1'.repeat(64)}`;
  const D2 = `sha256:${'2'.repeat(64)}`;
  const facet = (name: string, value: unknown, at: string, digest: string) => ({
    name,
    value: JSON.stringify(value),
    eventTime: driverDateTime(at),
    eventDigest: digest,
  });
  const runMap = {
    id: 'olr_r1',
    nodeType: 'OpenLineageRun',
    runId: 'r1',
    jobNamespace: 'ns',
    jobName: 'etl',
    jobRank: `1|${T1}|${D1}`,
    state: 'FAIL',
    stateRank: `1|${T2}|${D2}`,
    startedAt: driverDateTime(T1),
    endedAt: driverDateTime(T2),
    parentRunId: 'p1',
    parentRank: `${T1}|${D1}`,
    eventCount: neo4j.int(3),
    producers: ['https://b.example', 'https://a.example'],
  };

  it('keeps, per facet name, the value of the latest event by (eventTime, eventDigest), in whatever order the rows come', () => {
    const rows = [
      facet('schema', { v: 'later digest, same time' }, T2, D2),
      facet('schema', { v: 'earlier' }, T1, D2),
      facet('schema', { v: 'same time, lower digest' }, T2, D1),
      facet('doc', { d: 1 }, T1, D1),
    ];
    const expected = { doc: { d: 1 }, schema: { v: 'later digest, same time' } };
    expect(toOpenLineageFacets(rows, 'owner')).toEqual(expected);
    expect(toOpenLineageFacets([...rows].reverse(), 'owner')).toEqual(expected);
    expect(Object.keys(toOpenLineageFacets([...rows].reverse(), 'owner'))).toEqual(['doc', 'schema']);
    expect(toOpenLineageFacets([], 'owner')).toEqual({});
  });

  it('refuses corrupt facet rows with STORE_CORRUPT naming the owner and field', () => {
    expect(() => toOpenLineageFacets('nope', 'olr_r1')).toThrow(/olr_r1: facets is not a list/);
    expect(() => toOpenLineageFacets([{ ...facet('x', {}, T1, D1), value: '{oops' }], 'olr_r1')).toThrow(
      /OpenLineageFacet olr_r1 \[0\]: field value is not valid JSON/,
    );
    expect(() => toOpenLineageFacets([{ ...facet('x', {}, T1, D1), eventTime: T1 }], 'olr_r1')).toThrow(
      /field eventTime is not a DateTime/,
    );
  });

  it('maps a run with its event count, sorted producers and facets; ranks stay internal', () => {
    const run = toOpenLineageRun(
      runMap,
      [facet('nominalTime', { nominalStartTime: T1 }, T1, D1)],
      [facet('sql', { query: 'q' }, T1, D1)],
      [
        { ownerId: 'olr_r1|output|ar_out', ...facet('outputStatistics', { rowCount: 3 }, T1, D1) },
        { ownerId: 'olr_r1|input|ar_in', ...facet('dataQualityMetrics', { rowCount: 9 }, T1, D1) },
      ],
    );
    expect(run).toEqual({
      id: 'olr_r1',
      runId: 'r1',
      job: { namespace: 'ns', name: 'etl' },
      state: 'FAIL',
      startedAt: T1,
      endedAt: T2,
      parentRunId: 'p1',
      facets: { nominalTime: { nominalStartTime: T1 } },
      jobFacets: { sql: { query: 'q' } },
      // Inputs first, each dataset's facets by name.
      datasetFacets: [
        { direction: 'INPUT', artifactId: 'ar_in', facets: { dataQualityMetrics: { rowCount: 9 } } },
        { direction: 'OUTPUT', artifactId: 'ar_out', facets: { outputStatistics: { rowCount: 3 } } },
      ],
      producers: ['https://a.example', 'https://b.example'],
      eventCount: 3,
    });
  });

  it('maps a run only known as a parent (no state, no job) and refuses a corrupt state or half a job', () => {
    const placeholder = { id: 'olr_p1', nodeType: 'OpenLineageRun', runId: 'p1' };
    expect(toOpenLineageRun(placeholder, [], [], [])).toEqual({
      id: 'olr_p1',
      runId: 'p1',
      job: null,
      state: null,
      startedAt: null,
      endedAt: null,
      parentRunId: null,
      facets: {},
      jobFacets: {},
      datasetFacets: [],
      producers: [],
      eventCount: 0,
    });
    expect(() => toOpenLineageRun({ ...runMap, state: 'DONE' }, [], [], [])).toThrow(
      /OpenLineageRun olr_r1: field state is not one of START/,
    );
    expect(() => toOpenLineageRun({ ...runMap, jobName: undefined }, [], [], [])).toThrow(
      /field jobName is not set together with its pair/,
    );
    expect(() => toOpenLineageRun({ ...runMap, producers: [1] }, [], [], [])).toThrow(/field producers is not a list of strings/);
    expect(() => toOpenLineageRun({ ...runMap, eventCount: 'many' }, [], [], [])).toThrow(/field eventCount is not an integer/);
    expect(() => toOpenLineageRun(runMap, [], null, [])).toThrow(/olr_r1 job: facets is not a list/);
    // An input/output facet must belong to this run.
    expect(() => toOpenLineageRun(runMap, [], [], [{ ownerId: 'olr_other|input|ar_in', ...facet('x', {}, T1, D1) }])).toThrow(
      /ownerId "olr_other\|input\|ar_in" is not/,
    );
  });

  it('labels a run lineage node by its job, else its runId; status from the state; createdAt = startedAt', () => {
    expect(toLineageNode(runMap, 2)).toEqual({
      id: 'olr_r1',
      type: 'OpenLineageRun',
      depth: 2,
      label: 'etl',
      status: 'Failed',
      createdAt: T1,
    });
    expect(toLineageNode({ ...runMap, state: 'RUNNING' }, 0)).toMatchObject({ status: 'Executing' });
    expect(toLineageNode({ ...runMap, state: 'ABORT' }, 0)).toMatchObject({ status: 'Stopped' });
    expect(toLineageNode({ id: 'olr_p1', nodeType: 'OpenLineageRun', runId: 'p1' }, 1)).toEqual({
      id: 'olr_p1',
      type: 'OpenLineageRun',
      depth: 1,
      label: 'p1',
    });
  });

  it('maps a stored event with its raw JSON', () => {
    const map = {
      eventDigest: D1,
      kind: 'RunEvent',
      eventType: 'START',
      eventTime: driverDateTime(T1),
      producer: 'https://a.example',
      runId: 'r1',
      receivedAt: driverDateTime(T2),
      event: '{"eventType":"START"}',
    };
    expect(toOpenLineageStoredEvent(map)).toEqual({
      eventDigest: D1,
      kind: 'RunEvent',
      eventType: 'START',
      eventTime: T1,
      producer: 'https://a.example',
      runId: 'r1',
      receivedAt: T2,
      event: { eventType: 'START' },
    });
    const { eventType: _type, runId: _run, ...datasetEvent } = { ...map, kind: 'DatasetEvent' };
    expect(toOpenLineageStoredEvent(datasetEvent)).toMatchObject({ kind: 'DatasetEvent', eventType: null, runId: null });
    expect(() => toOpenLineageStoredEvent({ ...map, event: '[1]' })).toThrow(
      new RegExp(`OpenLineageEvent ${D1}: field event is not a JSON object`),
    );
    expect(() => toOpenLineageStoredEvent({ ...map, kind: 'StepEvent' })).toThrow(/field kind is not one of RunEvent/);
  });

  it('maps a dataset: versions as read (newest first) and facets merged over its versions', () => {
    const dataset = { namespace: 'ns', name: 'orders', uri: 'openlineage://ns/orders' };
    expect(toOpenLineageDataset(dataset, ['ar_2', 'ar_1'], [facet('schema', { v: 1 }, T1, D1), facet('schema', { v: 2 }, T2, D1)])).toEqual(
      { ...dataset, versionArtifactIds: ['ar_2', 'ar_1'], facets: { schema: { v: 2 } } },
    );
    expect(() => toOpenLineageDataset(dataset, [1], [])).toThrow(/openlineage:\/\/ns\/orders: versionIds is not a list of artifact ids/);
  });

  it('maps a column lineage row and refuses transformations that are not a JSON list', () => {
    const row = {
      from: { namespace: 'ns', name: 'orders', field: 'amount' },
      to: { namespace: 'ns', name: 'summary', field: 'total' },
      transformations: '[{"type":"DIRECT","subtype":"AGGREGATION"}]',
    };
    expect(toColumnLineageEdge(record(row))).toEqual({
      from: row.from,
      to: row.to,
      transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
    });
    expect(() => toColumnLineageEdge(record({ ...row, transformations: '{}' }))).toThrow(
      /Column lineage orders.amount -> summary.total: transformations is not a JSON list/,
    );
    expect(() => toColumnLineageEdge(record({ ...row, to: { namespace: 'ns', name: 'summary' } }))).toThrow(
      /DatasetField: field field is not a string/,
    );
  });
});

describe('to-driver', () => {
  it('sends integers as driver Integers (a JS number would be sent as a float)', () => {
    const v = toDriverInt(7);
    expect(neo4j.isInt(v)).toBe(true);
    expect(v.toNumber()).toBe(7);
    expect(() => toDriverInt(1.5, 'size')).toThrow(/size: must be an integer/);
  });

  it('stringifies JSON documents and keeps null', () => {
    expect(toJsonParam({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(toJsonParam(null)).toBeNull();
  });
});
