import type { JobStepDefinition } from '@pedigree/sdk';
import { describe, expect, it } from 'vitest';
import { buildBenchPipeline, CHAIN_LENGTH, CHAINS_PER_GROUP } from './executor-pipeline.ts';
import { runExecutorBenchmark } from './executor-run.ts';

describe('the executor benchmark pipeline', () => {
  it('has 1,000 cached handler steps mixing chains, fan-out and fan-in', () => {
    const definition = buildBenchPipeline(1000);
    const steps = definition.steps as JobStepDefinition[];
    expect(steps).toHaveLength(1000);
    expect(steps.every((step) => step.run.kind === 'handler' && step.cache.enabled)).toBe(true);
    const consumers = new Map<string, number>();
    for (const step of steps) {
      for (const input of step.inputs) {
        if (input.source.kind === 'output') consumers.set(input.source.step, (consumers.get(input.source.step) ?? 0) + 1);
      }
    }
    // fan-out: each group's source feeds 8 chains; fan-in: each join consumes the 8 chain ends.
    expect(consumers.get('g0-source')).toBe(CHAINS_PER_GROUP);
    expect(steps.find((step) => step.name === 'g3-join')?.inputs).toHaveLength(CHAINS_PER_GROUP);
    expect(steps.find((step) => step.name === `g3-c2-s${CHAIN_LENGTH - 1}`)?.inputs[0]?.source).toEqual({
      kind: 'output',
      step: `g3-c2-s${CHAIN_LENGTH - 2}`,
      output: 'out',
    });
    expect(steps.find((step) => step.name === 'g1-source')?.inputs[0]?.source).toMatchObject({ step: 'g0-join' });
  });

  it('rejects step counts that are not a multiple of a group', () => {
    expect(() => buildBenchPipeline(999)).toThrow(RangeError);
    expect(() => buildBenchPipeline(0)).toThrow(RangeError);
  });
});

describe('runExecutorBenchmark', () => {
  it('runs a small pipeline cold and then fully cached and reports consistent figures', async () => {
    const result = await runExecutorBenchmark({ steps: 50 });
    expect(result.steps).toBe(50);
    expect(result.totalMs).toBeGreaterThan(0);
    expect(result.handlerMs).toBeGreaterThan(0);
    expect(result.handlerMs).toBeLessThan(result.totalMs * result.maxParallelSteps);
    expect(result.perStepOverheadMs).toBeCloseTo((result.totalMs - result.handlerMs) / 50, 9);
    expect(result.cacheHitPerStepMs).toBeCloseTo(result.cachedTotalMs / 50, 9);
  }, 60_000);
});
