import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  artifactIdFor,
  canonicalDigest,
  digestBytes,
  pipelineNodeIdFor,
  pipelineVersionIdFor,
  type ArtifactId,
  type StepExecutionId,
} from '@pedigree/domain';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteGraphStore } from './index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { artifactIdKey } from './node-keys.ts';

/*
 * A store written by the version-3 code (a UNIQUE index on artifacts.id, model_packages.model_artifact_id
 * REFERENCES artifacts(id)) must migrate to version 4 (artifacts found by id_key + id) with its data.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-v4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const pipelineName = 'legacy';
const definition = { name: pipelineName, steps: ['train'] };
const definitionHash = canonicalDigest(definition);
const pl = pipelineNodeIdFor(pipelineName);
const pv = pipelineVersionIdFor(pipelineName, definitionHash);
const ex = 'ex_019000000000700000000000000000a1';
const se = 'se_019000000000700000000000000000b1' as StepExecutionId;
const mp = 'mp_019000000000700000000000000000c1';
const art = (name: string) => ({
  uri: `s3://legacy/${name}`,
  digest: digestBytes(name),
  id: artifactIdFor(`s3://legacy/${name}`, digestBytes(name)),
});
const data = art('data.csv');
const model = art('model.onnx');

/** Writes a version-3 database at `file` as the version-3 adapter did (seq 1 and 2, node keys, edges on keys). */
function writeVersion3Store(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T0);
    }
    db.prepare(
      'INSERT INTO pipelines (name, node_id, description, created_at, latest_version, node_key) VALUES (?, ?, NULL, ?, 1, 20)',
    ).run(pipelineName, pl, T0);
    db.prepare('INSERT INTO pipeline_versions VALUES (?, ?, 1, ?, ?, ?, 19)').run(
      pv,
      pipelineName,
      definitionHash,
      JSON.stringify(definition),
      T0,
    );
    db.prepare("INSERT INTO executions VALUES (?, ?, ?, 'Succeeded', '{}', ?, ?, NULL, NULL, NULL, 3, 18)").run(
      ex,
      pipelineName,
      pv,
      T0,
      T1,
    );
    db.prepare(
      `INSERT INTO step_executions (id, execution_id, pipeline_name, step_name, step_type, status, attempt, attempts, cache_key, started_at, ended_at, revision, node_key)
       VALUES (?, ?, ?, 'train', 'training', 'Succeeded', 1, '[]', 'key-train', ?, ?, 3, 17)`,
    ).run(se, ex, pipelineName, T0, T1);
    const artifact = db.prepare(
      'INSERT INTO artifacts (seq, id, uri, digest, type, name, size, properties, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, \'{"team":"blue"}\', ?)',
    );
    const fts = db.prepare("INSERT INTO artifacts_fts (rowid, name, uri, props) VALUES (?, ?, ?, 'blue')");
    for (const [seq, a, type] of [
      [1, data, 'DataSet'],
      [2, model, 'Model'],
    ] as const) {
      artifact.run(seq, a.id, a.uri, a.digest, type, a.uri.split('/').pop(), T0);
      fts.run(seq, a.uri.split('/').pop(), a.uri);
    }
    db.prepare("INSERT INTO model_packages VALUES (?, 'legacy-models', 1, 'Approved', ?, ?, NULL, '{}', ?, 21)").run(mp, model.id, se, T1);
    db.prepare("INSERT INTO approvals VALUES (?, 1, 'Approved', 'alice', ?, NULL)").run(mp, T1);
    const link = db.prepare('INSERT INTO step_artifacts VALUES (17, ?, ?, ?)');
    link.run('input', 'train', 1);
    link.run('output', 'model', 2);
    const edge = db.prepare('INSERT INTO edges (from_key, type, to_key, name) VALUES (?, ?, ?, NULL)');
    edge.run(19, 5, 20); // VERSION_OF
    edge.run(18, 4, 19); // RUN_OF
    edge.run(17, 3, 18); // PART_OF
    edge.run(16, 1, 17); // data CONSUMED_BY step
    edge.run(17, 2, 32); // step PRODUCED model
    edge.run(32, 8, 21); // model PACKAGED_AS package
  } finally {
    db.close();
  }
}

describe('migration to version 4 (artifact id keys)', () => {
  it('carries a version-3 store forward: artifacts by id, packages, lineage, search, then new writes', async () => {
    const file = path.join(dir, 'v3.db');
    writeVersion3Store(file);
    const store = createSqliteGraphStore({ path: file });
    try {
      expect((await store.health()).schemaVersion).toBe(SCHEMA_VERSION);
      expect((await store.getArtifact(model.id as never)).uri).toBe(model.uri);
      expect(
        (await store.getArtifacts([data.id, 'ar_0000000000000000000000000000dead' as ArtifactId, model.id])).map((a) => a?.id ?? null),
      ).toEqual([data.id, null, model.id]);
      expect((await store.findArtifact({ uri: data.uri, digest: data.digest }))?.id).toBe(data.id);
      expect((await store.getArtifactProducers([model.id])).map((s) => s?.id ?? null)).toEqual([se]);
      expect((await store.searchArtifacts({ text: 'model' })).items.map((a) => a.id)).toEqual([model.id]);
      const pkg = await store.getModelPackage(mp as never);
      expect(pkg.modelArtifactId).toBe(model.id);
      expect(pkg.approvals.map((a) => a.by)).toEqual(['alice']);
      expect((await store.listModelPackagesByArtifact([model.id as never])).get(model.id as never)?.map((p) => p.id)).toEqual([mp]);
      const down = await store.traverse({ startIds: [data.id], direction: 'DOWNSTREAM', maxDepth: 10 });
      expect(Object.fromEntries(down.nodes.map((n) => [n.id, n.depth]))).toEqual({
        [data.id]: 0,
        [se]: 1,
        [model.id]: 2,
        [ex]: 2,
        [mp]: 3,
        [pv]: 3,
        [pl]: 4,
      });

      // The same (uri, digest) again is the same artifact, not a second row.
      const again = await store.upsertArtifact({ uri: data.uri, digest: data.digest, type: 'DataSet', name: 'data.csv', size: 1 });
      expect(again.id).toBe(data.id);
      // A package still needs an existing artifact (no foreign key any more: the adapter checks).
      await expect(
        store.registerModelPackage({
          group: 'legacy-models',
          modelArtifactId: artifactIdFor('s3://legacy/missing', digestBytes('missing')),
          approvalStatus: 'PendingManualApproval',
          by: 'bob',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const fresh = await store.upsertArtifact({
        uri: 's3://legacy/model-2.onnx',
        digest: digestBytes('m2'),
        type: 'Model',
        name: 'model-2.onnx',
        size: 1,
      });
      const second = await store.registerModelPackage({
        group: 'legacy-models',
        modelArtifactId: fresh.id,
        approvalStatus: 'Approved',
        by: 'bob',
      });
      expect(second.modelPackage.version).toBe(2);
      const packaged = await store.traverse({ startIds: [fresh.id], direction: 'DOWNSTREAM', maxDepth: 1 });
      expect(packaged.edges.map((e) => `${e.from} ${e.type} ${e.to}`)).toEqual([`${fresh.id} PACKAGED_AS ${second.modelPackage.id}`]);
    } finally {
      await store.close();
    }

    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT seq, id, id_key FROM artifacts ORDER BY seq').all() as { seq: number; id: string; id_key: number }[];
      expect(rows.slice(0, 2).map((r) => [r.seq, r.id])).toEqual([
        [1, data.id],
        [2, model.id],
      ]);
      expect(rows.length).toBe(3);
      for (const r of rows) expect(r.id_key).toBe(artifactIdKey(r.id));
      // No unique index on the id, an index on the key; no foreign key from packages to artifacts.
      const indexes = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'artifacts'").all() as {
        name: string;
        sql: string | null;
      }[];
      expect(indexes.map((i) => i.name).sort()).toEqual([
        'artifacts_created',
        'artifacts_id_key',
        'artifacts_type_created',
        'artifacts_uri',
      ]);
      const parents = (table: string) => (raw.pragma(`foreign_key_list(${table})`) as { table: string }[]).map((f) => f.table);
      expect(parents('model_packages')).toEqual(['step_executions']);
      expect(parents('approvals')).toEqual(['model_packages']);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      expect(raw.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE '%_v4'").get()).toEqual({ n: 0 });
      expect(
        (raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version),
      ).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      raw.close();
    }
  });

  it('artifact id keys: the first 13 hex digits, 0 for anything that is not an artifact id', () => {
    expect(artifactIdKey('ar_0123456789abcdef0123456789abcdef')).toBe(0x0123456789abc);
    expect(artifactIdKey('ar_fffffffffffff')).toBe(2 ** 52 - 1);
    expect(Number.isSafeInteger(artifactIdKey('ar_fffffffffffffffffffffffffffffff'))).toBe(true);
    for (const id of ['', 'ar_', 'ar_0123', 'ar_0123456789ABCdef', 'se_0123456789abcdef', 'nope']) expect(artifactIdKey(id)).toBe(0);
  });
});
