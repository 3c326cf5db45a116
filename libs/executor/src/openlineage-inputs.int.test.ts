import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalDigest,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageRunNodeId,
  type Artifact,
  type IsoTimestamp,
  type JsonObject,
  type StepExecution,
} from '@pedigree/domain';
import type { OpenLineageEventRecord } from '@pedigree/graph-store';
import { createTestExecutor, type TestExecutor } from './testing/index.ts';

const NS = 'postgres://warehouse:5432';
const URI = openLineageDatasetUri(NS, 'analytics.iris_clean');

let t: TestExecutor;
beforeEach(async () => {
  t = await createTestExecutor();
  // The handler writes the value it got for the input: an OpenLineage input has no bytes, only its URI.
  await t.writeProjectFile(
    'steps/train.ts',
    `import { writeFile } from 'node:fs/promises';
import path from 'node:path';
export async function train(ctx: any) {
  await writeFile(path.join(ctx.outputs.model, 'model.json'), JSON.stringify({ source: ctx.inputs.table }));
}
`,
  );
});
afterEach(async () => {
  await t.cleanup();
});

const pipeline = {
  name: 'ol-inputs',
  steps: [
    {
      name: 'train',
      type: 'training',
      run: { kind: 'handler', module: 'steps/train.ts', export: 'train' },
      inputs: [{ name: 'table', source: { kind: 'uri', uri: URI }, type: 'DataSet' }],
      outputs: [{ name: 'model', type: 'Model' }],
      cache: { enabled: true },
    },
  ],
};

async function link(step: StepExecution, direction: 'input' | 'output', name: string): Promise<Artifact> {
  const links = await t.store.listStepArtifacts([step.id]);
  return links.find((l) => l.direction === direction && l.name === name)!.artifact;
}

const facet = (body: JsonObject): JsonObject => ({
  _producer: 'https://example.test/dbt',
  _schemaURL: 'https://example.test/facet.json',
  ...body,
});

/** A dbt model run (as `@pedigree/openlineage` normalizes it) reading a raw table and writing the table the pipeline reads. */
function dbtComplete(version: string, runId = '0192f0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f'): OpenLineageEventRecord {
  const event: JsonObject = { eventType: 'COMPLETE', run: { runId }, job: { namespace: 'dbt', name: 'iris.clean' }, version };
  return {
    eventDigest: canonicalDigest(event),
    kind: 'RunEvent',
    eventType: 'COMPLETE',
    eventTime: '2026-12-01T06:00:00.000Z' as IsoTimestamp,
    producer: 'https://example.test/dbt',
    job: { namespace: 'dbt', name: 'iris.clean', facets: {} },
    run: { runId, facets: {} },
    parent: null,
    inputs: [{ namespace: NS, name: 'raw.iris_measurements', version: null, facets: {}, ioFacets: {} }],
    outputs: [
      {
        namespace: NS,
        name: 'analytics.iris_clean',
        version,
        facets: { version: facet({ datasetVersion: version }) },
        ioFacets: {},
      },
    ],
    columnLineage: [],
    event,
    receivedAt: '2026-12-01T06:00:01.000Z' as IsoTimestamp,
  };
}

describe('openlineage:// step inputs', () => {
  it('links a dataset nothing has reported yet to its unversioned node, warns in the step log, and passes the URI to the handler', async () => {
    const { execution, steps } = await t.run(pipeline);
    expect(execution.status).toBe('Succeeded');
    const train = steps['train']!;
    const input = await link(train, 'input', 'table');
    expect(input).toMatchObject({
      uri: URI,
      digest: openLineageDatasetDigest(NS, 'analytics.iris_clean', null),
      type: 'DataSet',
      name: 'analytics.iris_clean',
      size: 0,
      properties: { openlineage: { namespace: NS, name: 'analytics.iris_clean', version: null } },
    });
    const model = await link(train, 'output', 'model');
    const dir = path.join(t.dir, 'materialized');
    await t.artifacts.materialize(model.digest, dir);
    expect(JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'))).toEqual({ source: URI });

    const log = await readFile(path.join(t.dataDir, 'logs', execution.id, 'train', 'attempt-1.stderr.log'), 'utf8');
    expect(log).toMatch(/warning: input table: no OpenLineage event has named openlineage:\/\/.+analytics\.iris_clean yet/);
    expect(t.events.some((e) => e.type === 'log' && e.line.includes('no OpenLineage event has named'))).toBe(true);
    expect(train.resolvedArguments!['inputs']).toEqual({ table: { digest: input.digest } });
  });

  it('uses the latest ingested version, and a new upstream version is a cache miss that names the input', async () => {
    await t.store.upsertArtifact({
      uri: URI,
      digest: openLineageDatasetDigest(NS, 'analytics.iris_clean', 'v1'),
      type: 'DataSet',
      name: 'analytics.iris_clean',
      size: 0,
      properties: { openlineage: { namespace: NS, name: 'analytics.iris_clean', version: 'v1' } },
    });
    const first = await t.run(pipeline);
    expect(first.execution.status).toBe('Succeeded');
    expect((await link(first.steps['train']!, 'input', 'table')).digest).toBe(openLineageDatasetDigest(NS, 'analytics.iris_clean', 'v1'));
    const log = await readFile(path.join(t.dataDir, 'logs', first.execution.id, 'train', 'attempt-1.stderr.log'), 'utf8').catch(() => '');
    expect(log).not.toMatch(/warning/);

    const again = await t.run(pipeline);
    expect(again.steps['train']!.status).toBe('Cached');

    await t.store.upsertArtifact({
      uri: URI,
      digest: openLineageDatasetDigest(NS, 'analytics.iris_clean', 'v2'),
      type: 'DataSet',
      name: 'analytics.iris_clean',
      size: 0,
      properties: { openlineage: { namespace: NS, name: 'analytics.iris_clean', version: 'v2' } },
    });
    const third = await t.run(pipeline);
    const train = third.steps['train']!;
    expect(train.status).toBe('Succeeded');
    expect(train.cacheHit).toBe(false);
    expect(train.cacheMiss).toMatchObject({ reason: 'key-changed' });
    expect(train.cacheMiss!.differingFields.join(',')).toMatch(/inputs\.table/);
    expect((await link(train, 'input', 'table')).digest).toBe(openLineageDatasetDigest(NS, 'analytics.iris_clean', 'v2'));
  });

  it('takes the URI from a String parameter too, and names a malformed one with the input', async () => {
    const withParameter = {
      ...pipeline,
      parameters: [{ name: 'Table', type: 'String', default: URI }],
      steps: [{ ...pipeline.steps[0]!, inputs: [{ name: 'table', source: { kind: 'parameter', name: 'Table' }, type: 'DataSet' }] }],
    };
    const ok = await t.run(withParameter);
    expect(ok.execution.status).toBe('Succeeded');
    expect((await link(ok.steps['train']!, 'input', 'table')).uri).toBe(URI);

    const bad = await t.run(withParameter, { Table: 'openlineage://only-a-namespace' });
    expect(bad.execution.status).toBe('Failed');
    expect(bad.steps['train']!.failureReason).toMatch(
      /inputs\.table: "openlineage:\/\/only-a-namespace" is not openlineage:\/\/namespace\/name/,
    );
  });

  it('after an OpenLineage event was recorded, provenance(model) walks from the model into the dbt run and its raw source table', async () => {
    // A run before anything was ingested creates the unversioned node, newer than the event's time below:
    // the ingested version must still win over it.
    expect((await t.run(pipeline)).execution.status).toBe('Succeeded');
    const recorded = await t.store.recordOpenLineageEvent(dbtComplete('v7'));
    expect(recorded.applied).toBe(true);
    const { execution, steps } = await t.run(pipeline);
    expect(execution.status).toBe('Succeeded');
    const input = await link(steps['train']!, 'input', 'table');
    expect(input.digest).toBe(openLineageDatasetDigest(NS, 'analytics.iris_clean', 'v7'));
    expect(recorded.datasetArtifactIds).toContain(input.id);

    const model = await link(steps['train']!, 'output', 'model');
    const provenance = await t.store.provenance(model.id);
    expect(provenance.datasets.map((d) => d.artifact.uri)).toEqual(
      expect.arrayContaining([URI, openLineageDatasetUri(NS, 'raw.iris_measurements')]),
    );
    const upstream = await t.store.traverse({ startIds: [model.id], direction: 'UPSTREAM' });
    expect(upstream.nodes.map((n) => n.id)).toContain(openLineageRunNodeId('0192f0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f'));
  });
});
