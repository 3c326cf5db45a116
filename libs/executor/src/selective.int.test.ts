import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepExecution } from '@pedigree/domain';
import { selectionIssues } from './executor.ts';
import { createTestExecutor, testPipeline, type TestExecutor } from './testing/index.ts';

let t: TestExecutor;
beforeEach(async () => {
  t = await createTestExecutor();
});
afterEach(async () => {
  await t.cleanup();
});

const lit = (value: string | number) => ({ kind: 'literal' as const, value });

function pipeline() {
  const log = path.join(t.dir, 'runs.txt');
  const step = (name: string, script: string, extra: Record<string, unknown>) => ({
    name,
    type: 'processing',
    run: {
      kind: 'command',
      argv: [lit('node'), lit('-e'), lit(`require('fs').appendFileSync(${JSON.stringify(log)}, '${name}\\n'); ${script}`)],
    },
    ...extra,
  });
  return testPipeline({
    name: 'selective',
    parameters: [{ name: 'PrepareExit', type: 'Integer', default: 0 }],
    steps: [
      step(
        'prepare',
        `require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_DATA + '/d.txt', 'data'); process.exit(Number(process.env.PEDIGREE_ARG_EXIT))`,
        {
          outputs: [{ name: 'data', type: 'DataSet' }],
          arguments: { exit: { kind: 'parameter', name: 'PrepareExit' } },
        },
      ),
      step(
        'train',
        `require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_MODEL + '/m.txt', require('fs').readFileSync(process.env.PEDIGREE_INPUT_DATA + '/d.txt', 'utf8') + '!')`,
        {
          type: 'training',
          inputs: [{ name: 'data', source: { kind: 'output', step: 'prepare', output: 'data' }, type: 'DataSet' }],
          outputs: [{ name: 'model', type: 'Model' }],
        },
      ),
      step('evaluate', '', { inputs: [{ name: 'model', source: { kind: 'output', step: 'train', output: 'model' }, type: 'Model' }] }),
    ],
  });
}

describe('selective execution', () => {
  it('runs only the chosen steps and reuses the reference execution results for the rest', async () => {
    const reference = await t.run(pipeline());
    expect(reference.execution.status).toBe('Succeeded');
    const id = await t.executor.startSelective({ referenceExecutionId: reference.execution.id, steps: ['train'] });
    const ended = await t.executor.wait(id);
    expect(ended.status, ended.failureReason ?? '').toBe('Succeeded');
    const { steps } = await t.outcome(id);
    expect(steps['prepare']).toMatchObject({ status: 'Cached', cacheHit: true, reusedStepExecutionId: reference.steps['prepare']!.id });
    expect(steps['train']!.status).toBe('Succeeded');
    expect(steps['evaluate']).toBeUndefined();
    expect((await readFile(path.join(t.dir, 'runs.txt'), 'utf8')).trim().split('\n')).toEqual(['prepare', 'train', 'evaluate', 'train']);
    const trainInputs = await t.store.listStepArtifacts([steps['train']!.id]);
    const refOutputs = await t.store.listStepArtifacts([reference.steps['prepare']!.id]);
    expect(trainInputs.find((l) => l.direction === 'input')!.artifact.id).toBe(
      refOutputs.find((l) => l.direction === 'output')!.artifact.id,
    );
  });

  it('refuses with a clear error when a chosen step needs what the reference does not have', async () => {
    const failed = await t.run(pipeline(), { PrepareExit: 2 });
    expect(failed.execution.status).toBe('Failed');
    await expect(t.executor.startSelective({ referenceExecutionId: failed.execution.id, steps: ['train'] })).rejects.toThrow(
      /step train needs step prepare, which did not succeed in reference execution/,
    );
    await expect(t.executor.startSelective({ referenceExecutionId: failed.execution.id, steps: ['nope'] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'steps.nope', message: expect.stringContaining('has no step nope') }],
    });
    const ok = await t.executor.startSelective({
      referenceExecutionId: failed.execution.id,
      steps: ['prepare', 'train', 'evaluate'],
      parameters: { PrepareExit: 0 },
    });
    expect((await t.executor.wait(ok)).status).toBe('Succeeded');
  });

  it('names the missing output of a step that succeeded without it', () => {
    const def = pipeline();
    const prepare = { stepName: 'prepare', status: 'Succeeded', properties: {} } as unknown as StepExecution;
    const issues = selectionIssues(def, 'ex_ref', [prepare], ['train'], new Map([['prepare', new Set<string>()]]));
    expect(issues).toEqual([
      { path: 'steps.train', message: 'step train needs output data of step prepare, which reference execution ex_ref does not have' },
    ]);
  });
});
