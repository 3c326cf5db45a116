import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { artifactIdFor, type ExecutionId, type PipelineVersionId, type StepExecutionId } from '@pedigree/domain';
import type { GraphStore, RecordStepResultInput } from '@pedigree/graph-store';
import { artifactIdKey, createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import Database from 'better-sqlite3';
import { buildSyntheticGraph, createRandom } from './lineage-graph.ts';

export interface LineageBenchOptions {
  readonly artifacts: number;
  readonly samples?: number;
  readonly seed?: number;
  /** Steps per recordStepResults call. */
  readonly batchSteps?: number;
  /** recordStepResults calls in flight at once (the store's group commit joins them); default 1. */
  readonly concurrency?: number;
  readonly tmpRoot?: string;
  readonly keep?: boolean;
  readonly nodeLimit?: number;
  /** SQLite durability of the measured ingest; default `full`, what Pedigree promises. */
  readonly durability?: 'full' | 'normal';
  /** Called around the timed ingest (the profiler script starts and stops V8's profiler here). */
  readonly hooks?: { readonly beforeIngest?: () => Promise<void>; readonly afterIngest?: () => Promise<void> };
}

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** CPU time of this process per call, p50: steadier than wall time on a shared machine. */
  readonly p50CpuMs: number;
  readonly meanNodes: number;
  readonly truncatedShare: number;
}

export interface LineageBenchResult {
  readonly artifacts: number;
  readonly executions: number;
  readonly stepExecutions: number;
  readonly dataEdges: number;
  readonly totalEdges: number;
  readonly setupMs: number;
  readonly ingestMs: number;
  readonly ingestEdgesPerSec: number;
  readonly ingestStepsPerSec: number;
  /** CPU time of the ingest and the rate it would reach with the CPU to itself (the machines are shared). */
  readonly ingestCpuMs: number;
  readonly ingestEdgesPerCpuSec: number;
  /** 1-minute load average before the ingest and after the traversals. */
  readonly loadAverage: readonly [number, number];
  readonly batchSteps: number;
  readonly concurrency: number;
  readonly durability: 'full' | 'normal';
  /** Transactions (group commits) the ingest took. */
  readonly ingestCommits: number;
  /**
   * Bytes the process wrote to storage during the ingest (WAL frames and checkpoints; Linux
   * /proc/self/io), null where unavailable. With synchronous=FULL every commit waits for its
   * frames to reach the disk, so this drives the gap between wall and CPU time.
   */
  readonly ingestWriteBytes: number | null;
  readonly nodeLimit: number;
  readonly samples: number;
  /** Headline figures: depth 20. */
  readonly upstreamP50Ms: number;
  readonly upstreamP95Ms: number;
  readonly downstreamP50Ms: number;
  readonly downstreamP95Ms: number;
  /** Hand-written SQL returning the same nodes and edges as the port. */
  readonly rawCteUpstreamP50Ms: number;
  /** The bare recursive CTE returning only ids and depths. */
  readonly rawCteIdsOnlyUpstreamP50Ms: number;
  readonly memoryBfsUpstreamP50Ms: number;
  readonly portToRawCteRatio: number;
  readonly portToRawCteCpuRatio: number;
  readonly portToIdsOnlyCteRatio: number;
  readonly byDepth: Readonly<
    Record<
      '5' | '20',
      Readonly<Record<'port' | 'rawCte' | 'rawCteIdsOnly' | 'memoryBfs', { upstream: LatencyFigures; downstream: LatencyFigures }>>
    >
  >;
  readonly dbBytes: number;
  readonly dbBytesPerArtifact: number;
  readonly heapGrowthDuringTraversalsBytes: number;
  readonly file: string;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Samples {
  readonly t: number[];
  readonly cpu: number[];
  readonly n: number[];
  tr: number;
}

const newSamples = (): Samples => ({ t: [], cpu: [], n: [], tr: 0 });

/** Times `fn` (wall and CPU) into `into`; `fn` returns the node count and whether it was truncated. */
async function timed(into: Samples, fn: () => Promise<[number, boolean]> | [number, boolean]): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const [nodes, truncated] = await fn();
  into.t.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  into.cpu.push((c.user + c.system) / 1000);
  into.n.push(nodes);
  if (truncated) into.tr += 1;
}

function figures({ t: times, cpu, n: nodes, tr: truncated }: Samples): LatencyFigures {
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p50CpuMs: percentile(cpu, 50),
    meanNodes: nodes.reduce((a, b) => a + b, 0) / Math.max(1, nodes.length),
    truncatedShare: truncated / Math.max(1, times.length),
  };
}

/** Bytes this process has caused to be written to storage (Linux), or null. */
function writtenBytes(): number | null {
  try {
    const match = /^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** In-memory adjacency (CSR) over every edge (by node key): the practical lower bound for a traversal. */
function loadAdjacency(db: Database.Database): {
  index: Map<number, number>;
  out: { offsets: Int32Array; targets: Int32Array };
  in: { offsets: Int32Array; targets: Int32Array };
} {
  const index = new Map<number, number>();
  const id = (s: number): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = index.size;
      index.set(s, i);
    }
    return i;
  };
  const from: number[] = [];
  const to: number[] = [];
  for (const row of db.prepare('SELECT from_key, to_key FROM edges').iterate() as Iterable<{ from_key: number; to_key: number }>) {
    from.push(id(row.from_key));
    to.push(id(row.to_key));
  }
  const csr = (src: number[], dst: number[]) => {
    const offsets = new Int32Array(index.size + 1);
    for (const s of src) offsets[s + 1]! += 1;
    for (let i = 0; i < index.size; i += 1) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, index.size);
    const targets = new Int32Array(src.length);
    for (let k = 0; k < src.length; k += 1) targets[fill[src[k]!]!++] = dst[k]!;
    return { offsets, targets };
  };
  return { index, out: csr(from, to), in: csr(to, from) };
}

function memoryBfs(
  adj: { offsets: Int32Array; targets: Int32Array },
  start: number,
  maxDepth: number,
  nodeLimit: number,
  seen: Uint8Array,
): { nodes: number; truncated: boolean } {
  const visited: number[] = [start];
  seen[start] = 1;
  let frontier = [start];
  let truncated = false;
  outer: for (let d = 0; d < maxDepth && frontier.length > 0; d += 1) {
    const next: number[] = [];
    for (const n of frontier) {
      for (let k = adj.offsets[n]!; k < adj.offsets[n + 1]!; k += 1) {
        const m = adj.targets[k]!;
        if (seen[m]) continue;
        if (visited.length === nodeLimit) {
          truncated = true;
          break outer;
        }
        seen[m] = 1;
        visited.push(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  for (const v of visited) seen[v] = 0;
  return { nodes: visited.length, truncated };
}

/** Builds the synthetic graph in a fresh embedded store, then measures ingest and traversals. */
export async function runLineageBenchmark(options: LineageBenchOptions): Promise<LineageBenchResult> {
  const samples = options.samples ?? 200;
  const batchSteps = options.batchSteps ?? 600;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const nodeLimit = options.nodeLimit ?? 1000;
  const graph = buildSyntheticGraph(options.artifacts, options.seed ?? 42);
  const dir = mkdtempSync(path.join(options.tmpRoot ?? tmpdir(), 'pedigree-bench-lineage-'));
  const file = path.join(dir, 'lineage.db');
  try {
    // Setup (not measured): pipelines, executions and steps brought to Executing. Relaxed
    // durability here only; the measured ingest below runs with the promised synchronous=FULL
    // unless --durability normal asks otherwise.
    const setupStarted = performance.now();
    const stepIds: StepExecutionId[][] = [];
    {
      const setup = createSqliteGraphStore({ path: file, durability: 'normal' });
      const versions: PipelineVersionId[] = [];
      for (const p of graph.pipelines) {
        versions.push(
          (await setup.upsertPipelineVersion({ pipelineName: p.name, definition: p.definition, definitionHash: p.definitionHash as never }))
            .version.id,
        );
      }
      // Executions concurrently, a few dozen at a time: the store's group commit applies their
      // writes in shared transactions.
      const setupOne = async (e: (typeof graph.executions)[number]): Promise<StepExecutionId[]> => {
        const execution = await setup.createExecution({ pipelineVersionId: versions[e.pipeline]!, parameters: {} });
        const ids: StepExecutionId[] = [];
        for (const s of e.steps) {
          const step = await setup.createStepExecution({
            executionId: execution.id as ExecutionId,
            stepName: s.name,
            stepType: s.stepType,
            status: 'Starting',
          });
          await setup.transitionStep({ id: step.id, from: 'Starting', to: 'Executing' });
          ids.push(step.id);
        }
        return ids;
      };
      for (let i = 0; i < graph.executions.length; i += 64) {
        stepIds.push(...(await Promise.all(graph.executions.slice(i, i + 64).map(setupOne))));
      }
      await setup.close();
    }
    const setupMs = performance.now() - setupStarted;

    let ingestCommits = 0;
    const store: GraphStore = createSqliteGraphStore({
      path: file,
      durability: options.durability ?? 'full',
      onWriteBatch: () => (ingestCommits += 1),
    });
    const results: RecordStepResultInput[] = [];
    graph.executions.forEach((e, i) =>
      e.steps.forEach((s, k) =>
        results.push({ stepExecutionId: stepIds[i]![k]!, from: 'Executing', status: 'Succeeded', inputs: s.inputs, outputs: s.outputs }),
      ),
    );
    await options.hooks?.beforeIngest?.();
    const loadBefore = loadavg()[0]!;
    const ingestCpu = process.cpuUsage();
    const writtenBefore = writtenBytes();
    const ingestStarted = performance.now();
    const batches: RecordStepResultInput[][] = [];
    for (let i = 0; i < results.length; i += batchSteps) batches.push(results.slice(i, i + batchSteps));
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches.length) await store.recordStepResults(batches[next++]!);
      }),
    );
    const ingestMs = performance.now() - ingestStarted;
    const ingestCpuUsage = process.cpuUsage(ingestCpu);
    const ingestCpuMs = (ingestCpuUsage.user + ingestCpuUsage.system) / 1000;
    const writtenAfter = writtenBytes();
    const ingestWriteBytes = writtenBefore === null || writtenAfter === null ? null : writtenAfter - writtenBefore;
    await options.hooks?.afterIngest?.();
    const ingestTransactions = ingestCommits;

    const raw = new Database(file, { readonly: true });
    const totalEdges = (raw.prepare('SELECT COUNT(*) AS n FROM edges').get() as { n: number }).n;
    const random = createRandom((options.seed ?? 42) + 1);
    const modelIds = Array.from({ length: samples }, () => {
      const m = graph.models[Math.floor(random() * graph.models.length)]!;
      return artifactIdFor(m.uri, m.digest) as string;
    });
    const datasetIds = Array.from({ length: samples }, () => {
      const d = graph.datasets[Math.floor(random() * graph.datasets.length)]!;
      return artifactIdFor(d.uri, d.digest) as string;
    });
    // Baselines on the same file and schema. "raw CTE" answers what the port answers (each node
    // with its label and kind fields, and the edges between them, by id) with hand-written SQL
    // over the same integer node keys (an artifact's key is seq * 16, other kinds carry a
    // node_key column, the low 4 bits name the kind); "ids only" is the bare recursive CTE, the
    // floor for any SQL traversal.
    const walk = (direction: 'UPSTREAM' | 'DOWNSTREAM') =>
      direction === 'UPSTREAM'
        ? 'SELECT e.from_key, walk.depth + 1 FROM walk JOIN edges e ON e.to_key = walk.key WHERE walk.depth < @depth'
        : 'SELECT e.to_key, walk.depth + 1 FROM walk JOIN edges e ON e.from_key = walk.key WHERE walk.depth < @depth';
    // Artifacts are found by id through their id key (schema version 4, see node-keys.ts).
    const start = 'SELECT seq * 16, 0 FROM artifacts WHERE id_key = @startKey AND id = @start';
    const idsOnly = {
      UPSTREAM: raw.prepare(`WITH RECURSIVE walk(key, depth) AS (${start} UNION ${walk('UPSTREAM')} LIMIT @limit)
        SELECT key, MIN(depth) AS depth FROM walk GROUP BY key`),
      DOWNSTREAM: raw.prepare(`WITH RECURSIVE walk(key, depth) AS (${start} UNION ${walk('DOWNSTREAM')} LIMIT @limit)
        SELECT key, MIN(depth) AS depth FROM walk GROUP BY key`),
    };
    const sameResult = (direction: 'UPSTREAM' | 'DOWNSTREAM') =>
      raw.prepare(`WITH RECURSIVE walk(key, depth) AS (${start} UNION ${walk(direction)} LIMIT @limit),
        visited AS MATERIALIZED (SELECT key, MIN(depth) AS depth FROM walk GROUP BY key)
        SELECT v.key, v.depth, a.id, a.name AS label, a.type AS a, a.uri AS b, a.digest AS c FROM visited v JOIN artifacts a ON a.seq = v.key >> 4 WHERE v.key & 15 = 0
        UNION ALL SELECT v.key, v.depth, s.id, s.step_name, s.step_type, s.status, NULL FROM visited v JOIN step_executions s ON s.node_key = v.key
        UNION ALL SELECT v.key, v.depth, x.id, x.pipeline_name, NULL, x.status, NULL FROM visited v JOIN executions x ON x.node_key = v.key
        UNION ALL SELECT v.key, v.depth, pv.id, pv.pipeline_name, NULL, NULL, NULL FROM visited v JOIN pipeline_versions pv ON pv.node_key = v.key
        UNION ALL SELECT v.key, v.depth, p.node_id, p.name, NULL, NULL, NULL FROM visited v JOIN pipelines p ON p.node_key = v.key
        UNION ALL SELECT v.key, v.depth, m.id, m.group_name, NULL, m.approval_status, NULL FROM visited v JOIN model_packages m ON m.node_key = v.key`);
    const rawNodes = { UPSTREAM: sameResult('UPSTREAM'), DOWNSTREAM: sameResult('DOWNSTREAM') };
    const rawEdges = {
      UPSTREAM: raw.prepare('SELECT e.from_key, e.to_key, e.type FROM json_each(?) v JOIN edges e ON e.to_key = v.value'),
      DOWNSTREAM: raw.prepare('SELECT e.from_key, e.to_key, e.type FROM json_each(?) v JOIN edges e ON e.from_key = v.value'),
    };
    const rawTraverse = (direction: 'UPSTREAM' | 'DOWNSTREAM', startId: string, depth: number): [number, boolean] => {
      const nodes = rawNodes[direction].all({ start: startId, startKey: artifactIdKey(startId), depth, limit: nodeLimit }) as {
        key: number;
        id: string;
      }[];
      const idOf = new Map(nodes.map((n) => [n.key, n.id]));
      const edges = (rawEdges[direction].all(JSON.stringify([...idOf.keys()])) as { from_key: number; to_key: number; type: number }[])
        .filter((e) => idOf.has(e.from_key) && idOf.has(e.to_key))
        .map((e) => ({ from: idOf.get(e.from_key)!, to: idOf.get(e.to_key)!, type: e.type }));
      return [nodes.length, nodes.length >= nodeLimit && edges.length >= 0];
    };
    const adjacency = loadAdjacency(raw);
    const keyOfArtifact = raw.prepare('SELECT seq * 16 FROM artifacts WHERE id_key = ? AND id = ?').pluck(true);
    const adjacencyIndexOf = new Map(
      [...modelIds, ...datasetIds].map((id) => [id, adjacency.index.get(keyOfArtifact.get(artifactIdKey(id), id) as number)!]),
    );
    const seen = new Uint8Array(adjacency.index.size);

    // Warm the page cache and statement caches before timing.
    for (const id of modelIds.slice(0, 20)) {
      await store.traverse({ startIds: [id], direction: 'UPSTREAM', maxDepth: 20, nodeLimit });
      rawTraverse('UPSTREAM', id, 20);
    }

    const heapBefore = process.memoryUsage().heapUsed;
    const byDepth = {} as Record<'5' | '20', LineageBenchResult['byDepth']['5']>;
    for (const depth of [5, 20] as const) {
      const measure = async (direction: 'UPSTREAM' | 'DOWNSTREAM', starts: string[]) => {
        const port = newSamples();
        const rawCte = newSamples();
        const ids = newSamples();
        const mem = newSamples();
        for (const id of starts) {
          await timed(port, async () => {
            const r = await store.traverse({ startIds: [id], direction, maxDepth: depth, nodeLimit });
            return [r.nodes.length, r.truncated];
          });
          await timed(rawCte, () => rawTraverse(direction, id, depth));
          await timed(ids, () => {
            const rows = idsOnly[direction].all({ start: id, startKey: artifactIdKey(id), depth, limit: nodeLimit });
            return [rows.length, rows.length >= nodeLimit];
          });
          await timed(mem, () => {
            const b = memoryBfs(direction === 'UPSTREAM' ? adjacency.in : adjacency.out, adjacencyIndexOf.get(id)!, depth, nodeLimit, seen);
            return [b.nodes, b.truncated];
          });
        }
        return { port: figures(port), rawCte: figures(rawCte), rawCteIdsOnly: figures(ids), memoryBfs: figures(mem) };
      };
      const up = await measure('UPSTREAM', modelIds);
      const down = await measure('DOWNSTREAM', datasetIds);
      byDepth[depth] = {
        port: { upstream: up.port, downstream: down.port },
        rawCte: { upstream: up.rawCte, downstream: down.rawCte },
        rawCteIdsOnly: { upstream: up.rawCteIdsOnly, downstream: down.rawCteIdsOnly },
        memoryBfs: { upstream: up.memoryBfs, downstream: down.memoryBfs },
      };
    }
    const heapGrowthDuringTraversalsBytes = Math.max(0, process.memoryUsage().heapUsed - heapBefore);
    raw.close();
    await store.close();

    const checkpoint = new Database(file);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    const dbBytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const head = byDepth['20'];
    return {
      artifacts: graph.artifactCount,
      executions: graph.executions.length,
      stepExecutions: results.length,
      dataEdges: graph.dataEdgeCount,
      totalEdges,
      setupMs,
      ingestMs,
      ingestEdgesPerSec: graph.dataEdgeCount / (ingestMs / 1000),
      ingestStepsPerSec: results.length / (ingestMs / 1000),
      ingestCpuMs,
      ingestEdgesPerCpuSec: graph.dataEdgeCount / (ingestCpuMs / 1000),
      loadAverage: [loadBefore, loadavg()[0]!],
      batchSteps,
      concurrency,
      durability: options.durability ?? 'full',
      ingestCommits: ingestTransactions,
      ingestWriteBytes,
      nodeLimit,
      samples,
      upstreamP50Ms: head.port.upstream.p50Ms,
      upstreamP95Ms: head.port.upstream.p95Ms,
      downstreamP50Ms: head.port.downstream.p50Ms,
      downstreamP95Ms: head.port.downstream.p95Ms,
      rawCteUpstreamP50Ms: head.rawCte.upstream.p50Ms,
      rawCteIdsOnlyUpstreamP50Ms: head.rawCteIdsOnly.upstream.p50Ms,
      memoryBfsUpstreamP50Ms: head.memoryBfs.upstream.p50Ms,
      portToRawCteRatio: head.port.upstream.p50Ms / head.rawCte.upstream.p50Ms,
      portToRawCteCpuRatio: head.port.upstream.p50CpuMs / head.rawCte.upstream.p50CpuMs,
      portToIdsOnlyCteRatio: head.port.upstream.p50Ms / head.rawCteIdsOnly.upstream.p50Ms,
      byDepth,
      dbBytes,
      dbBytesPerArtifact: dbBytes / graph.artifactCount,
      heapGrowthDuringTraversalsBytes,
      file,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
