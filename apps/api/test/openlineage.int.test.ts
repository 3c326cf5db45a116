/**
 * POST /api/v1/lineage over real HTTP (the server of `createServer`, tokens on, a free loopback
 * port) and the OpenLineage GraphQL fields: every fixture file ingested, again, and in two seeded
 * shuffled orders into fresh stores gives the same graph; each file's runs, jobs, datasets and
 * edges are queryable through GraphQL lineage.
 */
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createLogger, hashToken, type ApiToken } from '@pedigree/runtime';
import {
  artifactIdFor,
  canonicalDigest,
  canonicalJson,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageRunNodeId,
  StoreUnavailableError,
  type JsonObject,
} from '@pedigree/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeOpenLineageTime, openLineageDatasetVersion, validateOpenLineageEvent } from '@pedigree/openlineage';
import { createServer, type PedigreeServer } from '../src/server/create-server.ts';
import { MAX_BATCH_EVENTS, OPENLINEAGE_PATH } from '../src/server/openlineage-route.ts';
import { loadOpenLineageFixtures, seededShuffle, type OpenLineageFixture } from './fixtures-openlineage.ts';
import { API_TOKENS, createHarness, TOKENS as HARNESS_TOKENS, type Harness } from './harness.ts';

const TOKENS = { ...HARNESS_TOKENS, ingest: 'ingest-token-0123456789' } as const;
const SERVER_TOKENS: readonly ApiToken[] = [...API_TOKENS, { name: 'spark', role: 'ingest', sha256: hashToken(TOKENS.ingest) }];
type Who = keyof typeof TOKENS;

interface Served {
  readonly h: Harness;
  readonly server: PedigreeServer;
  readonly base: string;
}

async function serve(): Promise<Served> {
  const h = await createHarness();
  const server = createServer(
    { ...h.runtime, config: { ...h.runtime.config, port: 0, host: '127.0.0.1', tokens: SERVER_TOKENS } },
    { webRoot: h.dataDir },
  );
  return { h, server, base: await server.listen() };
}

async function stop(s: Served | undefined): Promise<void> {
  await s?.server.close();
  await s?.h.close();
}

function post(s: Served, body: string, options: { type?: string; who?: Who | null } = {}): Promise<Response> {
  const who = options.who === undefined ? 'ingest' : options.who;
  return fetch(`${s.base}${OPENLINEAGE_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'application/json',
      ...(who ? { authorization: `Bearer ${TOKENS[who]}` } : {}),
    },
    body,
  });
}

async function gql<T>(s: Served, query: string, variables: Record<string, unknown> = {}, who: Who = 'viewer'): Promise<T> {
  const response = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS[who]}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

const PRODUCER = 'https://example.com/pedigree-tests';
function runEvent(runId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'START',
    eventTime: '2024-05-01T10:00:00Z',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'tests', name: `job-${runId.slice(0, 8)}` },
    inputs: [{ namespace: 'pg', name: 'orders' }],
    outputs: [{ namespace: 'lake', name: `out-${runId.slice(0, 8)}` }],
    ...extra,
  };
}
const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

// ---- graph snapshots --------------------------------------------------------------------------

const RUNS = /* GraphQL */ `
  query Runs($after: String) {
    openLineageRuns(first: 100, after: $after) {
      edges {
        node {
          id
          runId
          job {
            namespace
            name
            facets
          }
          state
          status
          startedAt
          endedAt
          parent {
            runId
          }
          facets
          producers
          eventCount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const RUN_DETAILS = /* GraphQL */ `
  query RunDetails($runId: ID!) {
    openLineageRun(runId: $runId) {
      children {
        runId
      }
      datasetFacets {
        direction
        artifact {
          id
        }
        facets
      }
      inputs {
        id
        uri
        digest
        createdAt
      }
      outputs {
        id
        uri
        digest
        createdAt
      }
      events(first: 100) {
        edges {
          node {
            eventDigest
            kind
            eventType
            eventTime
            producer
            runId
            event
          }
        }
      }
    }
  }
`;
const LINEAGE = /* GraphQL */ `
  query Lineage($ids: [ID!]!) {
    lineage(startIds: $ids, direction: BOTH, maxDepth: 50, nodeLimit: 10000) {
      nodes {
        id
        type
        label
        status
        uri
        digest
        artifactType
        contextType
        createdAt
      }
      edges {
        from
        to
        type
      }
      truncated
    }
  }
`;
const DATASET = /* GraphQL */ `
  query Dataset($namespace: String!, $name: String!) {
    openLineageDataset(namespace: $namespace, name: $name) {
      namespace
      name
      uri
      facets
      versions {
        id
        uri
        digest
        createdAt
        previousVersion {
          id
        }
      }
      columnLineage {
        from {
          namespace
          name
          field
        }
        to {
          namespace
          name
          field
        }
        transformations
      }
    }
  }
`;

interface RunNode {
  id: string;
  runId: string;
  job: { namespace: string; name: string } | null;
  state: string | null;
  parent: { runId: string } | null;
}
interface LineageGraph {
  nodes: { id: string; type: string; uri: string | null; contextType: string | null }[];
  edges: { from: string; to: string; type: string }[];
  truncated: boolean;
}

async function allRuns(s: Served): Promise<RunNode[]> {
  const runs: RunNode[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { openLineageRuns: { edges: { node: RunNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await gql(s, RUNS, { after });
    runs.push(...data.openLineageRuns.edges.map((e) => e.node));
    if (!data.openLineageRuns.pageInfo.hasNextPage) return runs;
    after = data.openLineageRuns.pageInfo.endCursor;
  }
}

function datasetsOf(fixtures: readonly OpenLineageFixture[]): { namespace: string; name: string }[] {
  const keys = new Map<string, { namespace: string; name: string }>();
  for (const { events } of fixtures) {
    for (const event of events) {
      for (const side of ['inputs', 'outputs'] as const) {
        for (const d of (event[side] as { namespace: string; name: string }[] | undefined) ?? []) keys.set(`${d.namespace}\n${d.name}`, d);
      }
    }
  }
  return [...keys.values()];
}

/** Runs, the lineage graph around every run, and every dataset with its versions and column lineage. */
async function snapshot(s: Served, fixtures: readonly OpenLineageFixture[]): Promise<unknown> {
  const runs = (await allRuns(s)).sort((a, b) => (a.runId < b.runId ? -1 : 1));
  const details = [];
  for (const run of runs) details.push((await gql<{ openLineageRun: unknown }>(s, RUN_DETAILS, { runId: run.runId })).openLineageRun);
  const ids = runs.map((r) => r.id);
  const nodes = new Map<string, unknown>();
  const edges = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    const { lineage } = await gql<{ lineage: LineageGraph }>(s, LINEAGE, { ids: ids.slice(i, i + 100) });
    expect(lineage.truncated).toBe(false);
    for (const node of lineage.nodes) nodes.set(node.id, node);
    for (const edge of lineage.edges) edges.add(`${edge.from} -${edge.type}-> ${edge.to}`);
  }
  const datasets = [];
  for (const d of datasetsOf(fixtures)) datasets.push((await gql<{ openLineageDataset: unknown }>(s, DATASET, d)).openLineageDataset);
  return {
    runs,
    details,
    nodes: [...nodes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, n]) => n),
    edges: [...edges].sort(),
    datasets,
  };
}

// ---- the fixtures, in three orders ------------------------------------------------------------

describe('POST /api/v1/lineage with every fixture file', () => {
  const fixtures = loadOpenLineageFixtures();
  let inOrder: Served;
  let shuffledA: Served;
  let shuffledB: Served;
  let first: unknown;

  beforeAll(async () => {
    [inOrder, shuffledA, shuffledB] = await Promise.all([serve(), serve(), serve()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(inOrder), stop(shuffledA), stop(shuffledB)]);
  });

  it('stores each file as posted (201 for one event, 200 with per-event results for an array)', async () => {
    for (const { file, text, events } of fixtures) {
      const response = await post(inOrder, text);
      const body = (await response.json()) as Record<string, unknown>;
      if (Array.isArray(JSON.parse(text))) {
        expect(response.status, file).toBe(200);
        expect(body['invalid'], file).toBe(0);
        expect((body['created'] as number) + (body['duplicates'] as number), file).toBe(events.length);
      } else {
        expect(response.status, `${file}: ${JSON.stringify(body)}`).toBe(201);
        expect(body['status']).toBe('created');
      }
    }
    first = await snapshot(inOrder, fixtures);
    // The snapshot the other orders are compared with holds the whole graph, not an empty one.
    const shape = first as { runs: unknown[]; nodes: unknown[]; edges: string[]; datasets: unknown[] };
    expect(shape.runs.length).toBeGreaterThanOrEqual(60);
    expect(shape.edges.filter((e) => e.includes('-CONSUMED_BY->')).length).toBeGreaterThan(10);
    expect(shape.edges.filter((e) => e.includes('-PART_OF->')).length).toBeGreaterThan(3);
    expect(shape.datasets.length).toBeGreaterThan(15);
    expect(shape.datasets.every((d) => d !== null)).toBe(true);
  }, 120_000);

  it('a second delivery of every file changes nothing (200, duplicates)', async () => {
    for (const { file, text } of fixtures) {
      const response = await post(inOrder, text);
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status, file).toBe(200);
      if (Array.isArray(JSON.parse(text))) expect(body['created'], file).toBe(0);
      else expect(body['status'], file).toBe('duplicate');
    }
    expect(await snapshot(inOrder, fixtures)).toEqual(first);
  }, 120_000);

  it('the same events in two seeded shuffled orders (one by one with every event sent twice, and as NDJSON) give the identical graph', async () => {
    const all = fixtures.flatMap((f) => f.events);
    // Every event twice, the re-send anywhere in the order (before or after the other events of its run).
    const statuses = { 200: 0, 201: 0 } as Record<number, number>;
    for (const event of seededShuffle([...all, ...all], 20261203)) {
      const response = await post(shuffledA, JSON.stringify(event));
      expect([200, 201]).toContain(response.status);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
    // An event is the same event when its canonical JSON is (fixture files may share one): stored once.
    const distinct = new Set(all.map((e) => canonicalJson(e))).size;
    expect(statuses).toEqual({ 201: distinct, 200: 2 * all.length - distinct });
    const ndjson = seededShuffle(all, 7)
      .map((e) => JSON.stringify(e))
      .join('\n');
    const response = await post(shuffledB, ndjson, { type: 'application/x-ndjson' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { invalid: number }).invalid).toBe(0);
    const [a, b] = await Promise.all([snapshot(shuffledA, fixtures), snapshot(shuffledB, fixtures)]);
    expect(a).toEqual(first);
    expect(b).toEqual(first);
  }, 180_000);

  it("each file's runs, jobs, datasets and edges are present and queryable through GraphQL lineage", async () => {
    for (const { file, events } of fixtures) {
      for (const event of events) {
        const runId = (event['run'] as { runId: string }).runId.toLowerCase();
        const job = event['job'] as { namespace: string; name: string };
        const { openLineageRun: run } = await gql<{ openLineageRun: RunNode | null }>(
          inOrder,
          'query($r: ID!) { openLineageRun(runId: $r) { id runId job { namespace name } state parent { runId } } }',
          { r: runId },
        );
        expect(run, `${file}: run ${runId}`).not.toBeNull();
        expect(run!.job).toEqual({ namespace: job.namespace, name: job.name });
        const { lineage } = await gql<{ lineage: LineageGraph }>(inOrder, LINEAGE.replace('maxDepth: 50', 'maxDepth: 1'), {
          ids: [run!.id],
        });
        const has = (from: string, type: string, to: string): boolean =>
          lineage.edges.some((e) => e.from === from && e.type === type && e.to === to);
        const artifactAt = (d: { namespace: string; name: string }): string | undefined =>
          lineage.nodes.find((n) => n.type === 'Artifact' && n.uri === openLineageDatasetUri(d.namespace, d.name))?.id;
        const jobNode = lineage.nodes.find((n) => n.type === 'Context' && n.contextType === 'OpenLineageJob');
        expect(jobNode, `${file}: job context`).toBeDefined();
        expect(has(run!.id, 'ASSOCIATED_WITH', jobNode!.id)).toBe(true);
        for (const input of (event['inputs'] as { namespace: string; name: string }[] | undefined) ?? []) {
          const id = artifactAt(input);
          expect(id, `${file}: input ${input.name}`).toBeDefined();
          expect(has(id!, 'CONSUMED_BY', run!.id), `${file}: ${input.name} CONSUMED_BY run`).toBe(true);
        }
        for (const output of (event['outputs'] as { namespace: string; name: string }[] | undefined) ?? []) {
          const id = artifactAt(output);
          expect(id, `${file}: output ${output.name}`).toBeDefined();
          expect(has(run!.id, 'PRODUCED', id!), `${file}: run PRODUCED ${output.name}`).toBe(true);
        }
        const parent = (event['run'] as { facets?: { parent?: { run?: { runId?: string } } } }).facets?.parent?.run?.runId?.toLowerCase();
        if (parent && parent !== runId) {
          expect(run!.parent?.runId).toBe(parent);
          expect(has(run!.id, 'PART_OF', openLineageRunNodeId(parent)), `${file}: PART_OF parent`).toBe(true);
        }
      }
    }
  }, 180_000);

  it("job facets: per name the latest event's value, as sent (dbt's `_deleted: null` kept); Spark's catalog facet without name kept", async () => {
    // What each job's facets must be: per facet name, the value of the latest event naming the job
    // (by eventTime, then event digest), computed here from the fixture files.
    const latest = new Map<string, { runId: string; facets: Map<string, { at: string; digest: string; value: unknown }> }>();
    for (const event of fixtures.flatMap((f) => f.events)) {
      const job = event['job'] as { namespace: string; name: string; facets?: Record<string, unknown> };
      const key = `${job.namespace}\n${job.name}`;
      const entry = latest.get(key) ?? { runId: (event['run'] as { runId: string }).runId, facets: new Map() };
      latest.set(key, entry);
      const at = normalizeOpenLineageTime(event['eventTime'] as string)!;
      const digest = canonicalDigest(event);
      for (const [name, value] of Object.entries(job.facets ?? {})) {
        const current = entry.facets.get(name);
        if (!current || at > current.at || (at === current.at && digest > current.digest)) entry.facets.set(name, { at, digest, value });
      }
    }
    let withDeleted = 0;
    for (const [key, { runId, facets }] of latest) {
      const { openLineageRun } = await gql<{ openLineageRun: { job: { facets: Record<string, unknown> } } }>(
        inOrder,
        'query($r: ID!) { openLineageRun(runId: $r) { job { facets } } }',
        { r: runId },
      );
      const expected = Object.fromEntries([...facets].map(([name, f]) => [name, f.value]));
      expect(openLineageRun.job.facets, key).toEqual(expected);
      if (Object.values(expected).some((f) => (f as Record<string, unknown>)['_deleted'] === null)) withDeleted += 1;
    }
    // dbt's off-schema `"_deleted": null` reached the job facets of some jobs, and is kept as sent.
    expect(withDeleted).toBeGreaterThan(0);

    const hive = fixtures.find((f) => f.file === 'spark__pysparkHiveCompleteEvent.json')!.events[0]!;
    const output = (hive['outputs'] as { namespace: string; name: string; facets: { catalog: Record<string, unknown> } }[])[0]!;
    expect(output.facets.catalog).not.toHaveProperty('name');
    const { openLineageDataset } = await gql<{ openLineageDataset: { facets: Record<string, unknown> } }>(inOrder, DATASET, {
      namespace: output.namespace,
      name: output.name,
    });
    expect(openLineageDataset.facets['catalog']).toEqual(output.facets.catalog);
  });

  it('input and output facets: per run and dataset version, per name the latest event of the run, as sent', async () => {
    type Expected = Map<string, { at: string; digest: string; value: unknown }>;
    const expected = new Map<string, Map<string, Expected>>();
    for (const event of fixtures.flatMap((f) => f.events)) {
      const runId = (event['run'] as { runId: string }).runId.toLowerCase();
      const at = normalizeOpenLineageTime(event['eventTime'] as string)!;
      const digest = canonicalDigest(event);
      for (const [side, key, direction] of [
        ['inputs', 'inputFacets', 'INPUT'],
        ['outputs', 'outputFacets', 'OUTPUT'],
      ] as const) {
        for (const d of (event[side] as { namespace: string; name: string; facets?: Record<string, JsonObject> }[] | undefined) ?? []) {
          const io = (d as unknown as Record<string, Record<string, unknown> | undefined>)[key] ?? {};
          if (Object.keys(io).length === 0) continue;
          const version = openLineageDatasetVersion(d.facets ?? {});
          const artifactId = artifactIdFor(
            openLineageDatasetUri(d.namespace, d.name),
            openLineageDatasetDigest(d.namespace, d.name, version),
          );
          const byDataset = expected.get(runId) ?? new Map<string, Expected>();
          expected.set(runId, byDataset);
          const facets = byDataset.get(`${direction} ${artifactId}`) ?? new Map();
          byDataset.set(`${direction} ${artifactId}`, facets);
          for (const [name, value] of Object.entries(io)) {
            const current = facets.get(name);
            if (!current || at > current.at || (at === current.at && digest > current.digest)) facets.set(name, { at, digest, value });
          }
        }
      }
    }
    // Flink's outputStatistics, the Python client's data quality facets...
    expect(expected.size).toBeGreaterThan(2);
    for (const [runId, byDataset] of expected) {
      const { openLineageRun } = await gql<{
        openLineageRun: { datasetFacets: { direction: string; artifact: { id: string }; facets: Record<string, unknown> }[] };
      }>(inOrder, 'query($r: ID!) { openLineageRun(runId: $r) { datasetFacets { direction artifact { id } facets } } }', { r: runId });
      const got = Object.fromEntries(openLineageRun.datasetFacets.map((d) => [`${d.direction} ${d.artifact.id}`, d.facets]));
      const want = Object.fromEntries(
        [...byDataset].map(([k, facets]) => [k, Object.fromEntries([...facets].map(([name, f]) => [name, f.value]))]),
      );
      expect(got, runId).toEqual(want);
    }
  });

  it('terminal states win: the Flink failed job is FAIL, the Hive run COMPLETE', async () => {
    const state = async (file: string): Promise<string | null> => {
      const event = fixtures.find((f) => f.file === file)!.events[0]!;
      const { openLineageRun } = await gql<{ openLineageRun: RunNode }>(inOrder, 'query($r: ID!) { openLineageRun(runId: $r) { state } }', {
        r: (event['run'] as { runId: string }).runId,
      });
      return openLineageRun.state;
    };
    expect(await state('flink1__expected_failed.json')).toBe('FAIL');
    expect(await state('spark__pysparkHiveStartEvent.json')).toBe('COMPLETE');
  });

  it('openLineageStats counts events, duplicates, off-schema facet warnings and unknown facets per producer', async () => {
    const { openLineageStats } = await gql<{
      openLineageStats: {
        producer: string;
        events: number;
        created: number;
        duplicates: number;
        invalid: number;
        warnings: number;
        unknownFacets: number;
      }[];
    }>(inOrder, '{ openLineageStats { producer events created duplicates invalid warnings unknownFacets } }');
    const total = fixtures.reduce((n, f) => n + f.events.length, 0);
    expect(openLineageStats.reduce((n, s) => n + s.events, 0)).toBe(2 * total);
    expect(openLineageStats.reduce((n, s) => n + s.invalid, 0)).toBe(0);
    // Every file was posted twice. Off-schema: dbt's `_deleted: null` (in several events) and the Hive
    // catalog facet without name; unknown: the custom facets (spark.logicalPlan, dbt_version...).
    const per = fixtures.flatMap((f) => f.events).map((e) => validateOpenLineageEvent(e));
    const count = (kind: string) => per.reduce((n, v) => n + (v.ok ? v.warnings.filter((w) => w.kind === kind).length : 0), 0);
    expect(count('off-schema')).toBeGreaterThanOrEqual(2);
    expect(openLineageStats.reduce((n, s) => n + s.warnings, 0)).toBe(2 * count('off-schema'));
    expect(openLineageStats.reduce((n, s) => n + s.unknownFacets, 0)).toBe(2 * count('unknown-facet'));
  });
});

// ---- the endpoint's contract ------------------------------------------------------------------

describe('POST /api/v1/lineage: codes, batches, auth', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  }, 120_000);
  afterAll(async () => {
    await stop(s);
  });

  it('201 for a new event with a small JSON body, 200 duplicate for the same event again', async () => {
    const event = JSON.stringify(runEvent(uuid(1)));
    const created = await post(s, event);
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBeTruthy();
    expect(await created.json()).toEqual({
      status: 'created',
      runId: uuid(1),
      eventDigest: expect.stringMatching(/^sha256:/),
      warnings: [],
    });
    const again = await post(s, event);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', runId: uuid(1) });
  });

  it.each([
    ['without runId', (e: Record<string, unknown>) => delete (e['run'] as Record<string, unknown>)['runId'], '/run/runId'],
    ['without job', (e: Record<string, unknown>) => delete e['job'], '/job'],
    ['without eventTime', (e: Record<string, unknown>) => delete e['eventTime'], '/eventTime'],
    [
      'with a runId that is not a UUID',
      (e: Record<string, unknown>) => ((e['run'] as Record<string, unknown>)['runId'] = '42'),
      '/run/runId',
    ],
    ['with an input that is not an object', (e: Record<string, unknown>) => (e['inputs'] = ['orders']), '/inputs/0'],
  ])('400 naming the path for an event %s, and nothing stored', async (_what, breakIt, path) => {
    const event = runEvent(uuid(2));
    breakIt(event);
    const response = await post(s, JSON.stringify(event));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; path: string };
    expect(body.path).toBe(path);
    expect(body.error.length).toBeGreaterThan(0);
    const { openLineageRun } = await gql<{ openLineageRun: unknown }>(s, 'query($r: ID!) { openLineageRun(runId: $r) { runId } }', {
      r: uuid(2),
    });
    expect(openLineageRun).toBeNull();
  });

  it('a DatasetEvent and a JobEvent: 201 without a runId, their dataset and job queryable; a DatasetEvent without its name is 400 at /dataset/name', async () => {
    const base = { eventTime: '2024-05-01T09:00:00Z', producer: PRODUCER };
    const schema = {
      _producer: PRODUCER,
      _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
      fields: [{ name: 'id', type: 'INT' }],
    };
    const datasetEvent = {
      ...base,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'pg', name: 'static.customers', facets: { schema } },
    };
    const created = await post(s, JSON.stringify(datasetEvent));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 'created', runId: null });
    const jobEvent = {
      ...base,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'tests', name: 'static.job' },
      inputs: [{ namespace: 'pg', name: 'static.customers' }],
      outputs: [{ namespace: 'lake', name: 'static.customers_copy' }],
    };
    expect((await post(s, JSON.stringify(jobEvent))).status).toBe(201);
    const { openLineageDataset } = await gql<{ openLineageDataset: { uri: string; facets: unknown; versions: { id: string }[] } }>(
      s,
      '{ openLineageDataset(namespace: "pg", name: "static.customers") { uri facets versions { id } } }',
    );
    expect(openLineageDataset.uri).toBe(openLineageDatasetUri('pg', 'static.customers'));
    expect(openLineageDataset.facets).toEqual({ schema });
    // The JobEvent: its input derives its output (no run), and its job is a Context.
    const { lineage } = await gql<{ lineage: LineageGraph }>(
      s,
      'query($ids: [ID!]!) { lineage(startIds: $ids, direction: DOWNSTREAM, maxDepth: 1) { nodes { id type uri contextType } edges { from to type } truncated } }',
      { ids: openLineageDataset.versions.map((v) => v.id) },
    );
    const copy = lineage.nodes.find((n) => n.uri === openLineageDatasetUri('lake', 'static.customers_copy'));
    expect(copy).toBeDefined();
    expect(lineage.edges.filter((e) => e.type === 'DERIVED_FROM' && e.to === copy!.id)).toHaveLength(1);
    const broken = await post(s, JSON.stringify({ ...datasetEvent, dataset: { namespace: 'pg' } }));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ path: '/dataset/name', error: 'name is required' });
  });

  it('an array with a bad event in the middle: 200, per-event results, the others stored', async () => {
    const bad = runEvent(uuid(11));
    delete bad['eventTime'];
    const response = await post(s, JSON.stringify([runEvent(uuid(10)), bad, runEvent(uuid(12))]));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      created: number;
      invalid: number;
      results: { index: number; status: string; error?: { path: string } }[];
    };
    expect(body.results.map((r) => [r.index, r.status])).toEqual([
      [0, 'created'],
      [1, 'invalid'],
      [2, 'created'],
    ]);
    expect(body.results[1]!.error!.path).toBe('/eventTime');
    expect([body.created, body.invalid]).toEqual([2, 1]);
    const runs = await gql<{ a: unknown; b: unknown; c: unknown }>(
      s,
      'query($a: ID!, $b: ID!, $c: ID!) { a: openLineageRun(runId: $a) { runId } b: openLineageRun(runId: $b) { runId } c: openLineageRun(runId: $c) { runId } }',
      { a: uuid(10), b: uuid(11), c: uuid(12) },
    );
    expect([runs.a, runs.b, runs.c]).toEqual([{ runId: uuid(10) }, null, { runId: uuid(12) }]);
  });

  it('NDJSON with a malformed line in the middle: 200, the bad line named, the others stored', async () => {
    const body = [JSON.stringify(runEvent(uuid(20))), '{"eventType": ', JSON.stringify(runEvent(uuid(21))), ''].join('\n');
    const response = await post(s, body, { type: 'application/x-ndjson; charset=utf-8' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { results: { line: number; status: string; error?: { path: string; message: string } }[] };
    expect(result.results.map((r) => [r.line, r.status])).toEqual([
      [1, 'created'],
      [2, 'invalid'],
      [3, 'created'],
    ]);
    expect(result.results[1]!.error).toEqual({ path: 'line 2', message: expect.stringMatching(/not valid JSON/) });
  });

  it('400 naming line and column for malformed JSON; 400 for an empty batch', async () => {
    const response = await post(s, '{\n  "eventType": "START",\n  "run": }');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; path: string };
    expect(body.path).toBe('line 3, column 10');
    expect(body.error).toMatch(/not valid JSON at line 3, column 10/);
    expect((await post(s, '[]')).status).toBe(400);
  });

  it('415 for another content type, 405 for GET, 413 over the body limit', async () => {
    const text = await post(s, JSON.stringify(runEvent(uuid(30))), { type: 'text/plain' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: string }).error).toMatch(/application\/json .* application\/x-ndjson \(got text\/plain\)/);
    const get = await fetch(`${s.base}${OPENLINEAGE_PATH}`, { headers: { authorization: `Bearer ${TOKENS.ingest}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const limit = s.h.runtime.config.maxBodyBytes;
    const big = await post(s, JSON.stringify({ ...runEvent(uuid(31)), padding: 'x'.repeat(limit) }));
    expect(big.status).toBe(413);
  });

  it("gzip bodies (the clients' compression option) are inflated within the body limit; other encodings are 415", async () => {
    const send = (body: Uint8Array, encoding: string) =>
      fetch(`${s.base}${OPENLINEAGE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: `Bearer ${TOKENS.ingest}` },
        // A copy on its own ArrayBuffer: fetch's BodyInit does not take a Buffer's shared pool.
        body: new Uint8Array(body),
      });
    const zipped = await send(gzipSync(JSON.stringify(runEvent(uuid(70)))), 'gzip');
    expect(zipped.status).toBe(201);
    expect(((await zipped.json()) as { runId: string }).runId).toBe(uuid(70));
    // A few kilobytes that inflate past the limit: refused without inflating it all.
    const bomb = gzipSync(Buffer.from(`[${' '.repeat(s.h.runtime.config.maxBodyBytes + 10)}]`));
    expect(bomb.length).toBeLessThan(100_000);
    const refused = await send(bomb, 'gzip');
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: string }).error).toMatch(/inflates to more than/);
    expect((await send(Buffer.from('not gzip'), 'gzip')).status).toBe(400);
    expect((await send(Buffer.from(JSON.stringify(runEvent(uuid(71)))), 'br')).status).toBe(415);
  });

  it(`400 for a batch of more than ${MAX_BATCH_EVENTS} events, NDJSON or array (each would cost a result)`, async () => {
    const ndjson = await post(s, '{}\n'.repeat(MAX_BATCH_EVENTS + 1), { type: 'application/x-ndjson' });
    expect(ndjson.status).toBe(400);
    expect(((await ndjson.json()) as { error: string }).error).toBe(
      `a batch may hold at most ${MAX_BATCH_EVENTS} events (got ${MAX_BATCH_EVENTS + 1}): split it`,
    );
    const array = await post(s, JSON.stringify(new Array(MAX_BATCH_EVENTS + 1).fill({})));
    expect(array.status).toBe(400);
    // At the limit the batch is taken: every one of these events is invalid, and answered.
    const atLimit = await post(s, '{}\n'.repeat(MAX_BATCH_EVENTS), { type: 'application/x-ndjson' });
    expect(atLimit.status).toBe(200);
    expect(((await atLimit.json()) as { invalid: number }).invalid).toBe(MAX_BATCH_EVENTS);
  });

  it('auth: no token 401, viewer 403; ingest, editor and admin may post; an ingest token may not use GraphQL', async () => {
    const event = (n: number) => JSON.stringify(runEvent(uuid(40 + n)));
    const none = await post(s, event(0), { who: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const viewer = await post(s, event(1), { who: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: string }).error).toMatch(/requires the ingest or editor role; vera has viewer/);
    expect((await post(s, event(2), { who: 'ingest' })).status).toBe(201);
    expect((await post(s, event(3), { who: 'editor' })).status).toBe(201);
    expect((await post(s, event(4), { who: 'admin' })).status).toBe(201);
    const graphql = await fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
      body: JSON.stringify({ query: '{ openLineageStats { producer } }' }),
    });
    expect(graphql.status).toBe(403);
    const { openLineageRun } = await gql<{ openLineageRun: unknown }>(s, 'query($r: ID!) { openLineageRun(runId: $r) { runId } }', {
      r: uuid(41),
    });
    expect(openLineageRun).toBeNull();
  });

  it('column lineage: field edges queryable by dataset, field and direction; the run reads and writes its versions', async () => {
    const facet = { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json' };
    const event = runEvent(uuid(50), {
      eventType: 'COMPLETE',
      inputs: [{ namespace: 'pg', name: 'customers' }],
      outputs: [
        {
          namespace: 'lake',
          name: 'customer_names',
          facets: {
            columnLineage: {
              ...facet,
              fields: {
                name: { inputFields: [{ namespace: 'pg', name: 'customers', field: 'full_name', transformations: [{ type: 'DIRECT' }] }] },
              },
            },
          },
        },
      ],
    });
    expect((await post(s, JSON.stringify(event))).status).toBe(201);
    const edge = {
      from: { namespace: 'pg', name: 'customers', field: 'full_name' },
      to: { namespace: 'lake', name: 'customer_names', field: 'name' },
      transformations: [{ type: 'DIRECT' }],
    };
    const q =
      'query($ns: String!, $n: String!, $f: String, $d: ColumnLineageDirection) { columnLineage(namespace: $ns, name: $n, field: $f, direction: $d) { from { namespace name field } to { namespace name field } transformations } }';
    const up = await gql<{ columnLineage: unknown[] }>(s, q, { ns: 'lake', n: 'customer_names', f: 'name', d: 'UPSTREAM' });
    expect(up.columnLineage).toEqual([edge]);
    const down = await gql<{ columnLineage: unknown[] }>(s, q, { ns: 'pg', n: 'customers', d: 'DOWNSTREAM' });
    expect(down.columnLineage).toEqual([edge]);
    expect((await gql<{ columnLineage: unknown[] }>(s, q, { ns: 'lake', n: 'customer_names', d: 'DOWNSTREAM' })).columnLineage).toEqual([]);
    const { openLineageRun } = await gql<{ openLineageRun: { inputs: { uri: string }[]; outputs: { uri: string }[]; status: string } }>(
      s,
      'query($r: ID!) { openLineageRun(runId: $r) { status inputs { uri } outputs { uri } } }',
      { r: uuid(50) },
    );
    expect(openLineageRun).toEqual({
      status: 'Succeeded',
      inputs: [{ uri: openLineageDatasetUri('pg', 'customers') }],
      outputs: [{ uri: openLineageDatasetUri('lake', 'customer_names') }],
    });
    // Dataset-level DERIVED_FROM from the input's artifact to the output's.
    const { lineage } = await gql<{ lineage: LineageGraph }>(s, LINEAGE.replace('maxDepth: 50', 'maxDepth: 1'), {
      ids: [openLineageRunNodeId(uuid(50))],
    });
    const byUri = (uri: string) => lineage.nodes.find((n) => n.uri === uri)!.id;
    const { lineage: derived } = await gql<{ lineage: LineageGraph }>(
      s,
      'query($ids: [ID!]!) { lineage(startIds: $ids, direction: DOWNSTREAM, maxDepth: 1, edgeTypes: [DERIVED_FROM]) { nodes { id type uri contextType } edges { from to type } truncated } }',
      { ids: [byUri(openLineageDatasetUri('pg', 'customers'))] },
    );
    expect(derived.edges).toContainEqual({
      from: byUri(openLineageDatasetUri('pg', 'customers')),
      to: byUri(openLineageDatasetUri('lake', 'customer_names')),
      type: 'DERIVED_FROM',
    });
  });
});

describe('POST /api/v1/lineage when the store fails', () => {
  let h: Harness;
  let server: PedigreeServer;
  let base: string;
  const lines: Record<string, unknown>[] = [];
  let failWith: Error | null = null;

  beforeAll(async () => {
    h = await createHarness();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const real = h.runtime.store;
    const store = new Proxy(real, {
      get(target, property, receiver) {
        if (property === 'recordOpenLineageEvent') {
          return async (record: Parameters<typeof real.recordOpenLineageEvent>[0]) => {
            if (failWith) throw failWith;
            return real.recordOpenLineageEvent(record);
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    server = createServer(
      {
        ...h.runtime,
        store,
        logger: createLogger({ level: 'info', destination }),
        config: { ...h.runtime.config, port: 0, host: '127.0.0.1', tokens: SERVER_TOKENS },
      },
      { webRoot: h.dataDir },
    );
    base = await server.listen();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const send = (n: number, requestId: string): Promise<Response> =>
    fetch(`${base}${OPENLINEAGE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}`, 'x-request-id': requestId },
      body: JSON.stringify(runEvent(uuid(n))),
    });

  it('503 with retry-after when the store is unavailable, 500 without details for an unexpected error; the server keeps serving', async () => {
    failWith = new StoreUnavailableError('database is locked');
    const unavailable = await send(60, 'req-unavailable');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('5');
    expect(((await unavailable.json()) as { code: string }).code).toBe('STORE_UNAVAILABLE');
    failWith = new Error('disk on fire at /var/lib/secret');
    const broken = await send(61, 'req-broken');
    expect(broken.status).toBe(500);
    const body = await broken.text();
    expect(body).not.toMatch(/disk on fire|secret/);
    expect(JSON.parse(body)).toEqual({ error: 'internal error', requestId: 'req-broken' });
    failWith = null;
    expect((await send(62, 'req-fine')).status).toBe(201);
    // The same event again after the outage: stored once.
    expect((await send(62, 'req-again')).status).toBe(200);
  });

  it('logs each request with its request id, the counts and the reason of a rejection', async () => {
    const logged = (requestId: string) => lines.filter((l) => l['requestId'] === requestId);
    expect(logged('req-broken').some((l) => l['level'] === 'error' && l['msg'] === 'unexpected error ingesting OpenLineage events')).toBe(
      true,
    );
    expect(logged('req-fine')).toContainEqual(
      expect.objectContaining({ msg: 'OpenLineage event ingested', status: 201, created: 1, viewer: 'spark' }),
    );
    const bad = runEvent(uuid(63));
    delete bad['job'];
    const response = await fetch(`${base}${OPENLINEAGE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}`, 'x-request-id': 'req-bad' },
      body: JSON.stringify(bad),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('req-bad');
    expect(logged('req-bad')).toContainEqual(expect.objectContaining({ path: '/job', msg: 'OpenLineage event rejected: job is required' }));
  });
});
