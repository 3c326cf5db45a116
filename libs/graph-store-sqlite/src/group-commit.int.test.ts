import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArtifactId, StepExecutionId } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { artifactInput, channel, seedExecution, unique } from '@pedigree/graph-store/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteGraphStore, type WriteBatchInfo } from './index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let opened = 0;

/** A store on a WAL file (commits fsync) that records every group commit. */
function openStore(options: { maxBatchCalls?: number } = {}): { store: GraphStore; batches: WriteBatchInfo[]; file: string } {
  const batches: WriteBatchInfo[] = [];
  const file = path.join(dir, `group-${opened++}.db`);
  const store = createSqliteGraphStore({ path: file, onWriteBatch: (b) => batches.push(b), ...options });
  return { store, batches, file };
}

/** Seeds a step execution in Executing and returns its id. */
async function executingStep(store: GraphStore): Promise<StepExecutionId> {
  const { execution } = await seedExecution(store);
  const step = await store.createStepExecution({
    executionId: execution.id,
    stepName: unique('s'),
    stepType: 'training',
    status: 'Starting',
  });
  await store.transitionStep({ id: step.id, from: 'Starting', to: 'Executing' });
  return step.id;
}

describe('group commit', () => {
  it('applies concurrent writes of one tick in one transaction, and each call gets its own result', async () => {
    const { store, batches } = openStore();
    try {
      const prefix = `mem://${unique('gc')}`;
      const inputs = Array.from({ length: 40 }, (_, i) => artifactInput(`${prefix}/${i}`));
      const stored = await Promise.all(inputs.map((a) => store.upsertArtifact(a)));
      expect(batches).toEqual([{ calls: 40, failed: 0, durationMs: expect.any(Number) }]);
      expect(stored.map((a) => a.uri)).toEqual(inputs.map((a) => a.uri));
      const listed = await store.listArtifacts({ uriPrefix: prefix, first: 100 });
      expect(listed.items).toHaveLength(40);
    } finally {
      await store.close();
    }
  });

  it('bounds a batch: the rest go into the next commits', async () => {
    const { store, batches } = openStore({ maxBatchCalls: 16 });
    try {
      const prefix = `mem://${unique('gc-bound')}`;
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.upsertArtifact(artifactInput(`${prefix}/${i}`))));
      expect(batches.map((b) => b.calls)).toEqual([16, 16, 8]);
    } finally {
      await store.close();
    }
  });

  it('a call that throws half way rolls back only its own changes and rejects only its own promise', async () => {
    const { store, batches, file } = openStore();
    try {
      const stepA = await executingStep(store);
      const stepB = await executingStep(store);
      batches.length = 0;
      const prefix = `mem://${unique('gc-fail')}`;
      const before = artifactInput(`${prefix}/before`);
      const partial = artifactInput(`${prefix}/partial`);
      const after = artifactInput(`${prefix}/after`);
      const results = await Promise.allSettled([
        store.upsertArtifact(before),
        // The first result of this batch writes its artifact and edges, then the second fails:
        // the whole call must leave no trace.
        store.recordStepResults([
          { stepExecutionId: stepA, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [channel('out', partial)] },
          { stepExecutionId: 'se_missing' as StepExecutionId, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [] },
        ]),
        store.recordStepResult({
          stepExecutionId: stepB,
          from: 'Executing',
          status: 'Succeeded',
          inputs: [],
          outputs: [channel('out', after)],
        }),
        // Queued after the result above, so it finds stepB Succeeded: an optimistic conflict.
        store.transitionStep({ id: stepB, from: 'Executing', to: 'Failed' }),
      ]);
      expect(batches).toEqual([{ calls: 4, failed: 2, durationMs: expect.any(Number) }]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
      expect(await store.findArtifact({ uri: before.uri })).not.toBeNull();
      expect(await store.findArtifact({ uri: after.uri })).not.toBeNull();
      expect(await store.findArtifact({ uri: partial.uri })).toBeNull();
      expect((await store.getStepExecution(stepA)).status).toBe('Executing');
      expect((await store.getStepExecution(stepB)).status).toBe('Succeeded');
      // Nothing of the failed call reached the edges or the channel table either.
      const raw = new Database(file, { readonly: true });
      try {
        const keyA = (raw.prepare('SELECT node_key FROM step_executions WHERE id = ?').get(stepA) as { node_key: number }).node_key;
        expect(raw.prepare('SELECT COUNT(*) AS n FROM edges WHERE from_key = ?').get(keyA)).toEqual({ n: 1 }); // PART_OF only
        expect(raw.prepare('SELECT COUNT(*) AS n FROM edges WHERE to_key = ?').get(keyA)).toEqual({ n: 0 }); // no CONSUMED_BY
        expect(raw.prepare('SELECT COUNT(*) AS n FROM step_artifacts WHERE step_key = ?').get(keyA)).toEqual({ n: 0 });
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
  });

  it('a lone call (run without a savepoint) that throws half way leaves no trace, and the next call commits', async () => {
    const { store, batches, file } = openStore();
    try {
      const step = await executingStep(store);
      batches.length = 0;
      const partial = artifactInput(`mem://${unique('gc-lone')}/partial`);
      await expect(
        store.recordStepResults([
          { stepExecutionId: step, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [channel('out', partial)] },
          { stepExecutionId: 'se_missing' as StepExecutionId, from: 'Executing', status: 'Succeeded', inputs: [], outputs: [] },
        ]),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(batches).toEqual([{ calls: 1, failed: 1, durationMs: expect.any(Number) }]);
      expect(await store.findArtifact({ uri: partial.uri })).toBeNull();
      expect((await store.getStepExecution(step)).status).toBe('Executing');
      const raw = new Database(file, { readonly: true });
      try {
        const key = (raw.prepare('SELECT node_key FROM step_executions WHERE id = ?').get(step) as { node_key: number }).node_key;
        expect(raw.prepare('SELECT COUNT(*) AS n FROM edges WHERE from_key = ?').get(key)).toEqual({ n: 1 }); // PART_OF only
        expect(raw.prepare('SELECT COUNT(*) AS n FROM step_artifacts WHERE step_key = ?').get(key)).toEqual({ n: 0 });
        expect(raw.prepare("SELECT COUNT(*) AS n FROM artifacts_fts WHERE artifacts_fts MATCH 'partial'").get()).toEqual({ n: 0 });
      } finally {
        raw.close();
      }
      await store.recordStepResult({
        stepExecutionId: step,
        from: 'Executing',
        status: 'Succeeded',
        inputs: [],
        outputs: [channel('out', partial)],
      });
      expect(await store.findArtifact({ uri: partial.uri })).not.toBeNull();
      expect((await store.searchArtifacts({ text: 'partial' })).items.map((a) => a.uri)).toContain(partial.uri);
    } finally {
      await store.close();
    }
  });

  it('of concurrent transitions from one status in one batch exactly one wins', async () => {
    const { store, batches } = openStore();
    try {
      const step = await executingStep(store);
      batches.length = 0;
      const results = await Promise.allSettled(
        (['Succeeded', 'Failed', 'Stopping', 'Succeeded', 'Failed'] as const).map((to) =>
          store.transitionStep({ id: step, from: 'Executing', to }),
        ),
      );
      expect(batches.map((b) => b.calls)).toEqual([5]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    } finally {
      await store.close();
    }
  });

  it('a read issued while writes are queued sees committed state only; promises settle after the commit', async () => {
    const { store, batches } = openStore();
    try {
      const a = artifactInput(`mem://${unique('gc-read')}/a`);
      const events: string[] = [];
      const write = store.upsertArtifact(a).then((stored) => {
        events.push(`resolved after ${batches.length} commit(s)`);
        return stored;
      });
      // Queued, not yet committed: invisible to a read, even one in the same tick.
      expect(await store.findArtifact({ uri: a.uri })).toBeNull();
      const stored = await write;
      expect(events).toEqual(['resolved after 1 commit(s)']);
      expect((await store.findArtifact({ uri: a.uri }))?.id).toBe(stored.id as ArtifactId);
    } finally {
      await store.close();
    }
  });

  it('waits for another process to release the write lock, then commits the queued calls together', async () => {
    const { store, batches, file } = openStore();
    const other = new Database(file);
    try {
      const prefix = `mem://${unique('gc-busy')}`;
      other.exec('BEGIN IMMEDIATE');
      const writes = Promise.all(Array.from({ length: 10 }, (_, i) => store.upsertArtifact(artifactInput(`${prefix}/${i}`))));
      setTimeout(() => other.exec('COMMIT'), 50);
      await writes;
      expect(batches.reduce((n, b) => n + b.calls, 0)).toBe(10);
      expect(batches.length).toBeLessThanOrEqual(2);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });

  it('close waits for queued writes to commit', async () => {
    const { store, file } = openStore();
    const a = artifactInput(`mem://${unique('gc-close')}/a`);
    const write = store.upsertArtifact(a);
    await store.close();
    await expect(write).resolves.toMatchObject({ uri: a.uri });
    const reopened = createSqliteGraphStore({ path: file });
    try {
      expect(await reopened.findArtifact({ uri: a.uri })).not.toBeNull();
    } finally {
      await reopened.close();
    }
  });
});
