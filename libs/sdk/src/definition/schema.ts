/**
 * zod schemas of the compiled definition format (types.ts). They check the *shape* of a document
 * (fields, primitive types, enums) and fill the defaults of optional fields so that hand-written
 * JSON may leave them out; every semantic rule (names, references, ranges, cycles, types of
 * expressions) lives in validate.ts, so that all of those problems are reported together.
 *
 * The output type of `pipelineDefinitionSchema` is checked against `PipelineDefinition` at compile
 * time (see the end of this file): a field added to types.ts without a schema fails the typecheck.
 */
import { APPROVAL_STATUSES, ARTIFACT_TYPES } from '@pedigree/domain';
import { z } from 'zod';
import {
  DEFINITION_SCHEMA_VERSION,
  EXECUTION_VARIABLES,
  PARAMETER_TYPES,
  RETRYABLE_FAILURE_KINDS,
  type ConditionExpr,
  type PipelineDefinition,
  type ValueExpr,
} from './types.ts';
import { ISO_DURATION_PATTERN } from '../duration.ts';
import {
  CHANNEL_NAME_PATTERN,
  MODEL_PACKAGE_GROUP_PATTERN,
  PARAMETER_NAME_PATTERN,
  PIPELINE_NAME_PATTERN,
  RETRY_LIMITS,
  STEP_NAME_PATTERN,
  VARIABLE_NAME_PATTERN,
} from './validate.ts';

// JSON Schema keywords (`pattern`, `minimum`, ...) given through `.meta()` appear in the generated
// schema for editors but are not enforced by zod: validate.ts checks them, so that every such
// problem is reported together with the other semantic issues.
const named = (pattern: RegExp, description?: string) =>
  z.string().meta({ pattern: pattern.source, ...(description ? { description } : {}) });
const channelName = () => named(CHANNEL_NAME_PATTERN);

const primitive = z.union([z.string(), z.number(), z.boolean()]);
const stepName = z.string().meta({ description: 'Name of a step of this pipeline.' });

/** A value resolved at run time (types.ts `ValueExpr`). */
export const valueExprSchema: z.ZodType<ValueExpr> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('literal'), value: primitive }),
      z.strictObject({ kind: z.literal('parameter'), name: z.string() }),
      z.strictObject({ kind: z.literal('executionVariable'), name: z.enum(EXECUTION_VARIABLES) }),
      z.strictObject({ kind: z.literal('output'), step: stepName, output: z.string() }),
      z.strictObject({
        kind: z.literal('jsonGet'),
        step: stepName,
        propertyFile: z.string(),
        path: z.string().meta({ description: 'Dotted/bracket path into the JSON document, e.g. `metrics.accuracy` or `classes[0].f1`.' }),
      }),
      z.strictObject({ kind: z.literal('callbackOutput'), step: stepName, output: z.string() }),
      z.strictObject({ kind: z.literal('join'), on: z.string(), values: z.array(valueExprSchema) }),
    ]),
  )
  .meta({
    id: 'ValueExpr',
    description: 'A value resolved at run time: literal, parameter, execution variable, step output, JsonGet, callback output or Join.',
  });

/** A condition (types.ts `ConditionExpr`). */
export const conditionExprSchema: z.ZodType<ConditionExpr> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.enum(['equals', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual']),
        left: valueExprSchema,
        right: valueExprSchema,
      }),
      z.strictObject({ kind: z.literal('in'), value: valueExprSchema, values: z.array(valueExprSchema) }),
      z.strictObject({ kind: z.literal('not'), condition: conditionExprSchema }),
      z.strictObject({ kind: z.enum(['and', 'or']), conditions: z.array(conditionExprSchema) }),
    ]),
  )
  .meta({ id: 'ConditionExpr', description: 'A comparison, `in`, or a `not`/`and`/`or` of conditions.' });

/** A parameter declaration; `default`, `enum` and `description` default to null. */
export const parameterDefinitionSchema = z
  .strictObject({
    name: named(PARAMETER_NAME_PATTERN),
    type: z.enum(PARAMETER_TYPES),
    default: primitive.nullable().default(null).meta({ description: 'null = the parameter is required at start.' }),
    enum: z.array(primitive).nullable().default(null).meta({ description: 'Allowed values; null = any value of the type.' }),
    description: z.string().nullable().default(null),
  })
  .meta({ id: 'ParameterDefinition' });

const inputSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('uri'), uri: z.string() }),
  z.strictObject({ kind: z.literal('parameter'), name: z.string() }),
  z.strictObject({ kind: z.literal('output'), step: stepName, output: z.string() }),
]);

const inputChannelSchema = z.strictObject({
  name: channelName(),
  source: inputSourceSchema,
  type: z.enum(ARTIFACT_TYPES).default('DataSet'),
});

const outputChannelSchema = z.strictObject({
  name: channelName(),
  type: z.enum(ARTIFACT_TYPES).default('DataSet'),
  description: z.string().nullable().default(null),
});

const propertyFileSchema = z.strictObject({
  name: channelName(),
  output: z.string().meta({ description: 'The output channel the file is written into.' }),
  path: z.string().meta({ description: "Path of the JSON file relative to the output channel's directory." }),
});

const jobRunSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('command'), argv: z.array(valueExprSchema) }),
  z.strictObject({
    kind: z.literal('handler'),
    module: z.string().meta({ description: 'Project-relative path of the module.' }),
    export: z.string().default('default'),
  }),
]);

/** Defaults of a cache config left out of hand-written JSON: caching off, as in SageMaker. */
export const DEFAULT_CACHE_CONFIG = { enabled: false, expireAfter: null } as const;

/** Cache config; defaults: disabled, never expires. */
export const cacheConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  expireAfter: z
    .string()
    .meta({ pattern: ISO_DURATION_PATTERN.source })
    .nullable()
    .default(null)
    .meta({ description: 'ISO-8601 duration such as `P30D`; null = never expires.' }),
});

/** Defaults of retry-policy fields left out (only `maxAttempts` is required). */
export const DEFAULT_RETRY = {
  initialIntervalSeconds: 1,
  backoffRate: 2,
  maxIntervalSeconds: 3600,
  retryOn: [...RETRYABLE_FAILURE_KINDS],
  exitCodes: null,
} as const;

/** Retry policy; only `maxAttempts` is required (defaults in DEFAULT_RETRY). */
export const retryPolicySchema = z.strictObject({
  maxAttempts: z.number().meta({
    description: 'Total attempts including the first, 1..20.',
    minimum: RETRY_LIMITS.maxAttempts.min,
    maximum: RETRY_LIMITS.maxAttempts.max,
    multipleOf: 1,
  }),
  initialIntervalSeconds: z
    .number()
    .meta({ minimum: RETRY_LIMITS.initialIntervalSeconds.min, maximum: RETRY_LIMITS.initialIntervalSeconds.max })
    .default(DEFAULT_RETRY.initialIntervalSeconds),
  backoffRate: z
    .number()
    .meta({ minimum: RETRY_LIMITS.backoffRate.min, maximum: RETRY_LIMITS.backoffRate.max })
    .default(DEFAULT_RETRY.backoffRate),
  maxIntervalSeconds: z
    .number()
    .meta({ maximum: RETRY_LIMITS.maxIntervalSeconds.max, description: 'At least initialIntervalSeconds.' })
    .default(DEFAULT_RETRY.maxIntervalSeconds),
  retryOn: z.array(z.enum(RETRYABLE_FAILURE_KINDS)).default(() => [...RETRYABLE_FAILURE_KINDS]),
  exitCodes: z
    .array(z.number().meta({ minimum: 1, maximum: 255, multipleOf: 1 }))
    .nullable()
    .default(null),
});

const valueRecord = z.record(z.string(), valueExprSchema);
const variableRecord = z.record(named(VARIABLE_NAME_PATTERN), valueExprSchema);

const common = {
  name: named(STEP_NAME_PATTERN),
  displayName: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  dependsOn: z.array(stepName).default(() => []),
};

const jobStepSchema = z.strictObject({
  ...common,
  type: z.enum(['processing', 'training', 'evaluation']),
  run: jobRunSchema,
  inputs: z.array(inputChannelSchema).default(() => []),
  outputs: z.array(outputChannelSchema).default(() => []),
  propertyFiles: z.array(propertyFileSchema).default(() => []),
  arguments: variableRecord.default(() => ({})),
  environment: variableRecord.default(() => ({})),
  cache: cacheConfigSchema.default(() => ({ ...DEFAULT_CACHE_CONFIG })),
  retry: retryPolicySchema.nullable().default(null),
  timeoutSeconds: z.number().meta({ exclusiveMinimum: 0 }).nullable().default(null),
});

const conditionStepSchema = z.strictObject({
  ...common,
  type: z.literal('condition'),
  conditions: z.array(conditionExprSchema),
  ifSteps: z.array(stepName).default(() => []),
  elseSteps: z.array(stepName).default(() => []),
});

const failStepSchema = z.strictObject({
  ...common,
  type: z.literal('fail'),
  errorMessage: valueExprSchema,
});

const stepOutputRefSchema = z.strictObject({ step: stepName, output: z.string() });

const registerModelStepSchema = z.strictObject({
  ...common,
  type: z.literal('register-model'),
  modelPackageGroup: named(MODEL_PACKAGE_GROUP_PATTERN),
  model: stepOutputRefSchema,
  approvalStatus: z.enum(APPROVAL_STATUSES).default('PendingManualApproval'),
  metricsArtifact: stepOutputRefSchema.nullable().default(null),
  metrics: valueRecord.default(() => ({})),
});

const callbackStepSchema = z.strictObject({
  ...common,
  type: z.literal('callback'),
  message: valueExprSchema.nullable().default(null),
  outputs: z.array(z.strictObject({ name: channelName(), type: z.enum(PARAMETER_TYPES) })).default(() => []),
  timeoutSeconds: z.number().meta({ exclusiveMinimum: 0 }).nullable().default(null),
});

/** Any step, discriminated by `type`. */
export const stepDefinitionSchema = z
  .discriminatedUnion('type', [jobStepSchema, conditionStepSchema, failStepSchema, registerModelStepSchema, callbackStepSchema])
  .meta({ id: 'StepDefinition' });

/** The whole compiled definition document. */
export const pipelineDefinitionSchema = z
  .strictObject({
    schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION),
    name: named(PIPELINE_NAME_PATTERN),
    description: z.string().nullable().default(null),
    parameters: z.array(parameterDefinitionSchema).default(() => []),
    maxParallelSteps: z
      .number()
      .meta({ minimum: 1, multipleOf: 1 })
      .nullable()
      .default(null)
      .meta({ description: "null = no limit beyond the executor's own." }),
    steps: z.array(stepDefinitionSchema),
  })
  .meta({
    id: 'PipelineDefinition',
    title: 'Pedigree pipeline definition',
    description:
      'The compiled, canonical pipeline definition (schema version 1). Optional fields may be left out of hand-written documents.',
  });

// ---- static check: the schema's output is exactly the PipelineDefinition of types.ts ----

type DeepReadonly<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };
/** Exact type equality (not just mutual assignability: optionality and readonly-ness count too). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type SchemaOutput = DeepReadonly<z.output<typeof pipelineDefinitionSchema>>;
// A field missing from the schema, an extra field, or a different type or optionality fails here.
const _schemaMatchesTypes: Equals<SchemaOutput, DeepReadonly<PipelineDefinition>> = true;
/** Keeps the compile-time checks above referenced. */
export const _schemaTypeChecks = [_schemaMatchesTypes] as const;
