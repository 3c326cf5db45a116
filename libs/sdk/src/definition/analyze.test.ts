import { ValidationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { irisDefinition, jobStep } from '../testing/definitions.ts';
import { analyzeDefinition } from './analyze.ts';
import type { PipelineDefinition } from './types.ts';

const sets = (map: ReadonlyMap<string, ReadonlySet<string>>) => Object.fromEntries([...map].map(([k, v]) => [k, [...v].sort()]));

describe('analyzeDefinition', () => {
  it('derives dependencies from references, dependsOn and branch membership', () => {
    const analysis = analyzeDefinition(irisDefinition());
    expect(sets(analysis.dependencies)).toEqual({
      prepare: [],
      train: ['prepare'],
      evaluate: ['prepare', 'train'],
      check: ['evaluate'],
      register: ['check', 'evaluate', 'train'],
      fail: ['check'],
    });
    expect(sets(analysis.dependents)).toEqual({
      prepare: ['evaluate', 'train'],
      train: ['evaluate', 'register'],
      evaluate: ['check', 'register'],
      check: ['fail', 'register'],
      register: [],
      fail: [],
    });
    expect(Object.fromEntries(analysis.branchOf)).toEqual({
      register: { condition: 'check', branch: 'if' },
      fail: { condition: 'check', branch: 'else' },
    });
    expect(analysis.order).toEqual(['prepare', 'train', 'evaluate', 'check', 'register', 'fail']);
  });

  it('orders forward references topologically, keeping declared order among ready steps', () => {
    const def: PipelineDefinition = {
      ...irisDefinition(),
      parameters: [],
      steps: [
        jobStep('c', { inputs: [{ name: 'in', source: { kind: 'output', step: 'b', output: 'out' }, type: 'DataSet' }] }),
        jobStep('a'),
        jobStep('b', { outputs: [{ name: 'out', type: 'DataSet', description: null }], dependsOn: ['a'] }),
        jobStep('d'),
      ],
    };
    expect(analyzeDefinition(def).order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('throws a ValidationError naming the cycle', () => {
    const def: PipelineDefinition = {
      ...irisDefinition(),
      parameters: [],
      steps: [jobStep('a', { dependsOn: ['b'] }), jobStep('b', { dependsOn: ['a'] })],
    };
    expect(() => analyzeDefinition(def)).toThrow(ValidationError);
    expect(() => analyzeDefinition(def)).toThrow(/a -> b -> a/);
  });

  it('handles a long chain without overflowing the stack', () => {
    const steps = Array.from({ length: 5000 }, (_, i) => jobStep(`s${i}`, { dependsOn: i === 0 ? [] : [`s${i - 1}`] }));
    const analysis = analyzeDefinition({ ...irisDefinition(), parameters: [], steps: steps.reverse() });
    expect(analysis.order[0]).toBe('s0');
    expect(analysis.order[4999]).toBe('s4999');
  });
});

describe('analyzeDefinition at scale', () => {
  it('orders 20,000 independent and chained steps quickly, in declared order among ready ones', () => {
    const steps = Array.from({ length: 20_000 }, (_, i) => jobStep(`s${i}`, { dependsOn: i % 2 === 1 ? [`s${i - 1}`] : [] }));
    const started = performance.now();
    const analysis = analyzeDefinition({ ...irisDefinition(), parameters: [], steps });
    expect(performance.now() - started).toBeLessThan(2_000);
    // Declared order is already topological here, so the order is exactly the declared one.
    expect(analysis.order).toEqual(steps.map((s) => s.name));
  });
});
