import { appendFileSync, createWriteStream, mkdirSync, readFileSync, readlinkSync, writeFileSync, type WriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  artifactIdFor,
  canonicalDigest,
  isPedigreeError,
  openLineageDatasetDigest,
  parseOpenLineageDatasetUri,
  type Artifact,
  type ArtifactType,
  type CacheMissExplanation,
  type Digest,
  type ExecutionStatus,
  type FailureKind,
  type JsonObject,
  type JsonValue,
  type ParameterValue,
  type PipelineExecution,
  type StepExecution,
  type StepStatus,
} from '@pedigree/domain';
import type { ArtifactStore } from '@pedigree/artifact-store';
import type { ArtifactInput, ChannelArtifactInput, GraphStore } from '@pedigree/graph-store';
import {
  analyzeDefinition,
  parseIsoDuration,
  type CallbackStepDefinition,
  type ConditionStepDefinition,
  type DefinitionAnalysis,
  type ExecutionVariableName,
  type FailStepDefinition,
  type JobStepDefinition,
  type PipelineDefinition,
  type RegisterModelStepDefinition,
  type StepDefinition,
} from '@pedigree/sdk';
import { CACHE_FORMAT_VERSION, cacheKeyOf, diffKeyMaterial, type CacheKeyMaterial } from './cache-key.ts';
import { handlerCode, type CodeFile, type FileDigestCache, type HandlerCode } from './code-digest.ts';
import type { Clock } from './clock.ts';
import { PropertyResolutionError } from './errors.ts';
import type { EventBus } from './events.ts';
import type { Logger } from './logger.ts';
import { backoffDelayMs, shouldRetry, type AttemptFailure } from './retry.ts';
import type { RunSpec, StepRunResult, StepRunner } from './step-runner.ts';
import { evaluateCondition, resolveKeyValue, resolvePlainValue, resolveRuntimeValue, type ScalarValue, type ValueScope } from './values.ts';

/** Everything a run needs from the executor. */
export interface RunDeps {
  readonly store: GraphStore;
  readonly artifacts: ArtifactStore;
  readonly runners: ReadonlyMap<RunSpec['kind'], StepRunner>;
  readonly dataDir: string;
  readonly projectRoot: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly killGraceMs: number;
  readonly maxParallelSteps: number;
  readonly random: () => number;
  readonly digests: FileDigestCache;
}

/** What the executor keeps about a run outside the store (the store has no field for it), under `<dataDir>/executions/<id>.json`. */
export interface RunMarker {
  /** When the current run (start, retry) of the execution began: attempts before it do not count against retry budgets. */
  readonly runStartedAt: string;
  /** A selective execution: the steps chosen and the execution whose results the others reuse. */
  readonly selection: { readonly steps: readonly string[]; readonly referenceExecutionId: string } | null;
  /** The process running it (a lease on one machine): `resume()` elsewhere leaves it alone while that process lives. */
  readonly owner?: { readonly pid: number; readonly host: string; readonly startTime?: string | null } | null;
}

export interface RunInit {
  readonly execution: PipelineExecution;
  readonly definition: PipelineDefinition;
  readonly pipelineVersion: number;
  readonly marker: RunMarker;
}

/** An output (or input) artifact as a step sees it. */
interface ArtifactRef {
  readonly input: ArtifactInput;
  readonly kind: 'file' | 'directory';
}

type Phase = 'pending' | 'active' | 'succeeded' | 'skipped' | 'failed' | 'excluded';

interface StepState {
  readonly def: StepDefinition;
  record: StepExecution | null;
  phase: Phase;
  outputs: Map<string, ArtifactRef>;
  properties: JsonObject | null;
  attemptsThisRun: number;
  controller: AbortController | null;
  lock: Promise<unknown>;
  callback: ((outcome: CallbackOutcome) => void) | null;
  /** A callback step found waiting at resume: wait again instead of starting an attempt. */
  rearmCallback: boolean;
}

export interface CallbackOutcome {
  readonly status: 'Succeeded' | 'Failed';
  readonly outputs: Readonly<Record<string, ScalarValue>>;
  readonly reason: string | null;
}

const IN_FLIGHT: ReadonlySet<StepStatus> = new Set(['Starting', 'Executing', 'Stopping']);

/** How often a run looks for a stop requested by another process. */
export const REMOTE_STOP_POLL_MS = 500;

/**
 * One run of one execution in this process: walks the DAG, runs ready steps up to the parallel
 * limit, and ends the execution. Every status change goes to the store first and is published
 * after; what the run keeps in memory can always be rebuilt from the store (see `init`), which is
 * what `resume()` relies on.
 */
export class ExecutionRun {
  readonly executionId: PipelineExecution['id'];
  readonly done: Promise<PipelineExecution>;
  private resolveDone!: (execution: PipelineExecution) => void;
  private readonly log: Logger;
  private readonly steps = new Map<string, StepState>();
  private analysis!: DefinitionAnalysis;
  private inFlight = 0;
  private slotsUsed = 0;
  private failure: string | null = null;
  private stopping = false;
  private stopWrite: Promise<unknown> | null = null;
  private finishing = false;
  private readonly stopController = new AbortController();
  private execution: PipelineExecution;
  private readonly limit: number;
  private readonly codeMemo = new Map<string, Promise<HandlerCode>>();
  private remoteStopTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: RunDeps,
    private readonly init: RunInit,
  ) {
    this.execution = init.execution;
    this.executionId = init.execution.id;
    this.log = deps.logger.child({ executionId: this.executionId });
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const own = init.definition.maxParallelSteps ?? Number.POSITIVE_INFINITY;
    this.limit = Math.max(1, Math.min(own, deps.maxParallelSteps));
  }

  /** Starts walking the DAG in the background; `done` settles with the final execution. */
  begin(): this {
    this.watchForRemoteStop();
    void this.load().then(
      () => this.pump(),
      (error: unknown) => {
        this.log.error({ err: error }, 'could not start the run');
        this.failure = `The executor could not run the pipeline: ${(error as Error).message}`;
        this.pump();
      },
    );
    return this;
  }

  /** Moves the execution to Stopping (in the store first), then stops running steps: SIGTERM, then SIGKILL after the grace period. */
  async stop(): Promise<void> {
    if (this.finishing || this.stopping) return;
    this.stopping = true;
    this.stopWrite = this.deps.store
      .transitionExecution({ id: this.executionId, from: 'Executing', to: 'Stopping', at: this.iso() })
      .then((execution) => this.publishExecution(execution));
    await this.stopWrite;
    await this.haltSteps();
  }

  /**
   * Another process (the CLI, another API instance) may move the execution to Stopping, or signal
   * a callback step, through the store; this run notices within `REMOTE_STOP_POLL_MS` and acts as
   * if asked here.
   */
  private watchForRemoteStop(): void {
    this.remoteStopTimer = setInterval(() => {
      if (this.finishing || this.stopping) return;
      this.pickUpRemoteSignals();
      this.deps.store.getExecution(this.executionId).then(
        (execution) => {
          if (this.finishing || this.stopping) return;
          if (execution.status === 'Stopping') {
            this.stopping = true;
            this.publishExecution(execution);
            void this.haltSteps().catch((error: unknown) => this.log.error({ err: error }, 'could not stop steps'));
          } else if (execution.status !== 'Executing') {
            // Ended by someone else (a stop from a process that did not see this run): nothing of
            // this run can be recorded any more, so end its work without writing.
            this.log.warn({ status: execution.status }, 'the execution was ended by another process');
            this.stopping = true;
            this.stopController.abort('stopped');
            for (const s of this.steps.values()) {
              s.controller?.abort('stopped');
              s.callback?.({ status: 'Failed', outputs: {}, reason: 'stopped' });
            }
          }
        },
        () => undefined,
      );
    }, REMOTE_STOP_POLL_MS);
    this.remoteStopTimer.unref();
  }

  /** A callback another process signalled (through the store): deliver it to the waiting step. */
  private pickUpRemoteSignals(): void {
    const waiting = [...this.steps.values()].filter((s) => s.callback && s.record?.status === 'Executing');
    if (waiting.length === 0) return;
    this.deps.store.getExecutionWithSteps(this.executionId).then(
      ({ steps }) => {
        for (const s of waiting) {
          const record = steps.find((r) => r.stepName === s.def.name);
          if (!record || record.status === 'Executing' || !s.callback) continue;
          const deliver = s.callback;
          s.callback = null;
          s.record = record;
          this.publishStep(record);
          deliver({ status: record.status === 'Succeeded' ? 'Succeeded' : 'Failed', outputs: {}, reason: record.failureReason });
        }
      },
      () => undefined,
    );
  }

  private async haltSteps(): Promise<void> {
    this.stopController.abort('stopped');
    await Promise.all(
      [...this.steps.values()]
        .filter((s) => s.phase === 'active')
        .map((s) =>
          this.locked(s, async () => {
            if (s.record?.status === 'Executing') {
              await this.setStep(s, { to: 'Stopping' });
              // A step still materializing its inputs has no controller yet; `execute` sees `stopping` and aborts at once.
              s.controller?.abort('stopped');
            }
            s.callback?.({ status: 'Failed', outputs: {}, reason: 'stopped' });
          }),
        ),
    );
    this.pump();
  }

  /** Stops watching the store (the executor is closing); the run's state stays in the store for resume(). */
  detach(): void {
    if (this.remoteStopTimer) clearInterval(this.remoteStopTimer);
    this.remoteStopTimer = null;
  }

  /** Delivers a callback step's outcome. Returns null when the step is not waiting in this run. */
  async signal(stepName: string, outcome: CallbackOutcome): Promise<StepExecution | null> {
    const s = this.steps.get(stepName);
    if (!s || !s.callback || s.record?.status !== 'Executing') return null;
    const deliver = s.callback;
    s.callback = null;
    const record = await this.locked(s, () => this.finishCallback(s, outcome));
    deliver(outcome);
    return record;
  }

  // ---- loading ----------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const { definition, marker } = this.init;
    this.analysis = analyzeDefinition(definition);
    const { steps: records } = await this.deps.store.getExecutionWithSteps(this.executionId);
    const byName = new Map(records.map((r) => [r.stepName, r]));
    for (const def of definition.steps) {
      this.steps.set(def.name, {
        def,
        record: byName.get(def.name) ?? null,
        phase: 'pending',
        outputs: new Map(),
        properties: null,
        attemptsThisRun: 0,
        controller: null,
        lock: Promise.resolve(),
        callback: null,
        rearmCallback: false,
      });
    }
    if (marker.selection) await this.loadSelection(marker.selection);
    const finished: StepState[] = [];
    for (const s of this.steps.values()) {
      const record = s.record;
      if (!record || s.phase !== 'pending') continue;
      if (record.status === 'Succeeded' || record.status === 'Cached') {
        s.phase = 'succeeded';
        s.properties = record.properties;
        finished.push(s);
      } else if (record.status === 'Skipped') {
        s.phase = 'skipped';
      } else if (record.status === 'Failed' || record.status === 'Stopped') {
        const thisRun = record.attempts.filter((a) => a.startedAt >= marker.runStartedAt);
        s.attemptsThisRun = thisRun.length;
        const last = record.attempts[record.attempts.length - 1];
        // A failure of an earlier run (before a retry) is simply re-run; one of this run goes by the retry policy.
        if (thisRun.length > 0 && last && record.status === 'Failed') {
          const policy = s.def.type === 'processing' || s.def.type === 'training' || s.def.type === 'evaluation' ? s.def.retry : null;
          const failure: AttemptFailure = { kind: last.failureKind ?? 'error', message: last.failureReason ?? '', exitCode: last.exitCode };
          // Control steps do no outside work and are idempotent (a condition is pure; registration is keyed by group and model): an interruption just runs them again.
          const control = s.def.type === 'condition' || s.def.type === 'register-model' || s.def.type === 'fail';
          if (!(control && failure.kind === 'interrupted') && !shouldRetry(policy, failure, thisRun.length)) {
            s.phase = 'failed';
            this.failure ??= `Step ${s.def.name} failed: ${last.failureReason ?? 'unknown reason'}`;
          }
        }
      } else if (record.status === 'Executing' && s.def.type === 'callback') {
        s.rearmCallback = true;
      } else if (IN_FLIGHT.has(record.status)) {
        // resume() marks these interrupted before a run loads; meeting one here means another process owns it.
        throw new Error(`step ${s.def.name} is ${record.status} in another run`);
      }
    }
    await this.loadOutputs(finished);
  }

  private async loadOutputs(states: readonly StepState[]): Promise<void> {
    const ids = states.map((s) => s.record!.id);
    if (ids.length === 0) return;
    const links = await this.deps.store.listStepArtifacts(ids);
    const byId = new Map(states.map((s) => [s.record!.id as string, s]));
    for (const link of links) {
      if (link.direction !== 'output') continue;
      const s = byId.get(link.stepExecutionId);
      if (!s) continue;
      const a = link.artifact;
      s.outputs.set(link.name, {
        input: { uri: a.uri, digest: a.digest, type: a.type, name: a.name, size: a.size, properties: a.properties },
        kind: a.properties['kind'] === 'file' ? 'file' : 'directory',
      });
    }
  }

  /** A selective execution: unchosen steps reuse the reference execution's results (Cached with REUSED), except those downstream of a chosen step, which are left out. */
  private async loadSelection(selection: NonNullable<RunMarker['selection']>): Promise<void> {
    const chosen = new Set(selection.steps);
    // Unchosen steps downstream of a chosen one would be stale copies (built from the old inputs): leave them out.
    const downstream = new Set<string>();
    const queue = [...chosen];
    while (queue.length > 0) {
      for (const next of this.analysis.dependents.get(queue.pop()!) ?? []) {
        if (!downstream.has(next)) {
          downstream.add(next);
          queue.push(next);
        }
      }
    }
    const reference = await this.deps.store.getExecutionWithSteps(selection.referenceExecutionId as PipelineExecution['id']);
    const refByName = new Map(reference.steps.map((r) => [r.stepName, r]));
    const toLink: { s: StepState; source: StepExecution }[] = [];
    for (const s of this.steps.values()) {
      if (chosen.has(s.def.name)) continue;
      const source = downstream.has(s.def.name) ? undefined : refByName.get(s.def.name);
      if (source && (source.status === 'Succeeded' || source.status === 'Cached')) {
        // A record left Failed (interrupted while it was being linked) is linked again; a finished one is kept.
        if (!s.record || (s.record.status !== 'Succeeded' && s.record.status !== 'Cached')) toLink.push({ s, source });
      } else {
        s.phase = 'excluded';
      }
    }
    if (toLink.length === 0) return;
    const links = await this.deps.store.listStepArtifacts(toLink.map((t) => t.source.id));
    for (const { s, source } of toLink) {
      const inputs = links
        .filter((l) => l.stepExecutionId === source.id && l.direction === 'input')
        .map((l) => ({ name: l.name, artifact: toArtifactInput(l.artifact) }));
      const outputs = links
        .filter((l) => l.stepExecutionId === source.id && l.direction === 'output')
        .map((l) => ({ name: l.name, artifact: toArtifactInput(l.artifact) }));
      let created =
        s.record ??
        (await this.deps.store.createStepExecution({
          executionId: this.executionId,
          stepName: s.def.name,
          stepType: s.def.type,
          status: 'Starting',
          at: this.iso(),
        }));
      if (created.status === 'Failed' || created.status === 'Stopped') {
        created = await this.deps.store.transitionStep({ id: created.id, from: created.status, to: 'Starting', at: this.iso() });
      }
      s.record =
        created.status === 'Starting'
          ? await this.deps.store.recordStepResult({
              stepExecutionId: created.id,
              from: 'Starting',
              status: 'Cached',
              at: this.iso(),
              inputs,
              outputs,
              properties: source.properties,
              cacheKey: source.cacheKey,
              resolvedArguments: source.resolvedArguments,
              reusedStepExecutionId: source.reusedStepExecutionId ?? source.id,
            })
          : created;
      this.publishStep(s.record);
    }
  }

  // ---- scheduling -------------------------------------------------------------------------------

  private pump(): void {
    if (this.finishing || !this.analysis) {
      if (!this.analysis && this.inFlight === 0 && !this.finishing) void this.finish();
      return;
    }
    if (!this.stopping && this.failure === null) {
      for (const name of this.analysis.order) {
        const s = this.steps.get(name)!;
        if (s.phase !== 'pending') continue;
        const verdict = this.readiness(s);
        if (verdict === 'skip') {
          s.phase = 'active';
          this.track(s, this.skip(s), false);
        } else if (verdict === 'ready') {
          const needsSlot = s.def.type !== 'callback' && s.def.type !== 'condition' && s.def.type !== 'fail';
          if (needsSlot && this.slotsUsed >= this.limit) continue;
          s.phase = 'active';
          if (needsSlot) this.slotsUsed += 1;
          this.track(s, this.launch(s), needsSlot);
        }
      }
    }
    if (this.inFlight === 0) void this.finish();
  }

  private readiness(s: StepState): 'ready' | 'wait' | 'skip' | 'blocked' {
    const branch = this.analysis.branchOf.get(s.def.name);
    const selective = this.init.marker.selection;
    if (branch && (!selective || selective.steps.includes(branch.condition))) {
      const condition = this.steps.get(branch.condition)!;
      if (condition.phase === 'succeeded') {
        const outcome = condition.properties?.['outcome'];
        if ((outcome === true) !== (branch.branch === 'if')) return 'skip';
      }
    }
    let verdict: 'ready' | 'wait' | 'skip' | 'blocked' = 'ready';
    for (const dep of this.analysis.dependencies.get(s.def.name) ?? []) {
      const d = this.steps.get(dep)!;
      if (d.phase === 'succeeded') continue;
      if (d.phase === 'skipped') {
        if (selective && !selective.steps.includes(dep)) continue;
        return 'skip';
      }
      if (d.phase === 'failed' || d.phase === 'excluded') verdict = 'blocked';
      else if (verdict === 'ready') verdict = 'wait';
    }
    return verdict;
  }

  private track(s: StepState, work: Promise<void>, slot: boolean): void {
    this.inFlight += 1;
    work
      .catch(async (error: unknown) => {
        this.log.error({ err: error, step: s.def.name }, 'step bookkeeping failed');
        s.phase = 'failed';
        this.failure ??= `Step ${s.def.name} failed: the executor could not record it (${(error as Error).message})`;
        // Best effort: do not leave the step looking in flight under an ended execution.
        await this.locked(s, async () => {
          if (s.record && IN_FLIGHT.has(s.record.status))
            await this.setStep(s, { to: 'Failed', failureKind: 'error', failureReason: (error as Error).message });
        }).catch(() => undefined);
      })
      .finally(() => {
        this.inFlight -= 1;
        if (slot) this.slotsUsed -= 1;
        if (s.phase === 'active') s.phase = 'failed';
        this.pump();
      });
  }

  private async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    if (this.remoteStopTimer) clearInterval(this.remoteStopTimer);
    if (this.stopWrite) await this.stopWrite.catch(() => undefined);
    if (!this.stopping && this.failure === null) {
      const unfinished = [...this.steps.values()].filter((s) => s.phase === 'pending').map((s) => s.def.name);
      if (unfinished.length > 0) this.failure = `Steps could not run: ${unfinished.join(', ')}`;
    }
    const target: ExecutionStatus = this.stopping ? 'Stopped' : this.failure !== null ? 'Failed' : 'Succeeded';
    let execution: PipelineExecution;
    try {
      execution = await this.transitionExecution(target);
    } catch (error) {
      this.log.error({ err: error }, 'could not end the execution');
      // wait() must settle even when the store is gone: with what the store last said.
      execution = await this.deps.store.getExecution(this.executionId).catch(() => this.execution);
    }
    this.log.info({ status: execution.status, failureReason: execution.failureReason }, 'execution ended');
    if (execution.status === 'Succeeded') {
      // Work directories go with success; a failed or stopped run keeps them for a look at what went wrong.
      await rm(path.join(this.deps.dataDir, 'work', this.executionId), { recursive: true, force: true }).catch(() => undefined);
    }
    this.resolveDone(execution);
  }

  private async transitionExecution(target: ExecutionStatus): Promise<PipelineExecution> {
    const from: ExecutionStatus = this.stopping ? 'Stopping' : 'Executing';
    try {
      return this.publishExecution(
        await this.deps.store.transitionExecution({
          id: this.executionId,
          from,
          to: target,
          failureReason: target === 'Failed' ? this.failure : null,
          at: this.iso(),
        }),
      );
    } catch (error) {
      if (!isPedigreeError(error) || error.code !== 'CONFLICT') throw error;
      // Someone else moved it (a stop through another path): end it from where it is now.
      const current = await this.deps.store.getExecution(this.executionId);
      if (current.status === 'Stopping') {
        return this.publishExecution(
          await this.deps.store.transitionExecution({ id: this.executionId, from: 'Stopping', to: 'Stopped', at: this.iso() }),
        );
      }
      return current;
    }
  }

  // ---- steps ------------------------------------------------------------------------------------

  private async skip(s: StepState): Promise<void> {
    if (!s.record) {
      s.record = await this.deps.store.createStepExecution({
        executionId: this.executionId,
        stepName: s.def.name,
        stepType: s.def.type,
        status: 'Skipped',
        at: this.iso(),
      });
      this.publishStep(s.record);
    }
    s.phase = 'skipped';
  }

  private async launch(s: StepState): Promise<void> {
    switch (s.def.type) {
      case 'processing':
      case 'training':
      case 'evaluation':
        return this.runJob(s, s.def);
      case 'condition':
        return this.runCondition(s, s.def);
      case 'fail':
        return this.runFail(s, s.def);
      case 'register-model':
        return this.runRegister(s, s.def);
      case 'callback':
        return this.runCallback(s, s.def);
    }
  }

  private async openAttempt(s: StepState): Promise<void> {
    await this.locked(s, async () => {
      if (!s.record) {
        s.record = await this.deps.store.createStepExecution({
          executionId: this.executionId,
          stepName: s.def.name,
          stepType: s.def.type,
          status: 'Starting',
          at: this.iso(),
        });
        this.publishStep(s.record);
      } else {
        await this.setStep(s, { to: 'Starting' });
      }
      s.attemptsThisRun += 1;
    });
  }

  private async runJob(s: StepState, def: JobStepDefinition): Promise<void> {
    for (;;) {
      await this.openAttempt(s);
      if (this.stopping) {
        await this.locked(s, () => this.setStep(s, { to: 'Stopped', failureKind: 'stopped', failureReason: 'the execution was stopped' }));
        return;
      }
      const attempt = s.record!.attempt;
      const attemptDir = attemptDirOf(this.deps.dataDir, this.executionId, def.name, attempt);
      let failure: AttemptFailure;
      try {
        const prepared = await this.prepareJob(s, def, attemptDir);
        for (const warning of prepared.warnings) {
          this.log.warn({ step: def.name }, warning);
          this.stepLogLine(s, 'stderr', `[pedigree] warning: ${warning}`);
        }
        if (s.attemptsThisRun === 1) {
          const served = await this.serveFromCache(s, def, prepared);
          if (served) return;
        } else {
          await this.locked(s, () =>
            // The first attempt's cache-miss explanation stays: a retry does not look at the cache again.
            this.setStep(s, { to: 'Executing', cacheKey: prepared.cacheKey, resolvedArguments: prepared.material }),
          );
        }
        const result = await this.execute(s, def, prepared, attemptDir);
        if (result.ok) {
          const recorded = await this.recordSuccess(s, def, prepared, attemptDir, result);
          if (recorded === null) return;
          failure = recorded;
        } else {
          failure = { kind: result.failureKind ?? 'error', message: result.message ?? 'the step failed', exitCode: result.exitCode };
        }
      } catch (error) {
        if (!(error instanceof PropertyResolutionError) && !isUserFacing(error)) throw error;
        failure = { kind: 'error', message: (error as Error).message, exitCode: null };
      }
      if (failure.kind === 'stopped' || (this.stopping && s.record?.status === 'Stopping')) {
        await this.locked(s, () => this.setStep(s, { to: 'Stopped', failureKind: 'stopped', failureReason: failure.message }));
        return;
      }
      await this.locked(s, () =>
        this.setStep(s, { to: 'Failed', failureKind: failure.kind, failureReason: failure.message, exitCode: failure.exitCode }),
      );
      this.log.warn(
        { step: def.name, attempt, kind: failure.kind, exitCode: failure.exitCode, reason: failure.message },
        'step attempt failed',
      );
      if (this.stopping || !shouldRetry(def.retry, failure, s.attemptsThisRun)) {
        s.phase = 'failed';
        if (!this.stopping) this.failure ??= `Step ${def.name} failed: ${failure.message}`;
        return;
      }
      const delay = backoffDelayMs(def.retry!, s.attemptsThisRun, this.deps.random);
      this.log.info({ step: def.name, attempt, delayMs: delay, kind: failure.kind }, 'retrying step');
      try {
        await this.deps.clock.sleep(delay, this.stopController.signal);
      } catch {
        s.phase = 'failed';
        return;
      }
    }
  }

  private async prepareJob(s: StepState, def: JobStepDefinition, attemptDir: string): Promise<PreparedJob> {
    const scope = this.scope(attemptDir);
    const inputs: PreparedInput[] = [];
    const warnings: string[] = [];
    for (const channel of def.inputs) {
      const source = channel.source;
      if (source.kind === 'output') {
        const ref = this.steps.get(source.step)?.outputs.get(source.output);
        if (!ref)
          throw new PropertyResolutionError(`inputs.${channel.name}: step ${source.step} has no output ${source.output}`, {
            step: source.step,
            output: source.output,
          });
        inputs.push({ name: channel.name, ref, fileName: channel.name });
      } else {
        const uri = source.kind === 'uri' ? source.uri : String(this.execution.parameters[source.name] ?? '');
        if (!uri)
          throw new PropertyResolutionError(
            `inputs.${channel.name}: parameter ${source.kind === 'parameter' ? source.name : ''} has no value`,
            { input: channel.name },
          );
        if (uri.startsWith('openlineage:')) {
          inputs.push(await this.openLineageInput(channel.name, uri, warnings));
          continue;
        }
        const abs = uri.startsWith('file:') ? fileURLToPath(uri) : path.resolve(this.deps.projectRoot, uri);
        let stored;
        try {
          stored = await this.deps.artifacts.put(abs);
        } catch (error) {
          throw new PropertyResolutionError(`inputs.${channel.name}: cannot read ${uri}: ${(error as Error).message}`, {
            input: channel.name,
            uri,
          });
        }
        inputs.push({
          name: channel.name,
          fileName: path.basename(abs),
          ref: {
            kind: stored.kind,
            input: {
              uri: pathToFileURL(abs).href,
              digest: stored.digest,
              type: channel.type,
              name: path.basename(abs),
              size: stored.size,
              properties: { contentUri: stored.uri, kind: stored.kind },
            },
          },
        });
      }
    }
    const args: Record<string, ScalarValue> = {};
    const keyArgs: JsonObject = {};
    for (const [name, expr] of Object.entries(def.arguments)) {
      keyArgs[name] = resolveKeyValue(expr, scope, `arguments.${name}`);
      args[name] = await resolveRuntimeValue(expr, scope, `arguments.${name}`);
    }
    const env: Record<string, string> = {};
    const keyEnv: JsonObject = {};
    for (const [name, expr] of Object.entries(def.environment)) {
      keyEnv[name] = resolveKeyValue(expr, scope, `environment.${name}`);
      env[name] = String(await resolveRuntimeValue(expr, scope, `environment.${name}`));
    }
    let run: RunSpec;
    let code: JsonObject;
    let codeFiles: readonly CodeFile[];
    if (def.run.kind === 'handler') {
      const modulePath = def.run.module.startsWith('file:')
        ? fileURLToPath(def.run.module)
        : path.resolve(this.deps.projectRoot, def.run.module);
      let handler: HandlerCode;
      try {
        // Once per module and run: code edited while an execution runs takes effect in the next one.
        let memo = this.codeMemo.get(modulePath);
        if (!memo) {
          memo = handlerCode(modulePath, this.deps.projectRoot, this.deps.digests);
          this.codeMemo.set(modulePath, memo);
          memo.catch(() => this.codeMemo.delete(modulePath));
        }
        handler = await memo;
      } catch (error) {
        throw new PropertyResolutionError(`run.module: cannot read handler module ${def.run.module}: ${(error as Error).message}`, {
          module: def.run.module,
        });
      }
      const version = canonicalDigest({ digest: handler.digest, files: handler.files }).slice(7, 23);
      run = { kind: 'handler', modulePath, exportName: def.run.export, version };
      // No path of the module enters the key: its content (digest) and its imports' contents and
      // relative layout identify the code, so moving the project or choosing another project root
      // keeps the cache (SageMaker's path-dependent keys missed on every upsert).
      code = {
        kind: 'handler',
        export: def.run.export,
        digest: handler.digest,
        files: { ...handler.files },
      };
      codeFiles = handler.sources;
    } else {
      const argv: string[] = [];
      const keyArgv: JsonValue[] = [];
      const files: JsonObject = {};
      const named = new Map<string, CodeFile>();
      for (const [i, expr] of def.run.argv.entries()) {
        const keyValue = resolveKeyValue(expr, scope, `run.argv[${i}]`);
        let value = String(await resolveRuntimeValue(expr, scope, `run.argv[${i}]`));
        let keyElement: JsonValue = keyValue;
        if (typeof keyValue !== 'object' && value !== '' && !value.startsWith('-')) {
          // A project file the command names: its content enters the key (by project-relative path), and it runs by absolute path from the work directory.
          const candidate = path.resolve(this.deps.projectRoot, value);
          const rel = this.projectRelative(candidate);
          if (rel !== null && (await isFile(candidate))) {
            const file = await this.deps.digests.file(candidate);
            files[rel] = file.digest;
            named.set(candidate, file);
            if (i > 0 || value.includes('/')) {
              keyElement = rel;
              value = candidate;
            }
          }
        }
        argv.push(value);
        keyArgv.push(keyElement);
      }
      run = { kind: 'command', argv };
      code = { kind: 'command', argv: keyArgv, files };
      codeFiles = [...named.values()];
    }
    const material: CacheKeyMaterial = {
      cacheFormatVersion: CACHE_FORMAT_VERSION,
      stepType: def.type,
      arguments: keyArgs,
      code,
      inputs: Object.fromEntries(inputs.map((i) => [i.name, { digest: i.ref.input.digest }])),
      environment: keyEnv,
      outputs: {
        channels: Object.fromEntries(def.outputs.map((o) => [o.name, o.type])),
        propertyFiles: Object.fromEntries(def.propertyFiles.map((p) => [p.name, `${p.output}/${p.path}`])),
      },
    };
    return { inputs, code: await this.codeArtifacts(codeFiles), args, env, run, material, cacheKey: cacheKeyOf(material), warnings };
  }

  /**
   * An `openlineage://namespace/name` input: a dataset another system (Spark, dbt, Airflow) reported
   * through OpenLineage. It has no bytes here: the step consumes the lineage node, and its value in
   * argv and handlers is the URI. The node is the latest version ingested at that URI; when nothing
   * was ingested yet, the dataset's unversioned node (created here, as ingestion would) with a
   * warning, so the link exists and a later ingested version shows up as a changed input digest
   * (a cache miss that names this input).
   */
  private async openLineageInput(channel: string, uri: string, warnings: string[]): Promise<PreparedInput> {
    const ref = parseOpenLineageDatasetUri(uri);
    if (!ref)
      throw new PropertyResolutionError(`inputs.${channel}: ${JSON.stringify(uri)} is not openlineage://namespace/name`, {
        input: channel,
        uri,
      });
    const store = this.deps.store;
    const unversioned = openLineageDatasetDigest(ref.namespace, ref.name, null);
    let artifact: Artifact | null = await store.findArtifact({ uri });
    if (artifact?.digest === unversioned) {
      // Versions may carry producer event times older than the unversioned node: prefer the newest version.
      const dataset = await store.findOpenLineageDataset(ref.namespace, ref.name);
      const versions = dataset ? (await store.getArtifacts(dataset.versionArtifactIds)).filter((a) => a && a.digest !== unversioned) : [];
      artifact = versions[0] ?? artifact;
    }
    if (!artifact) {
      warnings.push(
        `input ${channel}: no OpenLineage event has named ${uri} yet; the step is linked to the dataset's unversioned node ` +
          `(ingest the producer's events to link its runs; a later version changes this step's cache key)`,
      );
      artifact = await store.upsertArtifact({
        uri,
        digest: unversioned,
        type: 'DataSet',
        name: ref.name,
        size: 0,
        properties: { openlineage: { namespace: ref.namespace, name: ref.name, version: null } },
      });
    }
    return { name: channel, fileName: ref.name, uri, ref: { kind: 'file', input: toArtifactInput(artifact) } };
  }

  /** Appends a line of Pedigree's own to the attempt's step log (and publishes it), for warnings the user should see beside the step's output. */
  private stepLogLine(s: StepState, stream: 'stdout' | 'stderr', line: string): void {
    const record = s.record!;
    const logDir = path.join(this.deps.dataDir, 'logs', this.executionId, safeName(s.def.name));
    mkdirSyncSafe(logDir);
    appendFileSync(path.join(logDir, `attempt-${record.attempt}.${stream}.log`), `${line}\n`);
    this.deps.events.emit({
      type: 'log',
      executionId: this.executionId,
      stepName: s.def.name,
      stepExecutionId: record.id,
      attempt: record.attempt,
      stream,
      line,
      at: this.iso(),
    });
  }

  /**
   * The `Code` artifacts a job step consumes: every file its code digest covers, from the digests
   * that digest already computed (nothing is hashed twice). URI `file://<absolute path>` like other
   * local inputs, so a file at the same content is one node across runs and an edit is a new
   * version of it; channel `code:<project-relative path>`. The bytes go to the artifact store once
   * (`exists` is a stat), so `properties.contentUri` can be re-hashed by `verify` after the file changes.
   */
  private async codeArtifacts(files: readonly CodeFile[]): Promise<ChannelArtifactInput[]> {
    const artifacts = this.deps.artifacts;
    return Promise.all(
      files.map(async (file): Promise<ChannelArtifactInput> => {
        const name = this.projectRelative(file.path) ?? file.path;
        const properties: JsonObject = { kind: 'file', path: name };
        // A file edited since it was digested stores other bytes: then the content is not claimed.
        if ((await artifacts.exists(file.digest)) || (await artifacts.put(file.path).catch(() => null))?.digest === file.digest)
          properties['contentUri'] = artifacts.uriFor(file.digest);
        return {
          name: `${CODE_CHANNEL_PREFIX}${name}`,
          artifact: { uri: pathToFileURL(file.path).href, digest: file.digest, type: 'Code', name, size: file.size, properties },
        };
      }),
    );
  }

  /** Returns true when the step was served from the cache; otherwise moves it to Executing with the miss explained. */
  private async serveFromCache(s: StepState, def: JobStepDefinition, prepared: PreparedJob): Promise<boolean> {
    const { cacheKey, material } = prepared;
    let miss: CacheMissExplanation;
    if (!def.cache.enabled) {
      miss = {
        reason: 'disabled',
        nearestStepExecutionId: null,
        nearestCacheKey: null,
        differingFields: [],
        message: 'caching is not enabled for this step',
      };
    } else {
      const store = this.deps.store;
      const notBefore = def.cache.expireAfter
        ? new Date(this.deps.clock.now() - parseIsoDuration(def.cache.expireAfter)).toISOString()
        : null;
      const candidate = await store.findCacheHit({ cacheKey, notBefore, excludeExecutionId: this.executionId });
      if (candidate) {
        const missing: string[] = [];
        for (const channel of def.outputs) {
          const out = candidate.outputs.find((o) => o.name === channel.name);
          if (!out || !(await this.deps.artifacts.exists(out.artifact.digest))) missing.push(channel.name);
        }
        if (missing.length === 0) {
          const outputs = candidate.outputs.map((o) => ({ name: o.name, artifact: toArtifactInput(o.artifact) }));
          await this.locked(s, async () => {
            const record = await store.recordStepResult({
              stepExecutionId: s.record!.id,
              from: s.record!.status,
              status: 'Cached',
              at: this.iso(),
              inputs: [...prepared.inputs.map((i) => ({ name: i.name, artifact: i.ref.input })), ...prepared.code],
              outputs,
              properties: candidate.stepExecution.properties,
              cacheKey,
              resolvedArguments: material,
              reusedStepExecutionId: candidate.stepExecution.reusedStepExecutionId ?? candidate.stepExecution.id,
            });
            s.record = record;
            this.publishStep(record);
          });
          for (const o of candidate.outputs)
            s.outputs.set(o.name, {
              input: toArtifactInput(o.artifact),
              kind: o.artifact.properties['kind'] === 'file' ? 'file' : 'directory',
            });
          s.properties = candidate.stepExecution.properties;
          s.phase = 'succeeded';
          this.log.debug({ step: def.name, reused: candidate.stepExecution.id }, 'served from the cache');
          return true;
        }
        miss = {
          reason: 'outputs-missing',
          nearestStepExecutionId: candidate.stepExecution.id,
          nearestCacheKey: candidate.stepExecution.cacheKey,
          differingFields: [],
          message: `the cached run ${candidate.stepExecution.id} lost outputs ${missing.join(', ')} from the artifact store`,
        };
      } else {
        const expired = notBefore ? await store.findCacheHit({ cacheKey, notBefore: null, excludeExecutionId: this.executionId }) : null;
        if (expired) {
          miss = {
            reason: 'expired',
            nearestStepExecutionId: expired.stepExecution.id,
            nearestCacheKey: cacheKey,
            differingFields: [],
            message: `the run with the same key (${expired.stepExecution.id}, ended ${expired.stepExecution.endedAt}) is older than expireAfter ${def.cache.expireAfter}`,
          };
        } else {
          const nearest = await store.findNearestStepExecution({
            pipelineName: this.execution.pipelineName,
            stepName: def.name,
            excludeExecutionId: this.executionId,
          });
          if (!nearest) {
            miss = {
              reason: 'no-earlier-run',
              nearestStepExecutionId: null,
              nearestCacheKey: null,
              differingFields: [],
              message: 'no earlier run of this step',
            };
          } else if (nearest.cacheKey !== cacheKey) {
            const differing = diffKeyMaterial(nearest.resolvedArguments ?? undefined, material);
            miss = {
              reason: 'key-changed',
              nearestStepExecutionId: nearest.id,
              nearestCacheKey: nearest.cacheKey,
              differingFields: differing,
              message: `changed since ${nearest.id}: ${differing.join(', ') || '(the key material was not recorded)'}`,
            };
          } else if (nearest.status === 'Succeeded' || nearest.status === 'Cached') {
            miss = {
              reason: 'invalidated',
              nearestStepExecutionId: nearest.id,
              nearestCacheKey: nearest.cacheKey,
              differingFields: [],
              message: `the earlier run ${nearest.id} with this key was invalidated`,
            };
          } else {
            miss = {
              reason: 'no-earlier-run',
              nearestStepExecutionId: nearest.id,
              nearestCacheKey: nearest.cacheKey,
              differingFields: [],
              message: `no successful earlier run with this key (the nearest, ${nearest.id}, is ${nearest.status})`,
            };
          }
        }
      }
    }
    await this.locked(s, () => this.setStep(s, { to: 'Executing', cacheKey, resolvedArguments: material, cacheMiss: miss }));
    return false;
  }

  private async execute(s: StepState, def: JobStepDefinition, prepared: PreparedJob, attemptDir: string): Promise<StepRunResult> {
    const runner = this.deps.runners.get(prepared.run.kind);
    if (!runner)
      return {
        ok: false,
        failureKind: 'error',
        message: `no runner for ${prepared.run.kind} steps is configured`,
        exitCode: null,
        result: null,
      };
    // Attempt numbers come from the store and never repeat, so the attempt directory is always new.
    const workDir = path.join(attemptDir, 'work');
    // Synchronous on purpose: for a few tiny directories the thread-pool round trip costs more than the work.
    mkdirSync(workDir, { recursive: true });
    const inputs: Record<string, string> = {};
    for (const input of prepared.inputs) {
      if (input.uri !== undefined) {
        inputs[input.name] = input.uri;
        continue;
      }
      const target =
        input.ref.kind === 'file'
          ? path.join(attemptDir, 'inputs', input.name, input.fileName)
          : path.join(attemptDir, 'inputs', input.name);
      await this.deps.artifacts.materialize(input.ref.input.digest, target);
      inputs[input.name] = target;
    }
    const outputs: Record<string, string> = {};
    for (const channel of def.outputs) {
      outputs[channel.name] = path.join(attemptDir, 'outputs', channel.name);
      mkdirSync(outputs[channel.name]!, { recursive: true });
    }
    const propertyFiles = Object.fromEntries(def.propertyFiles.map((p) => [p.name, path.join(outputs[p.output] ?? attemptDir, p.path)]));
    const record = s.record!;
    const logDir = path.join(this.deps.dataDir, 'logs', this.executionId, safeName(def.name));
    const streams: Partial<Record<'stdout' | 'stderr', WriteStream>> = {};
    const onLog = (stream: 'stdout' | 'stderr', line: string): void => {
      if (!streams[stream]) {
        mkdirSyncSafe(logDir);
        streams[stream] = createWriteStream(path.join(logDir, `attempt-${record.attempt}.${stream}.log`), { flags: 'a' });
      }
      streams[stream]!.write(`${line}\n`);
      this.deps.events.emit({
        type: 'log',
        executionId: this.executionId,
        stepName: def.name,
        stepExecutionId: record.id,
        attempt: record.attempt,
        stream,
        line,
        at: this.iso(),
      });
    };
    const controller = new AbortController();
    s.controller = controller;
    if (this.stopping) controller.abort('stopped');
    let timer: NodeJS.Timeout | null = null;
    const startTimeout = (): void => {
      if (timer === null && def.timeoutSeconds !== null) timer = setTimeout(() => controller.abort('timeout'), def.timeoutSeconds * 1000);
    };
    try {
      const result = await runner.run(
        {
          executionId: this.executionId,
          pipelineName: this.execution.pipelineName,
          stepName: def.name,
          attempt: record.attempt,
          run: prepared.run,
          inputs,
          outputs,
          propertyFiles,
          args: prepared.args,
          env: prepared.env,
          workDir,
          onLog,
          killGraceMs: this.deps.killGraceMs,
          onProcess: (pid) => writeFileSync(path.join(attemptDir, PID_FILE), String(pid)),
          onStart: startTimeout,
        },
        controller.signal,
      );
      if (controller.signal.aborted) {
        // Even a clean exit after SIGTERM / abort may have left partial outputs: never record it as a success.
        const reason = controller.signal.reason;
        if (reason === 'timeout')
          return { ...result, ok: false, failureKind: 'timeout', message: `timed out after ${def.timeoutSeconds} s` };
        return { ...result, ok: false, failureKind: 'stopped', message: 'stopped' };
      }
      return result;
    } finally {
      if (timer) clearTimeout(timer);
      s.controller = null;
      await Promise.all(Object.values(streams).map((w) => new Promise<void>((r) => w.end(r))));
    }
  }

  /** Stores outputs and records success with lineage in one store call. Returns null on success, or the failure (a missing property file). */
  private async recordSuccess(
    s: StepState,
    def: JobStepDefinition,
    prepared: PreparedJob,
    attemptDir: string,
    result: StepRunResult,
  ): Promise<AttemptFailure | null> {
    const propertyFiles: JsonObject = {};
    for (const p of def.propertyFiles) {
      const file = path.join(attemptDir, 'outputs', p.output, p.path);
      try {
        propertyFiles[p.name] = JSON.parse(await readFile(file, 'utf8')) as JsonValue;
      } catch (error) {
        return {
          kind: 'error',
          message: `property file ${p.name} (${p.output}/${p.path}) was not written as JSON: ${(error as Error).message}`,
          exitCode: null,
        };
      }
    }
    const outputs: ChannelArtifactInput[] = [];
    for (const channel of def.outputs) {
      const stored = await this.deps.artifacts.put(path.join(attemptDir, 'outputs', channel.name));
      outputs.push({
        name: channel.name,
        artifact: {
          uri: outputUri(this.executionId, def.name, channel.name),
          digest: stored.digest,
          type: channel.type,
          name: `${def.name}/${channel.name}`,
          size: stored.size,
          properties: { contentUri: stored.uri, kind: stored.kind, fileCount: stored.fileCount },
        },
      });
    }
    const properties: JsonObject = {};
    if (def.propertyFiles.length > 0) properties['propertyFiles'] = propertyFiles;
    if (result.result) properties['result'] = result.result;
    await this.locked(s, async () => {
      const record = await this.deps.store.recordStepResult({
        stepExecutionId: s.record!.id,
        from: s.record!.status,
        status: 'Succeeded',
        at: this.iso(),
        inputs: [...prepared.inputs.map((i) => ({ name: i.name, artifact: i.ref.input })), ...prepared.code],
        outputs,
        properties,
        cacheKey: prepared.cacheKey,
        resolvedArguments: prepared.material,
      });
      s.record = record;
      this.publishStep(record);
    });
    for (const o of outputs) s.outputs.set(o.name, { input: o.artifact, kind: 'directory' });
    s.properties = properties;
    s.phase = 'succeeded';
    return null;
  }

  private async runCondition(s: StepState, def: ConditionStepDefinition): Promise<void> {
    await this.openAttempt(s);
    await this.locked(s, () => this.setStep(s, { to: 'Executing' }));
    let outcome: boolean;
    try {
      const scope = this.scope(null);
      outcome = def.conditions.every((c, i) => evaluateCondition(c, scope, `conditions[${i}]`));
    } catch (error) {
      if (!(error instanceof PropertyResolutionError)) throw error;
      await this.failStep(s, 'condition', error.message);
      return;
    }
    await this.succeedWithProperties(s, { outcome }, []);
  }

  private async runFail(s: StepState, def: FailStepDefinition): Promise<void> {
    await this.openAttempt(s);
    await this.locked(s, () => this.setStep(s, { to: 'Executing' }));
    let message: string;
    try {
      message = String(resolvePlainValue(def.errorMessage, this.scope(null), 'errorMessage'));
    } catch (error) {
      message = (error as Error).message;
    }
    await this.locked(s, () => this.setStep(s, { to: 'Failed', failureKind: 'fail-step', failureReason: message }));
    s.phase = 'failed';
    this.failure ??= message;
  }

  private async runRegister(s: StepState, def: RegisterModelStepDefinition): Promise<void> {
    await this.openAttempt(s);
    await this.locked(s, () => this.setStep(s, { to: 'Executing' }));
    try {
      const model = this.steps.get(def.model.step)?.outputs.get(def.model.output);
      if (!model)
        throw new PropertyResolutionError(`model: step ${def.model.step} has no output ${def.model.output}`, { step: def.model.step });
      const inputs: ChannelArtifactInput[] = [{ name: 'model', artifact: model.input }];
      if (def.metricsArtifact) {
        const metricsRef = this.steps.get(def.metricsArtifact.step)?.outputs.get(def.metricsArtifact.output);
        if (!metricsRef)
          throw new PropertyResolutionError(
            `metricsArtifact: step ${def.metricsArtifact.step} has no output ${def.metricsArtifact.output}`,
            { step: def.metricsArtifact.step },
          );
        inputs.push({ name: 'metrics', artifact: metricsRef.input });
      }
      const scope = this.scope(null);
      const metrics: JsonObject = {};
      for (const [name, expr] of Object.entries(def.metrics)) metrics[name] = resolvePlainValue(expr, scope, `metrics.${name}`);
      const { modelPackage } = await this.deps.store.registerModelPackage({
        group: def.modelPackageGroup,
        modelArtifactId: artifactIdFor(model.input.uri, model.input.digest),
        stepExecutionId: s.record!.id,
        approvalStatus: def.approvalStatus,
        description: def.description,
        metrics,
        by: `pipeline:${this.executionId}`,
        at: this.iso(),
      });
      await this.succeedWithProperties(
        s,
        { modelPackageId: modelPackage.id, modelPackageGroup: modelPackage.group, modelPackageVersion: modelPackage.version },
        inputs,
      );
    } catch (error) {
      if (!(error instanceof PropertyResolutionError) && !isUserFacing(error)) throw error;
      await this.failStep(s, 'error', (error as Error).message);
    }
  }

  private async runCallback(s: StepState, def: CallbackStepDefinition): Promise<void> {
    if (!s.rearmCallback) {
      await this.openAttempt(s);
      if (this.stopping) {
        await this.locked(s, () => this.setStep(s, { to: 'Stopped', failureKind: 'stopped', failureReason: 'the execution was stopped' }));
        return;
      }
      await this.locked(s, () => this.setStep(s, { to: 'Executing' }));
    }
    s.rearmCallback = false;
    if (def.message) {
      try {
        const line = String(resolvePlainValue(def.message, this.scope(null), 'message'));
        this.deps.events.emit({
          type: 'log',
          executionId: this.executionId,
          stepName: def.name,
          stepExecutionId: s.record!.id,
          attempt: s.record!.attempt,
          stream: 'stdout',
          line,
          at: this.iso(),
        });
      } catch {
        // The message is informational; a missing property in it does not fail the wait.
      }
    }
    const outcome = await new Promise<CallbackOutcome | 'timeout'>((resolve) => {
      s.callback = resolve;
      if (def.timeoutSeconds !== null) {
        const timer = setTimeout(() => resolve('timeout'), def.timeoutSeconds * 1000);
        const clear = s.callback;
        s.callback = (o) => {
          clearTimeout(timer);
          clear(o);
        };
      }
    });
    s.callback = null;
    if (outcome === 'timeout') {
      await this.failStep(s, 'timeout', `no signal arrived within ${def.timeoutSeconds} s`);
      return;
    }
    if (outcome.reason === 'stopped' && this.stopping) {
      await this.locked(s, () => this.setStep(s, { to: 'Stopped', failureKind: 'stopped', failureReason: 'the execution was stopped' }));
      return;
    }
    // signal() recorded the outcome already.
    if (s.record?.status === 'Succeeded') {
      s.properties = s.record.properties;
      s.phase = 'succeeded';
    } else {
      s.phase = 'failed';
      this.failure ??= `Step ${def.name} failed: ${outcome.reason ?? 'the callback reported failure'}`;
    }
  }

  private async finishCallback(s: StepState, outcome: CallbackOutcome): Promise<StepExecution> {
    if (outcome.status === 'Succeeded') {
      const record = await this.deps.store.recordStepResult({
        stepExecutionId: s.record!.id,
        from: 'Executing',
        status: 'Succeeded',
        at: this.iso(),
        inputs: [],
        outputs: [],
        properties: { outcome: 'Succeeded', outputs: { ...outcome.outputs } },
      });
      s.record = record;
      this.publishStep(record);
      return record;
    }
    await this.setStep(s, { to: 'Failed', failureKind: 'error', failureReason: outcome.reason ?? 'the callback reported failure' });
    return s.record!;
  }

  private async succeedWithProperties(s: StepState, properties: JsonObject, inputs: ChannelArtifactInput[]): Promise<void> {
    await this.locked(s, async () => {
      const record = await this.deps.store.recordStepResult({
        stepExecutionId: s.record!.id,
        from: s.record!.status,
        status: 'Succeeded',
        at: this.iso(),
        inputs,
        outputs: [],
        properties,
      });
      s.record = record;
      this.publishStep(record);
    });
    s.properties = properties;
    s.phase = 'succeeded';
  }

  private async failStep(s: StepState, kind: FailureKind, message: string): Promise<void> {
    await this.locked(s, () => this.setStep(s, { to: 'Failed', failureKind: kind, failureReason: message }));
    s.phase = 'failed';
    this.failure ??= `Step ${s.def.name} failed: ${message}`;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private scope(attemptDir: string | null): ValueScope {
    const steps = this.steps;
    const execution = this.execution;
    const variables: Record<ExecutionVariableName, string> = {
      ExecutionId: execution.id,
      PipelineName: execution.pipelineName,
      PipelineVersion: String(this.init.pipelineVersion),
      StartDateTime: execution.startedAt,
    };
    const artifacts = this.deps.artifacts;
    return {
      parameters: execution.parameters as Record<string, ParameterValue>,
      executionVariables: variables,
      outputDigest: (step, output) => steps.get(step)?.outputs.get(output)?.input.digest ?? null,
      async outputPath(step, output) {
        const ref = steps.get(step)?.outputs.get(output);
        if (!ref || !attemptDir) throw new PropertyResolutionError(`step ${step} has no output ${output}`, { step, output });
        const target = path.join(attemptDir, 'refs', `${safeName(step)}.${safeName(output)}`);
        await artifacts.materialize(ref.input.digest, target);
        return target;
      },
      propertyFile: (step, file) => {
        const files = steps.get(step)?.properties?.['propertyFiles'];
        if (!files || typeof files !== 'object' || Array.isArray(files)) return undefined;
        return (files as JsonObject)[file];
      },
      callbackOutput: (step, output) => {
        const outputs = steps.get(step)?.properties?.['outputs'];
        if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return undefined;
        const value = (outputs as JsonObject)[output];
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
      },
    };
  }

  private projectRelative(file: string): string | null {
    const rel = path.relative(this.deps.projectRoot, file);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/');
  }

  /** Serializes writes for one step, so that a stop or a signal never races the step's own transitions. */
  private locked<T>(s: StepState, fn: () => Promise<T>): Promise<T> {
    const next = s.lock.then(fn, fn);
    s.lock = next.catch(() => undefined);
    return next;
  }

  private async setStep(
    s: StepState,
    change: {
      to: StepStatus;
      failureKind?: FailureKind;
      failureReason?: string;
      exitCode?: number | null;
      cacheKey?: string;
      resolvedArguments?: JsonObject;
      cacheMiss?: CacheMissExplanation | null;
    },
  ): Promise<void> {
    const record = await this.deps.store.transitionStep({ id: s.record!.id, from: s.record!.status, at: this.iso(), ...change });
    s.record = record;
    this.publishStep(record);
  }

  private publishStep(record: StepExecution): void {
    const last = record.attempts[record.attempts.length - 1];
    this.deps.events.emit({
      type: 'step-status',
      executionId: this.executionId,
      stepName: record.stepName,
      stepExecutionId: record.id,
      status: record.status,
      attempt: record.attempt,
      cacheHit: record.cacheHit,
      failureReason: record.failureReason,
      failureKind: last?.failureKind ?? null,
      at: this.iso(),
    });
  }

  private publishExecution(execution: PipelineExecution): PipelineExecution {
    this.execution = execution;
    this.deps.events.emit({
      type: 'execution-status',
      executionId: execution.id,
      pipelineName: execution.pipelineName,
      status: execution.status,
      failureReason: execution.failureReason,
      at: this.iso(),
    });
    return execution;
  }

  private iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

interface PreparedInput {
  readonly name: string;
  readonly ref: ArtifactRef;
  /** File name to materialize a file input as. */
  readonly fileName: string;
  /** Set for an input without bytes (an OpenLineage dataset): the step gets this URI instead of a path. */
  readonly uri?: string;
}

interface PreparedJob {
  readonly inputs: readonly PreparedInput[];
  /** The step's code files as `Code` input artifacts (channels `code:<path>`). */
  readonly code: readonly ChannelArtifactInput[];
  readonly args: Record<string, ScalarValue>;
  readonly env: Record<string, string>;
  readonly run: RunSpec;
  readonly material: CacheKeyMaterial;
  readonly cacheKey: string;
  /** Problems the user should see in the step log (an OpenLineage input not ingested yet). */
  readonly warnings: readonly string[];
}

/** The lineage URI of a step's output: one per (execution, step, channel), like SageMaker's S3 output prefixes; the bytes live in the artifact store by digest. */
export function outputUri(executionId: string, stepName: string, channel: string): string {
  return `pedigree://executions/${encodeURIComponent(executionId)}/steps/${encodeURIComponent(stepName)}/outputs/${encodeURIComponent(channel)}`;
}

function toArtifactInput(a: {
  uri: string;
  digest: Digest;
  type: ArtifactType;
  name: string;
  size: number;
  properties: JsonObject;
}): ArtifactInput {
  return { uri: a.uri, digest: a.digest, type: a.type, name: a.name, size: a.size, properties: a.properties };
}

/** Where an attempt's inputs, outputs and work directory live: unique per attempt, since attempt numbers never repeat. */
export function attemptDirOf(dataDir: string, executionId: string, stepName: string, attempt: number): string {
  return path.join(dataDir, 'work', executionId, safeName(stepName), `attempt-${attempt}`);
}

const PID_FILE = 'command.pid';

/** Channel names of a job step's `Code` inputs: `code:<project-relative path>`. */
export const CODE_CHANNEL_PREFIX = 'code:';

/**
 * Ends the process group a killed executor left running for an attempt (a crash cannot signal its
 * children). Only when the process still has the attempt's work directory as its cwd, so a reused
 * pid is never hit. Linux only (reads /proc); elsewhere it does nothing. Returns the pid ended.
 */
export function killOrphanedCommand(attemptDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(attemptDir, PID_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    if (readlinkSync(`/proc/${pid}/cwd`) !== path.join(attemptDir, 'work')) return null;
    process.kill(-pid, 'SIGKILL');
    return pid;
  } catch {
    return null;
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function mkdirSyncSafe(dir: string): void {
  // Log directories are made on the first line, synchronously, so that lines keep their order.
  mkdirSync(dir, { recursive: true });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Errors that describe a problem with the step's own data (missing artifact, bad argument) rather than a broken executor. */
function isUserFacing(error: unknown): boolean {
  return (
    isPedigreeError(error) &&
    ['ARTIFACT_MISSING', 'ARTIFACT_CORRUPT', 'INVALID_ARGUMENT', 'VALIDATION_FAILED', 'NOT_FOUND'].includes(error.code)
  );
}
