import type { FailureKind, JsonObject } from '@pedigree/domain';

/** What to run, already resolved: no expressions left, every path local. */
export type RunSpec =
  /** argv[0] is the program; never run through a shell. */
  | { readonly kind: 'command'; readonly argv: readonly string[] }
  /** An absolute module path (JS or TS) and its export; `version` changes when the module's content does (defeats module caching in warm workers). */
  | { readonly kind: 'handler'; readonly modulePath: string; readonly exportName: string; readonly version: string };

export interface StepRunRequest {
  readonly executionId: string;
  readonly pipelineName: string;
  readonly stepName: string;
  readonly attempt: number;
  readonly run: RunSpec;
  /** Local path of each input channel. */
  readonly inputs: Readonly<Record<string, string>>;
  /** An empty directory per output channel. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Property file name -> absolute path where the step writes it. */
  readonly propertyFiles: Readonly<Record<string, string>>;
  readonly args: Readonly<Record<string, string | number | boolean>>;
  /** The declared environment, resolved. */
  readonly env: Readonly<Record<string, string>>;
  /** A fresh directory for this attempt: the working directory of a command. */
  readonly workDir: string;
  /** Each line the step writes, as it writes it. */
  readonly onLog: (stream: 'stdout' | 'stderr', line: string) => void;
  /** After `signal` aborts: how long to wait before killing hard (SIGKILL, worker termination). */
  readonly killGraceMs: number;
  /** Called once a command's process exists (not for handlers): the executor records the pid so that a later resume can end an orphan. */
  readonly onProcess?: (pid: number) => void;
  /**
   * Called when the step really starts (the process is spawned, a worker took the task): the
   * step's timeout counts from here, not from time spent waiting for a free worker. Every runner
   * must call it once (a step whose runner never does has no timeout).
   */
  readonly onStart?: () => void;
}

export interface StepRunResult {
  readonly ok: boolean;
  /** Why it failed, when `ok` is false; the engine overrides it with `timeout`/`stopped` when it aborted the run. */
  readonly failureKind: FailureKind | null;
  readonly message: string | null;
  readonly exitCode: number | null;
  /** Values a handler returned (JSON), recorded with the step's properties. */
  readonly result: JsonObject | null;
}

/**
 * Runs one attempt of a job step. Implementations never throw for a failing step (they return
 * `ok: false` with a failure kind); they throw only when they themselves are broken. On `signal`
 * they ask the step to stop (SIGTERM, the handler's AbortSignal), and after `killGraceMs` end it
 * hard (SIGKILL, terminate the worker).
 */
export interface StepRunner {
  /** Which `RunSpec` kind it runs. */
  readonly kind: RunSpec['kind'];
  run(request: StepRunRequest, signal: AbortSignal): Promise<StepRunResult>;
  /** Releases processes and threads. Idempotent. */
  close(): Promise<void>;
}

/** A failed `StepRunResult` (for runner implementations). */
export function failed(kind: FailureKind, message: string, exitCode: number | null = null): StepRunResult {
  return { ok: false, failureKind: kind, message, exitCode, result: null };
}
