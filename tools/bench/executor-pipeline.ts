/**
 * The benchmark pipeline: `groups` groups of 50 handler steps each, chained one after another.
 * A group is a source step that fans out into 8 chains of 6 steps, which fan back in to one join
 * step (8 inputs); the next group's source consumes that join. So the DAG mixes long chains,
 * fan-out and fan-in, and at most 8 steps are ready at once.
 */
import { fileURLToPath } from 'node:url';
import {
  compilePipeline,
  definePipeline,
  defineProcessingStep,
  handler,
  type AnyStep,
  type PipelineDefinition,
  type StepOutput,
} from '@pedigree/sdk';

export const CHAINS_PER_GROUP = 8;
export const CHAIN_LENGTH = 6;
export const STEPS_PER_GROUP = 1 + CHAINS_PER_GROUP * CHAIN_LENGTH + 1;
/** The directory holding the handler module; the benchmark executor's project root. */
export const BENCH_PROJECT_ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * A pipeline of `steps` trivial handler steps (a multiple of 50), every step cached. `salt` is an
 * argument of every step: cache keys do not include the pipeline name, so pipelines that must not
 * serve each other from the cache need different salts. Throws RangeError on a bad step count.
 */
export function buildBenchPipeline(steps: number, options: { readonly name?: string; readonly salt?: string } = {}): PipelineDefinition {
  const { name = 'bench-executor', salt = 'bench' } = options;
  if (!Number.isInteger(steps) || steps <= 0 || steps % STEPS_PER_GROUP !== 0) {
    throw new RangeError(`steps must be a positive multiple of ${STEPS_PER_GROUP}, got ${steps}`);
  }
  const all: AnyStep[] = [];
  let index = 0;
  const step = (stepName: string, inputs: Record<string, StepOutput>) => {
    const defined = defineProcessingStep({
      name: stepName,
      run: handler('executor-handler.ts', 'benchStep'),
      inputs,
      outputs: { out: 'DataSet' },
      arguments: { index: index++, salt },
      cache: true,
    });
    all.push(defined);
    return defined;
  };

  let previousJoin: ReturnType<typeof step> | null = null;
  for (let g = 0; g < steps / STEPS_PER_GROUP; g++) {
    const source = step(`g${g}-source`, previousJoin ? { in: previousJoin.outputs.out } : {});
    const ends: Record<string, StepOutput> = {};
    for (let c = 0; c < CHAINS_PER_GROUP; c++) {
      let last = source;
      for (let s = 0; s < CHAIN_LENGTH; s++) last = step(`g${g}-c${c}-s${s}`, { in: last.outputs.out });
      ends[`c${c}`] = last.outputs.out;
    }
    previousJoin = step(`g${g}-join`, ends);
  }
  return compilePipeline(definePipeline({ name, steps: all }), { projectRoot: BENCH_PROJECT_ROOT }).definition;
}
