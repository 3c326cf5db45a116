/**
 * Typed values of the builder: parameters, execution variables, step outputs, JsonGet on property
 * files, callback outputs and Join. Each carries a phantom `valueKind` so that, for example, a
 * String parameter cannot be passed where a number is compared (a compile error), while the
 * compiled definition is still validated for documents that did not come from the builder.
 */
import type { ArtifactType } from '@pedigree/domain';
import type { ExecutionVariableName, ParameterType } from '../definition/types.ts';
import { BRAND, hasBrand } from './brand.ts';
import type { AnyStep } from './steps.ts';

/** What a value evaluates to; `unknown` for JsonGet (whatever the property file holds). */
export type ValueKind = 'string' | 'number' | 'boolean' | 'unknown';

/** The value kind of a parameter type. */
export type KindOfParameter<T extends ParameterType> = T extends 'String' ? 'string' : T extends 'Boolean' ? 'boolean' : 'number';
/** The TypeScript type of a parameter type's values. */
export type TypeOfParameter<T extends ParameterType> = T extends 'String' ? string : T extends 'Boolean' ? boolean : number;

interface ExpressionBase<K extends ValueKind> {
  readonly [BRAND]: 'expression';
  /** What the value evaluates to (also a phantom type parameter). */
  readonly valueKind: K;
}

/** A pipeline parameter (SageMaker ParameterString/ParameterInteger/ParameterFloat/ParameterBoolean). */
export interface ParameterRef<T extends ParameterType = ParameterType, N extends string = string> extends ExpressionBase<
  KindOfParameter<T>
> {
  readonly expression: 'parameter';
  readonly name: N;
  readonly type: T;
  readonly default: TypeOfParameter<T> | null;
  readonly enum: readonly TypeOfParameter<T>[] | null;
  readonly description: string | null;
}

/** A value known when the execution starts (SageMaker ExecutionVariables). */
export interface ExecutionVariableRef extends ExpressionBase<'string'> {
  readonly expression: 'executionVariable';
  readonly name: ExecutionVariableName;
}

/** An output channel of a job step; as an input source it feeds the artifact, as a value it is the artifact's local path. */
export interface StepOutput<A extends ArtifactType = ArtifactType> extends ExpressionBase<'string'> {
  readonly expression: 'output';
  readonly step: AnyStep;
  readonly output: string;
  readonly artifactType: A;
}

/** A value read from a property file at run time (SageMaker JsonGet). */
export interface JsonGetExpression extends ExpressionBase<'unknown'> {
  readonly expression: 'jsonGet';
  readonly propertyFile: PropertyFile;
  readonly path: string;
}

/** A typed value delivered with a callback step's signal. */
export interface CallbackOutput<T extends ParameterType = ParameterType> extends ExpressionBase<KindOfParameter<T>> {
  readonly expression: 'callbackOutput';
  readonly step: AnyStep;
  readonly output: string;
  readonly type: T;
}

/** Values joined into one string (SageMaker Join). */
export interface JoinExpression extends ExpressionBase<'string'> {
  readonly expression: 'join';
  readonly on: string;
  readonly values: readonly Value[];
}

/** Any builder expression. */
export type Expression = ParameterRef | ExecutionVariableRef | StepOutput | JsonGetExpression | CallbackOutput | JoinExpression;

/** Any value: a literal or an expression. */
export type Value = string | number | boolean | Expression;
/** A value usable where a number is needed (literal, Integer/Float parameter, numeric callback output, JsonGet). */
export type NumberValue = number | ExpressionBase<'number' | 'unknown'>;
/** A value usable where a string is needed. */
export type StringValue = string | ExpressionBase<'string' | 'unknown'>;
/** A value usable where a boolean is needed. */
export type BooleanValue = boolean | ExpressionBase<'boolean' | 'unknown'>;
/** A value of a given kind. */
export type ValueOfKind<K extends 'string' | 'number' | 'boolean'> = K extends 'string'
  ? StringValue
  : K extends 'number'
    ? NumberValue
    : BooleanValue;

/** A JSON file a job step writes into one of its outputs (SageMaker PropertyFile); read it with `get(path)` or `JsonGet`. */
export interface PropertyFile {
  readonly [BRAND]: 'propertyFile';
  readonly step: AnyStep;
  readonly name: string;
  readonly output: string;
  readonly path: string;
  /** A JsonGet of `path` (e.g. `metrics.accuracy`, `classes[0].f1`) in this file. */
  get(path: string): JsonGetExpression;
}

/** True for any builder expression (parameter, output, JsonGet, Join, ...). */
export function isExpression(value: unknown): value is Expression {
  return hasBrand(value, 'expression');
}

/** True for a parameter made by `defineParameter`/`defineParameters`/`definePipeline`. */
export function isParameterRef(value: unknown): value is ParameterRef {
  return isExpression(value) && value.expression === 'parameter';
}

/** True for a property file of a job step. */
export function isPropertyFile(value: unknown): value is PropertyFile {
  return hasBrand(value, 'propertyFile');
}

/** A value read from a property file at `path` when the step runs (SageMaker JsonGet); same as `file.get(path)`. */
export function JsonGet(propertyFile: PropertyFile, path: string): JsonGetExpression {
  return { [BRAND]: 'expression', valueKind: 'unknown', expression: 'jsonGet', propertyFile, path };
}

/** Values joined with `on` (default '') into one string (SageMaker Join); e.g. `Join({ on: '/', values: ['runs', ExecutionVariables.PIPELINE_EXECUTION_ID] })`. */
export function Join(options: { readonly on?: string; readonly values: readonly Value[] }): JoinExpression {
  return { [BRAND]: 'expression', valueKind: 'string', expression: 'join', on: options.on ?? '', values: [...options.values] };
}

function executionVariable(name: ExecutionVariableName): ExecutionVariableRef {
  return Object.freeze({ [BRAND]: 'expression', valueKind: 'string', expression: 'executionVariable', name } as const);
}

/** Values known when an execution starts (SageMaker ExecutionVariables); all are strings. */
export const ExecutionVariables = Object.freeze({
  /** The execution's id. */
  PIPELINE_EXECUTION_ID: executionVariable('ExecutionId'),
  /** The pipeline's name. */
  PIPELINE_NAME: executionVariable('PipelineName'),
  /** The pipeline version (definition hash) being run. */
  PIPELINE_VERSION: executionVariable('PipelineVersion'),
  /** When the execution started, ISO-8601 UTC. */
  START_DATETIME: executionVariable('StartDateTime'),
});

// ---- parameters ----

/** A parameter declaration before it has a name (the key of the `parameters` record names it). */
export interface ParameterSpec<T extends ParameterType = ParameterType> {
  readonly [BRAND]: 'parameter';
  readonly type: T;
  readonly default: TypeOfParameter<T> | null;
  readonly enum: readonly TypeOfParameter<T>[] | null;
  readonly description: string | null;
}

/** Options of a parameter: `default` (none = required at start), allowed values, description. */
export interface ParameterOptions<V> {
  readonly default?: V;
  readonly enum?: readonly V[];
  readonly description?: string;
}

function spec<T extends ParameterType>(type: T, options: ParameterOptions<TypeOfParameter<T>> = {}): ParameterSpec<T> {
  return {
    [BRAND]: 'parameter',
    type,
    default: options.default ?? null,
    enum: options.enum ? [...options.enum] : null,
    description: options.description ?? null,
  };
}

/** Declares typed pipeline parameters; name them with the keys of `definePipeline({ parameters })` or `defineParameters`. No default = required at start. */
export const defineParameter = Object.freeze({
  /** A String parameter (SageMaker ParameterString). */
  string: (options?: ParameterOptions<string>): ParameterSpec<'String'> => spec('String', options),
  /** An Integer parameter (SageMaker ParameterInteger). */
  integer: (options?: ParameterOptions<number>): ParameterSpec<'Integer'> => spec('Integer', options),
  /** A Float parameter (SageMaker ParameterFloat). */
  float: (options?: ParameterOptions<number>): ParameterSpec<'Float'> => spec('Float', options),
  /** A Boolean parameter (SageMaker ParameterBoolean). */
  boolean: (options?: ParameterOptions<boolean>): ParameterSpec<'Boolean'> => spec('Boolean', options),
});

/** A record of parameter specs or already-named parameters. */
export type ParameterSpecs = Readonly<Record<string, ParameterSpec | ParameterRef>>;

/** The typed parameter references for a record of specs. */
export type ParameterRefs<P extends ParameterSpecs> = {
  readonly [K in keyof P & string]: P[K] extends ParameterRef ? P[K] : P[K] extends ParameterSpec<infer T> ? ParameterRef<T, K> : never;
};

/** Names parameter specs by their keys and returns typed references usable in any step (`params.Threshold`). */
export function defineParameters<const P extends ParameterSpecs>(specs: P): ParameterRefs<P> {
  const refs: Record<string, ParameterRef> = {};
  for (const [name, value] of Object.entries(specs)) {
    if (isParameterRef(value)) refs[name] = value;
    else refs[name] = { ...value, [BRAND]: 'expression', valueKind: kindOf(value.type), expression: 'parameter', name } as ParameterRef;
  }
  return refs as ParameterRefs<P>;
}

function kindOf(type: ParameterType): 'string' | 'number' | 'boolean' {
  return type === 'String' ? 'string' : type === 'Boolean' ? 'boolean' : 'number';
}
