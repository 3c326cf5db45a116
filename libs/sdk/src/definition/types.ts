/**
 * The compiled pipeline definition: the canonical, versioned JSON document that the SDK emits,
 * the API stores (one immutable PipelineVersion per distinct document) and the executor runs.
 *
 * Rules for the document:
 * - Every field is present (absent optional values are `null`, empty lists `[]`), so a parsed
 *   document equals the compiled one and its canonical JSON is stable.
 * - No timestamps and no absolute temporary paths. File paths in `uri` inputs and handler modules
 *   are relative to the project root (the directory of the pipeline file) unless written as
 *   `file:///...` by the user.
 * - Steps keep the order they were declared in; object keys are sorted by the canonical encoder.
 * - `definitionHash` = sha256 of the canonical JSON of the whole document.
 */
import type { ApprovalStatus, ArtifactType, FailureKind, StepType } from '@pedigree/domain';

export const DEFINITION_SCHEMA_VERSION = '1' as const;
export type DefinitionSchemaVersion = typeof DEFINITION_SCHEMA_VERSION;

export const PARAMETER_TYPES = ['String', 'Integer', 'Float', 'Boolean'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface ParameterDefinition {
  readonly name: string;
  readonly type: ParameterType;
  /** null = the parameter is required at start. */
  readonly default: string | number | boolean | null;
  /** null = any value of the type. */
  readonly enum: readonly (string | number | boolean)[] | null;
  readonly description: string | null;
}

export const EXECUTION_VARIABLES = ['ExecutionId', 'PipelineName', 'PipelineVersion', 'StartDateTime'] as const;
export type ExecutionVariableName = (typeof EXECUTION_VARIABLES)[number];

/** A value resolved at run time (SageMaker: Parameter, ExecutionVariable, Properties, JsonGet, Join). */
export type ValueExpr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'executionVariable'; readonly name: ExecutionVariableName }
  /** An earlier step's output artifact; as a value it resolves to the artifact's local path (command/handler) or URI. */
  | { readonly kind: 'output'; readonly step: string; readonly output: string }
  /** A value read from a property file (JSON written by an earlier step) at a dotted/bracket path, e.g. `metrics.accuracy` or `classes[0].f1`. */
  | { readonly kind: 'jsonGet'; readonly step: string; readonly propertyFile: string; readonly path: string }
  /** A value a callback step received with its signal. */
  | { readonly kind: 'callbackOutput'; readonly step: string; readonly output: string }
  /** Values joined into one string with a separator (SageMaker Join). */
  | { readonly kind: 'join'; readonly on: string; readonly values: readonly ValueExpr[] };

/** A condition (SageMaker ConditionEquals, ConditionGreaterThan..., ConditionIn, ConditionNot, ConditionOr; and). */
export type ConditionExpr =
  | {
      readonly kind: 'equals' | 'greaterThan' | 'greaterThanOrEqual' | 'lessThan' | 'lessThanOrEqual';
      readonly left: ValueExpr;
      readonly right: ValueExpr;
    }
  | { readonly kind: 'in'; readonly value: ValueExpr; readonly values: readonly ValueExpr[] }
  | { readonly kind: 'not'; readonly condition: ConditionExpr }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly ConditionExpr[] };

/** Where an input channel's data comes from. */
export type InputSource =
  /** A dataset URI: a project-relative file path, `file:///abs/path`, or `openlineage://namespace/name` (a dataset ingested from OpenLineage; no bytes, see docs/openlineage.md). */
  | { readonly kind: 'uri'; readonly uri: string }
  /** A String parameter whose value is such a URI. */
  | { readonly kind: 'parameter'; readonly name: string }
  /** An earlier step's output channel. */
  | { readonly kind: 'output'; readonly step: string; readonly output: string };

export interface InputChannel {
  readonly name: string;
  readonly source: InputSource;
  /** Artifact type recorded for uri/parameter sources (outputs keep their declared type). */
  readonly type: ArtifactType;
}

export interface OutputChannel {
  readonly name: string;
  readonly type: ArtifactType;
  readonly description: string | null;
}

/** A JSON file a step writes inside one of its output channels, readable with JsonGet (SageMaker PropertyFile). */
export interface PropertyFileDefinition {
  readonly name: string;
  readonly output: string;
  /** Path of the JSON file relative to the output channel's directory. */
  readonly path: string;
}

export type JobRun =
  /** An argv array run without a shell; elements may be expressions (parameters, Join, outputs). */
  | { readonly kind: 'command'; readonly argv: readonly ValueExpr[] }
  /** A JS/TS module (project-relative path) and the name of its exported handler function. */
  | { readonly kind: 'handler'; readonly module: string; readonly export: string };

export interface CacheConfig {
  readonly enabled: boolean;
  /** ISO-8601 duration such as `P30D` or `PT12H`; null = never expires. */
  readonly expireAfter: string | null;
}

export const RETRYABLE_FAILURE_KINDS = [
  'timeout',
  'exit-code',
  'runner-crash',
  'interrupted',
  'error',
] as const satisfies readonly FailureKind[];
export type RetryableFailureKind = (typeof RETRYABLE_FAILURE_KINDS)[number];

export interface RetryPolicy {
  /** Total attempts including the first, 1..20. */
  readonly maxAttempts: number;
  /** Delay before the second attempt, seconds (0..3600). */
  readonly initialIntervalSeconds: number;
  /** Multiplier per further attempt, 1..10. */
  readonly backoffRate: number;
  /** Upper bound of any delay, seconds (>= initialIntervalSeconds, <= 86400). */
  readonly maxIntervalSeconds: number;
  /** Which failure kinds are retried. */
  readonly retryOn: readonly RetryableFailureKind[];
  /** For `exit-code`: only these exit codes retry; null = any non-zero code. */
  readonly exitCodes: readonly number[] | null;
}

interface StepCommon {
  readonly name: string;
  readonly displayName: string | null;
  readonly description: string | null;
  /** Explicit ordering dependencies in addition to the data dependencies inferred from references. */
  readonly dependsOn: readonly string[];
}

/** Processing, training and evaluation steps are all jobs; the type says what they are for. */
export interface JobStepDefinition extends StepCommon {
  readonly type: 'processing' | 'training' | 'evaluation';
  readonly run: JobRun;
  readonly inputs: readonly InputChannel[];
  readonly outputs: readonly OutputChannel[];
  readonly propertyFiles: readonly PropertyFileDefinition[];
  /** Named arguments: passed to handlers as `args`, to commands as `PEDIGREE_ARG_<NAME>` environment variables. */
  readonly arguments: Readonly<Record<string, ValueExpr>>;
  /** Environment variables the step declares; nothing else from the parent environment reaches a command (but PATH). */
  readonly environment: Readonly<Record<string, ValueExpr>>;
  readonly cache: CacheConfig;
  /** null = one attempt. */
  readonly retry: RetryPolicy | null;
  /** null = no timeout. */
  readonly timeoutSeconds: number | null;
}

/** All `conditions` must hold (SageMaker ConditionStep semantics) for the `ifSteps` branch; otherwise `elseSteps`. */
export interface ConditionStepDefinition extends StepCommon {
  readonly type: 'condition';
  readonly conditions: readonly ConditionExpr[];
  readonly ifSteps: readonly string[];
  readonly elseSteps: readonly string[];
}

/** Ends the execution as Failed with the message (SageMaker FailStep). */
export interface FailStepDefinition extends StepCommon {
  readonly type: 'fail';
  readonly errorMessage: ValueExpr;
}

/** Registers a model output in a model package group (SageMaker RegisterModel / ModelStep). */
export interface RegisterModelStepDefinition extends StepCommon {
  readonly type: 'register-model';
  readonly modelPackageGroup: string;
  readonly model: { readonly step: string; readonly output: string };
  readonly approvalStatus: ApprovalStatus;
  /** Optional Metrics artifact (an evaluation report) attached to the package. */
  readonly metricsArtifact: { readonly step: string; readonly output: string } | null;
  /** Metric values stored on the package, e.g. `{ accuracy: JsonGet(...) }`. */
  readonly metrics: Readonly<Record<string, ValueExpr>>;
  readonly description: string | null;
}

/** Waits until an external signal (API, CLI) reports an outcome (SageMaker CallbackStep / manual approval). */
export interface CallbackStepDefinition extends StepCommon {
  readonly type: 'callback';
  readonly message: ValueExpr | null;
  /** Typed values the signal must provide; readable downstream as `callbackOutput` values. */
  readonly outputs: readonly { readonly name: string; readonly type: ParameterType }[];
  /** null = wait forever. */
  readonly timeoutSeconds: number | null;
}

export type StepDefinition =
  JobStepDefinition | ConditionStepDefinition | FailStepDefinition | RegisterModelStepDefinition | CallbackStepDefinition;

export interface PipelineDefinition {
  readonly schemaVersion: DefinitionSchemaVersion;
  readonly name: string;
  readonly description: string | null;
  readonly parameters: readonly ParameterDefinition[];
  /** null = no limit beyond the executor's own. */
  readonly maxParallelSteps: number | null;
  readonly steps: readonly StepDefinition[];
}

// Compile-time check that every StepType has a definition shape.
type _AllStepTypesCovered = StepType extends StepDefinition['type'] ? true : never;
export const _allStepTypesCovered: _AllStepTypesCovered = true;
