import { BRAND, hasBrand } from './brand.ts';
import { defineParameters, type ParameterRefs, type ParameterSpecs } from './expressions.ts';
import type { AnyStep } from './steps.ts';

/** Declaration of a pipeline (see `definePipeline`). */
export interface PipelineConfig<P extends ParameterSpecs> {
  /** `[A-Za-z0-9][A-Za-z0-9_.-]*`, at most 128 characters. */
  readonly name: string;
  readonly description?: string;
  /** Typed parameters by name, e.g. `{ Threshold: defineParameter.float({ default: 0.9 }) }`. */
  readonly parameters?: P;
  /** Steps run at the same time at most (SageMaker ParallelismConfiguration); default: the executor's limit. */
  readonly maxParallelSteps?: number;
  /** Directory that relative paths are resolved against and absolute paths made relative to (overridden by the compile option). */
  readonly projectRoot?: string | URL;
  /**
   * The steps, or a function of the typed parameters returning them. Steps reached through
   * references, `dependsOn` or condition branches are included even when not listed (as SageMaker does).
   */
  readonly steps: readonly AnyStep[] | ((params: ParameterRefs<P>) => readonly AnyStep[]);
}

/** A pipeline declared with `definePipeline`; compile it with `compilePipeline`. */
export interface Pipeline<P extends ParameterSpecs = ParameterSpecs> {
  readonly [BRAND]: 'pipeline';
  readonly name: string;
  readonly description: string | null;
  readonly parameters: ParameterRefs<P>;
  readonly maxParallelSteps: number | null;
  readonly projectRoot: string | URL | null;
  readonly steps: readonly AnyStep[];
}

/** Declares a pipeline (SageMaker Pipeline). Nothing is checked until `compilePipeline`, which reports every problem at once. */
export function definePipeline<const P extends ParameterSpecs = Record<never, never>>(config: PipelineConfig<P>): Pipeline<P> {
  const parameters = defineParameters((config.parameters ?? {}) as P);
  const steps = typeof config.steps === 'function' ? config.steps(parameters) : config.steps;
  return Object.freeze({
    [BRAND]: 'pipeline',
    name: config.name,
    description: config.description ?? null,
    parameters,
    maxParallelSteps: config.maxParallelSteps ?? null,
    projectRoot: config.projectRoot ?? null,
    steps: Object.freeze([...(steps ?? [])]),
  } as const);
}

/** True for a pipeline made by `definePipeline` (also one made by another copy of this package). */
export function isPipeline(value: unknown): value is Pipeline {
  return hasBrand(value, 'pipeline');
}
