import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalDigest, type JsonObject } from '@pedigree/domain';
import type { RunMarker } from './execution-run.ts';
import { createTestExecutor, testPipeline, type TestExecutor } from './testing/index.ts';

let t: TestExecutor | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

const lit = (value: string | number) => ({ kind: 'literal' as const, value });
const nodeStep = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'processing',
  run: { kind: 'command', argv: [lit('node'), lit('-e'), lit('')] },
  ...extra,
});

/** Writes what a process killed in the middle of a run leaves behind, through the store port alone. */
async function leftBehind(
  tx: TestExecutor,
  doc: Record<string, unknown>,
  inFlight: { step: string; status: 'Starting' | 'Executing' }[],
  executionStatus: 'Executing' | 'Stopping' = 'Executing',
) {
  const def = testPipeline(doc);
  const { version } = await tx.store.upsertPipelineVersion({
    pipelineName: def.name,
    definition: def as unknown as JsonObject,
    definitionHash: canonicalDigest(def),
  });
  let execution = await tx.store.createExecution({ pipelineVersionId: version.id, parameters: {} });
  for (const { step, status } of inFlight) {
    const stepType = def.steps.find((s) => s.name === step)!.type;
    const created = await tx.store.createStepExecution({ executionId: execution.id, stepName: step, stepType, status: 'Starting' });
    if (status === 'Executing') await tx.store.transitionStep({ id: created.id, from: 'Starting', to: 'Executing' });
  }
  if (executionStatus === 'Stopping')
    execution = await tx.store.transitionExecution({ id: execution.id, from: 'Executing', to: 'Stopping' });
  return execution.id;
}

describe('resume', () => {
  it('fails an execution whose stored definition no longer parses and still resumes the others', async () => {
    t = await createTestExecutor();
    const good = await leftBehind(t, { name: 'resumes-fine', steps: [nodeStep('a')] }, []);
    // A version written by something other than the SDK (an older release, a hand edit): not a valid definition.
    const broken = { schemaVersion: '1', name: 'broken', steps: 'not a list' } as unknown as JsonObject;
    const { version } = await t.store.upsertPipelineVersion({
      pipelineName: 'broken',
      definition: broken,
      definitionHash: canonicalDigest(broken),
    });
    const bad = (await t.store.createExecution({ pipelineVersionId: version.id, parameters: {} })).id;

    expect(await t.executor.resume()).toEqual([good]);
    expect((await t.executor.wait(good)).status).toBe('Succeeded');
    const failed = await t.store.getExecution(bad);
    expect(failed.status).toBe('Failed');
    expect(failed.failureReason).toMatch(/^cannot resume: the stored pipeline definition is invalid: .*steps/);
    expect(await t.executor.resume()).toEqual([]);
  });

  it('marks in-flight attempts interrupted and retries them under their retry policy', async () => {
    t = await createTestExecutor();
    const retry = {
      maxAttempts: 2,
      initialIntervalSeconds: 0,
      backoffRate: 1,
      maxIntervalSeconds: 0,
      retryOn: ['interrupted'],
      exitCodes: null,
    };
    const id = await leftBehind(t, { name: 'resumable', steps: [nodeStep('a', { retry }), nodeStep('b', { dependsOn: ['a'] })] }, [
      { step: 'a', status: 'Executing' },
    ]);
    expect(await t.executor.resume()).toEqual([id]);
    const ended = await t.executor.wait(id);
    expect(ended.status).toBe('Succeeded');
    const { steps } = await t.outcome(id);
    expect(steps['a']!.attempts.map((a) => [a.status, a.failureKind, a.failureReason])).toEqual([
      ['Failed', 'interrupted', 'interrupted'],
      ['Succeeded', null, null],
    ]);
    expect(steps['b']!.status).toBe('Succeeded');
    expect(await t.executor.resume()).toEqual([]);
  });

  it('fails the execution when the interrupted step has no retry policy for interruptions', async () => {
    t = await createTestExecutor();
    const id = await leftBehind(t, { name: 'no-policy', steps: [nodeStep('a'), nodeStep('b', { dependsOn: ['a'] })] }, [
      { step: 'a', status: 'Starting' },
    ]);
    await t.executor.resume();
    const ended = await t.executor.wait(id);
    expect(ended.status).toBe('Failed');
    expect(ended.failureReason).toBe('Step a failed: interrupted');
  });

  it('finishes an execution left Stopping as Stopped, and keeps a waiting callback waiting', async () => {
    t = await createTestExecutor();
    const stopping = await leftBehind(
      t,
      { name: 'was-stopping', steps: [nodeStep('a')] },
      [{ step: 'a', status: 'Executing' }],
      'Stopping',
    );
    const waiting = await leftBehind(
      t,
      { name: 'waiting', steps: [{ name: 'approve', type: 'callback' }, nodeStep('after', { dependsOn: ['approve'] })] },
      [{ step: 'approve', status: 'Executing' }],
    );
    expect(await t.executor.resume()).toEqual([waiting]);
    expect((await t.store.getExecution(stopping)).status).toBe('Stopped');
    expect((await t.outcome(stopping)).steps['a']!.status).toBe('Stopped');
    expect((await t.outcome(waiting)).steps['approve']!.status).toBe('Executing');
    await t.executor.signal(waiting, 'approve', 'Succeeded', {});
    expect((await t.executor.wait(waiting)).status).toBe('Succeeded');
  });

  it('finishes a selective execution interrupted while it linked the reused steps', async () => {
    t = await createTestExecutor();
    const doc = { name: 'selective-resume', steps: [nodeStep('prepare'), nodeStep('train', { dependsOn: ['prepare'] })] };
    const reference = await t.run(doc);
    expect(reference.execution.status).toBe('Succeeded');
    // What a process killed right after it created the reused step's record leaves behind.
    const execution = await t.store.createExecution({ pipelineVersionId: reference.execution.pipelineVersionId, parameters: {} });
    const marker: RunMarker = {
      runStartedAt: execution.startedAt,
      selection: { steps: ['train'], referenceExecutionId: reference.execution.id },
    };
    await mkdir(path.join(t.dataDir, 'executions'), { recursive: true });
    await writeFile(path.join(t.dataDir, 'executions', `${execution.id}.json`), JSON.stringify(marker));
    await t.store.createStepExecution({ executionId: execution.id, stepName: 'prepare', stepType: 'processing', status: 'Starting' });
    expect(await t.executor.resume()).toEqual([execution.id]);
    expect((await t.executor.wait(execution.id)).status).toBe('Succeeded');
    const { steps } = await t.outcome(execution.id);
    expect(steps['prepare']).toMatchObject({ status: 'Cached', reusedStepExecutionId: reference.steps['prepare']!.id });
    expect(steps['train']!.status).toBe('Succeeded');
  });

  it('retries a Failed execution whose step was left in flight: the step is marked interrupted and runs again', async () => {
    t = await createTestExecutor();
    const id = await leftBehind(t, { name: 'stuck', steps: [nodeStep('a')] }, [{ step: 'a', status: 'Executing' }]);
    await t.store.transitionExecution({ id, from: 'Executing', to: 'Failed', failureReason: 'crashed' });
    await t.executor.retry(id);
    expect((await t.executor.wait(id)).status).toBe('Succeeded');
    const { steps } = await t.outcome(id);
    expect(steps['a']!.attempts.map((a) => a.failureKind)).toEqual(['interrupted', null]);
  });

  it('leaves alone an execution that another live executor runs', async () => {
    t = await createTestExecutor();
    const other = await createTestExecutor({ store: t.store, dataDir: t.dataDir });
    try {
      const id = await t.executor.start(testPipeline({ name: 'owned', steps: [{ name: 'approve', type: 'callback' }] }));
      await new Promise((r) => setTimeout(r, 200));
      expect(await other.executor.resume()).toEqual([]);
      expect((await t.outcome(id)).steps['approve']!.attempts).toHaveLength(1);
      await t.executor.signal(id, 'approve', 'Succeeded', {});
      expect((await t.executor.wait(id)).status).toBe('Succeeded');
    } finally {
      await other.cleanup();
    }
  });
});
