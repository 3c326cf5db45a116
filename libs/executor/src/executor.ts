import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  NotFoundError,
  TERMINAL_EXECUTION_STATUSES,
  ValidationError,
  canonicalDigest,
  createExecutionId,
  isPedigreeError,
  type ArtifactId,
  type ErrorIssue,
  type ExecutionId,
  type JsonObject,
  type ParameterValue,
  type PipelineExecution,
  type PipelineVersionId,
  type StepExecution,
  type StepStatus,
} from '@pedigree/domain';
import type { ArtifactStore } from '@pedigree/artifact-store';
import type { GraphStore, InvalidateCacheResult } from '@pedigree/graph-store';
import {
  analyzeDefinition,
  parseDefinition,
  resolveParameterValues,
  validateDefinition,
  type CallbackStepDefinition,
  type PipelineDefinition,
} from '@pedigree/sdk';
import { systemClock, type Clock } from './clock.ts';
import { ExecutionNotRunnableError, SelectiveExecutionError } from './errors.ts';
import { createEventBus, type ExecutorEvents } from './events.ts';
import { FileDigestCache } from './code-digest.ts';
import {
  ExecutionRun,
  REMOTE_STOP_POLL_MS,
  attemptDirOf,
  killOrphanedCommand,
  type CallbackOutcome,
  type RunMarker,
} from './execution-run.ts';
import { noopLogger, type Logger } from './logger.ts';
import { stepNeeds } from './references.ts';
import { createHandlerRunner } from './runners/handler-runner.ts';
import { createSubprocessRunner } from './runners/subprocess-runner.ts';
import type { RunSpec, StepRunner } from './step-runner.ts';
import type { ScalarValue } from './values.ts';

export interface ExecutorOptions {
  /** Where executions, steps, artifacts and lineage are recorded (the port; any adapter). */
  readonly store: GraphStore;
  /** Where artifact bytes live, by digest. */
  readonly artifacts: ArtifactStore;
  /** Step runners by kind; default a subprocess runner and a warm handler-worker pool. Runners given here are closed by `close()`. */
  readonly runners?: readonly StepRunner[];
  /** Work directories (`work/`), step logs (`logs/`) and run markers (`executions/`) go here. */
  readonly dataDir: string;
  /** Project-relative paths in definitions (handler modules, input URIs, command files) resolve against this. */
  readonly projectRoot: string;
  /** Default: discards everything. */
  readonly logger?: Logger;
  /** Most steps running at once per execution (a definition's own limit may be lower); default 8. Conditions, fail and callback steps do not count. */
  readonly maxParallelSteps?: number;
  /** Default: the real clock. */
  readonly clock?: Clock;
  /** After SIGTERM (or a handler's abort): wait this long before SIGKILL / terminating the worker; default 10,000 ms. */
  readonly killGraceMs?: number;
  /** Source of backoff jitter; default Math.random. */
  readonly random?: () => number;
}

/** A stored pipeline version to run, instead of a definition. */
export interface PipelineVersionRef {
  readonly pipelineVersionId: PipelineVersionId;
}

export interface StartOptions {
  /** Caller-chosen execution id (makes a start retryable without creating two executions). */
  readonly executionId?: ExecutionId;
  readonly createdBy?: string | null;
  readonly scheduleId?: string | null;
}

export interface SelectiveExecutionRequest {
  /** The execution whose results the steps that are not chosen reuse. */
  readonly referenceExecutionId: ExecutionId;
  /** The steps to run. */
  readonly steps: readonly string[];
  /** Parameter values; default the reference execution's. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly executionId?: ExecutionId;
  readonly createdBy?: string | null;
}

export type InvalidateScope =
  | { readonly executionId: ExecutionId; readonly stepName: string }
  | { readonly pipelineName: string }
  | { readonly artifactId: ArtifactId };

/**
 * Runs pipeline definitions durably: every status change is written to the store before it is
 * acted on, so `resume()` after a crash continues where the store says the run was.
 */
export interface Executor {
  /**
   * Validates the definition and the parameter values (VALIDATION_FAILED with `parameters.<Name>` paths
   * before anything runs), stores the pipeline version, creates the execution and returns its id at
   * once; the execution runs in the background (see `wait`).
   */
  start(
    pipeline: PipelineDefinition | PipelineVersionRef,
    parameters?: Readonly<Record<string, unknown>>,
    options?: StartOptions,
  ): Promise<ExecutionId>;
  /** The execution once it has ended (Succeeded, Failed or Stopped). Throws NOT_FOUND. */
  wait(executionId: ExecutionId): Promise<PipelineExecution>;
  /** Executing -> Stopping -> Stopped: running steps get SIGTERM, then SIGKILL after the grace period. EXECUTION_NOT_RUNNABLE when it has ended. */
  stop(executionId: ExecutionId): Promise<void>;
  /** Runs a Failed or Stopped execution again, re-running only the steps that did not succeed. EXECUTION_NOT_RUNNABLE otherwise. */
  retry(executionId: ExecutionId): Promise<ExecutionId>;
  /**
   * A new execution of the reference's pipeline version that runs only `steps` and reuses the
   * results of the others from the reference (SageMaker SelectiveExecutionConfig). VALIDATION_FAILED
   * (`SelectiveExecutionError`) naming the step and the output when a chosen step needs something the
   * reference does not have.
   */
  startSelective(request: SelectiveExecutionRequest): Promise<ExecutionId>;
  /**
   * Completes a waiting callback step with an outcome and its declared outputs (VALIDATION_FAILED for
   * missing or mistyped outputs; EXECUTION_NOT_RUNNABLE when the step is not waiting).
   */
  signal(
    executionId: ExecutionId,
    stepName: string,
    outcome: 'Succeeded' | 'Failed',
    outputs?: Readonly<Record<string, ScalarValue>>,
    options?: { readonly reason?: string },
  ): Promise<StepExecution>;
  /** Marks cached results as not reusable: one step of one execution, a whole pipeline, or everything downstream of an artifact. */
  invalidateCache(scope: InvalidateScope): Promise<InvalidateCacheResult>;
  /**
   * Continues executions a previous process left Executing or Stopping: attempts that were in
   * flight are marked Failed (kind `interrupted`) and retried under their retry policy; Stopping
   * executions are finished as Stopped. Returns the ids of the executions it continued.
   */
  resume(): Promise<readonly ExecutionId[]>;
  /** Execution status, step status and log line events. */
  readonly events: ExecutorEvents;
  /** Executions running in this process. */
  activeExecutions(): readonly ExecutionId[];
  /** Closes the runners (kills what still runs). Call after executions ended or were stopped. */
  close(): Promise<void>;
}

const IN_FLIGHT: ReadonlySet<StepStatus> = new Set(['Starting', 'Executing', 'Stopping']);

/** Creates an executor. Nothing runs until `start`, `retry`, `startSelective` or `resume`. */
export function createExecutor(options: ExecutorOptions): Executor {
  const { store, artifacts } = options;
  const dataDir = path.resolve(options.dataDir);
  const projectRoot = path.resolve(options.projectRoot);
  const logger = options.logger ?? noopLogger;
  const clock = options.clock ?? systemClock;
  const events = createEventBus();
  const runnerList = options.runners ?? [createSubprocessRunner(), createHandlerRunner()];
  const runners = new Map<RunSpec['kind'], StepRunner>(runnerList.map((r) => [r.kind, r]));
  const runs = new Map<ExecutionId, ExecutionRun>();
  const digests = new FileDigestCache();
  const deps = {
    store,
    artifacts,
    runners,
    dataDir,
    projectRoot,
    logger: logger.child({ component: 'executor' }),
    clock,
    events,
    killGraceMs: options.killGraceMs ?? 10_000,
    maxParallelSteps: options.maxParallelSteps ?? 8,
    random: options.random ?? Math.random,
    digests,
  };
  const iso = (): string => new Date(clock.now()).toISOString();

  const markerPath = (id: string): string => path.join(dataDir, 'executions', `${id}.json`);
  /** Atomic (temp + rename); with `keep`, an existing marker wins (a repeated start of the same execution id). */
  async function writeMarker(id: string, marker: RunMarker, keep = false): Promise<void> {
    const file = markerPath(id);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(marker));
    if (keep) {
      // link() fails when the marker exists, and never exposes a half-written file.
      try {
        await link(tmp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await rm(tmp, { force: true });
      }
      return;
    }
    await rename(tmp, file);
  }
  function writeMarkerSync(id: string, marker: RunMarker): void {
    const file = markerPath(id);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify(marker));
    renameSync(tmp, file);
  }

  /**
   * True when another live process on this machine runs the execution (its marker names it), or
   * another executor in this process does (called only for executions this executor does not run).
   */
  function ownedElsewhere(marker: RunMarker): boolean {
    const owner = marker.owner;
    if (!owner || owner.host !== hostname()) return false;
    if (owner.pid === process.pid) return true;
    try {
      const stat = readFileSync(`/proc/${owner.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie is dead; a different start time means the pid was reused by another process.
      return fields[0] !== 'Z' && (owner.startTime == null || fields[19] === owner.startTime);
    } catch {
      try {
        // Not Linux (or no /proc): a signal-0 probe.
        process.kill(owner.pid, 0);
        return !existsSync('/proc/self');
      } catch {
        return false;
      }
    }
  }

  /** The start time (clock ticks since boot) of a process, from /proc; null elsewhere. */
  function processStartTime(pid: number): string | null {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    } catch {
      return null;
    }
  }

  async function readMarker(execution: PipelineExecution): Promise<RunMarker> {
    try {
      return JSON.parse(await readFile(markerPath(execution.id), 'utf8')) as RunMarker;
    } catch {
      return { runStartedAt: execution.startedAt, selection: null };
    }
  }

  async function loadDefinition(pipelineVersionId: PipelineVersionId): Promise<{ definition: PipelineDefinition; version: number }> {
    const version = await store.getPipelineVersion(pipelineVersionId);
    return { definition: parseDefinition(version.definition), version: version.version };
  }

  function launch(execution: PipelineExecution, definition: PipelineDefinition, pipelineVersion: number, marker: RunMarker): void {
    // Claim it before anything runs: a resume() in another process on this machine must not take it over.
    const owned: RunMarker = { ...marker, owner: { pid: process.pid, host: hostname(), startTime: processStartTime(process.pid) } };
    writeMarkerSync(execution.id, owned);
    const run = new ExecutionRun(deps, { execution, definition, pipelineVersion, marker: owned });
    runs.set(execution.id, run);
    events.emit({
      type: 'execution-status',
      executionId: execution.id,
      pipelineName: execution.pipelineName,
      status: execution.status,
      failureReason: null,
      at: iso(),
    });
    void run.done.finally(() => runs.delete(execution.id));
    run.begin();
  }

  function checkDefinition(definition: PipelineDefinition): void {
    const issues = validateDefinition(definition);
    if (issues.length > 0) throw new ValidationError('pipeline definition', issues);
    analyzeDefinition(definition);
  }

  async function storeVersion(definition: PipelineDefinition): Promise<{ id: PipelineVersionId; version: number }> {
    const { version } = await store.upsertPipelineVersion({
      pipelineName: definition.name,
      description: definition.description,
      definition: definition as unknown as JsonObject,
      definitionHash: canonicalDigest(definition),
      at: iso(),
    });
    return { id: version.id, version: version.version };
  }

  async function create(
    definition: PipelineDefinition,
    version: { id: PipelineVersionId; version: number },
    parameters: Record<string, ParameterValue>,
    options: StartOptions,
    selection: RunMarker['selection'],
  ): Promise<ExecutionId> {
    // The id is chosen here so that the marker can be written before the execution exists: a run
    // found without one would not know it was selective.
    const id = options.executionId ?? createExecutionId();
    const startedAt = iso();
    await writeMarker(id, { runStartedAt: startedAt, selection }, true);
    const execution = await store.createExecution({
      id,
      pipelineVersionId: version.id,
      parameters,
      createdBy: options.createdBy ?? null,
      scheduleId: options.scheduleId ?? null,
      at: startedAt,
    });
    // A repeated start of the same id: the run already going (here or in a live process) or done is the one.
    const marker = await readMarker(execution);
    if (execution.status !== 'Executing' || runs.has(execution.id) || ownedElsewhere(marker)) return execution.id;
    // Left by a process that died: continue it like resume() would.
    const { steps } = await store.getExecutionWithSteps(execution.id);
    if (runs.has(execution.id) || ownedElsewhere(await readMarker(execution))) return execution.id;
    if (steps.length > 0) await interruptInFlight(execution.id, steps);
    // No await between this check and launch(): two concurrent starts of one id must not both launch.
    if (!runs.has(execution.id)) launch(execution, definition, version.version, marker);
    return execution.id;
  }

  const executor: Executor = {
    events,

    activeExecutions: () => [...runs.keys()],

    async start(pipeline, parameters = {}, startOptions = {}) {
      let definition: PipelineDefinition;
      let version: { id: PipelineVersionId; version: number } | null = null;
      if ('pipelineVersionId' in pipeline) {
        const loaded = await loadDefinition(pipeline.pipelineVersionId);
        definition = loaded.definition;
        version = { id: pipeline.pipelineVersionId, version: loaded.version };
      } else {
        definition = parseDefinition(pipeline);
        checkDefinition(definition);
      }
      const values = resolveParameterValues(definition, parameters);
      version ??= await storeVersion(definition);
      return create(definition, version, values, startOptions, null);
    },

    async wait(executionId) {
      for (;;) {
        const run = runs.get(executionId);
        if (run) return run.done;
        const execution = await store.getExecution(executionId);
        if (TERMINAL_EXECUTION_STATUSES.has(execution.status)) return execution;
        // Running in another process (or waiting for resume): poll.
        await new Promise((r) => setTimeout(r, 100));
      }
    },

    async stop(executionId) {
      const run = runs.get(executionId);
      if (run) {
        try {
          await run.stop();
        } catch (error) {
          if (!isPedigreeError(error) || error.code !== 'CONFLICT') throw error;
          // It ended between the look-up and the write.
          const ended = await store.getExecution(executionId);
          throw new ExecutionNotRunnableError(executionId, ended.status, `Execution ${executionId} has already ended (${ended.status})`);
        }
        return;
      }
      const execution = await store.getExecution(executionId);
      if (TERMINAL_EXECUTION_STATUSES.has(execution.status)) {
        throw new ExecutionNotRunnableError(
          executionId,
          execution.status,
          `Execution ${executionId} has already ended (${execution.status})`,
        );
      }
      // Not running in this process. Record Stopping; if another process runs it, it notices (see
      // REMOTE_STOP_POLL_MS), stops its steps and ends it Stopped. If nobody does within the grace
      // period, no process owns it (left over from a crash): end it here.
      const current =
        execution.status === 'Executing'
          ? await store.transitionExecution({ id: executionId, from: 'Executing', to: 'Stopping', at: iso() })
          : execution;
      const deadline = ownedElsewhere(await readMarker(execution)) ? Date.now() + deps.killGraceMs + 4 * REMOTE_STOP_POLL_MS + 1_000 : 0;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        if ((await store.getExecution(executionId)).status !== 'Stopping') return;
      }
      await finishStopped(current);
    },

    async retry(executionId) {
      if (runs.has(executionId)) throw new ExecutionNotRunnableError(executionId, 'Executing', `Execution ${executionId} is running`);
      const execution = await store.getExecution(executionId);
      if (execution.status !== 'Failed' && execution.status !== 'Stopped') {
        throw new ExecutionNotRunnableError(
          executionId,
          execution.status,
          `Only a Failed or Stopped execution can be retried; ${executionId} is ${execution.status}`,
        );
      }
      const { definition, version } = await loadDefinition(execution.pipelineVersionId);
      // A step left in flight by a run that ended abnormally is not running anywhere now.
      await interruptInFlight(executionId, (await store.getExecutionWithSteps(executionId)).steps);
      const previous = await readMarker(execution);
      const marker: RunMarker = { runStartedAt: iso(), selection: previous.selection };
      await writeMarker(executionId, marker);
      const restarted = await store.transitionExecution({ id: executionId, from: execution.status, to: 'Executing', at: iso() });
      launch(restarted, definition, version, marker);
      return executionId;
    },

    async startSelective(request) {
      const reference = await store.getExecutionWithSteps(request.referenceExecutionId);
      const { definition, version } = await loadDefinition(reference.execution.pipelineVersionId);
      const issues = selectionIssues(definition, reference.execution.id, reference.steps, request.steps, await outputsOf(reference.steps));
      if (issues.length > 0) throw new SelectiveExecutionError(issues);
      const values = resolveParameterValues(definition, request.parameters ?? reference.execution.parameters);
      return create(
        definition,
        { id: reference.execution.pipelineVersionId, version },
        values,
        { ...(request.executionId ? { executionId: request.executionId } : {}), createdBy: request.createdBy ?? null },
        { steps: [...new Set(request.steps)], referenceExecutionId: reference.execution.id },
      );
    },

    async signal(executionId, stepName, outcome, outputs = {}, signalOptions = {}) {
      const { execution, steps } = await store.getExecutionWithSteps(executionId);
      const { definition } = await loadDefinition(execution.pipelineVersionId);
      const def = definition.steps.find((s) => s.name === stepName);
      if (!def) throw new NotFoundError('Step', [stepName], `Pipeline ${definition.name} has no step ${stepName}`);
      if (def.type !== 'callback')
        throw new ValidationError('signal', [{ path: 'stepName', message: `${stepName} is a ${def.type} step, not a callback step` }]);
      if (outcome === 'Succeeded') {
        const issues = callbackOutputIssues(def, outputs);
        if (issues.length > 0) throw new ValidationError('signal', issues);
      }
      const result: CallbackOutcome = { status: outcome, outputs, reason: signalOptions.reason ?? null };
      const run = runs.get(executionId);
      if (run) {
        const record = await run.signal(stepName, result);
        if (record) return record;
      }
      const record = steps.find((s) => s.stepName === stepName);
      if (!record || record.status !== 'Executing') {
        throw new ExecutionNotRunnableError(
          executionId,
          record?.status ?? 'not started',
          `Step ${stepName} of ${executionId} is not waiting for a signal (${record?.status ?? 'not started'})`,
        );
      }
      // Not running in this process: record the outcome; resume() continues from it.
      if (outcome === 'Succeeded') {
        return store.recordStepResult({
          stepExecutionId: record.id,
          from: 'Executing',
          status: 'Succeeded',
          at: iso(),
          inputs: [],
          outputs: [],
          properties: { outcome, outputs: { ...outputs } },
        });
      }
      return store.transitionStep({
        id: record.id,
        from: 'Executing',
        to: 'Failed',
        failureKind: 'error',
        failureReason: result.reason ?? 'the callback reported failure',
        at: iso(),
      });
    },

    invalidateCache(scope) {
      return store.invalidateCache(scope);
    },

    resume() {
      // One resume at a time: two would both mark the same attempts interrupted and launch the same runs.
      resuming ??= resumeAll().finally(() => (resuming = null));
      return resuming;
    },

    async close() {
      for (const run of runs.values()) run.detach();
      await Promise.all(runnerList.map((r) => r.close()));
    },
  };

  /** Marks attempts no process is running any more as Failed `interrupted` (ending orphaned commands first); waiting callbacks stay. */
  async function interruptInFlight(executionId: ExecutionId, steps: readonly StepExecution[]): Promise<void> {
    for (const step of steps) {
      if (!IN_FLIGHT.has(step.status)) continue;
      // A callback waiting for its signal was doing no work: it waits again.
      if (step.stepType === 'callback' && step.status === 'Executing') continue;
      // A command the dead process started may still run: end it before its step runs again.
      const orphan = step.attempt > 0 ? killOrphanedCommand(attemptDirOf(dataDir, executionId, step.stepName, step.attempt)) : null;
      if (orphan !== null)
        deps.logger.warn(
          { executionId: executionId, step: step.stepName, pid: orphan },
          'ended a command left running by an earlier process',
        );
      const record = await store.transitionStep({
        id: step.id,
        from: step.status,
        to: 'Failed',
        failureKind: 'interrupted',
        failureReason: 'interrupted',
        at: iso(),
      });
      events.emit({
        type: 'step-status',
        executionId: executionId,
        stepName: record.stepName,
        stepExecutionId: record.id,
        status: record.status,
        attempt: record.attempt,
        cacheHit: record.cacheHit,
        failureReason: record.failureReason,
        failureKind: 'interrupted',
        at: iso(),
      });
    }
  }

  let resuming: Promise<readonly ExecutionId[]> | null = null;
  async function resumeAll(): Promise<readonly ExecutionId[]> {
    const continued: ExecutionId[] = [];
    let after: string | null = null;
    const found: PipelineExecution[] = [];
    do {
      const page = await store.listExecutions({ statuses: ['Executing', 'Stopping'], first: 200, after });
      found.push(...page.items);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    for (const execution of found) {
      // One execution that cannot be resumed must not keep the others from resuming.
      try {
        if (await resumeOne(execution)) continued.push(execution.id);
      } catch (error) {
        await giveUp(execution, error);
      }
    }
    return continued;
  }

  async function resumeOne(execution: PipelineExecution): Promise<boolean> {
    if (runs.has(execution.id)) return false;
    if (ownedElsewhere(await readMarker(execution))) return false;
    const { steps } = await store.getExecutionWithSteps(execution.id);
    if (execution.status === 'Stopping') {
      await finishStopped(execution, steps);
      return false;
    }
    // Parse before touching the steps: a definition that no longer parses fails the execution as it stands.
    const { definition, version } = await loadDefinition(execution.pipelineVersionId);
    await interruptInFlight(execution.id, steps);
    const marker = await readMarker(execution);
    if (runs.has(execution.id)) return false;
    launch(execution, definition, version, marker);
    return true;
  }

  /**
   * A stored definition that does not parse can never run: the execution ends Failed with the reason.
   * Anything else (the store briefly unavailable, say) leaves it for the next resume().
   */
  async function giveUp(execution: PipelineExecution, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (!(isPedigreeError(error) && error.code === 'VALIDATION_FAILED')) {
      logger.warn({ executionId: execution.id, error: message }, 'resume skipped an execution; the next resume() tries again');
      return;
    }
    const reason = `cannot resume: the stored pipeline definition is invalid: ${message}`;
    try {
      const ended = await store.transitionExecution({
        id: execution.id,
        from: execution.status,
        to: 'Failed',
        failureReason: reason,
        at: iso(),
      });
      events.emit({
        type: 'execution-status',
        executionId: ended.id,
        pipelineName: ended.pipelineName,
        status: ended.status,
        failureReason: ended.failureReason,
        at: iso(),
      });
      logger.warn({ executionId: execution.id }, reason);
    } catch (transitionError) {
      logger.warn(
        { executionId: execution.id, error: (transitionError as Error).message },
        'could not mark an unresumable execution failed',
      );
    }
  }

  async function finishStopped(execution: PipelineExecution, known?: readonly StepExecution[]): Promise<void> {
    const steps = known ?? (await store.getExecutionWithSteps(execution.id)).steps;
    for (const step of steps) {
      if (IN_FLIGHT.has(step.status)) {
        if (step.attempt > 0) killOrphanedCommand(attemptDirOf(dataDir, execution.id, step.stepName, step.attempt));
        await store.transitionStep({
          id: step.id,
          from: step.status,
          to: 'Stopped',
          failureKind: 'stopped',
          failureReason: 'the execution was stopped',
          at: iso(),
        });
      }
    }
    const ended = await store.transitionExecution({ id: execution.id, from: 'Stopping', to: 'Stopped', at: iso() });
    events.emit({
      type: 'execution-status',
      executionId: ended.id,
      pipelineName: ended.pipelineName,
      status: ended.status,
      failureReason: ended.failureReason,
      at: iso(),
    });
  }

  async function outputsOf(steps: readonly StepExecution[]): Promise<Map<string, Set<string>>> {
    const links = await store.listStepArtifacts(steps.map((s) => s.id));
    const byId = new Map(steps.map((s) => [s.id as string, s.stepName]));
    const out = new Map<string, Set<string>>();
    for (const link of links) {
      if (link.direction !== 'output') continue;
      const name = byId.get(link.stepExecutionId)!;
      if (!out.has(name)) out.set(name, new Set());
      out.get(name)!.add(link.name);
    }
    return out;
  }

  return executor;
}

/** What keeps a selective execution from running: unknown steps, and needs of chosen steps the reference cannot meet. */
export function selectionIssues(
  definition: PipelineDefinition,
  referenceExecutionId: string,
  referenceSteps: readonly StepExecution[],
  chosen: readonly string[],
  referenceOutputs: ReadonlyMap<string, ReadonlySet<string>>,
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const byName = new Map(definition.steps.map((s) => [s.name, s]));
  const selected = new Set(chosen);
  if (selected.size === 0) issues.push({ path: 'steps', message: 'choose at least one step to run' });
  const records = new Map(referenceSteps.map((r) => [r.stepName, r]));
  const analysis = analyzeDefinition(definition);
  for (const name of selected) {
    const step = byName.get(name);
    if (!step) {
      issues.push({ path: `steps.${name}`, message: `pipeline ${definition.name} has no step ${name}` });
      continue;
    }
    const needs = stepNeeds(step);
    const branch = analysis.branchOf.get(name);
    if (branch) needs.push({ step: branch.condition, kind: 'success' });
    for (const need of needs) {
      if (selected.has(need.step)) continue;
      const record = records.get(need.step);
      const ok = record && (record.status === 'Succeeded' || record.status === 'Cached');
      if (!ok) {
        issues.push({
          path: `steps.${name}`,
          message: `step ${name} needs step ${need.step}, which did not succeed in reference execution ${referenceExecutionId} (${record?.status ?? 'it never ran'}); choose ${need.step} too`,
        });
        continue;
      }
      if (need.kind === 'output' && !referenceOutputs.get(need.step)?.has(need.output)) {
        issues.push({
          path: `steps.${name}`,
          message: `step ${name} needs output ${need.output} of step ${need.step}, which reference execution ${referenceExecutionId} does not have`,
        });
      }
      if (need.kind === 'propertyFile') {
        const files = record.properties?.['propertyFiles'];
        if (!files || typeof files !== 'object' || !(need.propertyFile in files)) {
          issues.push({
            path: `steps.${name}`,
            message: `step ${name} needs property file ${need.propertyFile} of step ${need.step}, which reference execution ${referenceExecutionId} does not have`,
          });
        }
      }
      if (need.kind === 'callbackOutput') {
        const outputs = record.properties?.['outputs'];
        if (!outputs || typeof outputs !== 'object' || !(need.output in outputs)) {
          issues.push({
            path: `steps.${name}`,
            message: `step ${name} needs callback output ${need.output} of step ${need.step}, which reference execution ${referenceExecutionId} does not have`,
          });
        }
      }
    }
  }
  return issues;
}

function callbackOutputIssues(def: CallbackStepDefinition, outputs: Readonly<Record<string, ScalarValue>>): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const declared = new Map(def.outputs.map((o) => [o.name, o.type]));
  for (const name of Object.keys(outputs))
    if (!declared.has(name)) issues.push({ path: `outputs.${name}`, message: `step ${def.name} declares no output ${name}` });
  for (const [name, type] of declared) {
    const value = outputs[name];
    if (value === undefined) issues.push({ path: `outputs.${name}`, message: `missing (${type})` });
    else if (
      type === 'String'
        ? typeof value !== 'string'
        : type === 'Boolean'
          ? typeof value !== 'boolean'
          : type === 'Integer'
            ? !Number.isInteger(value)
            : typeof value !== 'number'
    ) {
      issues.push({ path: `outputs.${name}`, message: `expected ${type}, got ${JSON.stringify(value)}` });
    }
  }
  return issues;
}
