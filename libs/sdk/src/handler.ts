/**
 * The contract between the executor and a JS/TS handler step (`run: { kind: 'handler' }`).
 * A handler module exports an async function taking a `StepContext`; it runs off the main
 * thread, reads its inputs from local paths, writes each output channel into its directory
 * and may return JSON-serialisable properties (recorded on the step execution).
 */
import type { JsonValue } from '@pedigree/domain';

export interface StepContext {
  readonly executionId: string;
  readonly pipelineName: string;
  readonly stepName: string;
  readonly attempt: number;
  /** Local path of each input channel (a file or a directory, as the source artifact is). */
  readonly inputs: Readonly<Record<string, string>>;
  /** An empty directory per output channel; whatever the handler writes there becomes the output artifact. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Resolved named arguments of the step. */
  readonly args: Readonly<Record<string, string | number | boolean>>;
  /** The step's declared environment, resolved. */
  readonly env: Readonly<Record<string, string>>;
  /** A scratch directory for this attempt, removed afterwards. */
  readonly workDir: string;
  /** Aborted when the execution is stopped or the step times out; long loops should check it. */
  readonly signal: AbortSignal;
  /** Writes a line to the step's log (streamed to subscribers). */
  log(message: string): void;
}

export type StepHandler = (context: StepContext) => Promise<void | Record<string, JsonValue>> | void | Record<string, JsonValue>;
