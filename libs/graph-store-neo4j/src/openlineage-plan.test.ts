import { describe, expect, it } from 'vitest';
import {
  ValidationError,
  artifactIdFor,
  canonicalJson,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageJobContextId,
  type ColumnLineageEdge,
} from '@pedigree/domain';
import { at, openLineageRecord } from '@pedigree/graph-store/testing';
import { ioFacetOwnerId, planOpenLineageEvent } from './openlineage-plan.ts';

const NS = 'warehouse';
const RUN = '3f0c7a52-2d7e-4c59-9d0a-6f2f3e4b5a61';
const PARENT = '9b1e0c2d-8a7f-4e6d-b5c4-a3b2c1d0e9f8';
const job = { namespace: NS, name: 'etl.orders' };
const version = (name: string, v: string | null) => artifactIdFor(openLineageDatasetUri(NS, name), openLineageDatasetDigest(NS, name, v));
const edge = (
  from: [string, string],
  to: [string, string],
  transformations: ColumnLineageEdge['transformations'] = [],
): ColumnLineageEdge => ({
  from: { namespace: NS, name: from[0], field: from[1] },
  to: { namespace: NS, name: to[0], field: to[1] },
  transformations,
});

describe('planOpenLineageEvent', () => {
  it('ranks a terminal state above any other, and the run’s own job above a parent facet’s', () => {
    const complete = openLineageRecord({ eventType: 'COMPLETE', eventTime: at(3), job, runId: RUN, parent: { runId: PARENT, job } });
    const running = openLineageRecord({ eventType: 'RUNNING', eventTime: at(9), job, runId: RUN });
    const a = planOpenLineageEvent(complete);
    const b = planOpenLineageEvent(running);
    // Later in time, yet ranked below: a terminal state wins whatever arrives after it.
    expect(a.runEvent!.stateRank > b.runEvent!.stateRank).toBe(true);
    expect(a.runEvent).toEqual({
      id: `olr_${RUN}`,
      state: 'COMPLETE',
      stateRank: `1|${at(3)}|${complete.eventDigest}`,
      endedAt: at(3),
      parentId: `olr_${PARENT}`,
      parentRunId: PARENT,
      parentRank: `${at(3)}|${complete.eventDigest}`,
    });
    expect(b.runEvent).toMatchObject({ state: 'RUNNING', endedAt: null, parentId: null, parentRank: null });
    // The run first, then its parent (the lock order), the parent at job priority 0.
    expect(a.runJobs.map((r) => [r.id, r.jobRank.slice(0, 2)])).toEqual([
      [`olr_${RUN}`, '1|'],
      [`olr_${PARENT}`, '0|'],
    ]);
    expect(a.runJobs[0]!.jobContextId).toBe(openLineageJobContextId(NS, 'etl.orders'));
  });

  it('names the job Context like its id is derived, and upserts each job once', () => {
    const plan = planOpenLineageEvent(openLineageRecord({ eventTime: at(1), job, runId: RUN, parent: { runId: PARENT, job } }));
    expect(plan.jobs).toEqual([
      {
        id: openLineageJobContextId(NS, 'etl.orders'),
        name: canonicalJson([NS, 'etl.orders']),
        properties: JSON.stringify({ openlineage: { namespace: NS, name: 'etl.orders' } }),
      },
    ]);
  });

  it('maps datasets to version artifacts (inputs first, in event order) and locks each dataset once, sorted by URI', () => {
    const record = openLineageRecord({
      eventType: 'COMPLETE',
      eventTime: at(2),
      job,
      runId: RUN,
      inputs: [
        { namespace: NS, name: 'z.raw', version: '7' },
        { namespace: NS, name: 'a.dim' },
      ],
      outputs: [{ namespace: NS, name: 'z.raw', version: '8' }],
    });
    const plan = planOpenLineageEvent(record);
    expect(plan.datasetArtifactIds).toEqual([version('z.raw', '7'), version('a.dim', null), version('z.raw', '8')]);
    expect(plan.datasets.map((d) => d.name)).toEqual(['a.dim', 'z.raw']);
    expect(plan.consumed).toEqual([version('z.raw', '7'), version('a.dim', null)]);
    expect(plan.produced).toEqual([version('z.raw', '8')]);
    expect(plan.versions[0]).toEqual({
      id: version('z.raw', '7'),
      uri: openLineageDatasetUri(NS, 'z.raw'),
      digest: openLineageDatasetDigest(NS, 'z.raw', '7'),
      name: 'z.raw',
      properties: JSON.stringify({ openlineage: { namespace: NS, name: 'z.raw', version: '7' } }),
      searchText: `${NS} z.raw 7`,
    });
    // A RunEvent without column lineage derives nothing at dataset level.
    expect(plan.derived).toEqual([]);
  });

  it('column lineage: DERIVED_FROM between the versions the event lists, else unversioned nodes; no self-loops, no repeats', () => {
    const record = openLineageRecord({
      eventType: 'COMPLETE',
      eventTime: at(1),
      job,
      runId: RUN,
      inputs: [{ namespace: NS, name: 'orders', version: '5' }],
      outputs: [{ namespace: NS, name: 'summary', version: '2' }],
      columnLineage: [
        edge(['orders', 'amount'], ['summary', 'total'], [{ type: 'DIRECT' }]),
        edge(['orders', 'tax'], ['summary', 'total']),
        edge(['customers', 'id'], ['summary', 'customer']),
        edge(['summary', 'total'], ['summary', 'rank']),
      ],
    });
    const plan = planOpenLineageEvent(record);
    expect(plan.derived).toEqual([
      { from: version('orders', '5'), to: version('summary', '2'), name: null },
      { from: version('customers', null), to: version('summary', '2'), name: null },
      // summary is not among the inputs: its unversioned node feeds the listed version.
      { from: version('summary', null), to: version('summary', '2'), name: null },
    ]);
    expect(plan.versions.map((v) => v.id)).toEqual(expect.arrayContaining([version('customers', null), version('summary', null)]));
    expect(plan.datasets.map((d) => d.name)).toEqual(['customers', 'orders', 'summary']);
    expect(plan.columnLineage.map((r) => [r.fromName, r.fromField, r.toName, r.toField])).toEqual([
      ['customers', 'id', 'summary', 'customer'],
      ['orders', 'amount', 'summary', 'total'],
      ['orders', 'tax', 'summary', 'total'],
      ['summary', 'total', 'summary', 'rank'],
    ]);
    expect(plan.columnLineage[1]!.transformations).toBe('[{"type":"DIRECT"}]');
  });

  it('a JobEvent derives every output from every input and touches no run', () => {
    const record = openLineageRecord({
      kind: 'JobEvent',
      eventTime: at(1),
      job,
      inputs: [
        { namespace: NS, name: 'a' },
        { namespace: NS, name: 'b', version: '3' },
      ],
      outputs: [{ namespace: NS, name: 'c' }],
    });
    const plan = planOpenLineageEvent(record);
    expect(plan.runNodeId).toBeNull();
    expect(plan.runEvent).toBeNull();
    expect(plan.runJobs).toEqual([]);
    expect(plan.consumed).toEqual([]);
    expect(plan.derived.map((d) => [d.from, d.to])).toEqual([
      [version('a', null), version('c', null)],
      [version('b', '3'), version('c', null)],
    ]);
  });

  it('facets by owner: run, job, dataset version and the run’s io facets per dataset; the first listing of a dataset wins', () => {
    const record = openLineageRecord({
      eventTime: at(1),
      job: { ...job, facets: { sql: { query: 'select 1' } } },
      runId: RUN,
      runFacets: { nominalTime: { nominalStartTime: at(0) } },
      inputs: [{ namespace: NS, name: 't', version: '1', facets: { schema: { fields: [] } }, ioFacets: { dataQuality: { rowCount: 1 } } }],
      outputs: [{ namespace: NS, name: 't', version: '1', facets: { schema: { fields: [{ name: 'x' }] } } }],
    });
    const plan = planOpenLineageEvent(record);
    const t1 = version('t', '1');
    const owners = plan.facets.map((f) => [f.ownerId, f.name, f.value]);
    expect(owners).toEqual(
      [
        [t1, 'schema', '{"fields":[]}'],
        [openLineageJobContextId(NS, 'etl.orders'), 'sql', '{"query":"select 1"}'],
        [`olr_${RUN}`, 'nominalTime', JSON.stringify({ nominalStartTime: at(0) })],
        [ioFacetOwnerId(`olr_${RUN}`, 'input', t1), 'dataQuality', '{"rowCount":1}'],
      ].sort((a, b) => (`${a[0]}\u0000${a[1]}` < `${b[0]}\u0000${b[1]}` ? -1 : 1)),
    );
  });

  it('a value that is not JSON is VALIDATION_FAILED naming its field, before anything is written', () => {
    const record = openLineageRecord({ eventTime: at(1), job, runId: RUN, outputs: [{ namespace: NS, name: 'x' }] });
    const bad = { ...record, outputs: [{ ...record.outputs[0]!, ioFacets: { stats: { rowCount: 10n as unknown as number } } }] };
    let error: unknown;
    try {
      planOpenLineageEvent(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: 'outputs[0].ioFacets.stats', message: expect.stringContaining('JSON') }]);
  });
});
