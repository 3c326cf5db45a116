import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestExecutor, type TestExecutor } from './testing/index.ts';

let t: TestExecutor;
beforeEach(async () => {
  t = await createTestExecutor();
  await t.writeProjectFile(
    'steps.ts',
    `import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
export async function prepare(ctx: any) {
  await writeFile(path.join(ctx.outputs.data, 'rows.txt'), 'a\\nb\\nc\\n');
  ctx.log('prepared');
}
export async function count(ctx: any) {
  const text = await readFile(path.join(ctx.inputs.data, 'rows.txt'), 'utf8');
  const n = text.trim().split('\\n').length * Number(ctx.args.factor);
  await writeFile(path.join(ctx.outputs.metrics, 'metrics.json'), JSON.stringify({ rows: n, nested: { ok: true } }));
  return { counted: n };
}
`,
  );
});
afterEach(async () => {
  await t.cleanup();
});

const base = {
  name: 'basics',
  parameters: [{ name: 'Factor', type: 'Integer', default: 1 }],
  steps: [
    {
      name: 'prepare',
      type: 'processing',
      run: { kind: 'handler', module: 'steps.ts', export: 'prepare' },
      outputs: [{ name: 'data', type: 'DataSet' }],
    },
    {
      name: 'count',
      type: 'evaluation',
      run: { kind: 'handler', module: 'steps.ts', export: 'count' },
      inputs: [{ name: 'data', source: { kind: 'output', step: 'prepare', output: 'data' }, type: 'DataSet' }],
      outputs: [{ name: 'metrics', type: 'Metrics' }],
      propertyFiles: [{ name: 'metrics', output: 'metrics', path: 'metrics.json' }],
      arguments: { factor: { kind: 'parameter', name: 'Factor' } },
    },
    {
      name: 'check',
      type: 'condition',
      conditions: [
        {
          kind: 'greaterThanOrEqual',
          left: { kind: 'jsonGet', step: 'count', propertyFile: 'metrics', path: 'rows' },
          right: { kind: 'literal', value: 3 },
        },
      ],
      ifSteps: ['good'],
      elseSteps: ['bad'],
    },
    {
      name: 'good',
      type: 'processing',
      run: {
        kind: 'command',
        argv: [
          { kind: 'literal', value: 'node' },
          { kind: 'literal', value: '-e' },
          { kind: 'literal', value: "console.log('hello from', process.env.PEDIGREE_ARG_WHO)" },
        ],
      },
      arguments: { who: { kind: 'executionVariable', name: 'PipelineName' } },
    },
    {
      name: 'bad',
      type: 'fail',
      errorMessage: {
        kind: 'join',
        on: ' ',
        values: [
          { kind: 'literal', value: 'too few rows:' },
          { kind: 'jsonGet', step: 'count', propertyFile: 'metrics', path: 'rows' },
        ],
      },
    },
  ],
};

describe('executor basics', () => {
  it('runs handler and command steps, resolves JsonGet in a condition and skips the branch not taken', async () => {
    const { execution, steps } = await t.run(base);
    expect(execution.status, execution.failureReason ?? '').toBe('Succeeded');
    expect(steps['prepare']!.status).toBe('Succeeded');
    expect(steps['count']!.properties).toMatchObject({ propertyFiles: { metrics: { rows: 3 } }, result: { counted: 3 } });
    expect(steps['check']!.properties).toEqual({ outcome: true });
    expect(steps['good']!.status).toBe('Succeeded');
    expect(steps['bad']!.status).toBe('Skipped');
    const logs = t.events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? `${e.stepName}:${e.line}` : ''));
    expect(logs).toContain('prepare:prepared');
    expect(logs).toContain('good:hello from basics');
    const logFile = path.join(t.dataDir, 'logs', execution.id, 'good', 'attempt-1.stdout.log');
    expect(await readFile(logFile, 'utf8')).toBe('hello from basics\n');
  });

  it('ends the execution Failed with the fail step message when the else branch is taken', async () => {
    const { execution, steps } = await t.run(base, { Factor: 0 });
    expect(execution.status).toBe('Failed');
    expect(execution.failureReason).toBe('too few rows: 0');
    expect(steps['bad']!.status).toBe('Failed');
    expect(steps['good']!.status).toBe('Skipped');
  });
});
