import { describe, expect, it } from 'vitest';
import {
  canonicalDigest,
  createExecutionId,
  isPedigreeError,
  pipelineVersionIdFor,
  type ExecutionId,
  type ExecutionStatus,
  type PipelineVersionId,
} from '@pedigree/domain';
import type { ContractContext } from './contract-context.ts';
import {
  at,
  expectCode,
  expectInvalidArgument,
  expectNotFound,
  expectValidation,
  seedExecution,
  seedPipeline,
  unique,
  walkPages,
} from './fixtures.ts';

export function pipelinesAndExecutionsContract(ctx: ContractContext): void {
  describe('health and lifecycle', () => {
    it('reports healthy with its adapter name', async () => {
      const store = ctx.store();
      const health = await store.health();
      expect(health.ok).toBe(true);
      expect(health.adapter).toBe(store.adapter);
      expect(health.schemaVersion === null || Number.isInteger(health.schemaVersion)).toBe(true);
    });

    it('close is idempotent', async () => {
      const store = await ctx.create();
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });

  describe('pipelines and versions', () => {
    it('stores a first version as version 1 with a content-derived id', async () => {
      const store = ctx.store();
      const name = unique('pl');
      const definition = { name, steps: [{ name: 'a' }], note: 'πλ 🚀' };
      const hash = canonicalDigest(definition);
      const result = await store.upsertPipelineVersion({ pipelineName: name, definition, definitionHash: hash, description: 'first' });
      expect(result.created).toBe(true);
      expect(result.version).toMatchObject({
        id: pipelineVersionIdFor(name, hash),
        pipelineName: name,
        version: 1,
        definitionHash: hash,
        definition,
      });
      expect(result.pipeline).toMatchObject({ name, latestVersion: 1, description: 'first' });
      expect(await store.getPipelineVersion(result.version.id)).toEqual(result.version);
      expect(await store.getPipeline(name)).toEqual(result.pipeline);
    });

    it('upserting an identical definition again returns the same version and creates nothing', async () => {
      const store = ctx.store();
      const { pipelineName, version } = await seedPipeline(store);
      const again = await store.upsertPipelineVersion({
        pipelineName,
        definition: version.definition,
        definitionHash: version.definitionHash,
      });
      expect(again.created).toBe(false);
      expect(again.version).toEqual(version);
      expect(again.pipeline.latestVersion).toBe(1);
      expect((await store.listPipelineVersions(pipelineName)).items).toHaveLength(1);
    });

    it('numbers new definitions 2, 3, ... and lists versions newest first', async () => {
      const store = ctx.store();
      const { pipelineName } = await seedPipeline(store);
      for (const n of [2, 3]) {
        const definition = { n };
        const r = await store.upsertPipelineVersion({ pipelineName, definition, definitionHash: canonicalDigest(definition) });
        expect(r.version.version).toBe(n);
      }
      const page = await store.listPipelineVersions(pipelineName);
      expect(page.items.map((v) => v.version)).toEqual([3, 2, 1]);
      expect((await store.findPipelineVersion(pipelineName, 2))?.definition).toEqual({ n: 2 });
      expect(await store.findPipelineVersion(pipelineName, 99)).toBeNull();
      expect((await store.getPipeline(pipelineName)).latestVersion).toBe(3);
      const walked = await walkPages((p) => store.listPipelineVersions(pipelineName, p), 2);
      expect(walked.items.map((v) => v.version)).toEqual([3, 2, 1]);
      expect(walked.pages).toBe(2);
    });

    it('concurrent upserts of one definition make one version; of distinct definitions, distinct numbers', async () => {
      const store = ctx.store();
      const pipelineName = unique('pl-race');
      const definition = { same: true };
      const same = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.upsertPipelineVersion({ pipelineName, definition, definitionHash: canonicalDigest(definition) }),
        ),
      );
      expect(new Set(same.map((r) => r.version.id)).size).toBe(1);
      expect(same.filter((r) => r.created)).toHaveLength(1);
      const distinct = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.upsertPipelineVersion({ pipelineName, definition: { i }, definitionHash: canonicalDigest({ i }) }),
        ),
      );
      expect(distinct.map((r) => r.version.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    });

    it('unknown pipelines and versions are NOT_FOUND naming them; find returns null', async () => {
      const store = ctx.store();
      const name = unique('missing');
      await expectNotFound(store.getPipeline(name), [name]);
      expect(await store.findPipeline(name)).toBeNull();
      await expectNotFound(store.listPipelineVersions(name), [name]);
      const id = pipelineVersionIdFor(name, canonicalDigest({}));
      await expectNotFound(store.getPipelineVersion(id), [id]);
    });

    it('refuses a malformed definition hash', async () => {
      await expectValidation(
        ctx.store().upsertPipelineVersion({ pipelineName: unique('pl'), definition: {}, definitionHash: 'md5:abc' as never }),
        'definitionHash',
      );
    });

    it('lists pipelines by name with a case-insensitive search, across pages', async () => {
      const store = ctx.store();
      const token = unique('Srch').toLowerCase();
      const names = ['c', 'a', 'e', 'b', 'd'].map((s) => `${s}-${token.toUpperCase()}`);
      for (const n of names) await seedPipeline(store, n);
      const walked = await walkPages((p) => store.listPipelines({ ...p, search: token }), 2);
      expect(walked.items.map((p) => p.name)).toEqual([...names].sort());
      expect(walked.pages).toBe(3);
    });
  });

  describe('executions', () => {
    it('creates an execution in Executing with its parameters', async () => {
      const store = ctx.store();
      const { version, pipelineName } = await seedPipeline(store);
      const e = await store.createExecution({
        pipelineVersionId: version.id,
        parameters: { a: 1, b: 'ü', c: false },
        createdBy: 'ada',
        at: at(1),
      });
      expect(e).toMatchObject({
        pipelineName,
        pipelineVersionId: version.id,
        status: 'Executing',
        parameters: { a: 1, b: 'ü', c: false },
        startedAt: at(1),
        endedAt: null,
        failureReason: null,
        createdBy: 'ada',
      });
      expect(await store.getExecution(e.id)).toEqual(e);
    });

    it('creating with the same id again returns the existing execution unchanged', async () => {
      const store = ctx.store();
      const { version } = await seedPipeline(store);
      const id = createExecutionId();
      const first = await store.createExecution({ id, pipelineVersionId: version.id, parameters: { a: 1 } });
      const second = await store.createExecution({ id, pipelineVersionId: version.id, parameters: { a: 2 } });
      expect(second).toEqual(first);
    });

    it('an unknown pipeline version is NOT_FOUND naming it', async () => {
      const id = pipelineVersionIdFor(unique('nope'), canonicalDigest({})) as PipelineVersionId;
      await expectNotFound(ctx.store().createExecution({ pipelineVersionId: id, parameters: {} }), [id]);
    });

    it('transitions with an optimistic check: ended time, failure reason, revision bump', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const failed = await store.transitionExecution({
        id: execution.id,
        from: 'Executing',
        to: 'Failed',
        failureReason: 'boom',
        at: at(5),
      });
      expect(failed).toMatchObject({ status: 'Failed', endedAt: at(5), failureReason: 'boom' });
      expect(failed.revision).toBeGreaterThan(execution.revision);
      const retried = await store.transitionExecution({ id: execution.id, from: 'Failed', to: 'Executing' });
      expect(retried).toMatchObject({ status: 'Executing', endedAt: null });
      const done = await store.transitionExecution({ id: execution.id, from: 'Executing', to: 'Succeeded', at: at(9) });
      expect(done).toMatchObject({ status: 'Succeeded', endedAt: at(9) });
    });

    it('a stale `from` is CONFLICT and changes nothing', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      await expectCode(store.transitionExecution({ id: execution.id, from: 'Stopping', to: 'Stopped' }), 'CONFLICT');
      expect(await store.getExecution(execution.id)).toEqual(execution);
    });

    it('a transition the status machine forbids is INVALID_STATUS_TRANSITION', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      await store.transitionExecution({ id: execution.id, from: 'Executing', to: 'Succeeded' });
      await expectCode(store.transitionExecution({ id: execution.id, from: 'Succeeded', to: 'Executing' }), 'INVALID_STATUS_TRANSITION');
      await expectCode(store.transitionExecution({ id: execution.id, from: 'Succeeded', to: 'Failed' }), 'INVALID_STATUS_TRANSITION');
      expect((await store.getExecution(execution.id)).status).toBe('Succeeded');
    });

    it('of many concurrent transitions from the same status exactly one wins, the rest are CONFLICT', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      const targets: ExecutionStatus[] = [
        'Succeeded',
        'Failed',
        'Stopping',
        'Stopped',
        'Succeeded',
        'Failed',
        'Stopped',
        'Stopping',
        'Succeeded',
        'Failed',
      ];
      const results = await Promise.allSettled(targets.map((to) => store.transitionExecution({ id: execution.id, from: 'Executing', to })));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [targets[i]!] : []));
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(isPedigreeError(r.reason) && r.reason.code).toBe('CONFLICT');
      }
      expect((await store.getExecution(execution.id)).status).toBe(won[0]);
    });

    it('unknown executions are NOT_FOUND naming them; unknown statuses are INVALID_ARGUMENT', async () => {
      const store = ctx.store();
      const id = createExecutionId();
      await expectNotFound(store.getExecution(id), [id]);
      await expectNotFound(store.getExecutionWithSteps(id), [id]);
      await expectNotFound(store.transitionExecution({ id, from: 'Executing', to: 'Succeeded' }), [id]);
      const { execution } = await seedExecution(store);
      await expectInvalidArgument(store.transitionExecution({ id: execution.id, from: 'Executing', to: 'Done' as ExecutionStatus }), 'to');
    });

    it('returns an execution with its steps ordered by start time, then step name', async () => {
      const store = ctx.store();
      const { execution } = await seedExecution(store);
      for (const [name, minute] of [
        ['c', 3],
        ['b', 1],
        ['a', 3],
      ] as const) {
        await store.createStepExecution({
          executionId: execution.id,
          stepName: name,
          stepType: 'processing',
          status: 'Starting',
          at: at(minute),
        });
      }
      const withSteps = await store.getExecutionWithSteps(execution.id);
      expect(withSteps.execution.id).toBe(execution.id);
      expect(withSteps.steps.map((s) => s.stepName)).toEqual(['b', 'a', 'c']);
    });

    it('lists executions newest first with every filter, across pages without duplicates or omissions', async () => {
      const store = ctx.store();
      const { pipelineName, version } = await seedPipeline(store);
      const by = unique('user');
      const schedule = unique('sched');
      const ids: ExecutionId[] = [];
      for (let i = 0; i < 7; i += 1) {
        const e = await store.createExecution({
          pipelineVersionId: version.id,
          parameters: {},
          at: at(i),
          ...(i % 2 === 0 ? { createdBy: by } : {}),
          ...(i === 3 ? { scheduleId: schedule } : {}),
        });
        ids.push(e.id);
      }
      await store.transitionExecution({ id: ids[1]!, from: 'Executing', to: 'Failed' });
      await store.transitionExecution({ id: ids[2]!, from: 'Executing', to: 'Succeeded' });

      const all = await walkPages((p) => store.listExecutions({ ...p, pipelineName }), 3);
      expect(all.items.map((e) => e.id)).toEqual([...ids].reverse());
      expect(all.pages).toBe(3);
      const byVersion = await store.listExecutions({ pipelineVersionId: version.id, first: 100 });
      expect(byVersion.items).toHaveLength(7);
      const failedOrDone = await store.listExecutions({ pipelineName, statuses: ['Failed', 'Succeeded'] });
      expect(failedOrDone.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
      const mine = await store.listExecutions({ pipelineName, createdBy: by });
      expect(mine.items.map((e) => e.id)).toEqual([ids[6], ids[4], ids[2], ids[0]]);
      const scheduled = await store.listExecutions({ scheduleId: schedule });
      expect(scheduled.items.map((e) => e.id)).toEqual([ids[3]]);
      const window = await store.listExecutions({ pipelineName, startedAfter: at(1.5), startedBefore: at(4.5) });
      expect(window.items.map((e) => e.id)).toEqual([ids[4], ids[3], ids[2]]);
      // After is inclusive, before exclusive, so adjacent windows never overlap.
      const edges = await store.listExecutions({ pipelineName, startedAfter: at(2), startedBefore: at(4) });
      expect(edges.items.map((e) => e.id)).toEqual([ids[3], ids[2]]);
    });

    it('refuses malformed cursors, page sizes and status filters with INVALID_ARGUMENT naming the argument', async () => {
      const store = ctx.store();
      await expectInvalidArgument(store.listExecutions({ after: 'not-a-cursor' }), 'after');
      await expectInvalidArgument(store.listExecutions({ after: Buffer.from('{"x":1}').toString('base64url') }), 'after');
      await expectInvalidArgument(store.listExecutions({ first: 0 }), 'first');
      await expectInvalidArgument(store.listExecutions({ first: 1001 }), 'first');
      await expectInvalidArgument(store.listExecutions({ first: 2.5 }), 'first');
      await expectInvalidArgument(store.listExecutions({ statuses: ['Running' as ExecutionStatus] }), 'statuses');
      await expectInvalidArgument(store.listPipelines({ after: '%%%' }), 'after');
    });
  });
}
