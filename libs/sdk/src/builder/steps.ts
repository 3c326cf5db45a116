/**
 * Step declarations. Each `defineXStep` returns a step object whose references are typed from its
 * declaration: `prepare.outputs.train` exists only if `prepare` declares an output `train`, and
 * `evaluate.propertyFiles.evaluation.get('metrics.accuracy')` is a JsonGet. Passing those objects to
 * other steps is how data dependencies are inferred; `dependsOn` adds ordering-only ones.
 */
import type { ApprovalStatus, ArtifactType } from '@pedigree/domain';
import type { ParameterType, RetryableFailureKind } from '../definition/types.ts';
import { BRAND, hasBrand } from './brand.ts';
import type { Condition } from './conditions.ts';
import {
  JsonGet,
  type CallbackOutput,
  type KindOfParameter,
  type ParameterRef,
  type PropertyFile,
  type StepOutput,
  type Value,
} from './expressions.ts';

/** The three kinds of job step. */
export type JobStepType = 'processing' | 'training' | 'evaluation';
/** Every step type of the definition format. */
export type StepTypeName = JobStepType | 'condition' | 'fail' | 'register-model' | 'callback';

/** What every step object has; step references accept any step. */
export interface AnyStep {
  readonly [BRAND]: 'step';
  readonly name: string;
  readonly type: StepTypeName;
  /** The declaration as given (read by the compiler). */
  readonly config: StepCommonConfig;
}

/** True for a step made by one of the `defineXStep` functions. */
export function isStep(value: unknown): value is AnyStep {
  return hasBrand(value, 'step');
}

/** Fields every step declaration has. */
export interface StepCommonConfig {
  /** Unique within the pipeline; `[A-Za-z0-9][A-Za-z0-9_-]*`, at most 64 characters. */
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  /** Steps that must succeed first, in addition to those whose outputs this step references. */
  readonly dependsOn?: readonly AnyStep[];
}

// ---- job steps ----

/** A JS/TS handler: the module (project-relative path, absolute path or `file:` URL, e.g. `new URL('./steps/train.ts', import.meta.url)`) and its export (default `default`). */
export interface HandlerRunConfig {
  readonly handler: string | URL;
  readonly export?: string;
}
/** A command run without a shell: an argv array whose elements may be expressions. */
export interface CommandRunConfig {
  readonly command: readonly Value[];
}
/** What a job runs: a handler or a command. */
export type RunConfig = HandlerRunConfig | CommandRunConfig;

/** A handler module and export for `run` (export default `default`). */
export function handler(module: string | URL, exportName = 'default'): HandlerRunConfig {
  return { handler: module, export: exportName };
}
/** An argv array for `run`, executed without a shell (`command(['python', 'train.py', '--epochs', params.Epochs])`). */
export function command(argv: readonly Value[]): CommandRunConfig {
  return { command: [...argv] };
}

/** Where an input channel's data comes from: a project-relative path, a `file:` URI/URL, a String parameter or an earlier step's output. */
export type InputSourceConfig = string | URL | ParameterRef<'String'> | StepOutput;
/** An input channel: its source, or the source with the artifact type recorded for it (default `DataSet`). */
export type InputConfig = InputSourceConfig | { readonly source: InputSourceConfig; readonly type?: ArtifactType };

/** An output channel: its artifact type, or type (default `DataSet`) and description. */
export type OutputConfig = ArtifactType | { readonly type?: ArtifactType; readonly description?: string };
/** Output channels by name. */
export type OutputsConfig = Readonly<Record<string, OutputConfig>>;

/** The artifact type an output declaration gives its channel (default `DataSet`). */
export type ArtifactTypeOf<O> = O extends ArtifactType ? O : O extends { readonly type: infer T extends ArtifactType } ? T : 'DataSet';

/** Per-step cache config (SageMaker CacheConfig): `true`, or `{ enabled (default true), expireAfter (ISO-8601, default never) }`. Default: no caching. */
export type CacheConfigInput = boolean | { readonly enabled?: boolean; readonly expireAfter?: string | null };

/** Retry policy (SageMaker RetryPolicy); only `maxAttempts` is required. Defaults: 1 s initial interval, backoff 2, max interval 3600 s, every failure kind, any exit code. */
export interface RetryConfig {
  /** Total attempts including the first, 1..20. */
  readonly maxAttempts: number;
  readonly initialIntervalSeconds?: number;
  readonly backoffRate?: number;
  readonly maxIntervalSeconds?: number;
  readonly retryOn?: readonly RetryableFailureKind[];
  readonly exitCodes?: readonly number[] | null;
}

/** Declaration of a processing, training or evaluation step. */
export interface JobStepConfig<O extends OutputsConfig, PF extends string> extends StepCommonConfig {
  readonly run: RunConfig;
  readonly inputs?: Readonly<Record<string, InputConfig>>;
  readonly outputs?: O;
  /** JSON files written into an output, readable downstream with JsonGet (SageMaker PropertyFile). */
  readonly propertyFiles?: { readonly [K in PF]: { readonly output: keyof O & string; readonly path: string } };
  /** Named arguments: `args` of a handler, `PEDIGREE_ARG_<NAME>` environment variables of a command. */
  readonly arguments?: Readonly<Record<string, Value>>;
  /** Environment variables of the step (nothing else but PATH reaches a command). */
  readonly environment?: Readonly<Record<string, Value>>;
  readonly cache?: CacheConfigInput;
  readonly retry?: RetryConfig;
  /** ISO-8601 duration (`PT1H`) or seconds; default none. */
  readonly timeout?: string | number;
}

/** A job step with typed `outputs` and `propertyFiles`. */
export interface JobStep<
  T extends JobStepType = JobStepType,
  O extends OutputsConfig = OutputsConfig,
  PF extends string = string,
> extends AnyStep {
  readonly type: T;
  readonly config: JobStepConfig<O, PF>;
  /** Typed references to the declared outputs. */
  readonly outputs: { readonly [K in keyof O & string]: StepOutput<ArtifactTypeOf<O[K]>> };
  /** Typed references to the declared property files. */
  readonly propertyFiles: { readonly [K in PF]: PropertyFile };
}

function defineJob<T extends JobStepType, O extends OutputsConfig, PF extends string>(
  type: T,
  config: JobStepConfig<O, PF>,
): JobStep<T, O, PF> {
  const step = { [BRAND]: 'step', name: config.name, type, config } as unknown as Mutable<JobStep<T, O, PF>>;
  const outputs: Record<string, StepOutput> = {};
  for (const [name, output] of Object.entries(config.outputs ?? {})) {
    const artifactType = typeof output === 'string' ? output : (output.type ?? 'DataSet');
    outputs[name] = { [BRAND]: 'expression', valueKind: 'string', expression: 'output', step, output: name, artifactType };
  }
  const propertyFiles: Record<string, PropertyFile> = {};
  for (const [name, file] of Object.entries(config.propertyFiles ?? {}) as [string, { output: string; path: string }][]) {
    const propertyFile: PropertyFile = {
      [BRAND]: 'propertyFile',
      step,
      name,
      output: file.output,
      path: file.path,
      get: (path: string) => JsonGet(propertyFile, path),
    };
    propertyFiles[name] = propertyFile;
  }
  step.outputs = outputs as never;
  step.propertyFiles = propertyFiles as never;
  return Object.freeze(step);
}

/** No declared outputs (the default of the generic parameters). */
type Empty = Record<never, never>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A processing step (SageMaker ProcessingStep): prepares data. */
export function defineProcessingStep<const O extends OutputsConfig = Empty, PF extends string = never>(
  config: JobStepConfig<O, PF>,
): JobStep<'processing', O, PF> {
  return defineJob('processing', config);
}
/** A training step (SageMaker TrainingStep): fits a model. */
export function defineTrainingStep<const O extends OutputsConfig = Empty, PF extends string = never>(
  config: JobStepConfig<O, PF>,
): JobStep<'training', O, PF> {
  return defineJob('training', config);
}
/** An evaluation step (a SageMaker ProcessingStep that evaluates a model, usually with a PropertyFile). */
export function defineEvaluationStep<const O extends OutputsConfig = Empty, PF extends string = never>(
  config: JobStepConfig<O, PF>,
): JobStep<'evaluation', O, PF> {
  return defineJob('evaluation', config);
}

// ---- condition, fail, register-model, callback ----

export interface ConditionStepConfig extends StepCommonConfig {
  /** All must hold for `ifSteps` to run; otherwise `elseSteps` run (SageMaker ConditionStep). */
  readonly conditions: Condition | readonly Condition[];
  readonly ifSteps?: readonly AnyStep[];
  readonly elseSteps?: readonly AnyStep[];
}
/** A condition step object. */
export interface ConditionStep extends AnyStep {
  readonly type: 'condition';
  readonly config: ConditionStepConfig;
}
/** A condition step (SageMaker ConditionStep): runs `ifSteps` when every condition holds, else `elseSteps`. */
export function defineConditionStep(config: ConditionStepConfig): ConditionStep {
  return Object.freeze({ [BRAND]: 'step', name: config.name, type: 'condition', config } as const);
}

/** Declaration of a fail step. */
export interface FailStepConfig extends StepCommonConfig {
  /** The failure reason of the execution; a literal or an expression such as a Join. */
  readonly errorMessage: Value;
}
/** A fail step object. */
export interface FailStep extends AnyStep {
  readonly type: 'fail';
  readonly config: FailStepConfig;
}
/** A fail step (SageMaker FailStep): ends the execution as Failed with `errorMessage`. */
export function defineFailStep(config: FailStepConfig): FailStep {
  return Object.freeze({ [BRAND]: 'step', name: config.name, type: 'fail', config } as const);
}

/** Declaration of a register-model step. */
export interface RegisterModelStepConfig extends StepCommonConfig {
  /** Model package group name (SageMaker ModelPackageGroupName). */
  readonly modelPackageGroup: string;
  /** A `Model` output of a training step. */
  readonly model: StepOutput<'Model'>;
  /** Initial approval status; default `PendingManualApproval`. */
  readonly approvalStatus?: ApprovalStatus;
  /** An evaluation report attached to the package (a `Metrics` or `Report` output). */
  readonly metricsArtifact?: StepOutput<'Metrics' | 'Report'>;
  /** Metric values stored on the package, e.g. `{ accuracy: evaluate.propertyFiles.evaluation.get('metrics.accuracy') }`. */
  readonly metrics?: Readonly<Record<string, Value>>;
}
/** A register-model step object. */
export interface RegisterModelStep extends AnyStep {
  readonly type: 'register-model';
  readonly config: RegisterModelStepConfig;
}
/** A register-model step (SageMaker RegisterModel / ModelStep): registers a model output in a model package group. */
export function defineRegisterModelStep(config: RegisterModelStepConfig): RegisterModelStep {
  return Object.freeze({ [BRAND]: 'step', name: config.name, type: 'register-model', config } as const);
}

/** Declaration of a callback step; `outputs` maps names to parameter types. */
export interface CallbackStepConfig<O extends Readonly<Record<string, ParameterType>>> extends StepCommonConfig {
  /** Shown to whoever must send the signal. */
  readonly message?: Value;
  /** Typed values the signal must provide, readable downstream as `step.outputs.<name>`. */
  readonly outputs?: O;
  /** ISO-8601 duration or seconds to wait; default forever. */
  readonly timeout?: string | number;
}
/** A callback step with typed `outputs`. */
export interface CallbackStep<O extends Readonly<Record<string, ParameterType>> = Readonly<Record<string, ParameterType>>> extends AnyStep {
  readonly type: 'callback';
  readonly config: CallbackStepConfig<O>;
  readonly outputs: { readonly [K in keyof O & string]: CallbackOutput<O[K]> & { readonly valueKind: KindOfParameter<O[K]> } };
}
/** A callback step (SageMaker CallbackStep / manual approval): waits for an external signal with typed outputs. */
export function defineCallbackStep<const O extends Readonly<Record<string, ParameterType>> = Empty>(
  config: CallbackStepConfig<O>,
): CallbackStep<O> {
  const step = { [BRAND]: 'step', name: config.name, type: 'callback', config } as unknown as Mutable<CallbackStep<O>>;
  const outputs: Record<string, CallbackOutput> = {};
  for (const [name, type] of Object.entries(config.outputs ?? {}) as [string, ParameterType][]) {
    const valueKind = type === 'String' ? 'string' : type === 'Boolean' ? 'boolean' : 'number';
    outputs[name] = { [BRAND]: 'expression', valueKind, expression: 'callbackOutput', step, output: name, type } as CallbackOutput;
  }
  step.outputs = outputs as never;
  return Object.freeze(step);
}

/** Any step object. */
export type Step = JobStep | ConditionStep | FailStep | RegisterModelStep | CallbackStep;
