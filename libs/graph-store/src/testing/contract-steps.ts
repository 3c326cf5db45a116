import { describe, expect, it } from 'vitest';
import {
  artifactIdFor,
  createExecutionId,
  createStepExecutionId,
  digestBytes,
  isPedigreeError,
  type CacheMissExplanation,
  type StepStatus,
} from '@pedigree/domain';
import type { ContractContext } from './contract-context.ts';
import {
  artifactInput,
  at,
  channel,
  expectCode,
  expectInvalidArgument,
  expectNotFound,
  expectValidation,
  runStep,
  seedExecution,
  unique,
} from './fixtures.ts';

export function stepsContract(ctx: ContractContext): void {
  describe('step executions', () => {
    it('creating a Starting step opens attempt 1; creating it again returns it unchanged', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const step = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'train',
        stepType: 'training',
        status: 'Starting',
        at: at(1),
      });
      expect(step).toMatchObject({
        executionId: execution.id,
        stepName: 'train',
        stepType: 'training',
        status: 'Starting',
        attempt: 1,
        cacheHit: false,
        startedAt: at(1),
      });
      expect(step.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'Starting', startedAt: at(1), endedAt: null })]);
      const again = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'train',
        stepType: 'training',
        status: 'Starting',
      });
      expect(again).toEqual(step);
      expect(await store.getStepExecution(step.id)).toEqual(step);
    });

    it('a Skipped step has no attempt', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const step = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'branch',
        stepType: 'condition',
        status: 'Skipped',
      });
      expect(step).toMatchObject({ status: 'Skipped', attempt: 0, attempts: [] });
      await expectCode(store.transitionStep({ id: step.id, from: 'Skipped', to: 'Starting' }), 'INVALID_STATUS_TRANSITION');
    });

    it('keeps attempt bookkeeping across a failure and a retry', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const s = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'flaky',
        stepType: 'processing',
        status: 'Starting',
        at: at(0),
      });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing', at: at(1) });
      const failed = await store.transitionStep({
        id: s.id,
        from: 'Executing',
        to: 'Failed',
        at: at(2),
        failureReason: 'exit 3',
        failureKind: 'exit-code',
        exitCode: 3,
      });
      expect(failed).toMatchObject({ status: 'Failed', attempt: 1, endedAt: at(2), failureReason: 'exit 3' });
      expect(failed.attempts[0]).toMatchObject({
        attempt: 1,
        status: 'Failed',
        endedAt: at(2),
        failureReason: 'exit 3',
        failureKind: 'exit-code',
        exitCode: 3,
      });
      const retry = await store.transitionStep({ id: s.id, from: 'Failed', to: 'Starting', at: at(3) });
      expect(retry).toMatchObject({ status: 'Starting', attempt: 2, endedAt: null });
      expect(retry.attempts).toHaveLength(2);
      expect(retry.attempts[1]).toMatchObject({ attempt: 2, status: 'Starting', startedAt: at(3), endedAt: null });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing', at: at(4) });
      // A runner crash can send an executing step straight to its next attempt.
      const third = await store.transitionStep({ id: s.id, from: 'Executing', to: 'Starting', at: at(5) });
      expect(third.attempt).toBe(3);
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing', at: at(6) });
      const done = await store.transitionStep({ id: s.id, from: 'Executing', to: 'Succeeded', at: at(7) });
      expect(done).toMatchObject({ status: 'Succeeded', attempt: 3, endedAt: at(7) });
      expect(done.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(done.attempts[0]!.status).toBe('Failed');
      expect(done.attempts[2]!.status).toBe('Succeeded');
      expect(done.attempts[1]!.endedAt).toBe(at(5));
      expect(done.revision).toBeGreaterThan(s.revision);
    });

    it('stores the cache key, resolved arguments and miss explanation given on a transition', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'p', stepType: 'processing', status: 'Starting' });
      const cacheMiss: CacheMissExplanation = {
        reason: 'key-changed',
        nearestStepExecutionId: null,
        nearestCacheKey: 'k0',
        differingFields: ['inputs.a.digest'],
        message: 'input changed',
      };
      const t = await store.transitionStep({
        id: s.id,
        from: 'Starting',
        to: 'Executing',
        cacheKey: 'key-1',
        resolvedArguments: { lr: 0.1, nested: { list: [1, 'two', null] } },
        cacheMiss,
      });
      expect(t).toMatchObject({ cacheKey: 'key-1', resolvedArguments: { lr: 0.1, nested: { list: [1, 'two', null] } }, cacheMiss });
    });

    it('a stale `from` is CONFLICT; a forbidden change is INVALID_STATUS_TRANSITION; unknown ids NOT_FOUND', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'x', stepType: 'processing', status: 'Starting' });
      await expectCode(store.transitionStep({ id: s.id, from: 'Executing', to: 'Succeeded' }), 'CONFLICT');
      await expectCode(store.transitionStep({ id: s.id, from: 'Succeeded', to: 'Executing' }), 'INVALID_STATUS_TRANSITION');
      await expectInvalidArgument(store.transitionStep({ id: s.id, from: 'Starting', to: 'Running' as StepStatus }), 'to');
      expect(await store.getStepExecution(s.id)).toEqual(s);
      const missing = createStepExecutionId();
      await expectNotFound(store.transitionStep({ id: missing, from: 'Starting', to: 'Executing' }), [missing]);
      await expectNotFound(store.getStepExecution(missing), [missing]);
      const noExec = createExecutionId();
      await expectNotFound(store.createStepExecution({ executionId: noExec, stepName: 'y', stepType: 'processing', status: 'Starting' }), [
        noExec,
      ]);
    });

    it('of many concurrent step transitions from the same status exactly one wins', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const s = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'race',
        stepType: 'processing',
        status: 'Starting',
      });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing' });
      const targets: StepStatus[] = ['Succeeded', 'Failed', 'Stopping', 'Stopped', 'Starting', 'Succeeded', 'Failed', 'Stopped'];
      const results = await Promise.allSettled(targets.map((to) => store.transitionStep({ id: s.id, from: 'Executing', to })));
      const winners = results.filter((r) => r.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(isPedigreeError(r.reason) && r.reason.code).toBe('CONFLICT');
    });

    it('lists steps of several executions at once, keyed by every id asked', async () => {
      const store = ctx.store();
      const a = await seedExecution(store);
      const b = await seedExecution(store);
      await runStep(store, a.execution.id, 's1', { startedAt: at(1) });
      await runStep(store, a.execution.id, 's2', { startedAt: at(2) });
      await runStep(store, b.execution.id, 's1');
      const unknown = createExecutionId();
      const map = await store.listStepExecutionsByExecution([b.execution.id, unknown, a.execution.id]);
      expect([...map.keys()].sort()).toEqual([a.execution.id, b.execution.id, unknown].sort());
      expect(map.get(a.execution.id)!.map((s) => s.stepName)).toEqual(['s1', 's2']);
      expect(map.get(b.execution.id)!).toHaveLength(1);
      expect(map.get(unknown)).toEqual([]);
    });
  });

  describe('recording step results', () => {
    it('records inputs, outputs, properties and lineage edges in one call', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const base = `mem://${unique('rec')}`;
      const data = artifactInput(`${base}/train.csv`);
      const code = artifactInput(`${base}/train.py`, { type: 'Code' });
      const model = artifactInput(`${base}/model.bin`, { type: 'Model' });
      const metrics = artifactInput(`${base}/metrics.json`, { type: 'Metrics' });
      const step = await runStep(store, execution.id, 'train', {
        inputs: [channel('train', data), channel('code', code)],
        outputs: [channel('model', model), channel('metrics', metrics)],
        properties: { accuracy: 0.93, tags: ['a', 'b'] },
        cacheKey: unique('key'),
        stepType: 'training',
      });
      expect(step).toMatchObject({ status: 'Succeeded', properties: { accuracy: 0.93, tags: ['a', 'b'] } });
      const links = await store.listStepArtifacts([step.id]);
      expect(links.map((l) => [l.direction, l.name, l.artifact.uri])).toEqual([
        ['input', 'code', code.uri],
        ['input', 'train', data.uri],
        ['output', 'metrics', metrics.uri],
        ['output', 'model', model.uri],
      ]);
      const modelId = artifactIdFor(model.uri, model.digest);
      const dataId = artifactIdFor(data.uri, data.digest);
      expect(await store.getArtifact(modelId)).toMatchObject({ uri: model.uri, type: 'Model', digest: model.digest });
      const producers = await store.getArtifactProducers([modelId, dataId]);
      expect(producers[0]?.id).toBe(step.id);
      expect(producers[1]).toBeNull();
      const down = await store.traverse({ startIds: [dataId], direction: 'DOWNSTREAM', edgeTypes: ['CONSUMED_BY', 'PRODUCED'] });
      expect(down.nodes.map((n) => [n.id, n.depth]).sort()).toEqual(
        [
          [dataId, 0],
          [step.id, 1],
          [modelId, 2],
          [artifactIdFor(metrics.uri, metrics.digest), 2],
        ].sort(),
      );
      expect(down.edges).toContainEqual({ from: dataId, to: step.id, type: 'CONSUMED_BY' });
      expect(down.edges).toContainEqual({ from: step.id, to: modelId, type: 'PRODUCED' });
    });

    it('recording the same result twice changes nothing and returns the same step execution', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const base = `mem://${unique('idem')}`;
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'p', stepType: 'processing', status: 'Starting' });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing' });
      const input = {
        stepExecutionId: s.id,
        from: 'Executing' as const,
        status: 'Succeeded' as const,
        inputs: [channel('in', artifactInput(`${base}/in`))],
        outputs: [channel('out', artifactInput(`${base}/out`))],
        cacheKey: 'k',
      };
      const first = await store.recordStepResult(input);
      const artifactsBefore = await store.listArtifacts({ uriPrefix: base, first: 100 });
      const second = await store.recordStepResult(input);
      expect(second).toEqual(first);
      expect(await store.getStepExecution(s.id)).toEqual(first);
      expect(await store.listArtifacts({ uriPrefix: base, first: 100 })).toEqual(artifactsBefore);
      expect(await store.listStepArtifacts([s.id])).toHaveLength(2);
      const lineage = await store.traverse({ startIds: [s.id], direction: 'BOTH', edgeTypes: ['CONSUMED_BY', 'PRODUCED'] });
      expect(lineage.edges).toHaveLength(2);
      // The batched form is idempotent too.
      expect(await store.recordStepResults([input])).toEqual([first]);
    });

    it('recording a different result for an already finished step is CONFLICT', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const base = `mem://${unique('diff')}`;
      const step = await runStep(store, execution.id, 'p', { outputs: [channel('out', artifactInput(`${base}/a`))] });
      await expectCode(
        store.recordStepResult({
          stepExecutionId: step.id,
          from: 'Executing',
          status: 'Succeeded',
          inputs: [],
          outputs: [channel('out', artifactInput(`${base}/b`))],
        }),
        'CONFLICT',
      );
      expect(await store.findArtifact({ uri: `${base}/b` })).toBeNull();
    });

    it('a Failed result must carry no outputs (VALIDATION_FAILED naming outputs), and nothing is written', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const uri = `mem://${unique('failed')}/out`;
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'p', stepType: 'processing', status: 'Starting' });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing' });
      await expectValidation(
        store.recordStepResult({
          stepExecutionId: s.id,
          from: 'Executing',
          status: 'Failed',
          inputs: [],
          outputs: [channel('out', artifactInput(uri))],
        }),
        'outputs',
      );
      expect(await store.findArtifact({ uri })).toBeNull();
      expect((await store.getStepExecution(s.id)).status).toBe('Executing');
      const failed = await store.recordStepResult({
        stepExecutionId: s.id,
        from: 'Executing',
        status: 'Failed',
        inputs: [],
        outputs: [],
        failureReason: 'OOM',
        failureKind: 'exit-code',
        exitCode: 137,
      });
      expect(failed).toMatchObject({ status: 'Failed', failureReason: 'OOM' });
      expect(failed.attempts[0]).toMatchObject({ status: 'Failed', failureKind: 'exit-code', exitCode: 137 });
    });

    it('a Cached result needs the reused step execution, marks the hit and links REUSED', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const out = channel('out', artifactInput(`mem://${unique('cached')}/out`));
      const original = await runStep(store, execution.id, 'p', { outputs: [out], cacheKey: 'ck' });
      const second = await seedExecution(store);
      const hit = await store.createStepExecution({
        executionId: second.execution.id,
        stepName: 'p',
        stepType: 'processing',
        status: 'Starting',
      });
      await expectValidation(
        store.recordStepResult({ stepExecutionId: hit.id, from: 'Starting', status: 'Cached', inputs: [], outputs: [out] }),
        'reusedStepExecutionId',
      );
      const missing = createStepExecutionId();
      await expectNotFound(
        store.recordStepResult({
          stepExecutionId: hit.id,
          from: 'Starting',
          status: 'Cached',
          inputs: [],
          outputs: [out],
          reusedStepExecutionId: missing,
        }),
        [missing],
      );
      const cached = await store.recordStepResult({
        stepExecutionId: hit.id,
        from: 'Starting',
        status: 'Cached',
        inputs: [],
        outputs: [out],
        reusedStepExecutionId: original.id,
      });
      expect(cached).toMatchObject({ status: 'Cached', cacheHit: true, reusedStepExecutionId: original.id });
      const reused = await store.traverse({ startIds: [hit.id], direction: 'DOWNSTREAM', edgeTypes: ['REUSED'] });
      expect(reused.edges).toEqual([{ from: hit.id, to: original.id, type: 'REUSED' }]);
      // The original producer stays the producer of the reused output.
      expect((await store.getArtifactProducers([artifactIdFor(out.artifact.uri, out.artifact.digest)]))[0]?.id).toBe(original.id);
    });

    it('a stale `from` is CONFLICT, an unknown step NOT_FOUND, a bad artifact VALIDATION_FAILED', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'p', stepType: 'processing', status: 'Starting' });
      await expectCode(
        store.recordStepResult({ stepExecutionId: s.id, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [] }),
        'CONFLICT',
      );
      const missing = createStepExecutionId();
      await expectNotFound(
        store.recordStepResult({ stepExecutionId: missing, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [] }),
        [missing],
      );
      const bad = { ...artifactInput(`mem://${unique('bad')}`), digest: 'sha256:xyz' as never };
      await expectValidation(
        store.recordStepResult({ stepExecutionId: s.id, from: 'Starting', status: 'Failed', inputs: [channel('in', bad)], outputs: [] }),
        'digest',
      );
    });

    it('keeps unicode step names and large step properties exactly', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const name = 'train 🚂 модель نموذج';
      const properties = { log: 'λ'.repeat(512 * 1024), rtl: 'שלום', nested: { emoji: '👩🏽‍🔬', n: [1e-9, -0, 1e21] } };
      const step = await runStep(store, execution.id, name, { properties });
      const read = await store.getStepExecution(step.id);
      expect(read.stepName).toBe(name);
      expect(read.properties).toEqual(JSON.parse(JSON.stringify(properties)));
      expect((await store.getExecutionWithSteps(execution.id)).steps.map((s) => s.stepName)).toEqual([name]);
      expect(await store.listStepArtifacts([createStepExecutionId()])).toEqual([]);
    });

    it('a batch of results is all or nothing', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const uri = `mem://${unique('batch')}/out`;
      const s = await store.createStepExecution({ executionId: execution.id, stepName: 'p', stepType: 'processing', status: 'Starting' });
      await store.transitionStep({ id: s.id, from: 'Starting', to: 'Executing' });
      const missing = createStepExecutionId();
      await expectNotFound(
        store.recordStepResults([
          { stepExecutionId: s.id, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [channel('out', artifactInput(uri))] },
          { stepExecutionId: missing, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [] },
        ]),
        [missing],
      );
      expect((await store.getStepExecution(s.id)).status).toBe('Executing');
      expect(await store.findArtifact({ uri })).toBeNull();
      const ok = await store.recordStepResults([
        { stepExecutionId: s.id, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [channel('out', artifactInput(uri))] },
      ]);
      expect(ok[0]?.status).toBe('Succeeded');
      expect(await store.findArtifact({ uri, digest: digestBytes(uri) })).not.toBeNull();
    });
  });
}
