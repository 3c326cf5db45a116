import { describe, expect, it } from 'vitest';
import { artifactIdFor, contextIdFor, digestBytes, type ArtifactId, type ArtifactType, type ContextType } from '@pedigree/domain';
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
  walkPages,
} from './fixtures.ts';

export function artifactsContract(ctx: ContractContext): void {
  describe('artifacts', () => {
    it('upserts by (uri, digest): the same content again is the same node, unchanged', async () => {
      const store = ctx.store();
      const input = artifactInput(`mem://${unique('art')}/data.csv`, { properties: { rows: 150 } });
      const first = await store.upsertArtifact(input);
      expect(first).toMatchObject({
        id: artifactIdFor(input.uri, input.digest),
        uri: input.uri,
        digest: input.digest,
        type: 'DataSet',
        size: input.size,
        properties: { rows: 150 },
        previousVersionId: null,
      });
      const again = await store.upsertArtifact(input);
      expect(again).toEqual(first);
      expect(await store.getArtifact(first.id)).toEqual(first);
      expect((await store.listArtifacts({ uriPrefix: input.uri })).items).toHaveLength(1);
    });

    it('new bytes at a known URI are a new node linked to the previous version; find without digest gives the latest', async () => {
      const store = ctx.store();
      const uri = `mem://${unique('ver')}/model.bin`;
      const v1 = await store.upsertArtifact(artifactInput(uri, { content: 'one', createdAt: at(1) }));
      const v2 = await store.upsertArtifact(artifactInput(uri, { content: 'two', createdAt: at(2) }));
      const v3 = await store.upsertArtifact(artifactInput(uri, { content: 'three', createdAt: at(3) }));
      expect(new Set([v1.id, v2.id, v3.id]).size).toBe(3);
      expect(v2.previousVersionId).toBe(v1.id);
      expect(v3.previousVersionId).toBe(v2.id);
      expect((await store.findArtifact({ uri }))?.id).toBe(v3.id);
      expect((await store.findArtifact({ uri, digest: digestBytes('one') }))?.id).toBe(v1.id);
      expect(await store.findArtifact({ uri, digest: digestBytes('never') })).toBeNull();
      expect(await store.findArtifact({ uri: `${uri}.missing` })).toBeNull();
    });

    it('an older version declared again (content reverted) is its stored node, in an upsert and in a step result', async () => {
      const store = ctx.store();
      const uri = `mem://${unique('revert')}/table.parquet`;
      const v1 = await store.upsertArtifact(artifactInput(uri, { content: 'one', createdAt: at(1) }));
      const v2 = await store.upsertArtifact(artifactInput(uri, { content: 'two', createdAt: at(2) }));
      expect(await store.upsertArtifact(artifactInput(uri, { content: 'one', createdAt: at(3) }))).toEqual(v1);
      expect(await store.upsertArtifact(artifactInput(uri, { content: 'two', createdAt: at(4) }))).toEqual(v2);
      const { execution } = await seedExecution(store);
      const step = await runStep(store, execution.id, 'reads-v1', { inputs: [channel('old', artifactInput(uri, { content: 'one' }))] });
      expect((await store.listStepArtifacts([step.id])).map((l) => l.artifact.id)).toEqual([v1.id]);
      expect((await store.listArtifacts({ uriPrefix: uri })).items.map((a) => a.id).sort()).toEqual([v1.id, v2.id].sort());
      expect((await store.findArtifact({ uri }))?.id).toBe(v2.id);
    });

    it('concurrent upserts of one artifact make one node', async () => {
      const store = ctx.store();
      const input = artifactInput(`mem://${unique('race')}/x`);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.upsertArtifact(input)));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect((await store.listArtifacts({ uriPrefix: input.uri })).items).toHaveLength(1);
    });

    it('batch upserts and batch reads keep the order asked, with null where absent', async () => {
      const store = ctx.store();
      const base = `mem://${unique('batch')}`;
      const inputs = ['a', 'b', 'c'].map((n) => artifactInput(`${base}/${n}`));
      const stored = await store.upsertArtifacts(inputs);
      expect(stored.map((a) => a.uri)).toEqual(inputs.map((i) => i.uri));
      const missing = artifactIdFor(`${base}/zzz`, digestBytes('zzz'));
      const read = await store.getArtifacts([stored[2]!.id, missing, stored[0]!.id]);
      expect(read.map((a) => a?.id ?? null)).toEqual([stored[2]!.id, null, stored[0]!.id]);
      await expectNotFound(store.getArtifact(missing), [missing]);
    });

    it('refuses malformed artifacts with VALIDATION_FAILED naming the field', async () => {
      const store = ctx.store();
      const ok = artifactInput(`mem://${unique('bad')}/x`);
      await expectValidation(store.upsertArtifact({ ...ok, digest: 'sha256:short' as never }), 'digest');
      await expectValidation(store.upsertArtifact({ ...ok, type: 'Spreadsheet' as ArtifactType }), 'type');
      await expectValidation(store.upsertArtifact({ ...ok, size: -1 }), 'size');
      await expectValidation(store.upsertArtifact({ ...ok, uri: '' }), 'uri');
      expect(await store.findArtifact({ uri: ok.uri })).toBeNull();
    });

    it('keeps unicode and large property values exactly', async () => {
      const store = ctx.store();
      const big = 'x'.repeat(1024 * 1024);
      const text = 'emoji 🚀👩🏽‍🔬, RTL שלום עולם مرحبا, CJK 数据集, combining é, astral 𝔘𝔫𝔦';
      const input = artifactInput(`mem://${unique('uni')}/データ/😀.csv`, {
        name: `名前 ${text}`,
        properties: {
          big,
          text,
          nested: { list: [1, 2.5, -3e-7, true, null, 'ü'], deep: { deeper: { deepest: '✓' } } },
          'key with spaces 🔑': 'v',
        },
      });
      const stored = await store.upsertArtifact(input);
      const read = await store.getArtifact(stored.id);
      expect(read.name).toBe(input.name);
      expect(read.uri).toBe(input.uri);
      expect(read.properties).toEqual(input.properties);
      expect((read.properties.big as string).length).toBe(1024 * 1024);
      expect((await store.findArtifact({ uri: input.uri }))?.id).toBe(stored.id);
    });

    it('lists newest first with type, name, uri prefix and time filters, across pages', async () => {
      const store = ctx.store();
      const base = `mem://${unique('list')}`;
      const made: ArtifactId[] = [];
      for (let i = 0; i < 9; i += 1) {
        const a = await store.upsertArtifact(
          artifactInput(`${base}/${i % 3 === 0 ? 'models' : 'data'}/f${i}`, {
            type: i % 3 === 0 ? 'Model' : 'DataSet',
            name: i === 4 ? 'Special-Name' : `f${i}`,
            createdAt: at(i),
          }),
        );
        made.push(a.id);
      }
      const all = await walkPages((p) => store.listArtifacts({ ...p, uriPrefix: base }), 4);
      expect(all.items.map((a) => a.id)).toEqual([...made].reverse());
      expect(all.pages).toBe(3);
      const models = await store.listArtifacts({ uriPrefix: base, types: ['Model'] });
      expect(models.items.map((a) => a.id)).toEqual([made[6], made[3], made[0]]);
      const byPrefix = await store.listArtifacts({ uriPrefix: `${base}/models/` });
      expect(byPrefix.items).toHaveLength(3);
      const byName = await store.listArtifacts({ uriPrefix: base, name: 'special-NAME' });
      expect(byName.items.map((a) => a.id)).toEqual([made[4]]);
      const window = await store.listArtifacts({ uriPrefix: base, createdAfter: at(1.5), createdBefore: at(4.5) });
      expect(window.items.map((a) => a.id)).toEqual([made[4], made[3], made[2]]);
      const bounds = await store.listArtifacts({ uriPrefix: base, createdAfter: at(2), createdBefore: at(4) });
      expect(bounds.items.map((a) => a.id)).toEqual([made[3], made[2]]);
      await expectInvalidArgument(store.listArtifacts({ types: ['Table' as ArtifactType] }), 'types');
      await expectInvalidArgument(store.listArtifacts({ after: 'garbage' }), 'after');
    });

    it('searches name, uri and property values; every word must match (by prefix); best matches first', async () => {
      const store = ctx.store();
      const token = unique('tok').replace(/-/g, '');
      const name = await store.upsertArtifact(artifactInput(`mem://x/${unique('s')}`, { name: `${token} churn training set` }));
      const uri = await store.upsertArtifact(artifactInput(`mem://bucket/${token}/validation.parquet`, { name: 'validation' }));
      const prop = await store.upsertArtifact(
        artifactInput(`mem://x/${unique('s')}`, {
          name: 'model',
          type: 'Model',
          properties: { owner: `${token}team`, note: 'gradient boosted' },
        }),
      );
      const hits = await store.searchArtifacts({ text: token });
      expect(hits.items.map((a) => a.id).sort()).toEqual([name.id, uri.id, prop.id].sort());
      expect((await store.searchArtifacts({ text: `${token} churn` })).items.map((a) => a.id)).toEqual([name.id]);
      expect((await store.searchArtifacts({ text: `${token} gradient` })).items.map((a) => a.id)).toEqual([prop.id]);
      expect((await store.searchArtifacts({ text: `${token.slice(0, -2)} valid` })).items.map((a) => a.id)).toEqual([uri.id]);
      expect((await store.searchArtifacts({ text: token, types: ['Model'] })).items.map((a) => a.id)).toEqual([prop.id]);
      expect((await store.searchArtifacts({ text: `${token} nonexistentword` })).items).toEqual([]);
      await expectInvalidArgument(store.searchArtifacts({ text: '   ' }), 'text');
    });

    it('search finds non-Latin words and pages through many matches without duplicates', async () => {
      const store = ctx.store();
      const token = unique('pg').replace(/-/g, '');
      await store.upsertArtifact(artifactInput(`mem://x/${unique('u')}`, { name: `привет ${token}` }));
      await store.upsertArtifact(artifactInput(`mem://x/${unique('u')}`, { name: `שלום ${token}` }));
      expect((await store.searchArtifacts({ text: `привет ${token}` })).items).toHaveLength(1);
      expect((await store.searchArtifacts({ text: `שלום ${token}` })).items).toHaveLength(1);
      for (let i = 0; i < 10; i += 1) await store.upsertArtifact(artifactInput(`mem://x/${unique('u')}`, { name: `${token} item${i}` }));
      const walked = await walkPages((p) => store.searchArtifacts({ ...p, text: token }), 5);
      expect(walked.items).toHaveLength(12);
      expect(new Set(walked.items.map((a) => a.id)).size).toBe(12);
    });
  });

  describe('edges and contexts', () => {
    it('records DERIVED_FROM and ASSOCIATED_WITH idempotently', async () => {
      const store = ctx.store();
      const base = `mem://${unique('edges')}`;
      const src = await store.upsertArtifact(artifactInput(`${base}/src`));
      const dst = await store.upsertArtifact(artifactInput(`${base}/dst`));
      const context = await store.upsertContext({ type: 'Experiment', name: unique('exp') });
      const edges = [
        { from: src.id, to: dst.id, type: 'DERIVED_FROM' as const, name: 'column lineage' },
        { from: dst.id, to: context.id, type: 'ASSOCIATED_WITH' as const },
      ];
      await store.recordEdges(edges);
      await store.recordEdges(edges);
      const t = await store.traverse({ startIds: [src.id], direction: 'DOWNSTREAM' });
      expect(t.nodes.map((n) => [n.id, n.depth])).toEqual([
        [src.id, 0],
        [dst.id, 1],
        [context.id, 2],
      ]);
      expect(t.edges).toHaveLength(2);
    });

    it('an edge to a missing node is NOT_FOUND naming it; wrong endpoint types are VALIDATION_FAILED', async () => {
      const store = ctx.store();
      const a = await store.upsertArtifact(artifactInput(`mem://${unique('e')}/a`));
      const ghost = artifactIdFor(`mem://${unique('ghost')}`, digestBytes('g'));
      await expectNotFound(store.recordEdges([{ from: a.id, to: ghost, type: 'DERIVED_FROM' }]), [ghost]);
      const { execution } = await seedExecution(store);
      await expectValidation(store.recordEdges([{ from: execution.id, to: a.id, type: 'DERIVED_FROM' }]), 'from');
      await expectValidation(store.recordEdges([{ from: a.id, to: a.id, type: 'PRODUCED' as never }]), 'type');
      const t = await store.traverse({ startIds: [a.id], direction: 'BOTH' });
      expect(t.edges).toEqual([]);
    });

    it('upserts contexts by (type, name) and reads them back', async () => {
      const store = ctx.store();
      const name = unique('ctx ✨');
      const c = await store.upsertContext({ type: 'Experiment', name, properties: { goal: 'f1' } });
      expect(c).toMatchObject({ id: contextIdFor('Experiment', name), type: 'Experiment', name, properties: { goal: 'f1' } });
      expect(await store.upsertContext({ type: 'Experiment', name, properties: { goal: 'f1' } })).toEqual(c);
      expect(await store.getContext(c.id)).toEqual(c);
      const missing = contextIdFor('Experiment', unique('none'));
      await expectNotFound(store.getContext(missing), [missing]);
      await expectCode(store.upsertContext({ type: 'Cluster' as ContextType, name }), 'INVALID_ARGUMENT');
    });
  });
}
