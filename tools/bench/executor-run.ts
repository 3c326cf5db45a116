/**
 * Runs the executor benchmark: a warm-up pipeline (starts the handler worker pool and JITs the
 * code paths), then the benchmark pipeline cold (every step a cache miss that runs its handler),
 * then the same pipeline again (every step a cache hit), each on the embedded SQLite store and a
 * local artifact store in a fresh temporary data directory.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalArtifactStore } from '@pedigree/artifact-store';
import type { StepExecution } from '@pedigree/domain';
import { createExecutor, type Executor } from '@pedigree/executor';
import type { GraphStore } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import type { PipelineDefinition } from '@pedigree/sdk';
import { BENCH_PROJECT_ROOT, buildBenchPipeline, STEPS_PER_GROUP } from './executor-pipeline.ts';
import { createCallRecorder, summarizeCalls, withCallTiming } from './executor-profile.ts';

export type CallSummary = ReturnType<typeof summarizeCalls>;

export interface ExecutorBenchOptions {
  /** Steps of the benchmark pipeline, a multiple of 50; default 1,000. */
  readonly steps?: number;
  /** The SQLite store's durability: `full` (default, an fsync per commit, what Pedigree promises) or `normal`. */
  readonly durability?: 'full' | 'normal';
  /** Where the temporary data directory is created; default the OS temp directory. */
  readonly tmpRoot?: string;
  /** Keep the data directory (for inspection) instead of deleting it. */
  readonly keepDataDir?: boolean;
}

export interface ExecutorBenchResult {
  readonly steps: number;
  readonly cpus: number;
  /** 1-minute load average when the benchmark started and when it ended: other work on the machine skews every figure. */
  readonly loadAverage: readonly [number, number];
  readonly maxParallelSteps: number;
  readonly durability: 'full' | 'normal';
  /** Building and compiling the definition with the SDK. */
  readonly compileMs: number;
  /** The warm-up pipeline (50 steps, another name) run before measuring. */
  readonly warmupMs: number;
  /** Cold run: start() to wait() resolving. */
  readonly totalMs: number;
  /** Sum over steps of the time spent inside the handler function. */
  readonly handlerMs: number;
  /** (totalMs - handlerMs) / steps. */
  readonly perStepOverheadMs: number;
  /** totalMs / steps. */
  readonly perStepWallMs: number;
  /** Mean of (endedAt - startedAt) per step in the cold run, as recorded in the store. */
  readonly meanStepSpanMs: number;
  /** Cached run: start() to wait() resolving. */
  readonly cachedTotalMs: number;
  /** cachedTotalMs / steps. */
  readonly cacheHitPerStepMs: number;
  /** The data directory when kept, else null. */
  readonly dataDir: string | null;
  /** The file system the data directory was on (its parent directory). */
  readonly tmpRoot: string;
  /** Mean latency of write + fsync of a small file in the data directory: what every durable store commit pays at least. */
  readonly fsyncMs: number;
  /** Process CPU time (user + system, main thread and workers) per step of the cold and the cached run: less sensitive to other load than wall time. */
  readonly cpuMsPerStep: { readonly cold: number; readonly cached: number };
  /** Graph-store write calls (each one transaction, so one commit) per step in the cold and the cached run. */
  readonly storeWritesPerStep: { readonly cold: number; readonly cached: number };
  /** Graph-store and artifact-store calls of the cold and the cached run, most time first (overlapping calls each count fully). */
  readonly calls: { readonly cold: CallSummary; readonly cached: CallSummary };
}

export async function runExecutorBenchmark(options: ExecutorBenchOptions = {}): Promise<ExecutorBenchResult> {
  const steps = options.steps ?? 1000;
  const durability = options.durability ?? 'full';
  const loadBefore = loadavg()[0] ?? 0;
  const compileStarted = performance.now();
  const definition = buildBenchPipeline(steps);
  const compileMs = performance.now() - compileStarted;
  const warmup = buildBenchPipeline(STEPS_PER_GROUP, { name: 'bench-executor-warmup', salt: 'warm-up' });

  const dataDir = await mkdtemp(path.join(options.tmpRoot ?? tmpdir(), 'pedigree-bench-executor-'));
  const fsyncMs = measureFsync(dataDir);
  const recorder = createCallRecorder();
  const store = withCallTiming(createSqliteGraphStore({ path: path.join(dataDir, 'pedigree.db'), durability }), 'store', recorder);
  const artifacts = withCallTiming(createLocalArtifactStore({ root: path.join(dataDir, 'artifacts') }), 'artifacts', recorder);
  const maxParallelSteps = 8;
  const executor = createExecutor({ store, artifacts, dataDir, projectRoot: BENCH_PROJECT_ROOT, maxParallelSteps });
  try {
    const warm = await timedRun(executor, store, warmup);
    expectAll(warm.steps, 'Succeeded', 'warm-up');

    recorder.reset();
    let coldCalls: CallSummary = [];
    const cold = await timedRun(executor, store, definition, () => (coldCalls = summarizeCalls(recorder, steps)));
    expectAll(cold.steps, 'Succeeded', 'cold run');
    const handlerMs = cold.steps.reduce((sum, step) => sum + handlerTime(step), 0);
    const spans = cold.steps.map((step) => Date.parse(step.endedAt ?? '') - Date.parse(step.startedAt ?? ''));

    recorder.reset();
    let cachedCalls: CallSummary = [];
    const cached = await timedRun(executor, store, definition, () => (cachedCalls = summarizeCalls(recorder, steps)));
    expectAll(cached.steps, 'Cached', 'cached run');

    return {
      steps,
      cpus: availableParallelism(),
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
      maxParallelSteps,
      durability,
      compileMs,
      warmupMs: warm.ms,
      totalMs: cold.ms,
      handlerMs,
      perStepOverheadMs: (cold.ms - handlerMs) / steps,
      perStepWallMs: cold.ms / steps,
      meanStepSpanMs: spans.reduce((a, b) => a + b, 0) / steps,
      cachedTotalMs: cached.ms,
      cacheHitPerStepMs: cached.ms / steps,
      dataDir: options.keepDataDir ? dataDir : null,
      tmpRoot: path.dirname(dataDir),
      fsyncMs,
      cpuMsPerStep: { cold: cold.cpuMs / steps, cached: cached.cpuMs / steps },
      storeWritesPerStep: { cold: writesPerStep(coldCalls), cached: writesPerStep(cachedCalls) },
      calls: { cold: coldCalls, cached: cachedCalls },
    };
  } finally {
    await executor.close();
    await store.close();
    if (!options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs one execution; `onEnded` is called as soon as it ended, before the steps are read back. */
async function timedRun(
  executor: Executor,
  store: GraphStore,
  definition: PipelineDefinition,
  onEnded: () => void = () => {},
): Promise<{ ms: number; cpuMs: number; steps: readonly StepExecution[] }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const id = await executor.start(definition);
  const execution = await executor.wait(id);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  onEnded();
  if (execution.status !== 'Succeeded')
    throw new Error(`benchmark execution ${id} ended ${execution.status}: ${execution.failureReason ?? ''}`);
  const { steps } = await store.getExecutionWithSteps(id);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, steps };
}

function expectAll(steps: readonly StepExecution[], status: StepExecution['status'], what: string): void {
  const wrong = steps.filter((step) => step.status !== status);
  if (wrong.length > 0) {
    throw new Error(
      `${what}: ${wrong.length} of ${steps.length} steps are not ${status} (first: ${wrong[0]?.stepName} ${wrong[0]?.status})`,
    );
  }
}

function handlerTime(step: StepExecution): number {
  const result = step.properties?.['result'];
  const ms = result !== null && typeof result === 'object' && !Array.isArray(result) ? result['handlerMs'] : undefined;
  if (typeof ms !== 'number') throw new Error(`step ${step.stepName} recorded no handlerMs`);
  return ms;
}

/** Mean of `rounds` small write + fsync pairs on a file in `dir`. */
function measureFsync(dir: string, rounds = 50): number {
  const file = path.join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  try {
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      writeSync(fd, 'x');
      fsyncSync(fd);
    }
    return (performance.now() - started) / rounds;
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}

const STORE_WRITE = /^store\.(create|transition|record|upsert|register|set|invalidate)/;

function writesPerStep(summary: CallSummary): number {
  return summary.filter((call) => STORE_WRITE.test(call.name)).reduce((sum, call) => sum + call.callsPerStep, 0);
}
