/*
 * What each port call sends to Neo4j (statement name, text, parameters, read or write transaction)
 * and how the adapter maps the records that come back, through a recording driver. The canned
 * records carry driver Integers and DateTimes, so the mappers run as they do in production.
 *
 * These tests do NOT show that Neo4j accepts the statements or answers as canned: that is what the
 * Cypher lint test and the contract suite against a real server (`*.contract.int.test.ts`) are for.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  artifactIdFor,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  pipelineNodeIdFor,
  pipelineVersionIdFor,
  type ArtifactId,
  type Digest,
  type ExecutionId,
  type PipelineVersionId,
  type StepExecutionId,
} from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { at, openLineageRecord } from '@pedigree/graph-store/testing';
import { createNeo4jGraphStore } from './neo4j-graph-store.ts';
import { SCHEMA_STATEMENTS, type StatementName } from './statements.ts';
import {
  createRecordingDriver,
  driverDateTime,
  type CannedRows,
  type RecordedStatement,
  type Responder,
} from './testing/recording-driver.ts';

const int = (n: number) => neo4j.int(n);
const T0 = '2026-12-03T15:58:23.123Z';
const T1 = '2026-12-03T16:00:00.000Z';
const HASH = `sha256:${'a'.repeat(64)}` as Digest;
const DIGEST_1 = `sha256:${'1'.repeat(64)}` as Digest;
const DIGEST_2 = `sha256:${'2'.repeat(64)}` as Digest;
const VERSION_ID = pipelineVersionIdFor('iris', HASH);
const EXECUTION_ID = 'ex_0000000000000000000000000000e001' as ExecutionId;
const STEP_ID = 'se_0000000000000000000000000000s001' as StepExecutionId;
const TRAIN_URI = 'file:///data/iris/train.csv';
const MODEL_URI = 'file:///models/iris/model.json';
const TRAIN_ID = artifactIdFor(TRAIN_URI, DIGEST_1);
const MODEL_ID = artifactIdFor(MODEL_URI, DIGEST_2);

/** Generated ids differ per run; snapshots show where one was generated. */
function stable(calls: readonly RecordedStatement[]): unknown {
  return JSON.parse(
    JSON.stringify(calls, (_key, value: unknown) => (neo4j.isInt(value) ? `Integer(${value.toString()})` : value)).replace(
      /"(se|mp)_[0-9a-f]{32}"/g,
      '"$1_<generated>"',
    ),
  );
}

function responder(
  table: Partial<Record<StatementName, CannedRows | ((params: Readonly<Record<string, unknown>>) => CannedRows)>>,
): Responder {
  return (statement, params) => {
    const entry = table[statement];
    return typeof entry === 'function' ? entry(params) : entry;
  };
}

async function storeWith(table: Parameters<typeof responder>[0]): Promise<{ store: GraphStore; calls: RecordedStatement[] }> {
  const driver = createRecordingDriver(responder({ 'schema-record-version': [{ version: int(1) }], ...table }));
  const store = await createNeo4jGraphStore({ uri: 'bolt://recording', username: 'neo4j', password: 'unused', driver });
  driver.clear();
  return { store, calls: driver.calls };
}

// Property maps as `n {.*}` returns them: driver Integers and DateTimes; null properties are absent.
const pipelineMap = {
  id: pipelineNodeIdFor('iris'),
  nodeType: 'Pipeline',
  name: 'iris',
  createdAt: driverDateTime(T0),
  latestVersion: int(1),
};
const versionMap = {
  id: VERSION_ID,
  nodeType: 'PipelineVersion',
  pipelineName: 'iris',
  version: int(1),
  definitionHash: HASH,
  definition: '{"steps":[]}',
  createdAt: driverDateTime(T0),
};
const executionMap = (status: string, revision: number, extra: Record<string, unknown> = {}) => ({
  id: EXECUTION_ID,
  nodeType: 'PipelineExecution',
  pipelineName: 'iris',
  pipelineVersionId: VERSION_ID,
  status,
  parameters: '{"epochs":3}',
  startedAt: driverDateTime(T0),
  createdBy: 'ada',
  revision: int(revision),
  ...extra,
});
const stepMap = (status: string, revision: number, extra: Record<string, unknown> = {}) => ({
  id: STEP_ID,
  nodeType: 'StepExecution',
  executionId: EXECUTION_ID,
  pipelineName: 'iris',
  stepName: 'train',
  stepType: 'training',
  status,
  attempt: int(1),
  attempts: JSON.stringify([
    { attempt: 1, status: 'Executing', startedAt: T0, endedAt: null, failureReason: null, failureKind: null, exitCode: null },
  ]),
  cacheHit: false,
  cacheInvalidated: false,
  startedAt: driverDateTime(T0),
  revision: int(revision),
  ...extra,
});
const artifactMap = (id: string, uri: string, digest: string, type: string, name: string) => ({
  id,
  nodeType: 'Artifact',
  uri,
  digest,
  type,
  name,
  size: int(1024),
  properties: '{"rows":150}',
  searchText: '150',
  createdAt: driverDateTime(T0),
});
/** Echoes `upsert-artifacts` rows back as stored maps, as the MERGE would return them. */
const echoArtifacts = (params: Readonly<Record<string, unknown>>): CannedRows =>
  (params['artifacts'] as Record<string, unknown>[]).map((row) => ({
    artifact: {
      ...row,
      nodeType: 'Artifact',
      createdAt: driverDateTime(row['createdAt'] as string),
      previousVersionId: row['previousVersionId'] ?? undefined,
    },
  }));

describe('createNeo4jGraphStore', () => {
  it('creates every constraint and index idempotently, each in its own write transaction, then records the schema version', async () => {
    const driver = createRecordingDriver(responder({ 'schema-record-version': [{ version: int(1) }] }));
    await createNeo4jGraphStore({ uri: 'bolt://recording', username: 'neo4j', password: 'unused', driver });
    expect(driver.calls.map((c) => c.statement)).toEqual([...SCHEMA_STATEMENTS, 'await-indexes', 'schema-record-version']);
    expect(driver.calls.filter((c) => c.statement.startsWith('schema-')).every((c) => c.mode === 'WRITE')).toBe(true);
    expect(SCHEMA_STATEMENTS.length).toBeGreaterThan(15);
    expect(driver.calls.filter((c) => SCHEMA_STATEMENTS.includes(c.statement)).every((c) => /IF NOT EXISTS/.test(c.text))).toBe(true);
    expect(driver.calls.map((c) => c.text)).toMatchSnapshot();
  });

  it('does not close a driver it was given', async () => {
    const driver = createRecordingDriver(responder({ 'schema-record-version': [{ version: int(1) }] }));
    const store = await createNeo4jGraphStore({ uri: 'bolt://recording', username: 'neo4j', password: 'unused', driver });
    await store.close();
    expect(driver.closed).toBe(false);
  });
});

describe('statements sent per port call', () => {
  it('upsertPipelineVersion: one write, the pipeline and version ids derived from name and hash', async () => {
    const { store, calls } = await storeWith({
      'upsert-pipeline-version': [{ pipeline: pipelineMap, version: versionMap, created: true }],
    });
    const result = await store.upsertPipelineVersion({ pipelineName: 'iris', definition: { steps: [] }, definitionHash: HASH, at: T0 });
    expect(stable(calls)).toMatchSnapshot();
    expect(result).toEqual({
      pipeline: { name: 'iris', description: null, createdAt: T0, latestVersion: 1 },
      version: { id: VERSION_ID, pipelineName: 'iris', version: 1, definitionHash: HASH, definition: { steps: [] }, createdAt: T0 },
      created: true,
    });
  });

  it('createExecution: one write; NOT_FOUND for the version when the statement returns no row', async () => {
    const { store, calls } = await storeWith({
      'create-execution': (p) =>
        p['pipelineVersionId'] === VERSION_ID ? [{ execution: executionMap('Executing', 1), created: true }] : [],
    });
    const execution = await store.createExecution({
      id: EXECUTION_ID,
      pipelineVersionId: VERSION_ID,
      parameters: { epochs: 3 },
      createdBy: 'ada',
      at: T0,
    });
    expect(stable(calls)).toMatchSnapshot();
    expect(execution).toEqual({
      id: EXECUTION_ID,
      pipelineName: 'iris',
      pipelineVersionId: VERSION_ID,
      status: 'Executing',
      parameters: { epochs: 3 },
      startedAt: T0,
      endedAt: null,
      failureReason: null,
      createdBy: 'ada',
      scheduleId: null,
      revision: 1,
    });
    await expect(store.createExecution({ pipelineVersionId: 'pv_missing' as PipelineVersionId, parameters: {} })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('transitionExecution: reads, then writes with the status and revision it read', async () => {
    const { store, calls } = await storeWith({
      'get-execution': [{ execution: executionMap('Executing', 4) }],
      'update-execution': [{ execution: executionMap('Succeeded', 5, { endedAt: driverDateTime(T1) }), applied: true }],
    });
    const execution = await store.transitionExecution({ id: EXECUTION_ID, from: 'Executing', to: 'Succeeded', at: T1 });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.every((c) => c.mode === 'WRITE')).toBe(true);
    expect(execution).toMatchObject({ status: 'Succeeded', endedAt: T1, revision: 5 });
  });

  it('transitionExecution: CONFLICT when the write lost the race (applied = false)', async () => {
    const { store } = await storeWith({
      'get-execution': [{ execution: executionMap('Executing', 4) }],
      'update-execution': [{ execution: executionMap('Failed', 5), applied: false }],
    });
    await expect(store.transitionExecution({ id: EXECUTION_ID, from: 'Executing', to: 'Succeeded', at: T1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      context: { id: EXECUTION_ID, expected: 'Executing', actual: 'Failed' },
    });
  });

  it('transitionExecution: CONFLICT without writing when the status read differs; NOT_FOUND for an unknown id; INVALID_STATUS_TRANSITION', async () => {
    const { store, calls } = await storeWith({
      'get-execution': (p) => (p['id'] === EXECUTION_ID ? [{ execution: executionMap('Failed', 2) }] : []),
    });
    await expect(store.transitionExecution({ id: EXECUTION_ID, from: 'Executing', to: 'Succeeded' })).rejects.toBeInstanceOf(ConflictError);
    await expect(store.transitionExecution({ id: 'ex_missing' as ExecutionId, from: 'Executing', to: 'Succeeded' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      ids: ['ex_missing'],
    });
    await expect(store.transitionExecution({ id: EXECUTION_ID, from: 'Failed', to: 'Succeeded' })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect(calls.map((c) => c.statement)).not.toContain('update-execution');
  });

  it('recordStepResult: artifacts upserted in one batch, the step updated, edges merged, all in one write transaction', async () => {
    const { store, calls } = await storeWith({
      'get-step-executions': [{ id: STEP_ID, step: stepMap('Executing', 2) }],
      'find-latest-artifacts-at-uris': [{ uri: MODEL_URI, latestId: 'ar_previous_model' }],
      'upsert-artifacts': echoArtifacts,
      'update-step-execution': [
        {
          step: stepMap('Succeeded', 3, { endedAt: driverDateTime(T1), cacheKey: 'k1', properties: '{"accuracy":0.97}' }),
          applied: true,
        },
      ],
      'record-step-inputs': [{ recorded: int(1) }],
      'record-step-outputs': [{ recorded: int(1) }],
    });
    const step = await store.recordStepResult({
      stepExecutionId: STEP_ID,
      from: 'Executing',
      status: 'Succeeded',
      at: T1,
      cacheKey: 'k1',
      properties: { accuracy: 0.97 },
      inputs: [
        {
          name: 'train',
          artifact: {
            uri: TRAIN_URI,
            digest: DIGEST_1,
            type: 'DataSet',
            name: 'train',
            size: 1024,
            properties: { rows: 150 },
            createdAt: T0,
          },
        },
      ],
      outputs: [{ name: 'model', artifact: { uri: MODEL_URI, digest: DIGEST_2, type: 'Model', name: 'model', size: 2048, createdAt: T1 } }],
    });
    expect(stable(calls)).toMatchSnapshot();
    expect(new Set(calls.map((c) => c.mode))).toEqual(new Set(['WRITE']));
    const upsert = calls.find((c) => c.statement === 'upsert-artifacts')!;
    // New bytes at a known URI link to the newest artifact already there.
    expect((upsert.params['artifacts'] as { previousVersionId: unknown }[]).map((a) => a.previousVersionId)).toEqual([
      null,
      'ar_previous_model',
    ]);
    expect(step).toMatchObject({
      id: STEP_ID,
      status: 'Succeeded',
      endedAt: T1,
      cacheKey: 'k1',
      properties: { accuracy: 0.97 },
      revision: 3,
    });
  });

  it('recordStepResult: the same result again returns the step and writes nothing; a different one is CONFLICT', async () => {
    const { store, calls } = await storeWith({
      'get-step-executions': [{ id: STEP_ID, step: stepMap('Succeeded', 3) }],
      'list-step-artifacts': [
        {
          stepExecutionId: STEP_ID,
          direction: 'output',
          name: 'model',
          artifact: artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model'),
        },
      ],
    });
    const model = { uri: MODEL_URI, digest: DIGEST_2, type: 'Model' as const, name: 'model', size: 1024 };
    const step = await store.recordStepResult({
      stepExecutionId: STEP_ID,
      from: 'Executing',
      status: 'Succeeded',
      inputs: [],
      outputs: [{ name: 'model', artifact: model }],
    });
    expect(step).toMatchObject({ id: STEP_ID, status: 'Succeeded', revision: 3 });
    expect(calls.map((c) => c.statement)).toEqual(['get-step-executions', 'list-step-artifacts']);
    const other = { ...model, digest: DIGEST_1 };
    await expect(
      store.recordStepResult({
        stepExecutionId: STEP_ID,
        from: 'Executing',
        status: 'Succeeded',
        inputs: [],
        outputs: [{ name: 'model', artifact: other }],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(calls.map((c) => c.statement)).not.toContain('update-step-execution');
  });

  it('findCacheHit: one read returning the step and its outputs', async () => {
    const { store, calls } = await storeWith({
      'find-cache-hit': [
        {
          step: stepMap('Succeeded', 3, { cacheKey: 'k1', endedAt: driverDateTime(T1) }),
          outputs: [{ name: 'model', artifact: artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model') }],
        },
      ],
    });
    const hit = await store.findCacheHit({ cacheKey: 'k1', notBefore: T0, excludeExecutionId: 'ex_other' as ExecutionId });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => c.mode)).toEqual(['READ']);
    expect(hit?.stepExecution).toMatchObject({ id: STEP_ID, cacheKey: 'k1', endedAt: T1 });
    expect(hit?.outputs).toEqual([
      {
        name: 'model',
        artifact: {
          id: MODEL_ID,
          uri: MODEL_URI,
          digest: DIGEST_2,
          type: 'Model',
          name: 'model',
          size: 1024,
          properties: { rows: 150 },
          createdAt: T0,
          previousVersionId: null,
        },
      },
    ]);
  });

  it('traverse with 2 hops: one static hop statement per hop with the frontier, visited set and remaining budget, then the edges', async () => {
    const consumer = stepMap('Succeeded', 3);
    const { store, calls } = await storeWith({
      'get-lineage-nodes': [{ id: TRAIN_ID, node: artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train') }],
      'traverse-hop-downstream': (p) =>
        (p['frontier'] as string[]).includes(TRAIN_ID)
          ? [{ node: consumer }]
          : [{ node: artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model') }],
      'traverse-edges': [
        { from: TRAIN_ID, type: 'CONSUMED_BY', to: STEP_ID },
        { from: STEP_ID, type: 'PRODUCED', to: MODEL_ID },
      ],
    });
    const result = await store.traverse({ startIds: [TRAIN_ID], direction: 'DOWNSTREAM', maxDepth: 2, nodeLimit: 100 });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => [c.mode, c.statement])).toEqual([
      ['READ', 'get-lineage-nodes'],
      ['READ', 'traverse-hop-downstream'],
      ['READ', 'traverse-hop-downstream'],
      ['READ', 'traverse-edges'],
    ]);
    expect(calls[2]!.params).toMatchObject({ frontier: [STEP_ID], visited: [TRAIN_ID, STEP_ID], remaining: int(98) });
    expect(result).toEqual({
      nodes: [
        {
          id: TRAIN_ID,
          type: 'Artifact',
          depth: 0,
          label: 'train',
          artifactType: 'DataSet',
          uri: TRAIN_URI,
          digest: DIGEST_1,
          createdAt: T0,
        },
        { id: STEP_ID, type: 'StepExecution', depth: 1, label: 'train', stepType: 'training', status: 'Succeeded', createdAt: T0 },
        {
          id: MODEL_ID,
          type: 'Artifact',
          depth: 2,
          label: 'model',
          artifactType: 'Model',
          uri: MODEL_URI,
          digest: DIGEST_2,
          createdAt: T0,
        },
      ],
      edges: [
        { from: TRAIN_ID, type: 'CONSUMED_BY', to: STEP_ID },
        { from: STEP_ID, type: 'PRODUCED', to: MODEL_ID },
      ],
      truncated: false,
    });
  });

  it('traverse: truncated when a hop returns more than the remaining budget (the LIMIT $remaining + 1 probe)', async () => {
    const { store, calls } = await storeWith({
      'get-lineage-nodes': [{ id: TRAIN_ID, node: artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train') }],
      'traverse-hop-downstream': [{ node: stepMap('Succeeded', 1) }, { node: { ...stepMap('Succeeded', 1), id: 'se_other' } }],
      'traverse-edges': [{ from: TRAIN_ID, type: 'CONSUMED_BY', to: STEP_ID }],
    });
    const result = await store.traverse({ startIds: [TRAIN_ID], direction: 'DOWNSTREAM', maxDepth: 5, nodeLimit: 2 });
    expect(result.truncated).toBe(true);
    expect(result.nodes.map((n) => n.id)).toEqual([TRAIN_ID, STEP_ID]);
    expect(calls.filter((c) => c.statement === 'traverse-hop-downstream')).toHaveLength(1);
  });

  it('traverse: NOT_FOUND naming unknown start ids, before any hop', async () => {
    const { store, calls } = await storeWith({ 'get-lineage-nodes': [{ id: 'ar_missing', node: null }] });
    await expect(store.traverse({ startIds: ['ar_missing'], direction: 'UPSTREAM' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      ids: ['ar_missing'],
    });
    expect(calls.map((c) => c.statement)).toEqual(['get-lineage-nodes']);
  });

  it('registerModelPackage: locks the group, then creates the next version with its first approval', async () => {
    const { store, calls } = await storeWith({
      'lock-model-package-group': [{ latestVersion: int(2), artifactExists: true, existing: null }],
      'create-model-package': (p) => [
        {
          modelPackage: {
            id: p['id'],
            nodeType: 'ModelPackage',
            group: 'iris-models',
            version: int(3),
            approvalStatus: 'PendingManualApproval',
            modelArtifactId: MODEL_ID,
            metrics: '{"accuracy":0.97}',
            createdAt: driverDateTime(T1),
            approvals: [p['approval']],
          },
        },
      ],
    });
    const result = await store.registerModelPackage({
      group: 'iris-models',
      modelArtifactId: MODEL_ID,
      approvalStatus: 'PendingManualApproval',
      metrics: { accuracy: 0.97 },
      by: `pipeline:${EXECUTION_ID}`,
      at: T1,
    });
    expect(stable(calls)).toMatchSnapshot();
    expect(result.created).toBe(true);
    expect(result.modelPackage).toMatchObject({
      group: 'iris-models',
      version: 3,
      stepExecutionId: null,
      description: null,
      metrics: { accuracy: 0.97 },
      createdAt: T1,
      approvals: [{ status: 'PendingManualApproval', by: `pipeline:${EXECUTION_ID}`, at: T1, comment: null }],
    });
  });

  it('registerModelPackage: NOT_FOUND for an unknown model artifact', async () => {
    const { store } = await storeWith({ 'lock-model-package-group': [{ latestVersion: int(0), artifactExists: false, existing: null }] });
    await expect(
      store.registerModelPackage({ group: 'g', modelArtifactId: 'ar_missing' as ArtifactId, approvalStatus: 'Approved', by: 'ada' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', ids: ['ar_missing'] });
  });

  it('invalidateCache by artifact: walks downstream hop by hop, then marks the step executions found', async () => {
    const { store, calls } = await storeWith({
      'get-artifacts': [{ id: TRAIN_ID, artifact: artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train') }],
      'traverse-hop-downstream': (p) =>
        (p['frontier'] as string[]).includes(TRAIN_ID)
          ? [{ node: stepMap('Succeeded', 3) }]
          : (p['frontier'] as string[]).includes(STEP_ID)
            ? [{ node: artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model') }]
            : [],
      'invalidate-cache': [{ id: STEP_ID }],
    });
    const result = await store.invalidateCache({ artifactId: TRAIN_ID });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => c.statement)).toEqual([
      'get-artifacts',
      'traverse-hop-downstream',
      'traverse-hop-downstream',
      'traverse-hop-downstream',
      'invalidate-cache',
    ]);
    expect(result).toEqual({ invalidatedStepExecutionIds: [STEP_ID] });
  });

  it("pagination: asks for one row more than the page, and turns the last row into the next call's cursor parameters", async () => {
    const older = { ...artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train'), createdAt: driverDateTime(T0) };
    const newer = { ...artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model'), createdAt: driverDateTime(T1) };
    const { store, calls } = await storeWith({
      'list-artifacts': (p) => (p['afterId'] === null ? [{ artifact: newer }, { artifact: older }] : [{ artifact: older }]),
    });
    const first = await store.listArtifacts({ first: 1, uriPrefix: 'file:///' });
    expect(first.items.map((a) => a.id)).toEqual([MODEL_ID]);
    expect(first.hasNextPage).toBe(true);
    const second = await store.listArtifacts({ first: 1, uriPrefix: 'file:///', after: first.endCursor });
    expect(second).toMatchObject({ hasNextPage: false, items: [{ id: TRAIN_ID }] });
    expect((stable(calls) as { params: unknown }[]).map((c) => c.params)).toEqual([
      {
        types: null,
        name: null,
        uriPrefix: 'file:///',
        createdAfter: null,
        createdBefore: null,
        afterCreatedAt: null,
        afterId: null,
        limit: 'Integer(2)',
      },
      {
        types: null,
        name: null,
        uriPrefix: 'file:///',
        createdAfter: null,
        createdBefore: null,
        afterCreatedAt: T1,
        afterId: MODEL_ID,
        limit: 'Integer(2)',
      },
    ]);
  });

  it('transitionStep: opens the next attempt from the state it read, written under the revision check', async () => {
    const failed = stepMap('Failed', 4, {
      endedAt: driverDateTime(T1),
      failureReason: 'exit 1',
      attempts: JSON.stringify([
        { attempt: 1, status: 'Failed', startedAt: T0, endedAt: T1, failureReason: 'exit 1', failureKind: 'exit-code', exitCode: 1 },
      ]),
    });
    const { store, calls } = await storeWith({
      'get-step-executions': [{ id: STEP_ID, step: failed }],
      'update-step-execution': (p) => [
        {
          step: { ...failed, status: p['status'], attempt: p['attempt'], attempts: p['attempts'], revision: int(5), endedAt: undefined },
          applied: true,
        },
      ],
    });
    const step = await store.transitionStep({ id: STEP_ID, from: 'Failed', to: 'Starting', at: T1 });
    expect(stable(calls)).toMatchSnapshot();
    expect(step).toMatchObject({ status: 'Starting', attempt: 2, endedAt: null, revision: 5 });
    expect(step.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'Failed'],
      [2, 'Starting'],
    ]);
  });

  it('recordEdges: checks endpoints in the same transaction, then one batched statement per edge type', async () => {
    const { store, calls } = await storeWith({
      'get-lineage-nodes': [
        { id: TRAIN_ID, node: artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train') },
        { id: MODEL_ID, node: artifactMap(MODEL_ID, MODEL_URI, DIGEST_2, 'Model', 'model') },
      ],
      'record-derived-from-edges': [{ recorded: int(1) }],
    });
    await store.recordEdges([{ from: TRAIN_ID, to: MODEL_ID, type: 'DERIVED_FROM', name: 'column lineage' }]);
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => [c.mode, c.statement])).toEqual([
      ['WRITE', 'get-lineage-nodes'],
      ['WRITE', 'record-derived-from-edges'],
    ]);
    await expect(store.recordEdges([{ from: MODEL_ID, to: TRAIN_ID, type: 'ASSOCIATED_WITH' }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'edges[0].to' }],
    });
  });

  it('reads run in read transactions', async () => {
    const { store, calls } = await storeWith({});
    await store.findPipeline('iris');
    await store.listArtifacts({ types: ['Model'], first: 10 });
    await store.getArtifacts([TRAIN_ID]);
    await store.searchArtifacts({ text: 'iris train' });
    expect(calls.map((c) => c.mode)).toEqual(['READ', 'READ', 'READ', 'READ']);
    expect(calls[3]!.params).toMatchObject({ query: '+iris* +train*' });
  });
});

describe('close', () => {
  it('a closed store refuses calls with STORE_UNAVAILABLE before opening a session (the driver would report its closed pool as a generic error)', async () => {
    const { store, calls } = await storeWith({ 'create-openlineage-event': [{ created: true }] });
    await store.close();
    const record = openLineageRecord({
      eventTime: at(1),
      job: { namespace: 'ns', name: 'j' },
      runId: '3f0c7a52-2d7e-4c59-9d0a-6f2f3e4b5a61',
    });
    await expect(store.recordOpenLineageEvent(record)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.getArtifacts([TRAIN_ID])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(calls).toEqual([]);
    expect(await store.health()).toMatchObject({ ok: false });
  });
});

describe('start-up', () => {
  it('tolerates losing a schema-creation race to another process, and fails on any other schema error', async () => {
    const raceLost = Object.assign(new Error('An equivalent constraint already exists'), {
      code: 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
    });
    const respond =
      (failWith: Error): Responder =>
      (statement) => {
        if (statement === 'schema-artifact-id') throw failWith;
        return statement === 'schema-record-version' ? [{ version: int(1) }] : undefined;
      };
    const ok = createRecordingDriver(respond(raceLost));
    await expect(
      createNeo4jGraphStore({ uri: 'bolt://recording', username: 'neo4j', password: 'unused', driver: ok }),
    ).resolves.toBeDefined();
    expect(ok.calls.map((c) => c.statement)).toContain('schema-record-version');

    const broken = Object.assign(new Error('Invalid input'), { code: 'Neo.ClientError.Statement.SyntaxError' });
    const bad = createRecordingDriver(respond(broken));
    await expect(
      createNeo4jGraphStore({ uri: 'bolt://recording', username: 'neo4j', password: 'unused', driver: bad }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      context: { statement: 'schema-artifact-id' },
    });
  });
});

describe('health', () => {
  it('is ok when the recorded schema version is the current one, and says which version it found otherwise', async () => {
    const { store } = await storeWith({ 'health-check': [{ version: int(1) }] });
    expect(await store.health()).toEqual({ ok: true, adapter: 'neo4j', schemaVersion: 1, message: 'Neo4j reachable, schema up to date' });
    const { store: old } = await storeWith({ 'health-check': [{ version: null }] });
    expect(await old.health()).toMatchObject({ ok: false, schemaVersion: null });
  });

  it('never throws: an unreachable server is ok = false with the reason', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: neo4j.error.SERVICE_UNAVAILABLE });
    const { store } = await storeWith({
      'health-check': () => {
        throw down;
      },
    });
    expect(await store.health()).toMatchObject({
      ok: false,
      adapter: 'neo4j',
      schemaVersion: null,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('OpenLineage statements sent per port call', () => {
  const NS = 'warehouse';
  const RUN = '3f0c7a52-2d7e-4c59-9d0a-6f2f3e4b5a61';
  const PARENT = '9b1e0c2d-8a7f-4e6d-b5c4-a3b2c1d0e9f8';
  const RUN_NODE = `olr_${RUN}`;
  const job = { namespace: NS, name: 'etl.orders' };
  const olVersion = (name: string, v: string | null) =>
    artifactIdFor(openLineageDatasetUri(NS, name), openLineageDatasetDigest(NS, name, v));
  const created = (value: boolean): CannedRows => [{ created: value }];
  /** As upsert-openlineage-dataset-versions answers: `changed` for the versions of the URIs named new here. */
  const versionsChanged =
    (...newUris: string[]) =>
    (params: Readonly<Record<string, unknown>>): CannedRows =>
      (params['versions'] as { uri: string }[]).map((v) => ({ uri: v.uri, changed: newUris.includes(v.uri) }));
  const start = openLineageRecord({
    eventType: 'START',
    eventTime: at(1),
    job: { ...job, facets: { sql: { query: 'select * from raw.orders' } } },
    runId: RUN,
    runFacets: { nominalTime: { nominalStartTime: at(0) } },
    inputs: [{ namespace: NS, name: 'raw.orders', version: 'v1', facets: { schema: { fields: [{ name: 'amount' }] } } }],
  });
  const complete = openLineageRecord({
    eventType: 'COMPLETE',
    eventTime: at(5),
    job,
    runId: RUN,
    parent: { runId: PARENT, job: { namespace: NS, name: 'dag.nightly' } },
    inputs: [{ namespace: NS, name: 'raw.orders', version: 'v1' }],
    outputs: [{ namespace: NS, name: 'clean.orders', version: 'v3', ioFacets: { outputStatistics: { rowCount: 2 } } }],
    columnLineage: [
      {
        from: { namespace: NS, name: 'raw.orders', field: 'amount' },
        to: { namespace: NS, name: 'clean.orders', field: 'total' },
        transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
      },
    ],
  });
  const runRow = (extra: Record<string, unknown> = {}) => ({
    run: {
      id: RUN_NODE,
      nodeType: 'OpenLineageRun',
      runId: RUN,
      jobNamespace: NS,
      jobName: 'etl.orders',
      jobRank: `1|${at(5)}|${complete.eventDigest}`,
      state: 'COMPLETE',
      stateRank: `1|${at(5)}|${complete.eventDigest}`,
      startedAt: driverDateTime(at(1)),
      endedAt: driverDateTime(at(5)),
      parentRunId: PARENT,
      parentRank: `${at(5)}|${complete.eventDigest}`,
      eventCount: int(2),
      producers: [start.producer],
      ...extra,
    },
    facets: [
      {
        name: 'nominalTime',
        value: JSON.stringify({ nominalStartTime: at(0) }),
        eventTime: driverDateTime(at(1)),
        eventDigest: start.eventDigest,
      },
    ],
    // Two events set the job's sql facet: the later one (by eventTime) is the job's.
    jobFacets: [
      { name: 'sql', value: JSON.stringify({ query: 'SELECT 2' }), eventTime: driverDateTime(at(5)), eventDigest: complete.eventDigest },
      { name: 'sql', value: JSON.stringify({ query: 'SELECT 1' }), eventTime: driverDateTime(at(1)), eventDigest: start.eventDigest },
    ],
    datasetFacets: [
      {
        ownerId: `${RUN_NODE}|output|${olVersion('clean.orders', 'v3')}`,
        name: 'outputStatistics',
        value: JSON.stringify({ rowCount: 2 }),
        eventTime: driverDateTime(at(5)),
        eventDigest: complete.eventDigest,
      },
    ],
  });

  it('recordOpenLineageEvent (START): the event log first, then job, run, dataset versions, edges and facets, all in one write', async () => {
    const { store, calls } = await storeWith({
      'create-openlineage-event': created(true),
      'upsert-openlineage-dataset-versions': versionsChanged(openLineageDatasetUri(NS, 'raw.orders')),
    });
    const result = await store.recordOpenLineageEvent(start);
    expect(result).toEqual({ applied: true, runNodeId: RUN_NODE, datasetArtifactIds: [olVersion('raw.orders', 'v1')] });
    expect(calls.map((c) => [c.mode, c.statement])).toEqual([
      ['WRITE', 'create-openlineage-event'],
      ['WRITE', 'upsert-openlineage-jobs'],
      ['WRITE', 'merge-openlineage-run'],
      ['WRITE', 'apply-openlineage-run-event'],
      ['WRITE', 'lock-openlineage-datasets'],
      ['WRITE', 'upsert-openlineage-dataset-versions'],
      ['WRITE', 'relink-openlineage-dataset-versions'],
      ['WRITE', 'record-openlineage-run-inputs'],
      ['WRITE', 'record-openlineage-facets'],
    ]);
    expect(calls[3]!.params).toMatchObject({ state: 'START', stateRank: `0|${at(1)}|${start.eventDigest}`, endedAt: null, parentId: null });
    expect(stable(calls)).toMatchSnapshot();
  });

  it('recordOpenLineageEvent (COMPLETE with a parent and column lineage): parent placeholder, PRODUCED, DERIVED_FROM, field edges', async () => {
    // raw.orders v1 was known already (START); clean.orders v3 is new, so only its chain is relinked.
    const { store, calls } = await storeWith({
      'create-openlineage-event': created(true),
      'upsert-openlineage-dataset-versions': versionsChanged(openLineageDatasetUri(NS, 'clean.orders')),
    });
    const result = await store.recordOpenLineageEvent(complete);
    expect(result.datasetArtifactIds).toEqual([olVersion('raw.orders', 'v1'), olVersion('clean.orders', 'v3')]);
    expect(calls.map((c) => c.statement)).toEqual([
      'create-openlineage-event',
      'upsert-openlineage-jobs',
      'merge-openlineage-run',
      'merge-openlineage-run',
      'apply-openlineage-run-event',
      'lock-openlineage-datasets',
      'upsert-openlineage-dataset-versions',
      'relink-openlineage-dataset-versions',
      'record-openlineage-run-inputs',
      'record-openlineage-run-outputs',
      'record-derived-from-edges',
      'record-openlineage-facets',
      'record-column-lineage',
    ]);
    // The run at job priority 1, then its parent as a placeholder at priority 0.
    expect(calls.filter((c) => c.statement === 'merge-openlineage-run').map((c) => [c.params['id'], c.params['jobName']])).toEqual([
      [RUN_NODE, 'etl.orders'],
      [`olr_${PARENT}`, 'dag.nightly'],
    ]);
    expect(calls.find((c) => c.statement === 'apply-openlineage-run-event')!.params).toMatchObject({
      state: 'COMPLETE',
      endedAt: at(5),
      parentId: `olr_${PARENT}`,
    });
    expect(calls.find((c) => c.statement === 'relink-openlineage-dataset-versions')!.params).toEqual({
      uris: [openLineageDatasetUri(NS, 'clean.orders')],
    });
    expect(calls.find((c) => c.statement === 'record-derived-from-edges')!.params).toEqual({
      edges: [{ from: olVersion('raw.orders', 'v1'), to: olVersion('clean.orders', 'v3'), name: null }],
    });
    expect(new Set(calls.map((c) => c.mode))).toEqual(new Set(['WRITE']));
    expect(stable(calls)).toMatchSnapshot();
  });

  it('recordOpenLineageEvent (DatasetEvent): the dataset version and its facets, no job, run or edges', async () => {
    const { store, calls } = await storeWith({
      'create-openlineage-event': created(true),
      'upsert-openlineage-dataset-versions': versionsChanged(openLineageDatasetUri(NS, 'lake.users')),
    });
    const event = openLineageRecord({
      kind: 'DatasetEvent',
      eventTime: at(2),
      outputs: [{ namespace: NS, name: 'lake.users', facets: { documentation: { description: 'users' } } }],
    });
    expect(await store.recordOpenLineageEvent(event)).toEqual({
      applied: true,
      runNodeId: null,
      datasetArtifactIds: [olVersion('lake.users', null)],
    });
    expect(calls.map((c) => c.statement)).toEqual([
      'create-openlineage-event',
      'lock-openlineage-datasets',
      'upsert-openlineage-dataset-versions',
      'relink-openlineage-dataset-versions',
      'record-openlineage-facets',
    ]);
    expect(calls[0]!.params).toMatchObject({ kind: 'DatasetEvent', eventType: null, runId: null });
    expect(stable(calls)).toMatchSnapshot();
  });

  it('recordOpenLineageEvent: versions named again at a later time change no chain, so nothing is relinked', async () => {
    const { store, calls } = await storeWith({
      'create-openlineage-event': created(true),
      'upsert-openlineage-dataset-versions': versionsChanged(),
    });
    await store.recordOpenLineageEvent(complete);
    expect(calls.map((c) => c.statement)).toContain('upsert-openlineage-dataset-versions');
    expect(calls.map((c) => c.statement)).not.toContain('relink-openlineage-dataset-versions');
  });

  it('recordOpenLineageEvent: an event already stored (created = false) writes nothing else and reports applied = false', async () => {
    const { store, calls } = await storeWith({ 'create-openlineage-event': created(false) });
    expect(await store.recordOpenLineageEvent(complete)).toEqual({
      applied: false,
      runNodeId: RUN_NODE,
      datasetArtifactIds: [olVersion('raw.orders', 'v1'), olVersion('clean.orders', 'v3')],
    });
    expect(calls.map((c) => c.statement)).toEqual(['create-openlineage-event']);
  });

  it('recordOpenLineageEvent: a malformed record is VALIDATION_FAILED naming the field, before any statement', async () => {
    const { store, calls } = await storeWith({});
    await expect(store.recordOpenLineageEvent({ ...start, run: { runId: '', facets: {} } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'run.runId' }],
    });
    expect(calls).toEqual([]);
  });

  it('getOpenLineageRun / findOpenLineageRun: one read by the lower-cased run node id; NOT_FOUND naming the runId', async () => {
    const { store, calls } = await storeWith({
      'get-openlineage-runs': (p) => ((p['ids'] as string[])[0] === RUN_NODE ? [runRow()] : []),
    });
    const run = await store.getOpenLineageRun(RUN.toUpperCase());
    expect(run).toEqual({
      id: RUN_NODE,
      runId: RUN,
      job,
      state: 'COMPLETE',
      startedAt: at(1),
      endedAt: at(5),
      parentRunId: PARENT,
      facets: { nominalTime: { nominalStartTime: at(0) } },
      jobFacets: { sql: { query: 'SELECT 2' } },
      datasetFacets: [{ direction: 'OUTPUT', artifactId: olVersion('clean.orders', 'v3'), facets: { outputStatistics: { rowCount: 2 } } }],
      producers: [start.producer],
      eventCount: 2,
    });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => c.mode)).toEqual(['READ']);
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(await store.findOpenLineageRun(ghost)).toBeNull();
    await expect(store.getOpenLineageRun(ghost)).rejects.toMatchObject({ code: 'NOT_FOUND', ids: [ghost] });
  });

  it('listOpenLineageRuns: filters and cursor as parameters; a never-started run’s cursor continues among the never-started', async () => {
    const placeholder = {
      run: { id: `olr_${PARENT}`, nodeType: 'OpenLineageRun', runId: PARENT },
      facets: [],
      jobFacets: [],
      datasetFacets: [],
    };
    const { store, calls } = await storeWith({
      'list-openlineage-runs': (p) => (p['afterRunId'] === null ? [runRow(), placeholder] : p['afterRunId'] === RUN ? [placeholder] : []),
    });
    const first = await store.listOpenLineageRuns({ first: 1, jobNamespace: NS, parentRunId: PARENT.toUpperCase() });
    expect(first).toMatchObject({ hasNextPage: true, items: [{ runId: RUN }] });
    const second = await store.listOpenLineageRuns({ first: 1, jobNamespace: NS, parentRunId: PARENT, after: first.endCursor });
    expect(second).toMatchObject({ hasNextPage: false, items: [{ runId: PARENT, state: null, startedAt: null }] });
    const third = await store.listOpenLineageRuns({ first: 1, jobNamespace: NS, parentRunId: PARENT, after: second.endCursor });
    expect(third.items).toEqual([]);
    expect((stable(calls) as { params: unknown }[]).map((c) => c.params)).toEqual([
      { jobNamespace: NS, jobName: null, parentRunId: PARENT, afterStartedAt: null, afterRunId: null, limit: 'Integer(2)' },
      { jobNamespace: NS, jobName: null, parentRunId: PARENT, afterStartedAt: at(1), afterRunId: RUN, limit: 'Integer(2)' },
      // The last page ended on a run never started: no start time in the cursor.
      { jobNamespace: NS, jobName: null, parentRunId: PARENT, afterStartedAt: null, afterRunId: PARENT, limit: 'Integer(2)' },
    ]);
    expect(calls.every((c) => c.mode === 'READ' && c.statement === 'list-openlineage-runs')).toBe(true);
  });

  it('listOpenLineageEvents: checks the run exists, then one page in (eventTime, eventDigest) order, in one read', async () => {
    const eventMap = (record: typeof start) => ({
      event: {
        eventDigest: record.eventDigest,
        kind: 'RunEvent',
        eventType: record.eventType,
        eventTime: driverDateTime(record.eventTime),
        producer: record.producer,
        runId: RUN,
        receivedAt: driverDateTime(record.receivedAt),
        event: JSON.stringify(record.event),
      },
    });
    const { store, calls } = await storeWith({
      'get-lineage-nodes': (p) =>
        (p['ids'] as string[])[0] === RUN_NODE ? [{ id: RUN_NODE, node: runRow().run }] : [{ id: (p['ids'] as string[])[0], node: null }],
      'list-openlineage-events': [eventMap(start), eventMap(complete)],
    });
    const page = await store.listOpenLineageEvents({ runId: RUN, first: 1 });
    expect(page.items).toEqual([
      {
        eventDigest: start.eventDigest,
        kind: 'RunEvent',
        eventType: 'START',
        eventTime: at(1),
        producer: start.producer,
        runId: RUN,
        receivedAt: start.receivedAt,
        event: start.event,
      },
    ]);
    expect(page.hasNextPage).toBe(true);
    await store.listOpenLineageEvents({ runId: RUN, first: 1, after: page.endCursor });
    expect(stable(calls)).toMatchSnapshot();
    expect(calls.map((c) => [c.mode, c.statement])).toEqual([
      ['READ', 'get-lineage-nodes'],
      ['READ', 'list-openlineage-events'],
      ['READ', 'get-lineage-nodes'],
      ['READ', 'list-openlineage-events'],
    ]);
    expect(calls[3]!.params).toMatchObject({ afterEventTime: at(1), afterEventDigest: start.eventDigest });
    const ghost = '00000000-0000-4000-8000-000000000000';
    await expect(store.listOpenLineageEvents({ runId: ghost })).rejects.toMatchObject({ code: 'NOT_FOUND', ids: [ghost] });
    expect(calls.at(-1)!.statement).toBe('get-lineage-nodes');
  });

  it('findOpenLineageDataset: one read by URI, facets merged over versions; null without versions', async () => {
    const uri = openLineageDatasetUri(NS, 'clean.orders');
    const { store, calls } = await storeWith({
      'find-openlineage-dataset': (p) =>
        p['uri'] === uri
          ? [
              {
                versionIds: [olVersion('clean.orders', 'v3'), olVersion('clean.orders', 'v2')],
                facets: [
                  { name: 'schema', value: '{"fields":["a"]}', eventTime: driverDateTime(at(2)), eventDigest: start.eventDigest },
                  { name: 'schema', value: '{"fields":["a","b"]}', eventTime: driverDateTime(at(5)), eventDigest: complete.eventDigest },
                ],
              },
            ]
          : [],
    });
    expect(await store.findOpenLineageDataset(NS, 'clean.orders')).toEqual({
      namespace: NS,
      name: 'clean.orders',
      uri,
      versionArtifactIds: [olVersion('clean.orders', 'v3'), olVersion('clean.orders', 'v2')],
      facets: { schema: { fields: ['a', 'b'] } },
    });
    expect(await store.findOpenLineageDataset(NS, 'nowhere')).toBeNull();
    expect(stable(calls)).toMatchSnapshot();
  });

  it('listColumnLineage: the direction as two switches, edges sorted by (from, to)', async () => {
    const row = (from: [string, string], to: [string, string]) => ({
      from: { namespace: NS, name: from[0], field: from[1] },
      to: { namespace: NS, name: to[0], field: to[1] },
      transformations: '[]',
    });
    const { store, calls } = await storeWith({
      'list-column-lineage': [row(['summary', 'total'], ['report', 'revenue']), row(['orders', 'amount'], ['summary', 'total'])],
    });
    const edges = await store.listColumnLineage({ namespace: NS, name: 'summary', field: 'total' });
    expect(edges.map((e) => `${e.from.name}.${e.from.field}>${e.to.name}.${e.to.field}`)).toEqual([
      'orders.amount>summary.total',
      'summary.total>report.revenue',
    ]);
    await store.listColumnLineage({ namespace: NS, name: 'summary', direction: 'UPSTREAM' });
    await store.listColumnLineage({ namespace: NS, name: 'summary', direction: 'DOWNSTREAM' });
    expect(calls.map((c) => [c.params['field'], c.params['upstream'], c.params['downstream']])).toEqual([
      ['total', true, true],
      [null, true, false],
      [null, false, true],
    ]);
    expect(stable(calls.slice(0, 1))).toMatchSnapshot();
    await expect(store.listColumnLineage({ namespace: NS, name: 'summary', direction: 'SIDEWAYS' as 'BOTH' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(calls).toHaveLength(3);
  });

  it('getLineageNodes and traverse describe OpenLineage runs like any other node', async () => {
    const { store } = await storeWith({
      'get-lineage-nodes': [{ id: RUN_NODE, node: runRow().run }],
      'traverse-hop-upstream': (p) =>
        (p['frontier'] as string[]).includes(RUN_NODE) ? [{ node: artifactMap(TRAIN_ID, TRAIN_URI, DIGEST_1, 'DataSet', 'train') }] : [],
      'traverse-edges': [{ from: TRAIN_ID, type: 'CONSUMED_BY', to: RUN_NODE }],
    });
    const expected = { id: RUN_NODE, type: 'OpenLineageRun', label: 'etl.orders', depth: 0, status: 'Succeeded', createdAt: at(1) };
    expect(await store.getLineageNodes([RUN_NODE])).toEqual([expected]);
    const up = await store.traverse({ startIds: [RUN_NODE], direction: 'UPSTREAM', maxDepth: 1 });
    expect(up.nodes.map((n) => [n.type, n.depth])).toEqual([
      ['OpenLineageRun', 0],
      ['Artifact', 1],
    ]);
    expect(up.nodes[0]).toEqual(expected);
  });
});
