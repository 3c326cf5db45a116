import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalDigest, digestBytes } from '@pedigree/domain';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WAL_AUTOCHECKPOINT_PAGES, openDatabase } from './connection.ts';
import { createSqliteGraphStore } from './index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { walkSql } from './traversal.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildReport {
  readonly tag: string;
  readonly executions: readonly string[];
  readonly packages: readonly number[];
}

function runChild(args: readonly string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'multi-process-child.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child ${args[1]} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim()) as ChildReport);
    });
  });
}

describe('several processes on one file', () => {
  it('two processes writing concurrently lose nothing and never duplicate a version', async () => {
    const file = path.join(dir, 'shared.db');
    // Create the schema first so both children start writing at once rather than migrating.
    await createSqliteGraphStore({ path: file }).close();
    const count = 100;
    const startAt = String(Date.now() + 3000);
    const pipelineName = 'multi-process';
    const group = 'multi-process-group';
    const [a, b] = await Promise.all([
      runChild([file, 'a', String(count), pipelineName, group, startAt]),
      runChild([file, 'b', String(count), pipelineName, group, startAt]),
    ]);

    const store = createSqliteGraphStore({ path: file });
    try {
      const versions = await store.listPipelineVersions(pipelineName);
      expect(versions.items).toHaveLength(1);
      const executions = await store.listExecutions({ pipelineName, first: 1000 });
      expect(executions.items.map((e) => e.id).sort()).toEqual([...a!.executions, ...b!.executions].sort());
      expect(executions.items).toHaveLength(2 * count);
      // Both children wrote during the same window (otherwise this proves nothing about concurrency).
      const window = (tag: string): [string, string] => {
        const times = executions.items
          .filter((e) => e.parameters.tag === tag)
          .map((e) => e.startedAt)
          .sort();
        return [times[0]!, times[times.length - 1]!];
      };
      const [aFrom, aTo] = window('a');
      const [bFrom, bTo] = window('b');
      expect(aFrom < bTo && bFrom < aTo, `a wrote ${aFrom}..${aTo}, b wrote ${bFrom}..${bTo}`).toBe(true);
      const steps = await store.listStepExecutionsByExecution(executions.items.map((e) => e.id));
      for (const list of steps.values()) expect(list.map((s) => s.status)).toEqual(['Succeeded']);
      const packages = await store.listModelPackages({ group, first: 1000 });
      expect(packages.items.map((p) => p.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * count }, (_, i) => i + 1));
      expect([...a!.packages, ...b!.packages].sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * count }, (_, i) => i + 1));
      const models = await store.listArtifacts({ uriPrefix: 'mem://multi/', types: ['Model'], first: 1000 });
      expect(models.items).toHaveLength(2 * count);
      const shared = await store.findArtifact({ uri: 'mem://multi/shared-input' });
      const consumers = await store.traverse({
        startIds: [shared!.id],
        direction: 'DOWNSTREAM',
        edgeTypes: ['CONSUMED_BY'],
        maxDepth: 1,
        nodeLimit: 10_000,
      });
      expect(consumers.nodes).toHaveLength(2 * count + 1);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('ingest', () => {
  it('writes edges and full-text entries of a large call in multi-row chunks, all of them', async () => {
    const store = createSqliteGraphStore({ path: ':memory:' });
    try {
      const { version } = await store.upsertPipelineVersion({
        pipelineName: 'chunks',
        definition: { n: 1 },
        definitionHash: canonicalDigest({ n: 1 }),
      });
      const execution = await store.createExecution({ pipelineVersionId: version.id, parameters: {} });
      const step = await store.createStepExecution({
        executionId: execution.id,
        stepName: 'fan-in',
        stepType: 'processing',
        status: 'Starting',
      });
      await store.transitionStep({ id: step.id, from: 'Starting', to: 'Executing' });
      // 150 inputs and 70 outputs: more than one chunk of 64 rows, and a remainder, per table.
      const artifact = (i: number) => ({
        uri: `mem://chunks/${i}`,
        digest: digestBytes(`c${i}`),
        type: 'DataSet' as const,
        name: `chunkword${i}`,
        size: 1,
      });
      await store.recordStepResult({
        stepExecutionId: step.id,
        from: 'Executing',
        status: 'Succeeded',
        inputs: Array.from({ length: 150 }, (_, i) => ({ name: `in${i}`, artifact: artifact(i) })),
        outputs: Array.from({ length: 70 }, (_, i) => ({ name: `out${i}`, artifact: artifact(1000 + i) })),
      });
      const around = await store.traverse({ startIds: [step.id], direction: 'BOTH', maxDepth: 1, edgeTypes: ['CONSUMED_BY', 'PRODUCED'] });
      expect(around.nodes).toHaveLength(221);
      expect(around.edges).toHaveLength(220);
      const found = await store.searchArtifacts({ text: 'chunkword1', first: 500 });
      // chunkword1, chunkword10..19, chunkword100..149, chunkword1000..1069 (prefix match)
      expect(found.items).toHaveLength(1 + 10 + 50 + 70);
    } finally {
      await store.close();
    }
  });
});

describe('the database file', () => {
  it('applies migrations once: reopening keeps data and records each version exactly once', async () => {
    const file = path.join(dir, 'reopen.db');
    const first = createSqliteGraphStore({ path: file });
    const stored = await first.upsertArtifact({ uri: 'mem://reopen/a', digest: digestBytes('a'), type: 'DataSet', name: 'a', size: 1 });
    await first.close();
    for (let i = 0; i < 3; i += 1) {
      const again = createSqliteGraphStore({ path: file });
      expect(await again.getArtifact(stored.id)).toEqual(stored);
      expect((await again.health()).schemaVersion).toBe(SCHEMA_VERSION);
      await again.close();
    }
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      raw.close();
    }
  });

  it('refuses a file whose schema is newer than this code', async () => {
    const file = path.join(dir, 'future.db');
    await createSqliteGraphStore({ path: file }).close();
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '2099-01-01T00:00:00.000Z')")
      .run(SCHEMA_VERSION + 1);
    raw.close();
    let error: unknown;
    try {
      createSqliteGraphStore({ path: file });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    const file = path.join(dir, 'pragmas.db');
    const db = openDatabase(file, 1000);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1000);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    } finally {
      db.close();
    }
  });

  it('a write blocked by another process past the busy timeout is STORE_UNAVAILABLE; a shorter block just waits', async () => {
    const file = path.join(dir, 'busy.db');
    const store = createSqliteGraphStore({ path: file, busyTimeoutMs: 150 });
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      await expect(
        store.upsertArtifact({ uri: 'mem://busy/a', digest: digestBytes('a'), type: 'DataSet', name: 'a', size: 1 }),
      ).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      // Reads are not blocked by a writer in WAL mode.
      await expect(store.listArtifacts()).resolves.toMatchObject({ items: [] });
      setTimeout(() => other.exec('COMMIT'), 60);
      await expect(
        store.upsertArtifact({ uri: 'mem://busy/b', digest: digestBytes('b'), type: 'DataSet', name: 'b', size: 1 }),
      ).resolves.toMatchObject({ name: 'b' });
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });

  it('a row that does not have the domain shape is STORE_CORRUPT naming table and column', async () => {
    const file = path.join(dir, 'corrupt.db');
    const store = createSqliteGraphStore({ path: file });
    const a = await store.upsertArtifact({ uri: 'mem://corrupt/a', digest: digestBytes('a'), type: 'DataSet', name: 'a', size: 1 });
    const raw = new Database(file);
    raw.prepare("UPDATE artifacts SET type = 'Spreadsheet' WHERE id = ?").run(a.id);
    raw.close();
    await expect(store.getArtifact(a.id)).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      context: { table: 'artifacts', column: 'type', id: a.id },
    });
    await store.close();
  });

  it('a closed store answers STORE_UNAVAILABLE and health says not ok', async () => {
    const store = createSqliteGraphStore({ path: ':memory:' });
    await store.close();
    await expect(store.listPipelines()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((await store.health()).ok).toBe(false);
  });

  it('every traversal step reads edges through an index, never by scanning the edge table', () => {
    const db = openDatabase(':memory:', 1000);
    try {
      for (const direction of ['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const) {
        for (const filtered of [false, true]) {
          const plan = db
            .prepare(`EXPLAIN QUERY PLAN ${walkSql(direction, filtered)}`)
            .all({ starts: '[16]', maxDepth: 3, ...(filtered ? { types: '[2]' } : {}) }) as { detail: string }[];
          const details = plan.map((p) => p.detail);
          expect(
            details.some((d) => /^SCAN e\b/.test(d)),
            `${direction}/${filtered}: ${details.join(' | ')}`,
          ).toBe(false);
          expect(
            details.some((d) => /SEARCH e USING (PRIMARY KEY|INDEX edges_in|COVERING INDEX edges_in)/.test(d)),
            details.join(' | '),
          ).toBe(true);
        }
      }
    } finally {
      db.close();
    }
  });
});
