import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  artifactIdFor,
  canonicalJson,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageJobContextId,
  openLineageRunNodeId,
  type ArtifactId,
  type ColumnLineageEdge,
  type LineageEdge,
  type LineageNode,
  type OpenLineageJobRef,
} from '@pedigree/domain';
import type { GraphStore } from '../graph-store.ts';
import type { OpenLineageEventRecord } from '../openlineage-types.ts';
import type { ContractContext } from './contract-context.ts';
import {
  artifactInput,
  at,
  channel,
  expectCode,
  expectInvalidArgument,
  expectValidation,
  runStep,
  seedExecution,
  unique,
  walkPages,
} from './fixtures.ts';
import { openLineageRecord, type OpenLineageDatasetSpec } from './openlineage-records.ts';

/* OpenLineage events on the graph: the mapping documented on `OpenLineageEventRecord`. */

/** Cases that make hundreds of calls: generous for a networked adapter on a loaded machine. */
const MANY_CALLS_TIMEOUT_MS = 120_000;

const versionId = (namespace: string, name: string, version: string | null): ArtifactId =>
  artifactIdFor(openLineageDatasetUri(namespace, name), openLineageDatasetDigest(namespace, name, version));

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const edgeKey = (e: LineageEdge): string => `${e.from} ${e.type} ${e.to}`;
const sortedEdges = (edges: readonly LineageEdge[]): LineageEdge[] => [...edges].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : 1));

/** A deterministic shuffle (mulberry32), so a failing order can be reproduced from its seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A fresh namespace, job and run ids for one scenario. */
function scenario(prefix: string): { ns: string; job: OpenLineageJobRef; runId: () => string } {
  // One word to any full-text tokenizer (no hyphen), so a case can search for it.
  const ns = `ol${prefix.replace(/[^a-z0-9]/gi, '')}${randomUUID().replace(/-/g, '')}`;
  return { ns, job: { namespace: ns, name: `${prefix}.job` }, runId: () => randomUUID() };
}

/**
 * The run R (job J) with parent P (job PJ) and a second run S that consumes R's output and writes
 * its next version: 4 events of R, 2 of P, 2 of S. Named under `ns`, so each call is independent.
 */
function familyRecords(ns: string, ids: { r: string; p: string; s: string }): OpenLineageEventRecord[] {
  const job = { namespace: ns, name: 'etl.orders' };
  const parentJob = { namespace: ns, name: 'dag.nightly' };
  const secondJob = { namespace: ns, name: 'etl.report' };
  const src = (facets = {}): OpenLineageDatasetSpec => ({ namespace: ns, name: 'raw.orders', version: 'v1', facets });
  const out = (version: string, facets = {}, ioFacets = {}): OpenLineageDatasetSpec => ({
    namespace: ns,
    name: 'clean.orders',
    version,
    facets,
    ioFacets,
  });
  const parent = { runId: ids.p, job: parentJob };
  const columns: ColumnLineageEdge[] = [
    {
      from: { namespace: ns, name: 'raw.orders', field: 'amount' },
      to: { namespace: ns, name: 'clean.orders', field: 'total' },
      transformations: [],
    },
    {
      from: { namespace: ns, name: 'raw.orders', field: 'tax' },
      to: { namespace: ns, name: 'clean.orders', field: 'total' },
      transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION' }],
    },
  ];
  return [
    openLineageRecord({
      eventType: 'START',
      eventTime: at(10),
      job,
      runId: ids.r,
      parent,
      inputs: [src({ schema: { fields: [{ name: 'amount' }] } })],
      runFacets: { nominalTime: { nominalStartTime: at(0) } },
    }),
    openLineageRecord({
      eventType: 'RUNNING',
      eventTime: at(11),
      job,
      runId: ids.r,
      parent,
      inputs: [src()],
      outputs: [out('v1', {}, { outputStatistics: { rowCount: 1 } })],
      runFacets: { progress: { percent: 50 } },
    }),
    openLineageRecord({
      eventType: 'RUNNING',
      eventTime: at(12),
      job,
      runId: ids.r,
      inputs: [src()],
      outputs: [out('v1')],
      runFacets: { progress: { percent: 90 } },
      producer: 'https://example.com/other-producer',
    }),
    openLineageRecord({
      eventType: 'COMPLETE',
      eventTime: at(13),
      job,
      runId: ids.r,
      parent,
      inputs: [src({ schema: { fields: [{ name: 'amount' }, { name: 'tax' }] } })],
      outputs: [out('v1', { schema: { fields: [{ name: 'total' }] } }, { outputStatistics: { rowCount: 2 } })],
      columnLineage: columns,
    }),
    openLineageRecord({ eventType: 'START', eventTime: at(9), job: parentJob, runId: ids.p }),
    openLineageRecord({ eventType: 'COMPLETE', eventTime: at(20), job: parentJob, runId: ids.p }),
    openLineageRecord({ eventType: 'START', eventTime: at(15), job: secondJob, runId: ids.s, inputs: [out('v1')] }),
    openLineageRecord({
      eventType: 'FAIL',
      eventTime: at(16),
      job: secondJob,
      runId: ids.s,
      inputs: [out('v1')],
      outputs: [out('v2', { schema: { fields: [{ name: 'total' }, { name: 'rank' }] } })],
      columnLineage: [
        {
          from: { namespace: ns, name: 'clean.orders', field: 'total' },
          to: { namespace: ns, name: 'clean.orders', field: 'rank' },
          transformations: [],
        },
      ],
    }),
  ];
}

/**
 * Everything the port exposes about a family of runs, with the scenario's own names (namespace,
 * runIds and every id or digest derived from them) replaced by placeholders so two scenarios
 * can be compared.
 */
async function familySnapshot(
  store: GraphStore,
  ns: string,
  ids: { r: string; p: string; s: string },
  records: readonly OpenLineageEventRecord[],
): Promise<string> {
  const runs = await Promise.all([ids.r, ids.p, ids.s].map((id) => store.getOpenLineageRun(id)));
  const events = await Promise.all(
    [ids.r, ids.p, ids.s].map(async (runId) => (await walkPages((page) => store.listOpenLineageEvents({ runId, ...page }), 2)).items),
  );
  const datasets = await Promise.all(['raw.orders', 'clean.orders'].map((name) => store.findOpenLineageDataset(ns, name)));
  const versions = await Promise.all(datasets.map((d) => store.getArtifacts(d?.versionArtifactIds ?? [])));
  const columns = await Promise.all(
    ['raw.orders', 'clean.orders'].flatMap((name) =>
      (['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const).map((direction) => store.listColumnLineage({ namespace: ns, name, direction })),
    ),
  );
  const traversals = await Promise.all(
    datasets
      .flatMap((d) => d?.versionArtifactIds ?? [])
      .flatMap((id) =>
        (['UPSTREAM', 'DOWNSTREAM'] as const).map(async (direction) => {
          const r = await store.traverse({ startIds: [id], direction });
          return { nodes: r.nodes, edges: r.edges, truncated: r.truncated };
        }),
      ),
  );
  const contexts = await Promise.all(
    ['etl.orders', 'dag.nightly', 'etl.report'].map((name) => store.getContext(openLineageJobContextId(ns, name))),
  );
  const runNodes = await store.getLineageNodes([ids.r, ids.p, ids.s].map(openLineageRunNodeId));
  // Canonical JSON: key order is not part of the contract, array order is.
  const text = canonicalJson({ runs, events, datasets, versions, columns, traversals, contexts, runNodes });

  // Placeholders, longest first (ids contain the namespace's hash, never the namespace itself).
  const names: [string, string][] = [
    [ns, '<ns>'],
    [ids.r, '<r>'],
    [ids.p, '<p>'],
    [ids.s, '<s>'],
    ...records.map((rec, i): [string, string] => [rec.eventDigest, `<event${i}>`]),
    ...['etl.orders', 'dag.nightly', 'etl.report'].map((name): [string, string] => [openLineageJobContextId(ns, name), `<job:${name}>`]),
  ];
  for (const [name, version] of [
    ['raw.orders', 'v1'],
    ['clean.orders', 'v1'],
    ['clean.orders', 'v2'],
    ['raw.orders', null],
    ['clean.orders', null],
  ] as const) {
    names.push([versionId(ns, name, version), `<artifact:${name}@${version}>`]);
    names.push([openLineageDatasetDigest(ns, name, version), `<digest:${name}@${version}>`]);
  }
  let out = text;
  for (const [from, to] of names.sort((a, b) => b[0].length - a[0].length)) out = out.split(from).join(to);
  // Ids differ between scenarios, so the order the store sorted them in may too: sort again by placeholder.
  const renamed = JSON.parse(out) as { traversals: { nodes: LineageNode[]; edges: LineageEdge[] }[] };
  for (const t of renamed.traversals) {
    t.nodes.sort((a, b) => a.depth - b.depth || byId(a, b));
    t.edges = sortedEdges(t.edges);
  }
  return canonicalJson(renamed);
}

export function openLineageContract(ctx: ContractContext): void {
  describe('OpenLineage', () => {
    it('a START then COMPLETE run: run node, job context, CONSUMED_BY / PRODUCED to dataset version artifacts', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('basic');
      const id = runId();
      const input = { namespace: ns, name: 'public.orders', version: 'v7', facets: { schema: { fields: [{ name: 'id', type: 'INT' }] } } };
      const output = { namespace: ns, name: 'public.daily', version: null, ioFacets: { outputStatistics: { rowCount: 3 } } };
      const start = openLineageRecord({
        eventType: 'START',
        eventTime: at(1),
        job,
        runId: id,
        inputs: [input],
        runFacets: { nominalTime: { nominalStartTime: at(0) } },
      });
      const complete = openLineageRecord({ eventType: 'COMPLETE', eventTime: at(5), job, runId: id, inputs: [input], outputs: [output] });

      const first = await store.recordOpenLineageEvent(start);
      const inputId = versionId(ns, 'public.orders', 'v7');
      const outputId = versionId(ns, 'public.daily', null);
      expect(first).toEqual({ applied: true, runNodeId: openLineageRunNodeId(id), datasetArtifactIds: [inputId] });
      expect(await store.recordOpenLineageEvent(complete)).toEqual({
        applied: true,
        runNodeId: `olr_${id}`,
        datasetArtifactIds: [inputId, outputId],
      });

      const run = await store.getOpenLineageRun(id);
      expect(run).toEqual({
        id: `olr_${id}`,
        runId: id,
        job: { namespace: ns, name: job.name },
        state: 'COMPLETE',
        startedAt: at(1),
        endedAt: at(5),
        parentRunId: null,
        facets: { nominalTime: { nominalStartTime: at(0) } },
        jobFacets: {},
        // The output facets of the COMPLETE event, on the version it wrote.
        datasetFacets: [{ direction: 'OUTPUT', artifactId: outputId, facets: { outputStatistics: { rowCount: 3 } } }],
        producers: [start.producer],
        eventCount: 2,
      });
      expect(await store.findOpenLineageRun(id.toUpperCase())).toEqual(run);

      const [inArtifact, outArtifact] = await store.getArtifacts([inputId, outputId]);
      expect(inArtifact).toEqual({
        id: inputId,
        uri: `openlineage://${ns}/public.orders`,
        digest: openLineageDatasetDigest(ns, 'public.orders', 'v7'),
        type: 'DataSet',
        name: 'public.orders',
        size: 0,
        properties: { openlineage: { namespace: ns, name: 'public.orders', version: 'v7' } },
        createdAt: at(1),
        previousVersionId: null,
      });
      expect(outArtifact).toMatchObject({
        uri: openLineageDatasetUri(ns, 'public.daily'),
        createdAt: at(5),
        properties: { openlineage: { version: null } },
      });

      const contextId = openLineageJobContextId(ns, job.name);
      const context = await store.getContext(contextId);
      expect(context).toMatchObject({ id: contextId, type: 'OpenLineageJob', name: canonicalJson([ns, job.name]), createdAt: at(1) });

      const around = await store.traverse({ startIds: [`olr_${id}`], direction: 'BOTH', maxDepth: 1 });
      expect(sortedEdges(around.edges)).toEqual(
        sortedEdges([
          { from: inputId, type: 'CONSUMED_BY', to: `olr_${id}` },
          { from: `olr_${id}`, type: 'PRODUCED', to: outputId },
          { from: `olr_${id}`, type: 'ASSOCIATED_WITH', to: contextId },
        ]),
      );
      const [node] = await store.getLineageNodes([`olr_${id}`]);
      expect(node).toEqual({ id: `olr_${id}`, type: 'OpenLineageRun', label: job.name, depth: 0, status: 'Succeeded', createdAt: at(1) });

      const byJob = await store.listOpenLineageRuns({ jobNamespace: ns, jobName: job.name });
      expect(byJob.items.map((r) => r.runId)).toEqual([id]);
      // Dataset version artifacts are searchable like any other artifact.
      const found = await store.searchArtifacts({ text: ns });
      expect(found.items.map((a) => a.id).sort()).toEqual([inputId, outputId].sort());
    });

    it('the same record twice is applied once: applied false and an identical graph', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('dup');
      const id = runId();
      const record = openLineageRecord({
        eventType: 'START',
        eventTime: at(1),
        job,
        runId: id,
        inputs: [{ namespace: ns, name: 'a', version: '1', facets: { schema: { fields: [] } } }],
        outputs: [{ namespace: ns, name: 'b' }],
        columnLineage: [
          { from: { namespace: ns, name: 'a', field: 'x' }, to: { namespace: ns, name: 'b', field: 'y' }, transformations: [] },
        ],
      });
      const snapshot = async (): Promise<unknown> => ({
        run: await store.getOpenLineageRun(id),
        events: await store.listOpenLineageEvents({ runId: id }),
        a: await store.findOpenLineageDataset(ns, 'a'),
        artifacts: await store.listArtifacts({ uriPrefix: openLineageDatasetUri(ns, '') }),
        columns: await store.listColumnLineage({ namespace: ns, name: 'b' }),
        graph: await store.traverse({ startIds: [`olr_${id}`], direction: 'BOTH' }),
      });
      expect((await store.recordOpenLineageEvent(record)).applied).toBe(true);
      const before = await snapshot();
      const again = await store.recordOpenLineageEvent({ ...record, receivedAt: at(99) });
      expect(again).toEqual({
        applied: false,
        runNodeId: `olr_${id}`,
        datasetArtifactIds: [versionId(ns, 'a', '1'), versionId(ns, 'b', null)],
      });
      // Concurrent re-sends (a producer retrying on 5xx) are idempotent too.
      const concurrent = await Promise.all([1, 2, 3].map(() => store.recordOpenLineageEvent(record)));
      expect(concurrent.map((r) => r.applied)).toEqual([false, false, false]);
      expect(await snapshot()).toEqual(before);
      expect((await store.getOpenLineageRun(id)).eventCount).toBe(1);
    });

    it(
      'any arrival order of a run, its parent and a second run gives the same graph',
      async () => {
        const store = ctx.store();
        const apply = async (
          order: 'sequential' | 'concurrent',
          permute: (r: OpenLineageEventRecord[]) => OpenLineageEventRecord[],
        ): Promise<string> => {
          const ns = unique('ol-perm');
          const ids = { r: randomUUID(), p: randomUUID(), s: randomUUID() };
          const records = familyRecords(ns, ids);
          const permuted = permute(records);
          if (order === 'concurrent') await Promise.all(permuted.map((rec) => store.recordOpenLineageEvent(rec)));
          else for (const rec of permuted) expect((await store.recordOpenLineageEvent(rec)).applied).toBe(true);
          return familySnapshot(store, ns, ids, records);
        };
        const reference = await apply('sequential', (r) => r);
        // The reference itself must say what the mapping promises (else identical snapshots prove little).
        const parsed = JSON.parse(reference) as {
          runs: { state: string; parentRunId: string | null; eventCount: number; facets: unknown; producers: string[] }[];
        };
        expect(parsed.runs.map((r) => [r.state, r.parentRunId, r.eventCount])).toEqual([
          ['COMPLETE', '<p>', 4],
          ['COMPLETE', null, 2],
          ['FAIL', null, 2],
        ]);
        expect(parsed.runs[0]!.facets).toEqual({ nominalTime: { nominalStartTime: at(0) }, progress: { percent: 90 } });
        expect(parsed.runs[0]!.producers).toHaveLength(2);

        const orders: [string, (r: OpenLineageEventRecord[]) => OpenLineageEventRecord[]][] = [
          ['reversed', (r) => [...r].reverse()],
          ...Array.from({ length: 10 }, (_, seed): [string, (r: OpenLineageEventRecord[]) => OpenLineageEventRecord[]] => [
            `shuffle seed ${seed}`,
            (r) => seededShuffle(r, seed + 1),
          ]),
        ];
        for (const [name, permute] of orders) expect(await apply('sequential', permute), name).toBe(reference);
        expect(await apply('concurrent', (r) => seededShuffle(r, 42)), 'all at once').toBe(reference);
      },
      MANY_CALLS_TIMEOUT_MS,
    );

    it('dataset versions: createdAt is the earliest eventTime naming the version, previousVersionId follows (createdAt, digest)', async () => {
      const store = ctx.store();
      const ns = unique('ol-versions');
      const ids = { r: randomUUID(), p: randomUUID(), s: randomUUID() };
      const records = familyRecords(ns, ids);
      for (const rec of [...records].reverse()) await store.recordOpenLineageEvent(rec);
      const clean = await store.findOpenLineageDataset(ns, 'clean.orders');
      const v1 = versionId(ns, 'clean.orders', 'v1');
      const v2 = versionId(ns, 'clean.orders', 'v2');
      expect(clean?.versionArtifactIds).toEqual([v2, v1]);
      const [a1, a2] = await store.getArtifacts([v1, v2]);
      expect([a1?.createdAt, a1?.previousVersionId]).toEqual([at(11), null]);
      expect([a2?.createdAt, a2?.previousVersionId]).toEqual([at(16), v1]);
      // Dataset facets merge over versions, latest event wins per facet name.
      expect(clean?.facets).toEqual({ schema: { fields: [{ name: 'total' }, { name: 'rank' }] } });
      const latest = await store.findArtifact({ uri: openLineageDatasetUri(ns, 'clean.orders') });
      expect(latest?.id).toBe(v2);
    });

    it(
      'previousVersionId chains many versions in (createdAt, digest) order, whatever order their events arrive in',
      async () => {
        const store = ctx.store();
        // Version i is first named at minute firsts[i] and again later; v2 and v3 tie on createdAt (the digest decides).
        const firsts = [5, 1, 3, 3, 8, 0, 6];
        for (const seed of [1, 2, 3]) {
          const ns = unique('ol-chain');
          const records = firsts.flatMap((first, i) =>
            [first, first + 2.5, 20 - i].map((minute) =>
              openLineageRecord({
                kind: 'DatasetEvent',
                eventTime: at(minute),
                outputs: [{ namespace: ns, name: 'events', version: `v${i}` }],
              }),
            ),
          );
          for (const rec of seededShuffle(records, seed)) await store.recordOpenLineageEvent(rec);
          const expected = firsts
            .map((first, i) => ({
              id: versionId(ns, 'events', `v${i}`),
              createdAt: at(first),
              digest: openLineageDatasetDigest(ns, 'events', `v${i}`),
            }))
            .sort((a, b) => (a.createdAt === b.createdAt ? (a.digest < b.digest ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
          const artifacts = await store.getArtifacts(expected.map((e) => e.id));
          expect(
            artifacts.map((a) => [a?.createdAt, a?.previousVersionId]),
            `seed ${seed}`,
          ).toEqual(expected.map((e, k) => [e.createdAt, k === 0 ? null : expected[k - 1]!.id]));
          expect((await store.findOpenLineageDataset(ns, 'events'))?.versionArtifactIds).toEqual(expected.map((e) => e.id).reverse());
        }
      },
      MANY_CALLS_TIMEOUT_MS,
    );

    it('a terminal state wins whatever the order (COMPLETE before RUNNING)', async () => {
      const store = ctx.store();
      const { job, runId } = scenario('terminal');
      const id = runId();
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'COMPLETE', eventTime: at(3), job, runId: id }));
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'RUNNING', eventTime: at(7), job, runId: id }));
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'START', eventTime: at(1), job, runId: id }));
      const run = await store.getOpenLineageRun(id);
      expect([run.state, run.startedAt, run.endedAt, run.eventCount]).toEqual(['COMPLETE', at(1), at(3), 3]);
      expect((await store.getLineageNodes([`olr_${id}`]))[0]).toMatchObject({ status: 'Succeeded', createdAt: at(1) });

      // A run still going reads as Executing; a FAIL makes it Failed.
      const other = runId();
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'RUNNING', eventTime: at(2), job, runId: other }));
      expect((await store.getLineageNodes([`olr_${other}`]))[0]).toMatchObject({ status: 'Executing' });
      expect((await store.getOpenLineageRun(other)).endedAt).toBeNull();
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'FAIL', eventTime: at(1), job, runId: other }));
      expect(await store.getOpenLineageRun(other)).toMatchObject({ state: 'FAIL', endedAt: at(1) });
      expect((await store.getLineageNodes([`olr_${other}`]))[0]).toMatchObject({ status: 'Failed' });
    });

    it('a facet re-sent under the same name keeps the later event by eventTime, even when that event arrived first', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('facets');
      const id = runId();
      const ds = (fields: string[]): OpenLineageDatasetSpec => ({
        namespace: ns,
        name: 'tbl',
        version: 'v1',
        facets: { schema: { fields: fields.map((name) => ({ name })) } },
        ioFacets: { dataQualityMetrics: { rowCount: fields.length } },
      });
      await store.recordOpenLineageEvent(
        openLineageRecord({
          eventType: 'RUNNING',
          eventTime: at(5),
          job,
          runId: id,
          runFacets: { progress: { percent: 80 }, late: { only: true } },
          inputs: [ds(['a', 'b'])],
        }),
      );
      await store.recordOpenLineageEvent(
        openLineageRecord({
          eventType: 'START',
          eventTime: at(2),
          job,
          runId: id,
          runFacets: { progress: { percent: 10 }, early: { only: true } },
          inputs: [ds(['a'])],
        }),
      );
      expect((await store.getOpenLineageRun(id)).facets).toEqual({
        progress: { percent: 80 },
        late: { only: true },
        early: { only: true },
      });
      expect((await store.findOpenLineageDataset(ns, 'tbl'))?.facets).toEqual({ schema: { fields: [{ name: 'a' }, { name: 'b' }] } });
      // The run's input facets for that version: the later event's too.
      expect((await store.getOpenLineageRun(id)).datasetFacets).toEqual([
        { direction: 'INPUT', artifactId: versionId(ns, 'tbl', 'v1'), facets: { dataQualityMetrics: { rowCount: 2 } } },
      ]);
    });

    it('job facets are kept on the job as sent, the later event winning per name over all its runs, in any arrival order', async () => {
      const store = ctx.store();
      const sql = (query: string) => ({ _producer: 'https://example.com/dbt', _schemaURL: 'https://example.com/sql.json', query });
      // dbt sends `_deleted: null` in job facets: kept exactly as sent.
      const jobType = {
        _producer: 'https://example.com/dbt',
        _deleted: null,
        integration: 'DBT',
        jobType: 'MODEL',
        processingType: 'BATCH',
      };
      const expected = { jobType, sql: sql('SELECT 2') };
      for (const order of [
        [0, 1, 2],
        [2, 1, 0],
        [1, 2, 0, 2, 1],
      ]) {
        const { ns, runId } = scenario('jobfacets');
        const dbtJob = { namespace: ns, name: 'dbt.model.orders' };
        const [first, second] = [runId(), runId()];
        const records = [
          openLineageRecord({
            eventType: 'START',
            eventTime: at(1),
            job: { ...dbtJob, facets: { sql: sql('SELECT 1'), jobType } },
            runId: first,
          }),
          openLineageRecord({
            eventType: 'COMPLETE',
            eventTime: at(2),
            job: { ...dbtJob, facets: { sql: sql('SELECT 1') } },
            runId: first,
          }),
          // A later run of the same job with a changed model: its sql replaces the earlier one; jobType stays.
          openLineageRecord({ eventType: 'START', eventTime: at(5), job: { ...dbtJob, facets: { sql: sql('SELECT 2') } }, runId: second }),
        ];
        for (const i of order) await store.recordOpenLineageEvent(records[i]!);
        const runs = await Promise.all([first, second].map((id) => store.getOpenLineageRun(id)));
        expect(
          runs.map((r) => r.jobFacets),
          `order ${order.join(',')}`,
        ).toEqual([expected, expected]);
        const listed = await store.listOpenLineageRuns({ jobNamespace: ns });
        expect(listed.items.map((r) => [r.runId, r.jobFacets])).toEqual([
          [second, expected],
          [first, expected],
        ]);
      }
    });

    it('a parent facet creates a placeholder parent run with PART_OF, filled in by the parent’s own events', async () => {
      const store = ctx.store();
      const { ns, runId } = scenario('parent');
      const childId = runId();
      const parentId = runId();
      const parentJob = { namespace: ns, name: 'airflow.dag' };
      const childJob = { namespace: ns, name: 'airflow.dag.task' };
      await store.recordOpenLineageEvent(
        openLineageRecord({
          eventType: 'START',
          eventTime: at(4),
          job: childJob,
          runId: childId,
          parent: { runId: parentId.toUpperCase(), job: parentJob },
        }),
      );
      expect(await store.getOpenLineageRun(parentId)).toEqual({
        id: `olr_${parentId}`,
        runId: parentId,
        job: parentJob,
        state: null,
        startedAt: null,
        endedAt: null,
        parentRunId: null,
        facets: {},
        // Its job is only known from the child's parent facet, which carries no job facets.
        jobFacets: {},
        datasetFacets: [],
        producers: [],
        eventCount: 0,
      });
      expect((await store.listOpenLineageEvents({ runId: parentId })).items).toEqual([]);
      expect((await store.getOpenLineageRun(childId)).parentRunId).toBe(parentId);
      const [placeholder] = await store.getLineageNodes([`olr_${parentId}`]);
      expect(placeholder).toEqual({ id: `olr_${parentId}`, type: 'OpenLineageRun', label: 'airflow.dag', depth: 0 });
      const up = await store.traverse({ startIds: [`olr_${childId}`], direction: 'DOWNSTREAM', edgeTypes: ['PART_OF', 'ASSOCIATED_WITH'] });
      expect(sortedEdges(up.edges)).toEqual(
        sortedEdges([
          { from: `olr_${childId}`, type: 'PART_OF', to: `olr_${parentId}` },
          { from: `olr_${childId}`, type: 'ASSOCIATED_WITH', to: openLineageJobContextId(ns, childJob.name) },
          { from: `olr_${parentId}`, type: 'ASSOCIATED_WITH', to: openLineageJobContextId(ns, parentJob.name) },
        ]),
      );
      expect((await store.listOpenLineageRuns({ parentRunId: parentId })).items.map((r) => r.runId)).toEqual([childId]);
      // A run never started sorts after every started one, across pages too.
      const early = await walkPages((page) => store.listOpenLineageRuns({ jobNamespace: ns, ...page }), 1);
      expect(early.items.map((r) => r.runId)).toEqual([childId, parentId]);

      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'START', eventTime: at(1), job: parentJob, runId: parentId }));
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'COMPLETE', eventTime: at(9), job: parentJob, runId: parentId }));
      expect(await store.getOpenLineageRun(parentId)).toMatchObject({
        state: 'COMPLETE',
        startedAt: at(1),
        endedAt: at(9),
        eventCount: 2,
        job: parentJob,
      });
      expect((await store.getLineageNodes([`olr_${parentId}`]))[0]).toMatchObject({ status: 'Succeeded', createdAt: at(1) });
      // Newest first by startedAt: the child (at 4) before its parent (at 1).
      const listed = await walkPages((page) => store.listOpenLineageRuns({ jobNamespace: ns, ...page }), 1);
      expect(listed.items.map((r) => r.runId)).toEqual([childId, parentId]);
      const byJob = (name: string) => store.listOpenLineageRuns({ jobNamespace: ns, jobName: name });
      expect((await byJob(parentJob.name)).items.map((r) => r.runId)).toEqual([parentId]);
      expect((await byJob(childJob.name)).items.map((r) => r.runId)).toEqual([childId]);
    });

    it('a run’s own events name its job over a child’s parent facet, in either order (one ASSOCIATED_WITH edge)', async () => {
      const store = ctx.store();
      for (const childFirst of [true, false]) {
        const { ns, runId } = scenario(childFirst ? 'jobwins-a' : 'jobwins-b');
        const [childId, parentId] = [runId(), runId()];
        const own = { namespace: ns, name: 'own.job' };
        const child = openLineageRecord({
          eventTime: at(5),
          job: { namespace: ns, name: 'child.job' },
          runId: childId,
          parent: { runId: parentId, job: { namespace: ns, name: 'facet.job' } },
        });
        const parent = openLineageRecord({ eventType: 'COMPLETE', eventTime: at(1), job: own, runId: parentId });
        for (const rec of childFirst ? [child, parent] : [parent, child]) await store.recordOpenLineageEvent(rec);
        expect((await store.getOpenLineageRun(parentId)).job, `child first: ${childFirst}`).toEqual(own);
        const jobs = await store.traverse({ startIds: [`olr_${parentId}`], direction: 'DOWNSTREAM', edgeTypes: ['ASSOCIATED_WITH'] });
        expect(jobs.edges, `child first: ${childFirst}`).toEqual([
          { from: `olr_${parentId}`, type: 'ASSOCIATED_WITH', to: openLineageJobContextId(ns, own.name) },
        ]);
        // The job the facet named is known either way (a context per job any event named).
        expect(await store.getContext(openLineageJobContextId(ns, 'facet.job'))).toMatchObject({
          type: 'OpenLineageJob',
          createdAt: at(5),
        });
      }
    });

    it('DatasetEvent and JobEvent: datasets and jobs without a run; a JobEvent derives its outputs from its inputs', async () => {
      const store = ctx.store();
      const { ns, job } = scenario('static');
      const dsEvent = openLineageRecord({
        kind: 'DatasetEvent',
        eventTime: at(1),
        outputs: [{ namespace: ns, name: 'lake.users', facets: { documentation: { description: 'users' } } }],
      });
      expect(await store.recordOpenLineageEvent(dsEvent)).toEqual({
        applied: true,
        runNodeId: null,
        datasetArtifactIds: [versionId(ns, 'lake.users', null)],
      });
      expect(await store.findOpenLineageDataset(ns, 'lake.users')).toEqual({
        namespace: ns,
        name: 'lake.users',
        uri: openLineageDatasetUri(ns, 'lake.users'),
        versionArtifactIds: [versionId(ns, 'lake.users', null)],
        facets: { documentation: { description: 'users' } },
      });
      expect(await store.recordOpenLineageEvent(dsEvent)).toMatchObject({ applied: false });

      const jobEvent = openLineageRecord({
        kind: 'JobEvent',
        eventTime: at(2),
        job: { ...job, facets: { sourceCode: { language: 'sql', sourceCode: 'select 1' } } },
        inputs: [
          { namespace: ns, name: 'lake.users' },
          { namespace: ns, name: 'lake.orders', version: '3' },
        ],
        outputs: [{ namespace: ns, name: 'mart.users' }],
      });
      expect(await store.recordOpenLineageEvent(jobEvent)).toMatchObject({ applied: true, runNodeId: null });
      expect(await store.getContext(openLineageJobContextId(ns, job.name))).toMatchObject({ type: 'OpenLineageJob', createdAt: at(2) });
      const mart = versionId(ns, 'mart.users', null);
      const up = await store.traverse({ startIds: [mart], direction: 'UPSTREAM' });
      expect(sortedEdges(up.edges)).toEqual(
        sortedEdges([
          { from: versionId(ns, 'lake.users', null), type: 'DERIVED_FROM', to: mart },
          { from: versionId(ns, 'lake.orders', '3'), type: 'DERIVED_FROM', to: mart },
        ]),
      );
      expect(up.nodes.some((n) => n.type === 'OpenLineageRun')).toBe(false);
    });

    it('column lineage: queryable by dataset, field and direction, with a dataset-level DERIVED_FROM edge', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('columns');
      const id = runId();
      const e = (
        from: [string, string],
        to: [string, string],
        transformations: ColumnLineageEdge['transformations'] = [],
      ): ColumnLineageEdge => ({
        from: { namespace: ns, name: from[0], field: from[1] },
        to: { namespace: ns, name: to[0], field: to[1] },
        transformations,
      });
      const edges = [
        e(['orders', 'amount'], ['summary', 'total'], [{ type: 'DIRECT', subtype: 'AGGREGATION', masking: false }]),
        e(['orders', 'customer'], ['summary', 'customer']),
        e(['customers', 'id'], ['summary', 'customer'], [{ type: 'INDIRECT', subtype: 'JOIN' }]),
        e(['summary', 'total'], ['report', 'revenue']),
      ];
      await store.recordOpenLineageEvent(
        openLineageRecord({
          eventType: 'COMPLETE',
          eventTime: at(1),
          job,
          runId: id,
          inputs: [{ namespace: ns, name: 'orders', version: '5' }],
          outputs: [{ namespace: ns, name: 'summary', version: '2' }],
          columnLineage: edges.slice(0, 3),
        }),
      );
      await store.recordOpenLineageEvent(
        openLineageRecord({ kind: 'JobEvent', eventTime: at(2), job: { namespace: ns, name: 'report.job' }, columnLineage: [edges[3]!] }),
      );

      const q = (name: string, more: { field?: string; direction?: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH' } = {}) =>
        store.listColumnLineage({ namespace: ns, name, ...more });
      expect(await q('summary', { direction: 'UPSTREAM' })).toEqual([edges[2], edges[0], edges[1]]);
      expect(await q('summary', { direction: 'DOWNSTREAM' })).toEqual([edges[3]]);
      expect(await q('summary')).toEqual([edges[2], edges[0], edges[1], edges[3]]);
      expect(await q('summary', { field: 'customer' })).toEqual([edges[2], edges[1]]);
      expect(await q('summary', { field: 'total', direction: 'UPSTREAM' })).toEqual([edges[0]]);
      expect(await q('orders', { field: 'amount' })).toEqual([edges[0]]);
      expect(await q('orders', { direction: 'UPSTREAM' })).toEqual([]);
      expect(await q('nowhere')).toEqual([]);

      const summary = versionId(ns, 'summary', '2');
      const derived = await store.traverse({ startIds: [summary], direction: 'BOTH', edgeTypes: ['DERIVED_FROM'] });
      expect(sortedEdges(derived.edges)).toEqual(
        sortedEdges([
          // The input version this event listed; customers was not listed, so its unversioned node.
          { from: versionId(ns, 'orders', '5'), type: 'DERIVED_FROM', to: summary },
          { from: versionId(ns, 'customers', null), type: 'DERIVED_FROM', to: summary },
          // The JobEvent named no versions: unversioned nodes on both sides.
        ]),
      );
      const report = await store.traverse({
        startIds: [versionId(ns, 'report', null)],
        direction: 'UPSTREAM',
        edgeTypes: ['DERIVED_FROM'],
      });
      expect(report.edges).toEqual([{ from: versionId(ns, 'summary', null), type: 'DERIVED_FROM', to: versionId(ns, 'report', null) }]);
    });

    it('traverse UPSTREAM from an output dataset reaches the run (with label and status) and the source dataset', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('upstream');
      const id = runId();
      const src = { namespace: ns, name: 'src', version: 'a' };
      const dst = { namespace: ns, name: 'dst', version: 'b' };
      await store.recordOpenLineageEvent(openLineageRecord({ eventType: 'START', eventTime: at(1), job, runId: id, inputs: [src] }));
      await store.recordOpenLineageEvent(
        openLineageRecord({ eventType: 'COMPLETE', eventTime: at(2), job, runId: id, inputs: [src], outputs: [dst] }),
      );
      const r = await store.traverse({
        startIds: [versionId(ns, 'dst', 'b')],
        direction: 'UPSTREAM',
        edgeTypes: ['PRODUCED', 'CONSUMED_BY', 'DERIVED_FROM'],
      });
      const expected: LineageNode[] = [
        {
          id: versionId(ns, 'dst', 'b'),
          type: 'Artifact',
          label: 'dst',
          depth: 0,
          artifactType: 'DataSet',
          uri: openLineageDatasetUri(ns, 'dst'),
          digest: openLineageDatasetDigest(ns, 'dst', 'b'),
          createdAt: at(2),
        },
        { id: `olr_${id}`, type: 'OpenLineageRun', label: job.name, depth: 1, status: 'Succeeded', createdAt: at(1) },
        {
          id: versionId(ns, 'src', 'a'),
          type: 'Artifact',
          label: 'src',
          depth: 2,
          artifactType: 'DataSet',
          uri: openLineageDatasetUri(ns, 'src'),
          digest: openLineageDatasetDigest(ns, 'src', 'a'),
          createdAt: at(1),
        },
      ];
      expect(r.nodes).toEqual(expected);
      expect(sortedEdges(r.edges)).toEqual(
        sortedEdges([
          { from: `olr_${id}`, type: 'PRODUCED', to: versionId(ns, 'dst', 'b') },
          { from: versionId(ns, 'src', 'a'), type: 'CONSUMED_BY', to: `olr_${id}` },
        ]),
      );
      // Node type filters know the new type.
      const runsOnly = await store.traverse({
        startIds: [versionId(ns, 'dst', 'b')],
        direction: 'UPSTREAM',
        nodeTypes: ['OpenLineageRun'],
      });
      expect(runsOnly.nodes.map((n) => n.id)).toEqual([`olr_${id}`]);
    });

    it('getLineageNodes describes olr_ ids in the order asked (a run known only as a parent has no status), null when unknown', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('nodes');
      const id = runId();
      const orphanParent = runId();
      await store.recordOpenLineageEvent(
        openLineageRecord({
          eventType: 'RUNNING',
          eventTime: at(3),
          job,
          runId: id,
          parent: { runId: orphanParent, job: { namespace: ns, name: 'p' } },
        }),
      );
      const ghost = openLineageRunNodeId(randomUUID());
      // Node ids are lower-case like run ids: an upper-cased runId still names the same node.
      const nodes = await store.getLineageNodes([ghost, `olr_${id}`, openLineageRunNodeId(orphanParent.toUpperCase())]);
      expect(nodes).toEqual([
        null,
        { id: `olr_${id}`, type: 'OpenLineageRun', label: job.name, depth: 0, status: 'Executing', createdAt: at(3) },
        { id: `olr_${orphanParent}`, type: 'OpenLineageRun', label: 'p', depth: 0 },
      ]);
    });

    it('provenance of a model trained on an OpenLineage dataset reaches the OL source dataset through the OL run', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('prov');
      const id = runId();
      const raw = { namespace: ns, name: 'raw.events', version: '1' };
      const features = { namespace: ns, name: 'features', version: '9' };
      await store.recordOpenLineageEvent(
        openLineageRecord({ eventType: 'COMPLETE', eventTime: at(1), job, runId: id, inputs: [raw], outputs: [features] }),
      );

      const { execution } = await seedExecution(store);
      const consumed = {
        uri: openLineageDatasetUri(ns, 'features'),
        digest: openLineageDatasetDigest(ns, 'features', '9'),
        type: 'DataSet' as const,
        name: 'features',
        size: 0,
        properties: {},
      };
      const model = artifactInput(`mem://${unique('prov')}/model`, { type: 'Model' });
      await runStep(store, execution.id, 'train', {
        inputs: [channel('features', consumed)],
        outputs: [channel('model', model)],
        stepType: 'training',
      });
      const modelId = artifactIdFor(model.uri, model.digest);
      const p = await store.provenance(modelId);
      const datasets = p.datasets.map((d) => d.artifact.id);
      expect(datasets).toEqual([versionId(ns, 'features', '9'), versionId(ns, 'raw.events', '1')]);
      const rawPath = p.datasets[1]!.paths[0]!;
      expect(rawPath.nodeIds).toEqual([
        versionId(ns, 'raw.events', '1'),
        `olr_${id}`,
        versionId(ns, 'features', '9'),
        p.stepExecutions[0]!.id,
        modelId,
      ]);
      // The OL run is not a Pedigree step execution: provenance names it among the external runs.
      expect(p.stepExecutions.map((s) => s.stepName)).toEqual(['train']);
      expect(p.openLineageRuns.map((r) => [r.id, r.runId, r.job, r.state])).toEqual([[`olr_${id}`, id, job, 'COMPLETE']]);
      // And the other way: the impact of the OL source dataset reaches the model through both runs.
      const impact = await store.impact(versionId(ns, 'raw.events', '1'));
      expect(impact.models.map((m) => m.id)).toEqual([modelId]);
      expect(impact.stepExecutions.map((s) => s.stepName)).toEqual(['train']);
    });

    it('pages of events and runs are complete and ordered when times tie (eventDigest, runId break them)', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('pages');
      const id = runId();
      const records = (['START', 'RUNNING', 'OTHER', 'RUNNING', 'COMPLETE'] as const).map((eventType, i) =>
        openLineageRecord({ eventType, eventTime: at(1), job, runId: id, runFacets: { n: { i } } }),
      );
      for (const r of records) await store.recordOpenLineageEvent(r);
      const events = await walkPages((page) => store.listOpenLineageEvents({ runId: id, ...page }), 2);
      expect(events.pages).toBe(3);
      expect(events.items.map((e) => e.eventDigest)).toEqual(records.map((r) => r.eventDigest).sort());

      const ids = [runId(), runId(), runId(), runId()];
      for (const other of ids) await store.recordOpenLineageEvent(openLineageRecord({ eventTime: at(2), job, runId: other }));
      const runs = await walkPages((page) => store.listOpenLineageRuns({ jobNamespace: ns, jobName: job.name, ...page }), 3);
      // Newest first: the four started at minute 2 (runId descending), then the one started at minute 1.
      expect(runs.items.map((r) => r.runId)).toEqual([...[...ids].sort().reverse(), id]);
    });

    it('unknown runIds are NOT_FOUND naming the runId; unknown datasets are null', async () => {
      const store = ctx.store();
      const ghost = randomUUID();
      const error = await expectCode(store.getOpenLineageRun(ghost), 'NOT_FOUND');
      expect(error.ids).toEqual([ghost]);
      expect(error.message).toContain(ghost);
      const events = await expectCode(store.listOpenLineageEvents({ runId: ghost }), 'NOT_FOUND');
      expect(events.ids).toEqual([ghost]);
      expect(await store.findOpenLineageRun(ghost)).toBeNull();
      expect(await store.findOpenLineageDataset(unique('ol-none'), 'x')).toBeNull();
      expect((await store.listOpenLineageRuns({ parentRunId: ghost })).items).toEqual([]);
    });

    it('invalid arguments are INVALID_ARGUMENT naming the argument; malformed records VALIDATION_FAILED naming the field', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('args');
      const id = runId();
      await store.recordOpenLineageEvent(openLineageRecord({ eventTime: at(1), job, runId: id }));
      await expectInvalidArgument(store.getOpenLineageRun(''), 'runId');
      await expectInvalidArgument(store.findOpenLineageRun(''), 'runId');
      await expectInvalidArgument(store.listOpenLineageEvents({ runId: '' }), 'runId');
      await expectInvalidArgument(store.listOpenLineageEvents({ runId: id, first: 0 }), 'first');
      await expectInvalidArgument(store.listOpenLineageEvents({ runId: id, first: 1001 }), 'first');
      await expectInvalidArgument(store.listOpenLineageEvents({ runId: id, after: 'not-a-cursor' }), 'after');
      await expectInvalidArgument(store.listOpenLineageRuns({ first: 0 }), 'first');
      await expectInvalidArgument(store.listOpenLineageRuns({ first: 2.5 }), 'first');
      await expectInvalidArgument(store.listOpenLineageRuns({ parentRunId: '' }), 'parentRunId');
      await expectInvalidArgument(store.findOpenLineageDataset('', 'x'), 'namespace');
      await expectInvalidArgument(store.findOpenLineageDataset(ns, ''), 'name');
      await expectInvalidArgument(store.listColumnLineage({ namespace: ns, name: 'x', direction: 'SIDEWAYS' as 'BOTH' }), 'direction');
      await expectInvalidArgument(store.listColumnLineage({ namespace: ns, name: 'x', field: '' }), 'field');

      const good = openLineageRecord({ eventTime: at(2), job, runId: runId(), inputs: [{ namespace: ns, name: 'in' }] });
      await expectValidation(store.recordOpenLineageEvent({ ...good, run: { runId: '', facets: {} } }), 'run.runId');
      await expectValidation(
        store.recordOpenLineageEvent({ ...good, eventDigest: 'abc' as OpenLineageEventRecord['eventDigest'] }),
        'eventDigest',
      );
      await expectValidation(store.recordOpenLineageEvent({ ...good, eventTime: '2031-01-01 00:00' }), 'eventTime');
      await expectValidation(store.recordOpenLineageEvent({ ...good, inputs: [{ ...good.inputs[0]!, name: '' }] }), 'inputs[0].name');
      await expectValidation(store.recordOpenLineageEvent({ ...good, eventType: 'DONE' as 'COMPLETE' }), 'eventType');
      // Nothing of the rejected records was stored.
      expect(await store.findOpenLineageRun(good.run!.runId)).toBeNull();
    });

    it('a record that fails part-way leaves nothing behind, and can be applied once fixed', async () => {
      const store = ctx.store();
      const { ns, job, runId } = scenario('atomic');
      const id = runId();
      const spec = {
        eventType: 'COMPLETE' as const,
        eventTime: at(1),
        job,
        runId: id,
        inputs: [{ namespace: ns, name: 'in', version: '1', facets: { schema: { fields: [] } } }],
        outputs: [
          { namespace: ns, name: 'out1' },
          { namespace: ns, name: 'out2' },
        ],
      };
      const good = openLineageRecord(spec);
      // The last output's io facet cannot be stored as JSON: everything before it must be undone.
      const bad: OpenLineageEventRecord = {
        ...good,
        outputs: [good.outputs[0]!, { ...good.outputs[1]!, ioFacets: { outputStatistics: { rowCount: 10n as unknown as number } } }],
      };
      await expectValidation(store.recordOpenLineageEvent(bad), 'outputs[1].ioFacets.outputStatistics');
      expect(await store.findOpenLineageRun(id)).toBeNull();
      expect(await store.findOpenLineageDataset(ns, 'in')).toBeNull();
      expect(await store.findOpenLineageDataset(ns, 'out1')).toBeNull();
      expect(await store.findArtifact({ uri: openLineageDatasetUri(ns, 'in') })).toBeNull();
      expect(await store.listColumnLineage({ namespace: ns, name: 'in' })).toEqual([]);
      await expect(store.getContext(openLineageJobContextId(ns, job.name))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // Same digest as the failed one: it was not left in the log as "already applied".
      expect(await store.recordOpenLineageEvent(good)).toMatchObject({ applied: true });
      expect((await store.getOpenLineageRun(id)).eventCount).toBe(1);
    });

    it('a closed store refuses to record with STORE_UNAVAILABLE', async () => {
      const own = await ctx.create();
      const { ns, job, runId } = scenario('closed');
      const id = runId();
      const record = openLineageRecord({ eventTime: at(1), job, runId: id, outputs: [{ namespace: ns, name: 'x' }] });
      await own.close();
      await expectCode(own.recordOpenLineageEvent(record), 'STORE_UNAVAILABLE');
    });
  });
}
