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
export { parseIsoDuration, isIsoDuration } from './duration.ts';
export { resolveParameterValues } from './parameters.ts';
