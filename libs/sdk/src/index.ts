export * from './definition/types.ts';
export type { StepContext, StepHandler } from './handler.ts';
