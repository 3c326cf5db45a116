/**
 * The OpenLineage GraphQL fields in-process (yoga.fetch): runs with parents and children, paging,
 * raw events, dataset versions and facets, column lineage, argument checks, and OpenLineageRun
 * nodes in lineage results. Events are stored with the same ingestion the HTTP route uses.
 */
import { openLineageDatasetUri, openLineageRunNodeId } from '@pedigree/domain';
import { ingestOpenLineage } from '@pedigree/openlineage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

const PRODUCER = 'https://example.com/pedigree-tests';
const FACET = { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json' };
const APP = '0a000000-0000-4000-8000-000000000001';
const STEP_1 = '0a000000-0000-4000-8000-000000000002';
const STEP_2 = '0a000000-0000-4000-8000-000000000003';

function event(runId: string, eventType: string, eventTime: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType,
    eventTime,
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId, facets: {} },
    job: { namespace: 'spark', name: runId === APP ? 'nightly_app' : `nightly_app.step_${runId.slice(-1)}` },
    ...extra,
  };
}
const parentFacet = {
  parent: { _producer: PRODUCER, _schemaURL: 'x', run: { runId: APP }, job: { namespace: 'spark', name: 'nightly_app' } },
};
const schema = (...fields: string[]) => ({ schema: { ...FACET, fields: fields.map((name) => ({ name, type: 'STRING' })) } });

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  const report = await ingestOpenLineage(h.store, [
    event(APP, 'START', '2024-06-01T00:00:00Z'),
    event(STEP_1, 'START', '2024-06-01T00:01:00Z', {
      run: { runId: STEP_1, facets: parentFacet },
      inputs: [{ namespace: 's3://raw', name: 'orders.csv' }],
      outputs: [{ namespace: 'warehouse', name: 'orders', facets: schema('id', 'amount') }],
    }),
    event(STEP_1, 'COMPLETE', '2024-06-01T00:02:00Z', { run: { runId: STEP_1, facets: parentFacet } }),
    event(STEP_2, 'START', '2024-06-02T00:01:00Z', {
      run: { runId: STEP_2, facets: parentFacet },
      inputs: [{ namespace: 'warehouse', name: 'orders', facets: schema('id', 'amount') }],
      outputs: [
        {
          namespace: 'warehouse',
          name: 'orders',
          facets: {
            ...schema('id', 'amount', 'currency'),
            columnLineage: {
              ...FACET,
              fields: { currency: { inputFields: [{ namespace: 'warehouse', name: 'orders', field: 'amount' }] } },
            },
          },
        },
      ],
    }),
    event(STEP_2, 'FAIL', '2024-06-02T00:03:00Z', { run: { runId: STEP_2, facets: parentFacet } }),
  ]);
  expect(report.invalid).toBe(0);
});
afterAll(async () => h.close());

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { body } = await h.gql<T>(query, variables, { token: 'viewer' });
  expect(body.errors).toBeUndefined();
  return body.data!;
}

describe('OpenLineage queries', () => {
  it('openLineageRun: job, state, status, times, parent, children, facets, producers, events', async () => {
    const { openLineageRun: step } = await data<{ openLineageRun: Record<string, unknown> }>(
      `query($r: ID!) { openLineageRun(runId: $r) { id runId job { namespace name } state status startedAt endedAt
        parent { runId job { name } state children { runId } } facets producers eventCount
        events(first: 1) { edges { node { eventType eventTime kind producer runId event } } pageInfo { hasNextPage endCursor } } } }`,
      { r: STEP_2.toUpperCase() },
    );
    expect(step).toMatchObject({
      id: openLineageRunNodeId(STEP_2),
      runId: STEP_2,
      job: { namespace: 'spark', name: 'nightly_app.step_3' },
      state: 'FAIL',
      status: 'Failed',
      startedAt: '2024-06-02T00:01:00.000Z',
      endedAt: '2024-06-02T00:03:00.000Z',
      parent: { runId: APP, job: { name: 'nightly_app' }, state: 'START' },
      producers: [PRODUCER],
      eventCount: 2,
    });
    expect((step['parent'] as { children: { runId: string }[] }).children.map((c) => c.runId).sort()).toEqual([STEP_1, STEP_2]);
    expect(step['facets']).toHaveProperty('parent');
    const events = step['events'] as {
      edges: { node: { eventType: string; kind: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(events.edges.map((e) => e.node.eventType)).toEqual(['START']);
    expect(events.pageInfo.hasNextPage).toBe(true);
    const next = await data<{ openLineageRun: { events: { edges: { node: { eventType: string } }[] } } }>(
      'query($r: ID!, $a: String) { openLineageRun(runId: $r) { events(first: 5, after: $a) { edges { node { eventType } } } } }',
      { r: STEP_2, a: events.pageInfo.endCursor },
    );
    expect(next.openLineageRun.events.edges.map((e) => e.node.eventType)).toEqual(['FAIL']);
  });

  it('openLineageRun: inputs and outputs are the dataset versions the run read and wrote', async () => {
    const { openLineageRun } = await data<{ openLineageRun: { inputs: { uri: string; type: string }[]; outputs: { uri: string }[] } }>(
      'query($r: ID!) { openLineageRun(runId: $r) { inputs { uri type } outputs { uri } } }',
      { r: STEP_1 },
    );
    expect(openLineageRun.inputs).toEqual([{ uri: openLineageDatasetUri('s3://raw', 'orders.csv'), type: 'DataSet' }]);
    expect(openLineageRun.outputs).toEqual([{ uri: openLineageDatasetUri('warehouse', 'orders') }]);
  });

  it('openLineageRun is null for an unknown run; a bad argument is VALIDATION_FAILED naming it', async () => {
    expect(await data('query { openLineageRun(runId: "0a000000-0000-4000-8000-0000000000ff") { runId } }')).toEqual({
      openLineageRun: null,
    });
    const { body } = await h.gql('query { openLineageRun(runId: "") { runId } }', {}, { token: 'viewer' });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.errors)).toMatch(/runId/);
  });

  it('openLineageRuns: newest first, filtered by parent and job, paged', async () => {
    const all = await data<{ openLineageRuns: { edges: { node: { runId: string } }[] } }>(
      '{ openLineageRuns { edges { node { runId } } } }',
    );
    expect(all.openLineageRuns.edges.map((e) => e.node.runId)).toEqual([STEP_2, STEP_1, APP]);
    const children = await data<{
      openLineageRuns: { edges: { node: { runId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(
      'query($p: ID!) { openLineageRuns(filter: { parentRunId: $p }, first: 1) { edges { node { runId } } pageInfo { hasNextPage endCursor } } }',
      { p: APP },
    );
    expect(children.openLineageRuns.edges.map((e) => e.node.runId)).toEqual([STEP_2]);
    expect(children.openLineageRuns.pageInfo.hasNextPage).toBe(true);
    const rest = await data<{ openLineageRuns: { edges: { node: { runId: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      'query($p: ID!, $a: String) { openLineageRuns(filter: { parentRunId: $p }, first: 1, after: $a) { edges { node { runId } } pageInfo { hasNextPage } } }',
      { p: APP, a: children.openLineageRuns.pageInfo.endCursor },
    );
    expect(rest.openLineageRuns.edges.map((e) => e.node.runId)).toEqual([STEP_1]);
    expect(rest.openLineageRuns.pageInfo.hasNextPage).toBe(false);
    const byJob = await data<{ openLineageRuns: { edges: { node: { runId: string } }[] } }>(
      '{ openLineageRuns(filter: { jobNamespace: "spark", jobName: "nightly_app" }) { edges { node { runId } } } }',
    );
    expect(byJob.openLineageRuns.edges.map((e) => e.node.runId)).toEqual([APP]);
  });

  it('openLineageDataset: a version per schema, newest first, linked; facets; column lineage in both directions', async () => {
    const { openLineageDataset: orders } = await data<{
      openLineageDataset: {
        uri: string;
        versions: { id: string; createdAt: string; previousVersion: { id: string } | null }[];
        facets: Record<string, unknown>;
        upstream: unknown[];
      };
    }>(
      `{ openLineageDataset(namespace: "warehouse", name: "orders") { uri versions { id createdAt previousVersion { id } } facets
        upstream: columnLineage(field: "currency", direction: UPSTREAM) { from { field } to { field } } } }`,
    );
    expect(orders.uri).toBe('openlineage://warehouse/orders');
    expect(orders.versions.map((v) => v.createdAt)).toEqual(['2024-06-02T00:01:00.000Z', '2024-06-01T00:01:00.000Z']);
    expect(orders.versions[0]!.previousVersion?.id).toBe(orders.versions[1]!.id);
    expect(orders.facets).toHaveProperty('schema');
    expect(orders.upstream).toEqual([{ from: { field: 'amount' }, to: { field: 'currency' } }]);
    const none = await data('{ openLineageDataset(namespace: "warehouse", name: "nope") { uri } }');
    expect(none).toEqual({ openLineageDataset: null });
    const down = await data<{ columnLineage: { to: { field: string } }[] }>(
      '{ columnLineage(namespace: "warehouse", name: "orders", field: "amount", direction: DOWNSTREAM) { to { field } } }',
    );
    expect(down.columnLineage).toEqual([{ to: { field: 'currency' } }]);
  });

  it('lineage: OpenLineageRun nodes with their status, PART_OF the parent run, from the raw file to the warehouse table', async () => {
    const { lineage } = await data<{
      lineage: {
        nodes: { id: string; type: string; label: string; status: string | null }[];
        edges: { from: string; to: string; type: string }[];
      };
    }>(
      'query($ids: [ID!]!) { lineage(startIds: $ids, direction: BOTH, nodeTypes: [OpenLineageRun]) { nodes { id type label status } edges { from to type } } }',
      { ids: [openLineageRunNodeId(STEP_1)] },
    );
    const runs = lineage.nodes.filter((n) => n.type === 'OpenLineageRun');
    expect(runs.map((n) => n.id).sort()).toEqual([APP, STEP_1, STEP_2].map(openLineageRunNodeId).sort());
    expect(runs.find((n) => n.id === openLineageRunNodeId(STEP_1))).toMatchObject({ label: 'nightly_app.step_2', status: 'Succeeded' });
    expect(lineage.nodes.every((n) => n.type === 'OpenLineageRun')).toBe(true);
    const { lineagePaths } = await data<{ lineagePaths: { paths: { edges: { type: string }[] }[] } }>(
      'query($from: ID!, $to: ID!) { lineagePaths(from: $from, to: $to) { paths { edges { type } } } }',
      { from: openLineageRunNodeId(STEP_1), to: openLineageRunNodeId(APP) },
    );
    expect(lineagePaths.paths[0]!.edges.map((e) => e.type)).toEqual(['PART_OF']);
  });
});
