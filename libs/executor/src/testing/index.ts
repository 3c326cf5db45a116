/**
 * Helpers that make the executor easy to drive in tests: a temp directory holding a project, a data
 * directory, the embedded SQLite store and the local artifact store, wired into a real executor.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalArtifactStore } from '@pedigree/artifact-store';
import type { ArtifactStore } from '@pedigree/artifact-store';
import type { ExecutionId, PipelineExecution, StepExecution } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { parseDefinition, type PipelineDefinition } from '@pedigree/sdk';
import type { ExecutorEvent } from '../events.ts';
import { createExecutor, type Executor, type ExecutorOptions } from '../executor.ts';

export interface TestExecutorOptions extends Partial<Omit<ExecutorOptions, 'store' | 'artifacts'>> {
  /** An existing directory to use instead of a fresh temp directory (kept on cleanup). */
  readonly dir?: string;
  /** Share a store (two executors on one database). */
  readonly store?: GraphStore;
  /** The SQLite store's durability (default `full`: an fsync per write); `normal` survives process crashes only and is much faster. */
  readonly durability?: 'full' | 'normal';
}

export interface TestExecutor {
  readonly executor: Executor;
  readonly store: GraphStore;
  readonly artifacts: ArtifactStore;
  /** The temp directory holding everything. */
  readonly dir: string;
  readonly projectRoot: string;
  readonly dataDir: string;
  /** The SQLite database file. */
  readonly storePath: string;
  /** Every event the executor published, in order. */
  readonly events: ExecutorEvent[];
  /** Writes a file under the project root (parents created); returns its absolute path. */
  writeProjectFile(relativePath: string, content: string): Promise<string>;
  /** Starts and waits for the end; returns the execution and its steps by name. */
  run(definition: PipelineDefinition | Record<string, unknown>, parameters?: Record<string, unknown>): Promise<RunOutcome>;
  /** The execution and its steps by name. */
  outcome(executionId: ExecutionId): Promise<RunOutcome>;
  /** Closes the executor and the store and removes the temp directory. */
  cleanup(): Promise<void>;
}

export interface RunOutcome {
  readonly execution: PipelineExecution;
  readonly steps: Readonly<Record<string, StepExecution>>;
}

/** A full definition from a hand-written partial one (defaults filled in by the SDK's parser). */
export function testPipeline(doc: Record<string, unknown>): PipelineDefinition {
  return parseDefinition({ schemaVersion: '1', ...doc });
}

/** A real executor on a temp directory with the embedded SQLite store and the local artifact store. */
export async function createTestExecutor(options: TestExecutorOptions = {}): Promise<TestExecutor> {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'pedigree-executor-')));
  const projectRoot = options.projectRoot ?? path.join(dir, 'project');
  const dataDir = options.dataDir ?? path.join(dir, 'data');
  await mkdir(projectRoot, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const storePath = path.join(dir, 'pedigree.db');
  const ownStore = !options.store;
  const store = options.store ?? createSqliteGraphStore({ path: storePath, durability: options.durability ?? 'full' });
  const artifacts = createLocalArtifactStore({ root: path.join(dataDir, 'artifacts') });
  const { dir: _dir, store: _store, durability: _durability, ...executorOptions } = options;
  const executor = createExecutor({ killGraceMs: 2_000, ...executorOptions, store, artifacts, dataDir, projectRoot });
  const events: ExecutorEvent[] = [];
  executor.events.on((e) => events.push(e));

  const outcome = async (executionId: ExecutionId): Promise<RunOutcome> => {
    const { execution, steps } = await store.getExecutionWithSteps(executionId);
    return { execution, steps: Object.fromEntries(steps.map((s) => [s.stepName, s])) };
  };

  return {
    executor,
    store,
    artifacts,
    dir,
    projectRoot,
    dataDir,
    storePath,
    events,
    async writeProjectFile(relativePath, content) {
      const file = path.join(projectRoot, relativePath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    async run(definition, parameters = {}) {
      const full = 'schemaVersion' in definition ? (definition as PipelineDefinition) : testPipeline(definition);
      const id = await executor.start(full, parameters);
      await executor.wait(id);
      return outcome(id);
    },
    outcome,
    async cleanup() {
      await executor.close();
      if (ownStore) await store.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
