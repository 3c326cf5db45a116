import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Artifact, ArtifactId, Digest, IsoTimestamp, PipelineExecution, StepExecutionId } from '@pedigree/domain';
import { openLineageDatasetUri } from '@pedigree/domain';
import type { StepArtifactLink } from '@pedigree/graph-store';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOpenLineageEmitter,
  openLineageDatasetRefOfUri,
  openLineageEndpoint,
  openLineageRunIdOf,
  openLineageStepRunId,
  type ObservedEvent,
  type OpenLineageRunEventJson,
} from './emitter.ts';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { ingestOpenLineage } from './ingest.ts';
import { validateOpenLineageEvent } from './validate.ts';

interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly event: OpenLineageRunEventJson;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    ),
  );
});

/** A local OpenLineage endpoint that records every event; `status(n)` picks the answer to the n-th request (1-based). */
async function receiver(status: (n: number) => number = () => 201): Promise<{ url: string; received: Received[]; requests: () => number }> {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      n += 1;
      const code = status(n);
      if (code === 201)
        received.push({
          path: req.url ?? '',
          authorization: req.headers.authorization,
          event: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
      res.writeHead(code, { 'content-type': 'text/plain' }).end(code === 201 ? '' : `status ${code}`);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, requests: () => n };
}

const EXECUTION = 'ex_019a1b2c3d4e7f00a1b2c3d4e5f60718';
const STEP = 'se_019a1b2c3d4e7f01b1b2c3d4e5f60719';
const at = (s: number): IsoTimestamp => `2026-12-03T10:00:${String(s).padStart(2, '0')}.000Z` as IsoTimestamp;

function artifact(uri: string, type: Artifact['type'], digest: string, properties: Artifact['properties'] = {}): Artifact {
  return {
    id: `ar_${digest.slice(-8)}` as ArtifactId,
    uri,
    digest: digest as Digest,
    type,
    name: uri.split('/').pop()!,
    size: 0,
    properties,
    createdAt: at(0),
    previousVersionId: null,
  };
}

/** The step's recorded artifacts: an ingested OpenLineage dataset, a local file, its code and an output. */
const links: StepArtifactLink[] = [
  {
    stepExecutionId: STEP as StepExecutionId,
    direction: 'input',
    name: 'raw',
    artifact: artifact(openLineageDatasetUri('postgres://db:5432', 'analytics.iris_clean'), 'DataSet', 'sha256:' + 'a'.repeat(64), {
      openlineage: { namespace: 'postgres://db:5432', name: 'analytics.iris_clean', version: 'v42' },
    }),
  },
  {
    stepExecutionId: STEP as StepExecutionId,
    direction: 'input',
    name: 'extra',
    artifact: artifact('file:///data/iris.csv', 'DataSet', 'sha256:' + 'b'.repeat(64)),
  },
  {
    stepExecutionId: STEP as StepExecutionId,
    direction: 'input',
    name: 'code:steps/prep.ts',
    artifact: artifact('file:///p/steps/prep.ts', 'Code', 'sha256:' + 'c'.repeat(64)),
  },
  {
    stepExecutionId: STEP as StepExecutionId,
    direction: 'output',
    name: 'train',
    artifact: artifact(`pedigree://executions/${EXECUTION}/steps/prepare/outputs/train`, 'DataSet', 'sha256:' + 'd'.repeat(64)),
  },
];
const store = { listStepArtifacts: async (ids: readonly StepExecutionId[]) => links.filter((l) => ids.includes(l.stepExecutionId)) };

/** What the executor publishes for a two-step pipeline: prepare succeeds, train fails twice (a retry) and the execution fails. */
const run: ObservedEvent[] = [
  { type: 'execution-status', executionId: EXECUTION, pipelineName: 'iris', status: 'Executing', failureReason: null, at: at(1) },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'prepare',
    stepExecutionId: STEP,
    status: 'Starting',
    attempt: 1,
    cacheHit: false,
    failureReason: null,
    at: at(2),
  },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'prepare',
    stepExecutionId: STEP,
    status: 'Executing',
    attempt: 1,
    cacheHit: false,
    failureReason: null,
    at: at(3),
  },
  { type: 'log', executionId: EXECUTION },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'prepare',
    stepExecutionId: STEP,
    status: 'Succeeded',
    attempt: 1,
    cacheHit: false,
    failureReason: null,
    at: at(4),
  },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'train',
    stepExecutionId: 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a',
    status: 'Starting',
    attempt: 1,
    cacheHit: false,
    failureReason: null,
    at: at(5),
  },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'train',
    stepExecutionId: 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a',
    status: 'Failed',
    attempt: 1,
    cacheHit: false,
    failureReason: 'exit 1',
    at: at(6),
  },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'train',
    stepExecutionId: 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a',
    status: 'Starting',
    attempt: 2,
    cacheHit: false,
    failureReason: null,
    at: at(7),
  },
  {
    type: 'step-status',
    executionId: EXECUTION,
    stepName: 'train',
    stepExecutionId: 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a',
    status: 'Failed',
    attempt: 2,
    cacheHit: false,
    failureReason: 'exit 1',
    at: at(8),
  },
  {
    type: 'execution-status',
    executionId: EXECUTION,
    pipelineName: 'iris',
    status: 'Failed',
    failureReason: 'Step train failed: exit 1',
    at: at(9),
  },
] as ObservedEvent[];

describe('OpenLineage emitter', () => {
  it('sends START/COMPLETE/FAIL events that validate against the 2-0-2 spec and its facet schemas, in order, with parent run facets', async () => {
    const r = await receiver();
    const emitter = createOpenLineageEmitter({ url: r.url, apiKey: 'secret-key', namespace: 'ml', store });
    for (const e of run) emitter.observe(e);
    const { drained, stats } = await emitter.close(20_000);
    expect(drained).toBe(true);
    expect(stats).toMatchObject({ sent: 8, failed: 0, dropped: 0, queued: 0 });

    const events = r.received.map((x) => x.event);
    expect(events.map((e) => `${e.job.name}:${e.eventType}`)).toEqual([
      'iris:START',
      'iris.prepare:START',
      'iris.prepare:COMPLETE',
      'iris.train:START',
      'iris.train:FAIL',
      'iris.train:START',
      'iris.train:FAIL',
      'iris:FAIL',
    ]);
    for (const [i, e] of events.entries()) {
      const result = validateOpenLineageEvent(e);
      expect(result.ok, `event ${i}`).toBe(true);
      // Every standard facet matches its schema; only our own `pedigree` run facet has none known to the validator.
      const warnings = result.ok ? result.warnings.filter((w) => w.path !== '/run/facets/pedigree') : [];
      expect(warnings, `event ${i}`).toEqual([]);
    }
    expect(r.received.every((x) => x.path === '/api/v1/lineage' && x.authorization === 'Bearer secret-key')).toBe(true);
    expect(new Set(events.map((e) => e.job.namespace))).toEqual(new Set(['ml']));

    const pipelineRunId = '019a1b2c-3d4e-7f00-a1b2-c3d4e5f60718';
    expect(events[0]!.run.runId).toBe(pipelineRunId);
    expect(events[7]!.run.runId).toBe(pipelineRunId);
    for (const e of events.filter((x) => x.job.name !== 'iris')) {
      expect(e.run.facets!['parent']).toMatchObject({ run: { runId: pipelineRunId }, job: { namespace: 'ml', name: 'iris' } });
    }
    expect(events[1]!.run.runId).toBe('019a1b2c-3d4e-7f01-b1b2-c3d4e5f60719');
    // A retry is another run (a run ended with FAIL cannot start again), derived stably from the attempt.
    expect(events[5]!.run.runId).not.toBe(events[3]!.run.runId);
    expect(events[5]!.run.runId).toBe(openLineageStepRunId('se_019a1b2c3d4e7f02c1b2c3d4e5f6071a', 2));
    expect(events[4]!.run.facets!['errorMessage']).toMatchObject({ message: 'exit 1' });

    const complete = events[2]!;
    expect(complete.inputs).toEqual([
      {
        namespace: 'postgres://db:5432',
        name: 'analytics.iris_clean',
        facets: { version: expect.objectContaining({ datasetVersion: 'v42' }) },
      },
      {
        namespace: 'file',
        name: '/data/iris.csv',
        facets: { version: expect.objectContaining({ datasetVersion: 'sha256:' + 'b'.repeat(64) }) },
      },
    ]);
    expect(complete.outputs).toEqual([
      {
        namespace: 'pedigree://executions',
        name: `/${EXECUTION}/steps/prepare/outputs/train`,
        facets: { version: expect.objectContaining({ datasetVersion: 'sha256:' + 'd'.repeat(64) }) },
      },
    ]);
  });

  it('retries a 503 with backoff until the endpoint answers 201', async () => {
    const r = await receiver((n) => (n <= 3 ? 503 : 201));
    const emitter = createOpenLineageEmitter({ url: r.url, store, minBackoffMs: 20, maxBackoffMs: 100 });
    emitter.observe(run[0]!);
    // flush, not close: a closing emitter no longer waits out backoff delays.
    const { drained, stats } = await emitter.flush(20_000);
    await emitter.close(1_000);
    expect(drained).toBe(true);
    expect(r.requests()).toBe(4);
    expect(stats).toMatchObject({ sent: 1, retries: 3, failed: 0 });
    expect(r.received[0]!.event.eventType).toBe('START');
  });

  it('does not retry an event the endpoint rejects with 400, and goes on with the next one', async () => {
    const r = await receiver((n) => (n === 1 ? 400 : 201));
    const emitter = createOpenLineageEmitter({ url: r.url, store, minBackoffMs: 20 });
    emitter.observe(run[0]!);
    emitter.observe(run[1]!);
    const { stats } = await emitter.close(20_000);
    expect(r.requests()).toBe(2);
    expect(stats).toMatchObject({ sent: 1, failed: 1, retries: 0 });
  });

  it('gives up quickly on an unreachable endpoint without throwing, and counts the failures', async () => {
    // A port nothing listens on: a server is opened and closed to get one.
    const gone = await receiver();
    const s = servers.pop()!;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    const emitter = createOpenLineageEmitter({ url: gone.url, store, retries: 2, minBackoffMs: 10, maxBackoffMs: 20 });
    const started = Date.now();
    for (const e of run) emitter.observe(e);
    const { drained, stats } = await emitter.flush(20_000);
    expect(drained).toBe(true);
    expect(stats).toMatchObject({ sent: 0, failed: 8, retries: 16 });
    // 8 events × 3 refused connections and ~30 ms of backoff each: far below the deadline even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    await emitter.close(1_000);
  });

  it('at close, stops waiting out backoff delays: with the endpoint down it returns long before the deadline', async () => {
    const gone = await receiver();
    const s = servers.pop()!;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    // Default backoff: 0.5 s doubling up to 10 s, 5 retries: about 15 s per event if waited out.
    const emitter = createOpenLineageEmitter({ url: gone.url, store });
    for (const e of run) emitter.observe(e);
    // Let the first POST fail so that the sender sits in its first backoff delay.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const { drained, stats } = await emitter.close(30_000);
    expect(drained).toBe(true);
    expect(stats).toMatchObject({ sent: 0, failed: 8, dropped: 0 });
    // One refused connection per event instead of ~15 s of backoff each; generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps at most maxQueue events waiting, dropping the oldest, and close() drops the rest at its deadline', async () => {
    // The endpoint never answers, so the first event stays in flight and the rest wait.
    const hung = createServer(() => undefined);
    servers.push(hung);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const emitter = createOpenLineageEmitter({
      url: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
      store,
      maxQueue: 2,
      requestTimeoutMs: 60_000,
    });
    for (const i of [0, 1, 4, 5]) emitter.observe(run[i]!);
    const flushed = await emitter.flush(300);
    expect(flushed.drained).toBe(false);
    // 4 events: 1 in flight, 2 waiting, the oldest waiting one dropped.
    expect(flushed.stats).toMatchObject({ queued: 2, dropped: 1, sent: 0 });
    const started = Date.now();
    const closed = await emitter.close(200);
    expect(closed.drained).toBe(false);
    expect(closed.stats).toMatchObject({ queued: 0, dropped: 4, sent: 0 });
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing is accepted after close.
    emitter.observe(run[0]!);
    expect(emitter.stats().queued).toBe(0);
  });
});

describe('OpenLineage emitter states', () => {
  it('sends a cache hit as COMPLETE with cacheHit in the pedigree facet, a stop as ABORT, and nothing for Stopping or Skipped', async () => {
    const r = await receiver();
    const emitter = createOpenLineageEmitter({ url: r.url, store });
    const step = (stepName: string, id: string, status: string, cacheHit = false): ObservedEvent =>
      ({
        type: 'step-status',
        executionId: EXECUTION,
        stepName,
        stepExecutionId: id,
        status,
        attempt: 1,
        cacheHit,
        failureReason: null,
        at: at(5),
      }) as ObservedEvent;
    emitter.observe(run[0]!);
    emitter.observe(step('prepare', STEP, 'Starting'));
    emitter.observe(step('prepare', STEP, 'Cached', true));
    emitter.observe(step('gate', 'se_019a1b2c3d4e7f03d1b2c3d4e5f6071b', 'Skipped'));
    emitter.observe(step('train', 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a', 'Starting'));
    emitter.observe(step('train', 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a', 'Stopping'));
    emitter.observe(step('train', 'se_019a1b2c3d4e7f02c1b2c3d4e5f6071a', 'Stopped'));
    emitter.observe({
      type: 'execution-status',
      executionId: EXECUTION,
      pipelineName: 'iris',
      status: 'Stopping',
      failureReason: null,
      at: at(6),
    } as ObservedEvent);
    emitter.observe({
      type: 'execution-status',
      executionId: EXECUTION,
      pipelineName: 'iris',
      status: 'Stopped',
      failureReason: null,
      at: at(7),
    } as ObservedEvent);
    await emitter.close(20_000);
    const events = r.received.map((x) => x.event);
    expect(events.map((e) => `${e.job.name}:${e.eventType}`)).toEqual([
      'iris:START',
      'iris.prepare:START',
      'iris.prepare:COMPLETE',
      'iris.train:START',
      'iris.train:ABORT',
      'iris:ABORT',
    ]);
    expect(events[2]!.run.facets!['pedigree']).toMatchObject({ cacheHit: true, stepExecutionId: STEP });
    expect(events[2]!.outputs).toHaveLength(1);
  });
});

describe('OpenLineage emitter and ingestion', () => {
  it('emits events another Pedigree ingests as they are meant: the step runs PART_OF the pipeline run, datasets linked', async () => {
    const r = await receiver();
    const emitter = createOpenLineageEmitter({ url: r.url, store });
    for (const e of run) emitter.observe(e);
    await emitter.close(20_000);
    const other = createSqliteGraphStore({ path: ':memory:' });
    try {
      const report = await ingestOpenLineage(
        other,
        r.received.map((x) => x.event),
      );
      expect(report).toMatchObject({ created: 8, duplicates: 0, invalid: 0 });
      const pipelineRun = await other.getOpenLineageRun(openLineageRunIdOf(EXECUTION));
      expect(pipelineRun).toMatchObject({ job: { namespace: 'pedigree', name: 'iris' }, state: 'FAIL', parentRunId: null });
      const prepare = await other.getOpenLineageRun(openLineageRunIdOf(STEP));
      expect(prepare).toMatchObject({ job: { name: 'iris.prepare' }, state: 'COMPLETE', parentRunId: pipelineRun.runId });
      const children = await other.listOpenLineageRuns({ parentRunId: pipelineRun.runId });
      expect(children.items.map((c) => `${c.job?.name}:${c.state}`).sort()).toEqual([
        'iris.prepare:COMPLETE',
        'iris.train:FAIL',
        'iris.train:FAIL',
      ]);
      // The ingested table the step read is the same dataset (namespace, name) on the other side.
      expect(await other.findOpenLineageDataset('postgres://db:5432', 'analytics.iris_clean')).not.toBeNull();
    } finally {
      await other.close();
    }
  });
});

describe('OpenLineage emitter after a restart', () => {
  it('names the job of a step whose execution it never saw start (a resumed execution) from the store', async () => {
    const r = await receiver();
    const asked: string[] = [];
    const emitter = createOpenLineageEmitter({
      url: r.url,
      store: {
        ...store,
        getExecution: async (id) => {
          asked.push(id);
          return { pipelineName: 'iris' } as PipelineExecution;
        },
      },
    });
    emitter.observe(run[1]!);
    emitter.observe(run[4]!);
    emitter.observe(run[9]!);
    const { stats } = await emitter.close(20_000);
    expect(stats).toMatchObject({ sent: 3, failed: 0 });
    expect(r.received.map((x) => `${x.event.job.name}:${x.event.eventType}`)).toEqual([
      'iris.prepare:START',
      'iris.prepare:COMPLETE',
      'iris:FAIL',
    ]);
    expect(r.received[0]!.event.run.facets!['parent']).toMatchObject({ run: { runId: openLineageRunIdOf(EXECUTION) } });
    // Read once, then remembered.
    expect(asked).toEqual([EXECUTION]);
  });
});

describe('OpenLineage emitter identities', () => {
  it('formats our UUIDv7 id bodies as UUIDs and derives one for other ids', () => {
    expect(openLineageRunIdOf('ex_0123456789abcdef0123456789abcdef')).toBe('01234567-89ab-cdef-0123-456789abcdef');
    const other = openLineageRunIdOf('not-an-id');
    expect(other).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(openLineageRunIdOf('not-an-id')).toBe(other);
  });

  it('names datasets after their URI: OpenLineage URIs keep (namespace, name), others use scheme://authority and the path', () => {
    expect(openLineageDatasetRefOfUri(openLineageDatasetUri('s3://bucket', 'raw/iris.csv'))).toEqual({
      namespace: 's3://bucket',
      name: 'raw/iris.csv',
    });
    expect(openLineageDatasetRefOfUri('file:///data/my%20iris.csv')).toEqual({ namespace: 'file', name: '/data/my iris.csv' });
    expect(openLineageDatasetRefOfUri('s3://bucket/a/b.parquet')).toEqual({ namespace: 's3://bucket', name: '/a/b.parquet' });
  });

  it('appends the lineage path to a bare endpoint URL only, and rejects what is not http(s)', () => {
    expect(openLineageEndpoint('http://marquez:5000')).toBe('http://marquez:5000/api/v1/lineage');
    expect(openLineageEndpoint('https://dh.example/openapi/openlineage/api/v1/lineage')).toBe(
      'https://dh.example/openapi/openlineage/api/v1/lineage',
    );
    expect(() => openLineageEndpoint('ftp://x')).toThrow(/http or https/);
    expect(() => openLineageEndpoint('nope')).toThrow(/not a URL/);
  });
});
