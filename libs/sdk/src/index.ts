export * from './definition/types.ts';
export type { StepContext, StepHandler } from './handler.ts';
export { parseDefinition } from './definition/parse.ts';
export {
  validateDefinition,
  PIPELINE_NAME_PATTERN,
  STEP_NAME_PATTERN,
  PARAMETER_NAME_PATTERN,
  CHANNEL_NAME_PATTERN,
  VARIABLE_NAME_PATTERN,
  MODEL_PACKAGE_GROUP_PATTERN,
  RETRY_LIMITS,
} from './definition/validate.ts';
export { analyzeDefinition, type DefinitionAnalysis } from './definition/analyze.ts';
export { parseJsonPath, readJsonPath, type JsonPathSegment } from './definition/json-path.ts';
export { stepReferences, type StepReference, type StepReferenceKind } from './definition/references.ts';
export { pipelineDefinitionSchema, DEFAULT_CACHE_CONFIG, DEFAULT_RETRY } from './definition/schema.ts';
export { definitionJsonSchema, DEFINITION_SCHEMA_ID } from './definition/json-schema.ts';
export { parseIsoDuration, isIsoDuration, ISO_DURATION_PATTERN } from './duration.ts';
export { resolveParameterValues } from './parameters.ts';

// ---- the builder API ----
export {
  defineParameter,
  defineParameters,
  JsonGet,
  Join,
  ExecutionVariables,
  isExpression,
  isParameterRef,
  isPropertyFile,
  type ValueKind,
  type Value,
  type NumberValue,
  type StringValue,
  type BooleanValue,
  type Expression,
  type ParameterRef,
  type ParameterSpec,
  type ParameterSpecs,
  type ParameterRefs,
  type ParameterOptions,
  type ExecutionVariableRef,
  type StepOutput,
  type JsonGetExpression,
  type CallbackOutput,
  type JoinExpression,
  type PropertyFile,
} from './builder/expressions.ts';
export {
  equals,
  greaterThan,
  greaterThanOrEqual,
  lessThan,
  lessThanOrEqual,
  In,
  Not,
  And,
  Or,
  ConditionEquals,
  ConditionGreaterThan,
  ConditionGreaterThanOrEqualTo,
  ConditionLessThan,
  ConditionLessThanOrEqualTo,
  ConditionIn,
  ConditionNot,
  ConditionAnd,
  ConditionOr,
  isCondition,
  type Condition,
} from './builder/conditions.ts';
export {
  defineProcessingStep,
  defineTrainingStep,
  defineEvaluationStep,
  defineConditionStep,
  defineFailStep,
  defineRegisterModelStep,
  defineCallbackStep,
  handler,
  command,
  isStep,
  type AnyStep,
  type Step,
  type JobStep,
  type JobStepType,
  type JobStepConfig,
  type ConditionStep,
  type ConditionStepConfig,
  type FailStep,
  type FailStepConfig,
  type RegisterModelStep,
  type RegisterModelStepConfig,
  type CallbackStep,
  type CallbackStepConfig,
  type RunConfig,
  type HandlerRunConfig,
  type CommandRunConfig,
  type InputConfig,
  type InputSourceConfig,
  type OutputConfig,
  type CacheConfigInput,
  type RetryConfig,
} from './builder/steps.ts';
export { definePipeline, isPipeline, type Pipeline, type PipelineConfig } from './builder/pipeline.ts';
export { compilePipeline, type CompileOptions, type CompiledPipeline } from './builder/compile.ts';
