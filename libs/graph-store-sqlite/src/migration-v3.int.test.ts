import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  artifactIdFor,
  canonicalDigest,
  contextIdFor,
  digestBytes,
  openLineageJobContextId,
  openLineageRunNodeId,
  pipelineNodeIdFor,
  pipelineVersionIdFor,
  type ArtifactId,
  type StepExecutionId,
} from '@pedigree/domain';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteGraphStore } from './index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

/*
 * A store written by the version-1 or version-2 code (TEXT ids in edges and step_artifacts) must
 * migrate forward with its data: the fixture below is written with that schema and the rows that
 * code wrote, then opened by the current adapter.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-v3-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const pipelineName = 'legacy';
const definition = { name: pipelineName, steps: ['train', 'eval'] };
const definitionHash = canonicalDigest(definition);
const pl = pipelineNodeIdFor(pipelineName);
const pv = pipelineVersionIdFor(pipelineName, definitionHash);
const ex = 'ex_019000000000700000000000000000a1';
const seTrain = 'se_019000000000700000000000000000b1' as StepExecutionId;
const seEval = 'se_019000000000700000000000000000b2' as StepExecutionId;
const mp = 'mp_019000000000700000000000000000c1';
const cx = contextIdFor('Experiment', 'legacy-exp');
const art = (name: string) => ({
  uri: `s3://legacy/${name}`,
  digest: digestBytes(name),
  id: artifactIdFor(`s3://legacy/${name}`, digestBytes(name)),
});
const data = art('data.csv');
const model = art('model.onnx');
const report = art('report.html');

const olRun = openLineageRunNodeId('00000000-0000-4000-8000-0000000000a1');
const olParent = openLineageRunNodeId('00000000-0000-4000-8000-0000000000a0');
const olJob = openLineageJobContextId('airflow', 'nightly');

/**
 * Writes a database at `file` with the schema of `version` (1 or 2) and a small lineage graph,
 * as the adapter of that version did (TEXT ids in edges and step_artifacts).
 */
function writeOldStore(file: string, version: 1 | 2): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T0);
    }
    db.prepare('INSERT INTO pipelines (name, node_id, description, created_at, latest_version) VALUES (?, ?, NULL, ?, 1)').run(
      pipelineName,
      pl,
      T0,
    );
    db.prepare('INSERT INTO pipeline_versions VALUES (?, ?, 1, ?, ?, ?)').run(
      pv,
      pipelineName,
      definitionHash,
      JSON.stringify(definition),
      T0,
    );
    db.prepare("INSERT INTO executions VALUES (?, ?, ?, 'Succeeded', '{}', ?, ?, NULL, NULL, NULL, 3)").run(ex, pipelineName, pv, T0, T1);
    const step = db.prepare(
      `INSERT INTO step_executions (id, execution_id, pipeline_name, step_name, step_type, status, attempt, attempts, cache_key, started_at, ended_at, revision)
       VALUES (?, ?, ?, ?, ?, 'Succeeded', 1, '[]', ?, ?, ?, 3)`,
    );
    step.run(seTrain, ex, pipelineName, 'train', 'training', 'key-train', T0, T1);
    step.run(seEval, ex, pipelineName, 'eval', 'evaluation', null, T0, T1);
    const artifact = db.prepare(
      'INSERT INTO artifacts (id, uri, digest, type, name, size, properties, created_at) VALUES (?, ?, ?, ?, ?, 1, \'{"team":"blue"}\', ?)',
    );
    const fts = db.prepare("INSERT INTO artifacts_fts (rowid, name, uri, props) VALUES (?, ?, ?, 'blue')");
    for (const [a, type] of [
      [data, 'DataSet'],
      [model, 'Model'],
      [report, 'Report'],
    ] as const) {
      const seq = artifact.run(a.id, a.uri, a.digest, type, a.uri.split('/').pop(), T0).lastInsertRowid;
      fts.run(seq, a.uri.split('/').pop(), a.uri);
    }
    db.prepare("INSERT INTO model_packages VALUES (?, 'legacy-models', 1, 'Approved', ?, ?, NULL, '{}', ?)").run(mp, model.id, seTrain, T1);
    db.prepare("INSERT INTO contexts VALUES (?, 'Experiment', 'legacy-exp', '{}', ?)").run(cx, T0);
    const link = db.prepare('INSERT INTO step_artifacts VALUES (?, ?, ?, ?)');
    link.run(seTrain, 'input', 'train', data.id);
    link.run(seTrain, 'output', 'model', model.id);
    link.run(seEval, 'input', 'model', model.id);
    link.run(seEval, 'output', 'report', report.id);
    const edge = db.prepare('INSERT INTO edges (from_id, type, to_id, name) VALUES (?, ?, ?, ?)');
    edge.run(pv, 'VERSION_OF', pl, null);
    edge.run(ex, 'RUN_OF', pv, null);
    edge.run(seTrain, 'PART_OF', ex, null);
    edge.run(seEval, 'PART_OF', ex, null);
    edge.run(data.id, 'CONSUMED_BY', seTrain, null);
    edge.run(seTrain, 'PRODUCED', model.id, null);
    edge.run(model.id, 'CONSUMED_BY', seEval, null);
    edge.run(seEval, 'PRODUCED', report.id, null);
    edge.run(model.id, 'PACKAGED_AS', mp, null);
    edge.run(ex, 'ASSOCIATED_WITH', cx, null);
    edge.run(data.id, 'DERIVED_FROM', report.id, 'summarised');
    // An edge whose end is gone (never written by the adapter, but a hand-edited file may hold one).
    edge.run(artifactIdFor('s3://legacy/deleted', digestBytes('x')), 'CONSUMED_BY', seEval, null);
    if (version === 2) {
      // An OpenLineage run (and its parent, only known as such) reading the legacy report.
      const run = db.prepare(
        "INSERT INTO ol_runs (run_id, node_id, job_namespace, job_name, state, started_at) VALUES (?, ?, 'airflow', 'nightly', ?, ?)",
      );
      run.run(olRun.slice(4), olRun, 'COMPLETE', T1);
      run.run(olParent.slice(4), olParent, null, null);
      db.prepare("INSERT INTO contexts VALUES (?, 'OpenLineageJob', 'nightly', '{}', ?)").run(olJob, T1);
      edge.run(report.id, 'CONSUMED_BY', olRun, null);
      edge.run(olRun, 'PART_OF', olParent, null);
      edge.run(olRun, 'ASSOCIATED_WITH', olJob, null);
    }
  } finally {
    db.close();
  }
}

describe('migration to version 3 (integer node keys)', () => {
  it.each([1, 2] as const)(
    'carries a version-%i store forward: lineage, channels, cache hits, producers, search, then new writes',
    async (version) => {
      const file = path.join(dir, `v${version}.db`);
      writeOldStore(file, version);
      const store = createSqliteGraphStore({ path: file });
      try {
        expect((await store.health()).schemaVersion).toBe(SCHEMA_VERSION);

        const down = await store.traverse({ startIds: [data.id], direction: 'DOWNSTREAM', maxDepth: 10 });
        expect(down.truncated).toBe(false);
        const olDepths = version === 2 ? { [olRun]: 2, [olParent]: 3, [olJob]: 3 } : {};
        expect(Object.fromEntries(down.nodes.map((n) => [n.id, n.depth]))).toEqual({
          ...olDepths,
          [data.id]: 0,
          [seTrain]: 1,
          [report.id]: 1,
          [model.id]: 2,
          [ex]: 2,
          [seEval]: 3,
          [mp]: 3,
          [pv]: 3,
          [cx]: 3,
          [pl]: 4,
        });
        const key = (e: { from: string; type: string; to: string }) => `${e.from} ${e.type} ${e.to}`;
        expect(down.edges.map(key).sort()).toEqual(
          [
            `${pv} VERSION_OF ${pl}`,
            `${ex} RUN_OF ${pv}`,
            `${seTrain} PART_OF ${ex}`,
            `${seEval} PART_OF ${ex}`,
            `${data.id} CONSUMED_BY ${seTrain}`,
            `${seTrain} PRODUCED ${model.id}`,
            `${model.id} CONSUMED_BY ${seEval}`,
            `${seEval} PRODUCED ${report.id}`,
            `${model.id} PACKAGED_AS ${mp}`,
            `${ex} ASSOCIATED_WITH ${cx}`,
            `${data.id} DERIVED_FROM ${report.id}`,
            ...(version === 2
              ? [`${report.id} CONSUMED_BY ${olRun}`, `${olRun} PART_OF ${olParent}`, `${olRun} ASSOCIATED_WITH ${olJob}`]
              : []),
          ].sort(),
        );
        const up = await store.traverse({
          startIds: [report.id],
          direction: 'UPSTREAM',
          maxDepth: 10,
          edgeTypes: ['PRODUCED', 'CONSUMED_BY'],
        });
        expect(up.nodes.map((n) => n.id).sort()).toEqual([data.id, model.id, report.id, seEval, seTrain].sort());

        const links = await store.listStepArtifacts([seTrain, seEval]);
        expect(links.map((l) => [l.stepExecutionId, l.direction, l.name, l.artifact.id])).toEqual([
          [seTrain, 'input', 'train', data.id],
          [seTrain, 'output', 'model', model.id],
          [seEval, 'input', 'model', model.id],
          [seEval, 'output', 'report', report.id],
        ]);
        const hit = await store.findCacheHit({ cacheKey: 'key-train' });
        expect(hit?.stepExecution.id).toBe(seTrain);
        expect(hit?.outputs.map((o) => [o.name, o.artifact.id])).toEqual([['model', model.id]]);
        expect((await store.getArtifactProducers([model.id, report.id, data.id])).map((s) => s?.id ?? null)).toEqual([
          seTrain,
          seEval,
          null,
        ]);
        expect((await store.searchArtifacts({ text: 'model' })).items.map((a) => a.id)).toEqual([model.id]);
        expect((await store.getModelPackage(mp as never)).modelArtifactId).toBe(model.id);

        // The edge with a missing end was dropped; every other edge kept its name.
        const raw = new Database(file, { readonly: true });
        try {
          expect(raw.prepare('SELECT COUNT(*) AS n FROM edges').get()).toEqual({ n: version === 2 ? 14 : 11 });
          expect(raw.prepare('SELECT name FROM edges WHERE name IS NOT NULL').all()).toEqual([{ name: 'summarised' }]);
          // Every node row got a key of its own kind (low 4 bits), none shared.
          for (const [table, code] of [
            ['step_executions', 1],
            ['executions', 2],
            ['pipeline_versions', 3],
            ['pipelines', 4],
            ['model_packages', 5],
            ['contexts', 6],
            ...(version === 2 ? ([['ol_runs', 7]] as const) : []),
          ] as const) {
            const keys = (raw.prepare(`SELECT node_key FROM ${table}`).all() as { node_key: number | null }[]).map((r) => r.node_key);
            expect(
              keys.every((k) => k !== null && k % 16 === code && k >= 16),
              table,
            ).toBe(true);
            expect(new Set(keys).size, table).toBe(keys.length);
          }
          expect(
            (raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version),
          ).toEqual(MIGRATIONS.map((m) => m.version));
        } finally {
          raw.close();
        }

        // New nodes get keys that collide with no migrated one, and link to migrated nodes.
        const retry = await store.createStepExecution({
          executionId: ex as never,
          stepName: 'retrain',
          stepType: 'training',
          status: 'Starting',
        });
        await store.transitionStep({ id: retry.id, from: 'Starting', to: 'Executing' });
        const extra = {
          uri: 's3://legacy/model-2.onnx',
          digest: digestBytes('model-2'),
          type: 'Model' as const,
          name: 'model-2.onnx',
          size: 1,
        };
        await store.recordStepResult({
          stepExecutionId: retry.id,
          from: 'Executing',
          status: 'Succeeded',
          inputs: [{ name: 'train', artifact: { uri: data.uri, digest: data.digest, type: 'DataSet', name: 'data.csv', size: 1 } }],
          outputs: [{ name: 'model', artifact: extra }],
        });
        const extraId: ArtifactId = artifactIdFor(extra.uri, extra.digest);
        const again = await store.traverse({ startIds: [data.id], direction: 'DOWNSTREAM', maxDepth: 1 });
        expect(again.nodes.map((n) => n.id).sort()).toEqual([data.id, report.id, retry.id, seTrain].sort());
        const fromRetry = await store.traverse({ startIds: [retry.id], direction: 'DOWNSTREAM', maxDepth: 1 });
        expect(fromRetry.edges.map(key).sort()).toEqual([`${retry.id} PART_OF ${ex}`, `${retry.id} PRODUCED ${extraId}`].sort());
      } finally {
        await store.close();
      }
    },
  );
});
