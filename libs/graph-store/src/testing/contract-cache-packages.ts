import { describe, expect, it } from 'vitest';
import {
  artifactIdFor,
  createExecutionId,
  createModelPackageId,
  createStepExecutionId,
  digestBytes,
  isPedigreeError,
  type ApprovalStatus,
  type ArtifactId,
} from '@pedigree/domain';
import type { ContractContext } from './contract-context.ts';
import {
  artifactInput,
  at,
  channel,
  expectCode,
  expectInvalidArgument,
  expectNotFound,
  runStep,
  seedExecution,
  unique,
  walkPages,
} from './fixtures.ts';

export function cacheAndPackagesContract(ctx: ContractContext): void {
  describe('cache lookups', () => {
    it('finds the most recent Succeeded step execution with the key, with its outputs', async () => {
      const store = ctx.store();
      const key = unique('key');
      const base = `mem://${unique('cache')}`;
      const a = await seedExecution(store);
      const older = await runStep(store, a.execution.id, 'p', {
        cacheKey: key,
        outputs: [channel('out', artifactInput(`${base}/1`))],
        startedAt: at(0),
        endedAt: at(1),
      });
      const b = await seedExecution(store, { pipelineName: a.pipelineName });
      const newer = await runStep(store, b.execution.id, 'p', {
        cacheKey: key,
        outputs: [
          channel('model', artifactInput(`${base}/2`, { type: 'Model' })),
          channel('metrics', artifactInput(`${base}/3`, { type: 'Metrics' })),
        ],
        startedAt: at(2),
        endedAt: at(3),
      });
      const c = await seedExecution(store, { pipelineName: a.pipelineName });
      await runStep(store, c.execution.id, 'p', { cacheKey: key, status: 'Failed', startedAt: at(4), endedAt: at(5) });

      const hit = await store.findCacheHit({ cacheKey: key });
      expect(hit?.stepExecution.id).toBe(newer.id);
      expect(hit?.outputs.map((o) => [o.name, o.artifact.uri])).toEqual([
        ['metrics', `${base}/3`],
        ['model', `${base}/2`],
      ]);
      expect((await store.findCacheHit({ cacheKey: key, excludeExecutionId: b.execution.id }))?.stepExecution.id).toBe(older.id);
      expect((await store.findCacheHit({ cacheKey: key, notBefore: at(2.5) }))?.stepExecution.id).toBe(newer.id);
      expect(await store.findCacheHit({ cacheKey: key, notBefore: at(3.5) })).toBeNull();
      expect((await store.findCacheHit({ cacheKey: key, notBefore: at(0.5), excludeExecutionId: b.execution.id }))?.stepExecution.id).toBe(
        older.id,
      );
      expect(await store.findCacheHit({ cacheKey: unique('nokey') })).toBeNull();
    });

    it('an invalidated step execution is never a hit', async () => {
      const store = ctx.store();
      const key = unique('key');
      const { execution } = await seedExecution(store);
      const step = await runStep(store, execution.id, 'p', { cacheKey: key });
      const result = await store.invalidateCache({ stepExecutionId: step.id });
      expect(result.invalidatedStepExecutionIds).toEqual([step.id]);
      expect(await store.findCacheHit({ cacheKey: key })).toBeNull();
      // Invalidating again changes nothing.
      expect((await store.invalidateCache({ stepExecutionId: step.id })).invalidatedStepExecutionIds).toEqual([]);
    });

    it('finds the nearest earlier execution of the same step that has a cache key', async () => {
      const store = ctx.store();
      const a = await seedExecution(store);
      const pipelineName = a.pipelineName;
      const first = await runStep(store, a.execution.id, 'train', { cacheKey: 'k1', startedAt: at(1) });
      await runStep(store, a.execution.id, 'other', { cacheKey: 'k9', startedAt: at(2) });
      const b = await seedExecution(store, { pipelineName });
      const second = await runStep(store, b.execution.id, 'train', { cacheKey: 'k2', startedAt: at(3) });
      const c = await seedExecution(store, { pipelineName });
      await runStep(store, c.execution.id, 'train', { cacheKey: null, startedAt: at(4) });

      expect((await store.findNearestStepExecution({ pipelineName, stepName: 'train' }))?.id).toBe(second.id);
      expect((await store.findNearestStepExecution({ pipelineName, stepName: 'train', before: at(2.5) }))?.id).toBe(first.id);
      expect((await store.findNearestStepExecution({ pipelineName, stepName: 'train', excludeExecutionId: b.execution.id }))?.id).toBe(
        first.id,
      );
      expect(await store.findNearestStepExecution({ pipelineName, stepName: 'train', before: at(0) })).toBeNull();
      expect(await store.findNearestStepExecution({ pipelineName: unique('none'), stepName: 'train' })).toBeNull();
    });

    it('invalidates by execution and step name, and by pipeline', async () => {
      const store = ctx.store();
      const a = await seedExecution(store);
      const s1 = await runStep(store, a.execution.id, 'p', { cacheKey: unique('k') });
      const s2 = await runStep(store, a.execution.id, 'q', { cacheKey: unique('k') });
      const b = await seedExecution(store, { pipelineName: a.pipelineName });
      const s3 = await runStep(store, b.execution.id, 'p', { cacheKey: unique('k') });
      await runStep(store, b.execution.id, 'f', { status: 'Failed' });
      expect((await store.invalidateCache({ executionId: a.execution.id, stepName: 'p' })).invalidatedStepExecutionIds).toEqual([s1.id]);
      const byPipeline = await store.invalidateCache({ pipelineName: a.pipelineName });
      expect([...byPipeline.invalidatedStepExecutionIds].sort()).toEqual([s2.id, s3.id].sort());
      expect(await store.findCacheHit({ cacheKey: s3.cacheKey! })).toBeNull();
    });

    it('invalidating an artifact invalidates everything downstream of it, and nothing upstream', async () => {
      const store = ctx.store();
      const base = `mem://${unique('inv')}`;
      const raw = artifactInput(`${base}/raw`);
      const clean = artifactInput(`${base}/clean`);
      const model = artifactInput(`${base}/model`, { type: 'Model' });
      const report = artifactInput(`${base}/report`, { type: 'Report' });
      const derived = artifactInput(`${base}/derived`);
      const unrelated = artifactInput(`${base}/unrelated`);
      const { execution } = await seedExecution(store);
      const ingest = await runStep(store, execution.id, 'ingest', { outputs: [channel('raw', raw)], cacheKey: unique('k') });
      const prep = await runStep(store, execution.id, 'prep', {
        inputs: [channel('raw', raw)],
        outputs: [channel('clean', clean)],
        cacheKey: unique('k'),
      });
      const train = await runStep(store, execution.id, 'train', {
        inputs: [channel('clean', clean)],
        outputs: [channel('model', model)],
        cacheKey: unique('k'),
      });
      const evaluate = await runStep(store, execution.id, 'eval', {
        inputs: [channel('model', model)],
        outputs: [channel('report', report)],
        cacheKey: unique('k'),
      });
      const side = await runStep(store, execution.id, 'side', { inputs: [channel('u', unrelated)], cacheKey: unique('k') });
      // A DERIVED_FROM hop counts as downstream too.
      const rawId = artifactIdFor(raw.uri, raw.digest);
      const derivedArtifact = await store.upsertArtifact(derived);
      await store.recordEdges([{ from: rawId, to: derivedArtifact.id, type: 'DERIVED_FROM' }]);
      const useDerived = await runStep(store, execution.id, 'use-derived', { inputs: [channel('d', derived)], cacheKey: unique('k') });

      const result = await store.invalidateCache({ artifactId: rawId });
      expect([...result.invalidatedStepExecutionIds].sort()).toEqual([prep.id, train.id, evaluate.id, useDerived.id].sort());
      expect(await store.findCacheHit({ cacheKey: ingest.cacheKey! })).not.toBeNull();
      expect(await store.findCacheHit({ cacheKey: side.cacheKey! })).not.toBeNull();
      expect(await store.findCacheHit({ cacheKey: train.cacheKey! })).toBeNull();
    });

    it('unknown invalidation scopes are NOT_FOUND naming them', async () => {
      const store = ctx.store();
      const step = createStepExecutionId();
      await expectNotFound(store.invalidateCache({ stepExecutionId: step }), [step]);
      const exec = createExecutionId();
      await expectNotFound(store.invalidateCache({ executionId: exec, stepName: 'p' }), [exec]);
      const pipeline = unique('nopipeline');
      await expectNotFound(store.invalidateCache({ pipelineName: pipeline }), [pipeline]);
      const artifact = artifactIdFor(`mem://${unique('none')}`, digestBytes('x'));
      await expectNotFound(store.invalidateCache({ artifactId: artifact }), [artifact]);
    });
  });

  describe('model packages', () => {
    async function models(n: number): Promise<ArtifactId[]> {
      const base = `mem://${unique('models')}`;
      const stored = await ctx
        .store()
        .upsertArtifacts(Array.from({ length: n }, (_, i) => artifactInput(`${base}/m${i}`, { type: 'Model' })));
      return stored.map((a) => a.id);
    }

    it('registers versions per group, idempotently per (group, model artifact)', async () => {
      const store = ctx.store();
      const [m1, m2] = await models(2);
      const group = unique('group');
      const r1 = await store.registerModelPackage({
        group,
        modelArtifactId: m1!,
        approvalStatus: 'PendingManualApproval',
        by: 'ci',
        metrics: { auc: 0.9 },
        description: 'first',
        at: at(1),
      });
      expect(r1.created).toBe(true);
      expect(r1.modelPackage).toMatchObject({
        group,
        version: 1,
        approvalStatus: 'PendingManualApproval',
        modelArtifactId: m1,
        metrics: { auc: 0.9 },
        description: 'first',
      });
      expect(r1.modelPackage.approvals).toEqual([{ status: 'PendingManualApproval', by: 'ci', at: at(1), comment: null }]);
      const again = await store.registerModelPackage({ group, modelArtifactId: m1!, approvalStatus: 'Approved', by: 'someone-else' });
      expect(again.created).toBe(false);
      expect(again.modelPackage).toEqual(r1.modelPackage);
      const r2 = await store.registerModelPackage({ group, modelArtifactId: m2!, approvalStatus: 'Approved', by: 'ci' });
      expect(r2.modelPackage.version).toBe(2);
      const other = await store.registerModelPackage({
        group: unique('group'),
        modelArtifactId: m1!,
        approvalStatus: 'Approved',
        by: 'ci',
      });
      expect(other.modelPackage.version).toBe(1);
      expect(await store.getModelPackage(r1.modelPackage.id)).toEqual(r1.modelPackage);
      const byArtifact = await store.listModelPackagesByArtifact([m2!, m1!]);
      expect(
        byArtifact
          .get(m1!)!
          .map((p) => p.id)
          .sort(),
      ).toEqual([r1.modelPackage.id, other.modelPackage.id].sort());
      expect(byArtifact.get(m2!)!.map((p) => p.id)).toEqual([r2.modelPackage.id]);
    });

    it('concurrent registrations in one group get distinct consecutive versions', async () => {
      const store = ctx.store();
      const ids = await models(6);
      const group = unique('group');
      const results = await Promise.all(
        ids.map((id) => store.registerModelPackage({ group, modelArtifactId: id, approvalStatus: 'PendingManualApproval', by: 'ci' })),
      );
      expect(results.map((r) => r.modelPackage.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('appends approval history; a failed expectedStatus is CONFLICT and changes nothing', async () => {
      const store = ctx.store();
      const [m] = await models(1);
      const { modelPackage } = await store.registerModelPackage({
        group: unique('g'),
        modelArtifactId: m!,
        approvalStatus: 'PendingManualApproval',
        by: 'ci',
        at: at(0),
      });
      const approved = await store.setModelPackageApproval({
        id: modelPackage.id,
        status: 'Approved',
        by: 'alice',
        comment: 'looks good ✅',
        at: at(1),
        expectedStatus: 'PendingManualApproval',
      });
      expect(approved.approvalStatus).toBe('Approved');
      expect(approved.approvals.map((a) => [a.status, a.by, a.comment])).toEqual([
        ['PendingManualApproval', 'ci', null],
        ['Approved', 'alice', 'looks good ✅'],
      ]);
      await expectCode(
        store.setModelPackageApproval({ id: modelPackage.id, status: 'Rejected', by: 'bob', expectedStatus: 'PendingManualApproval' }),
        'CONFLICT',
      );
      expect(await store.getModelPackage(modelPackage.id)).toEqual(approved);
      const rejected = await store.setModelPackageApproval({ id: modelPackage.id, status: 'Rejected', by: 'bob', at: at(2) });
      expect(rejected.approvals).toHaveLength(3);
      const missing = createModelPackageId();
      await expectNotFound(store.setModelPackageApproval({ id: missing, status: 'Approved', by: 'x' }), [missing]);
      await expectNotFound(store.getModelPackage(missing), [missing]);
      await expectInvalidArgument(
        store.setModelPackageApproval({ id: modelPackage.id, status: 'Maybe' as ApprovalStatus, by: 'x' }),
        'status',
      );
    });

    it('of concurrent approvals expecting the same status exactly one wins', async () => {
      const store = ctx.store();
      const [m] = await models(1);
      const { modelPackage } = await store.registerModelPackage({
        group: unique('g'),
        modelArtifactId: m!,
        approvalStatus: 'PendingManualApproval',
        by: 'ci',
      });
      const results = await Promise.allSettled(
        (['Approved', 'Rejected', 'Approved', 'Rejected'] as const).map((status, i) =>
          store.setModelPackageApproval({ id: modelPackage.id, status, by: `u${i}`, expectedStatus: 'PendingManualApproval' }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(isPedigreeError(r.reason) && r.reason.code).toBe('CONFLICT');
      expect((await store.getModelPackage(modelPackage.id)).approvals).toHaveLength(2);
    });

    it('lists packages newest first by group and status, across pages', async () => {
      const store = ctx.store();
      const ids = await models(5);
      const group = unique('g');
      const made = [];
      for (const [i, id] of ids.entries()) {
        made.push(
          (
            await store.registerModelPackage({
              group,
              modelArtifactId: id,
              approvalStatus: i % 2 === 0 ? 'Approved' : 'Rejected',
              by: 'ci',
              at: at(i),
            })
          ).modelPackage,
        );
      }
      const walked = await walkPages((p) => store.listModelPackages({ ...p, group }), 2);
      expect(walked.items.map((p) => p.version)).toEqual([5, 4, 3, 2, 1]);
      const approved = await store.listModelPackages({ group, approvalStatuses: ['Approved'] });
      expect(approved.items.map((p) => p.version)).toEqual([5, 3, 1]);
      expect(approved.items[0]!.approvals).toHaveLength(1);
      await expectInvalidArgument(store.listModelPackages({ approvalStatuses: ['Nope' as ApprovalStatus] }), 'approvalStatuses');
    });

    it('an unknown model artifact or step execution is NOT_FOUND naming it', async () => {
      const store = ctx.store();
      const ghost = artifactIdFor(`mem://${unique('ghost')}`, digestBytes('g'));
      await expectNotFound(
        store.registerModelPackage({ group: unique('g'), modelArtifactId: ghost, approvalStatus: 'Approved', by: 'x' }),
        [ghost],
      );
      const [m] = await models(1);
      const step = createStepExecutionId();
      await expectNotFound(
        store.registerModelPackage({ group: unique('g'), modelArtifactId: m!, stepExecutionId: step, approvalStatus: 'Approved', by: 'x' }),
        [step],
      );
      await expectInvalidArgument(
        store.registerModelPackage({ group: unique('g'), modelArtifactId: m!, approvalStatus: 'Yes' as ApprovalStatus, by: 'x' }),
        'approvalStatus',
      );
    });
  });
}
